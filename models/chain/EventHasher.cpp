#include "chain/EventHasher.h"

#include "util/JsonText.h"

#include <charconv>

namespace warroom {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

// A JSON string as appendJsonString writes it, without first making a UTF-8 copy when the text
// is ASCII (actors, kinds, step and item ids nearly always are).
void appendString(QByteArray &out, const QString &text)
{
    for (const QChar ch : text) {
        if (ch.unicode() >= 0x80) {
            appendJsonString(out, text.toUtf8());
            return;
        }
    }
    out += '"';
    for (const QChar ch : text) {
        const auto c = static_cast<char>(ch.unicode());
        if (c < 0x20 || c == '"' || c == '\\') {
            // Rare: let the one escaper write it, then drop its quotes.
            QByteArray escaped;
            appendJsonString(escaped, QByteArray(1, c));
            out.append(escaped.constData() + 1, escaped.size() - 2);
        } else {
            out += c;
        }
    }
    out += '"';
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end - digits);
}

} // namespace

EventHasher::EventHasher(const QString &incidentUuid)
    : m_uuid(incidentUuid.toUtf8())
{
    m_buffer.reserve(1024);
}

EventHasher::~EventHasher() = default;

void EventHasher::writeCanonical(const TimelineEvent &event, const QByteArray &payloadUtf8,
                                 const QByteArray &prevHash)
{
    // Keys in sorted order; the payload text is canonical already. Text that is not a JSON object
    // (a tampered row) still hashes, as a string: the verifier then reports a mismatch instead of
    // failing to read it.
    const bool payloadIsJson = payloadUtf8.startsWith('{') && payloadUtf8.endsWith('}');
    QByteArray &out = m_buffer;
    out.resize(0); // keeps the capacity: one allocation for a whole timeline
    out += "{\"actor\":";
    appendString(out, event.actor);
    out += ",\"elapsed_ms\":";
    appendNumber(out, event.elapsedMs);
    out += ",\"incident\":";
    appendJsonString(out, m_uuid);
    out += ",\"item\":";
    if (event.itemId.isEmpty())
        out += "null";
    else
        appendString(out, event.itemId);
    out += ",\"kind\":";
    appendString(out, event.kind);
    out += ",\"payload\":";
    if (payloadIsJson)
        out += payloadUtf8;
    else
        appendJsonString(out, payloadUtf8);
    out += ",\"prev\":";
    appendJsonString(out, prevHash);
    out += ",\"seq\":";
    appendNumber(out, event.seq);
    out += ",\"step\":";
    if (event.stepId.isEmpty())
        out += "null";
    else
        appendString(out, event.stepId);
    out += ",\"utc_ms\":";
    appendNumber(out, event.utcMs);
    out += '}';
}

EventHasher::Digest EventHasher::digest(const TimelineEvent &event, const QByteArray &payloadUtf8,
                                        const QByteArray &prevHash)
{
    writeCanonical(event, payloadUtf8, prevHash);
    // A failure gives all zeros, which no stored hash equals: the event reads as changed.
    return m_sha.digest(m_buffer.constData(), m_buffer.size());
}

QByteArray EventHasher::hashHex(const TimelineEvent &event, const QByteArray &payloadUtf8,
                                const QByteArray &prevHash)
{
    return toHex(digest(event, payloadUtf8, prevHash));
}

bool EventHasher::equalsHex(const Digest &digest, const QByteArray &hex)
{
    if (hex.size() != qsizetype(2 * digest.size()))
        return false;
    const char *h = hex.constData();
    for (const unsigned char byte : digest) {
        if (*h++ != hexDigits[byte >> 4] || *h++ != hexDigits[byte & 0xf])
            return false;
    }
    return true;
}

QByteArray EventHasher::toHex(const Digest &digest)
{
    QByteArray out(qsizetype(2 * digest.size()), Qt::Uninitialized);
    char *h = out.data();
    for (const unsigned char byte : digest) {
        *h++ = hexDigits[byte >> 4];
        *h++ = hexDigits[byte & 0xf];
    }
    return out;
}

} // namespace warroom
