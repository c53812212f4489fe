#include "drill/DrillClock.h"

#include <algorithm>
#include <cmath>

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

qint64 DrillClock::pausedMs(qint64 realMs) const
{
    qint64 paused = 0;
    for (const auto &[from, to] : m_pauses)
        paused += std::clamp(realMs, from, to) - from;
    if (m_pausedAt >= 0 && realMs > m_pausedAt)
        paused += realMs - m_pausedAt;
    return paused;
}

qint64 DrillClock::drillMs(qint64 realMs) const
{
    return toDrill(std::max<qint64>(0, realMs - m_startReal - pausedMs(realMs)));
}

qint64 DrillClock::realAt(qint64 drillMs) const
{
    // Rounded up, so that the drill clock has reached drillMs at the moment returned.
    qint64 real = m_startReal + qint64(std::ceil(double(std::max<qint64>(0, drillMs)) / m_speed));
    // Each pause that began before that moment pushes it back by its length (in order).
    for (const auto &[from, to] : m_pauses) {
        if (from < real)
            real += to - from;
    }
    if (m_pausedAt >= 0 && m_pausedAt < real)
        return -1;
    return real;
}

} // namespace warroom
