#include "chain/EventHasher.h"

#include "util/JsonText.h"

#include <algorithm>
#include <charconv>

namespace warroom {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

// A JSON string as appendJsonString writes it, written straight into the buffer when the text is
// ASCII with nothing to escape (actors, kinds, step and item ids nearly always are); anything
// else goes through appendJsonString.
void appendString(QByteArray &out, const QString &text)
{
    const qsizetype start = out.size();
    out.resize(start + text.size() + 2);
    char *p = out.data() + start;
    *p++ = '"';
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c >= 0x80 || c < 0x20 || c == u'"' || c == u'\\') {
            out.resize(start);
            appendJsonString(out, text.toUtf8());
            return;
        }
        *p++ = static_cast<char>(c);
    }
    *p = '"';
}

// The same for text that is UTF-8 already (the UUID, the previous hash: hex, unless tampered).
void appendUtf8String(QByteArray &out, const QByteArray &utf8)
{
    const bool plain = std::all_of(utf8.cbegin(), utf8.cend(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 0x20 && c != '"' && c != '\\';
    });
    if (!plain) {
        appendJsonString(out, utf8);
        return;
    }
    out += '"';
    out += utf8;
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
    appendUtf8String(out, m_uuid);
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
    appendUtf8String(out, prevHash);
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
