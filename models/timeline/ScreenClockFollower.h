#pragma once

#include "timeline/ScreenClock.h"

namespace warroom {

// One incident's T+ clock (ScreenClock) kept up as its append-only timeline grows: each event is
// looked at once, so a screen that asks every second costs nothing at 100,000 events. A live
// incident's clock is the time since the declaration; its events are not read.
class ScreenClockFollower
{
public:
    const ScreenClock &follow(const TimelineEvents &events, bool drill)
    {
        if (events.size() < m_seen) // another timeline: read from its start
            reset();
        if (!drill) {
            m_seen = events.size();
            return m_clock;
        }
        for (; m_seen < events.size(); ++m_seen)
            m_clock.add(events.at(m_seen));
        return m_clock;
    }
    void reset()
    {
        m_clock = ScreenClock();
        m_seen = 0;
    }

private:
    ScreenClock m_clock;
    qsizetype m_seen = 0;
};

} // namespace warroom
