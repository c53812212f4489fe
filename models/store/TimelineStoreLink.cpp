// TimelineStore: the shared timeline's link, forwarded to the server store (see the header).
#include "store/TimelineStore.h"

#include "store/StoreBackend.h"

namespace warroom {

bool TimelineStore::lastCommitOutcomeUnknown() const
{
    return m_server && m_server->lastCommitOutcomeUnknown();
}

bool TimelineStore::isShared() const
{
    return m_server != nullptr;
}

void TimelineStore::serviceLink()
{
    if (m_server)
        m_server->serviceLink();
}

void TimelineStore::setReconnectInBackground(bool on)
{
    if (m_server)
        m_server->setReconnectInBackground(on);
}

qint64 TimelineStore::linkGeneration() const
{
    return m_server ? m_server->linkGeneration() : 0;
}

QString TimelineStore::instanceId() const
{
    return m_server ? m_server->instanceId() : QString();
}

bool TimelineStore::peerLapsed(const QString &instance, qint64 lapseMs) const
{
    return m_server && m_server->peerLapsed(instance, lapseMs);
}

qint64 TimelineStore::peerHeardAgoMs(const QString &instance) const
{
    return m_server ? m_server->peerHeardAgoMs(instance) : -1;
}

std::optional<qint64> TimelineStore::serverClockOffsetMs() const
{
    return m_server ? m_server->serverClockOffsetMs() : std::nullopt;
}

} // namespace warroom
