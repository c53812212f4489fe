#include "timeline/EventPayload.h"

#include <QJsonDocument>

namespace warroom {

EventPayload EventPayload::fromText(QByteArray canonicalUtf8)
{
    EventPayload p;
    p.m_text = canonicalUtf8.isNull() ? QByteArray("") : std::move(canonicalUtf8);
    return p;
}

void EventPayload::parse() const
{
    m_object = QJsonDocument::fromJson(m_text).object();
    m_text = QByteArray(); // null: parsed
}

} // namespace warroom
