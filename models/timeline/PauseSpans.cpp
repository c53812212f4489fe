#include "timeline/PauseSpans.h"

#include <algorithm>

namespace warroom {

void PauseSpans::begin(qint64 ms)
{
    if (m_pausedAt < 0)
        m_pausedAt = ms;
}

void PauseSpans::end(qint64 ms)
{
    if (m_pausedAt < 0)
        return;
    m_closed.append({m_pausedAt, std::max(ms, m_pausedAt)});
    m_pausedAt = -1;
}

qint64 PauseSpans::pausedMs(qint64 ms) const
{
    qint64 paused = 0;
    for (const auto &[from, to] : m_closed)
        paused += std::clamp(ms, from, to) - from;
    if (m_pausedAt >= 0 && ms > m_pausedAt)
        paused += ms - m_pausedAt;
    return paused;
}

qint64 PauseSpans::drillMs(qint64 startMs, double speed, qint64 ms) const
{
    return qRound64(double(std::max<qint64>(0, ms - startMs - pausedMs(ms))) * speed);
}

} // namespace warroom
