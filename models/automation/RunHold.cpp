// AutomationRunner's hold: a drill paused by its facilitator freezes the runs under way too, so
// nothing is sampled, polled or ramped in the pause and no wait or deadline is eaten by it. A
// request already on the wire cannot be called back; its answer is recorded when it comes, and
// whatever it schedules next waits for the release (after() keeps it).
#include "automation/ActiveRun.h"

namespace warroom {

namespace {

// The deadline as an absolute steady-clock time, or -1 for one that never expires.
qint64 absolute(const QDeadlineTimer &d)
{
    return d.isForever() ? -1 : d.deadline();
}

// Put back with the pause added, unless the run set itself a new deadline during the pause
// (an answer that was in flight), which then stands as set.
void restore(QDeadlineTimer &d, qint64 heldAbsolute, qint64 heldForMs)
{
    if (heldAbsolute >= 0 && d.isForever())
        d.setDeadline(heldAbsolute + heldForMs);
}

} // namespace

void AutomationRunner::hold()
{
    if (m_held)
        return;
    m_held = true;
    m_heldSinceMs = QDeadlineTimer::current().deadline();
    for (auto &[id, run] : m_runs) {
        run->heldWaitMs = run->timer.isActive() ? std::max(0, run->timer.remainingTime()) : -1;
        run->timer.stop();
        // An answer that comes in the pause must not find its deadline passed by the pause.
        run->heldDeadlineMs = absolute(run->deadline);
        run->heldHoldDeadlineMs = absolute(run->holdDeadline);
        run->deadline = QDeadlineTimer(QDeadlineTimer::Forever);
        run->holdDeadline = QDeadlineTimer(QDeadlineTimer::Forever);
    }
}

void AutomationRunner::release()
{
    if (!m_held)
        return;
    m_held = false;
    const qint64 heldFor = QDeadlineTimer::current().deadline() - m_heldSinceMs;
    for (auto &[id, run] : m_runs) {
        restore(run->deadline, run->heldDeadlineMs, heldFor);
        restore(run->holdDeadline, run->heldHoldDeadlineMs, heldFor);
        if (run->heldWaitMs >= 0)
            run->timer.start(run->heldWaitMs);
        run->heldWaitMs = -1;
        run->heldDeadlineMs = -1;
        run->heldHoldDeadlineMs = -1;
    }
}

} // namespace warroom
