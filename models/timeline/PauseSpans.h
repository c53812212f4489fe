#pragma once

#include <QList>
#include <QPair>
#include <QtGlobal>

namespace warroom {

// Spans of a clock during which a drill stood still, on one time base (milliseconds since the
// declaration): the drill runner's clock (DrillClock) and every screen's T+ clock (ScreenClock)
// take the same pauses out the same way, so the numbers they show can never disagree.
class PauseSpans
{
public:
    bool isPaused() const { return m_pausedAt >= 0; }
    // When the open pause began, or -1.
    qint64 pausedSince() const { return m_pausedAt; }
    int count() const { return int(m_closed.size()) + (isPaused() ? 1 : 0); }
    // A second begin() while paused keeps the first moment; an end() with none open does nothing.
    void begin(qint64 ms);
    void end(qint64 ms);
    // Milliseconds paused before `ms`: every closed pause, and the open one up to `ms`.
    qint64 pausedMs(qint64 ms) const;
    // The drill clock at `ms`: the time run since `startMs`, pauses left out, times `speed`.
    // The one formula for the runner and every screen, so they show the same T+ to the ms.
    qint64 drillMs(qint64 startMs, double speed, qint64 ms) const;
    const QList<QPair<qint64, qint64>> &closed() const { return m_closed; } // [from, to)

private:
    qint64 m_pausedAt = -1;
    QList<QPair<qint64, qint64>> m_closed;
};

} // namespace warroom
