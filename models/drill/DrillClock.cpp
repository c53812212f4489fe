#include "drill/DrillClock.h"

#include <algorithm>
#include <cmath>

namespace warroom {

qint64 DrillClock::drillMs(qint64 realMs) const
{
    return m_spans.drillMs(m_startReal, m_speed, realMs);
}

qint64 DrillClock::realAt(qint64 drillMs) const
{
    // Rounded up, so that the drill clock has reached drillMs at the moment returned.
    qint64 real = m_startReal + qint64(std::ceil(double(std::max<qint64>(0, drillMs)) / m_speed));
    // Each pause that began before that moment pushes it back by its length (in order).
    for (const auto &[from, to] : m_spans.closed()) {
        if (from < real)
            real += to - from;
    }
    if (m_spans.isPaused() && m_spans.pausedSince() < real)
        return -1;
    return real;
}

} // namespace warroom
