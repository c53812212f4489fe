#include "util/Sha256.h"

#include <openssl/evp.h>

namespace warroom {

// OpenSSL rather than QCryptographicHash: verify hashes every event of an incident, and
// OpenSSL's SHA-256 (with the CPU's SHA extensions where present) is three times faster here.
QByteArray sha256Hex(const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.constData(), static_cast<size_t>(data.size()), digest, &length,
                   EVP_sha256(), nullptr)
        != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length))
        .toHex();
}

} // namespace warroom

namespace warroom {

Sha256::Sha256()
    : m_md(EVP_MD_fetch(nullptr, "SHA256", nullptr), EVP_MD_free)
    , m_ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free)
{}

Sha256::~Sha256() = default;

Sha256::Digest Sha256::digest(const char *data, qsizetype size)
{
    Digest d{};
    unsigned int length = 0;
    if (!m_md || !m_ctx || EVP_DigestInit_ex(m_ctx.get(), m_md.get(), nullptr) != 1
        || EVP_DigestUpdate(m_ctx.get(), data, static_cast<size_t>(size)) != 1
        || EVP_DigestFinal_ex(m_ctx.get(), d.data(), &length) != 1 || length != d.size())
        return Digest{};
    return d;
}

} // namespace warroom
