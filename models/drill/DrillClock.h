#pragma once

#include "timeline/PauseSpans.h"

#include <QList>
#include <QPair>
#include <QtGlobal>

#include <algorithm>

namespace warroom {

// The drill clock: time as the scenario counts it, from the drill's start, running `speed` times
// faster than the wall clock and standing still while the drill is paused. It maps moments of
// the incident's own clock (milliseconds since declaration, real time) to drill time, so an
// inject at T+0:12:00 fires twelve drill minutes in, however long a facilitator paused before.
class DrillClock
{
public:
    explicit DrillClock(double speed = 1.0)
        : m_speed(speed)
    {}

    double speed() const { return m_speed; }
    bool isPaused() const { return m_spans.isPaused(); }

    // The incident's elapsed time (real ms) at which the drill clock starts at T+0.
    void start(qint64 realMs) { m_startReal = realMs; }
    void pause(qint64 realMs) { m_spans.begin(realMs); }
    void resume(qint64 realMs) { m_spans.end(realMs); }

    // Drill time at the incident's real elapsed time `realMs` (pauses before it taken out).
    qint64 drillMs(qint64 realMs) const;
    // Real ms the drill has been paused before `realMs` (every pause, the open one up to realMs).
    qint64 pausedMs(qint64 realMs) const { return m_spans.pausedMs(realMs); }
    // A span of real time with the pauses inside it taken out: what a duration counts.
    qint64 unpausedSpan(qint64 fromRealMs, qint64 toRealMs) const
    {
        return std::max<qint64>(0, toRealMs - fromRealMs
                                       - (pausedMs(toRealMs) - pausedMs(fromRealMs)));
    }
    // The incident's real elapsed time at which the drill clock reaches `drillMs`, with the
    // pauses so far; -1 while paused before it gets there (nobody knows when the resume comes).
    // A facilitator's countdown, and the proof that a pause does not make an inject fire late.
    qint64 realAt(qint64 drillMs) const;
    // When the open pause began (real ms), or -1.
    qint64 pausedSince() const { return m_spans.pausedSince(); }
    // What the facilitation record keeps to rebuild this clock after a restart.
    qint64 startReal() const { return m_startReal; }
    const QList<QPair<qint64, qint64>> &pauses() const { return m_spans.closed(); }
    int pauseCount() const { return m_spans.count(); }

    // A span of real time as drill time, and back.
    qint64 toDrill(qint64 realSpanMs) const { return qRound64(double(realSpanMs) * m_speed); }
    qint64 toReal(qint64 drillSpanMs) const { return qRound64(double(drillSpanMs) / m_speed); }

private:
    double m_speed;
    qint64 m_startReal = 0;
    PauseSpans m_spans; // in real ms
};

} // namespace warroom
