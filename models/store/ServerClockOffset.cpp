#include "store/ServerClockOffset.h"

#include <cstdlib>

namespace warroom {

void ServerClockOffset::measured(qint64 sentMs, qint64 serverMs, qint64 answeredMs)
{
    if (answeredMs < sentMs)
        return;
    const qint64 uncertainty = (answeredMs - sentMs + 1) / 2;
    const qint64 offset = serverMs - (sentMs + (answeredMs - sentMs) / 2);
    // A clock set (by NTP, by hand) on either side since the kept reading: the new one is the
    // truth now, however long its round trip.
    const bool moved
        = std::llabs(offset - m_offsetMs) > uncertainty + m_uncertaintyMs + agreementMs;
    // A reading kept from a slow answer (a busy server, a long lock) gives way to a closer one.
    const bool closer = uncertainty < m_uncertaintyMs && m_uncertaintyMs > agreementMs;
    if (m_known && !moved && !closer)
        return;
    m_known = true;
    m_offsetMs = offset;
    m_uncertaintyMs = uncertainty;
}

std::optional<qint64> ServerClockOffset::offsetMs() const
{
    if (!m_known)
        return std::nullopt;
    return m_offsetMs;
}

} // namespace warroom
