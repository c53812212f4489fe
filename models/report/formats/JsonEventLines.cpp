#include "report/formats/JsonEventLines.h"

#include "chain/EventChain.h"
#include "report/formats/ChunkedOutput.h"

namespace warroom {

void JsonEventLines::write(qsizetype from, qsizetype to)
{
    for (qsizetype n = from; n < to; ++n) {
        const TimelineEvent &e = m_r.events.at(n);
        m_out += QByteArrayView(n == 0 ? "    {\"seq\":" : ",\n    {\"seq\":");
        m_out.appendNumber(e.seq);
        if (m_r.omitted.contains(e.seq))
            m_out += QByteArrayView(",\"omitted\":true");
        else
            content(e);
        key("prev_hash");
        m_out.appendJsonString(e.prevHash);
        key("hash");
        m_out.appendJsonString(e.hash);
        m_out += '}';
    }
}

void JsonEventLines::key(const char *name)
{
    m_out += QByteArrayView(",\"");
    m_out += QByteArrayView(name);
    m_out += QByteArrayView("\":");
}

// ASCII (actors, kinds, ids nearly always) is narrowed in place; anything else goes through UTF-8.
void JsonEventLines::string(const QString &value)
{
    m_utf8.resize(value.size());
    char *p = m_utf8.data();
    for (const QChar ch : value) {
        if (ch.unicode() >= 0x80) {
            m_out.appendJsonString(value.toUtf8());
            return;
        }
        *p++ = static_cast<char>(ch.unicode());
    }
    m_out.appendJsonString(m_utf8);
}

void JsonEventLines::nullable(const QString &value)
{
    if (value.isEmpty())
        m_out += QByteArrayView("null");
    else
        string(value);
}

void JsonEventLines::content(const TimelineEvent &e)
{
    key("utc_ms");
    m_out.appendNumber(e.utcMs);
    key("elapsed_ms");
    m_out.appendNumber(e.elapsedMs);
    key("actor");
    string(e.actor);
    key("kind");
    string(e.kind);
    key("step");
    nullable(e.stepId);
    key("item");
    nullable(e.itemId);
    key("payload");
    if (e.payloadText.isNull())
        m_out += QByteArrayView(EventChain::canonicalPayload(e.payload).toUtf8());
    else
        m_out += QByteArrayView(e.payloadText);
    key("text");
    string(m_rows.text(e));
}

} // namespace warroom
