#pragma once

#include "timeline/PauseSpans.h"
#include "timeline/TimelineEvent.h"

#include <QList>
#include <QPair>

namespace warroom {

// The facilitator's pauses of a drill as its timeline records them (the drill facilitator's
// notes "Drill paused at …" and "Drill resumed at …", written by DrillRunner from the words
// below), so that every screen's T+ clock, in this process or another one reading the same
// database, stands still during a pause and resumes where it stopped; drills recorded before
// the clocks froze read the same way. Fed the events in order; add() takes them one at a time
// for a screen that follows appends.
class ClockPauses
{
public:
    static constexpr QLatin1StringView facilitator{"drill facilitator"};
    static constexpr QLatin1StringView pausedPrefix{"Drill paused at "};
    static constexpr QLatin1StringView resumedPrefix{"Drill resumed at "};

    static ClockPauses fromEvents(const TimelineEvents &events);
    // A pause or resume note; any other event is passed over without parsing its payload.
    void add(const TimelineEvent &event);

    bool isPaused() const { return m_spans.isPaused(); }
    qint64 pausedSince() const { return m_spans.pausedSince(); }
    int pauseCount() const { return m_spans.count(); }
    // Real ms paused before `elapsedMs` (every pause, the open one up to elapsedMs).
    qint64 pausedMs(qint64 elapsedMs) const { return m_spans.pausedMs(elapsedMs); }
    // What a T+ clock shows at the incident's real `elapsedMs`: the time the drill ran, the
    // pauses left out; while paused, the moment the pause began (less the earlier pauses).
    qint64 shownMs(qint64 elapsedMs) const { return elapsedMs - pausedMs(elapsedMs); }

private:
    PauseSpans m_spans; // in the incident's elapsed ms
};

} // namespace warroom
