#include "drill/DrillClock.h"

#include <algorithm>

namespace warroom {

void DrillClock::pause(qint64 realMs)
{
    if (m_pausedAt < 0)
        m_pausedAt = realMs;
}

void DrillClock::resume(qint64 realMs)
{
    if (m_pausedAt < 0)
        return;
    m_pauses.append({m_pausedAt, std::max(realMs, m_pausedAt)});
    m_pausedAt = -1;
}

qint64 DrillClock::drillMs(qint64 realMs) const
{
    qint64 paused = 0;
    for (const auto &[from, to] : m_pauses)
        paused += std::clamp(realMs, from, to) - from;
    if (m_pausedAt >= 0 && realMs > m_pausedAt)
        paused += realMs - m_pausedAt;
    return toDrill(std::max<qint64>(0, realMs - m_startReal - paused));
}

} // namespace warroom
