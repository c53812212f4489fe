#pragma once

#include <QByteArray>

#include <array>
#include <memory>

struct evp_md_ctx_st;
struct evp_md_st;

namespace warroom {

QByteArray sha256Hex(const QByteArray &data);

// SHA-256 for loops that hash many small texts (every event of a timeline): the algorithm and the
// digest context are fetched and allocated once, not per call as sha256Hex does. One per thread.
class Sha256
{
public:
    using Digest = std::array<unsigned char, 32>;

    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    // All zero when OpenSSL fails, which no stored hash equals.
    Digest digest(const char *data, qsizetype size);

private:
    std::unique_ptr<evp_md_st, void (*)(evp_md_st *)> m_md;
    std::unique_ptr<evp_md_ctx_st, void (*)(evp_md_ctx_st *)> m_ctx;
};

} // namespace warroom
