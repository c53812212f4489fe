// AutomationRunner's hold: a drill paused by its facilitator freezes the runs under way too, so
// nothing is sampled, polled or ramped in the pause and no wait or deadline is eaten by it. A
// request already on the wire cannot be called back; its answer is recorded when it comes, and
// whatever it schedules next waits for the release (after() keeps it).
#include "automation/ActiveRun.h"

namespace warroom {

namespace {

qint64 timeLeft(const QDeadlineTimer &d)
{
    return d.isForever() ? -1 : std::max<qint64>(0, d.remainingTime());
}

void restore(QDeadlineTimer &d, qint64 left)
{
    if (left >= 0)
        d.setRemainingTime(left);
}

} // namespace

void AutomationRunner::hold()
{
    if (m_held)
        return;
    m_held = true;
    for (auto &[id, run] : m_runs) {
        run->heldWaitMs = run->timer.isActive() ? std::max(0, run->timer.remainingTime()) : -1;
        run->timer.stop();
        run->heldDeadlineMs = timeLeft(run->deadline);
        run->heldHoldDeadlineMs = timeLeft(run->holdDeadline);
        // An answer that comes in the pause must not find its deadline passed by the pause.
        if (run->heldDeadlineMs >= 0)
            run->deadline = QDeadlineTimer(QDeadlineTimer::Forever);
        if (run->heldHoldDeadlineMs >= 0)
            run->holdDeadline = QDeadlineTimer(QDeadlineTimer::Forever);
    }
}

void AutomationRunner::release()
{
    if (!m_held)
        return;
    m_held = false;
    for (auto &[id, run] : m_runs) {
        restore(run->deadline, run->heldDeadlineMs);
        restore(run->holdDeadline, run->heldHoldDeadlineMs);
        if (run->heldWaitMs >= 0)
            run->timer.start(run->heldWaitMs);
        run->heldWaitMs = -1;
        run->heldDeadlineMs = -1;
        run->heldHoldDeadlineMs = -1;
    }
}

} // namespace warroom
