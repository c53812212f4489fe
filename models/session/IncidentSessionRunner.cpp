// IncidentSession: a drill whose runner went away without ending it. The runner (the facilitator's
// window, `warroom drill`) claims its incident while it runs (session/DrillRunnerClaim.h) and ends
// the drill with a clock fact; killed, crashed or closed mid-drill it ends nothing, and every
// screen's ×N drill clock ran on for as long as the incident stayed open, the faults it kept
// back from the room stayed hidden, and the close was dated hours of drill time later. A screen
// that follows the timeline asks every second whether the claim is still held; once it is not,
// a writable screen records the end on the runner's behalf, planned inside the write transaction
// so that a second screen noticing too (or the runner's own late end) writes nothing more.
#include "session/IncidentSession.h"

#include "session/DrillRunnerClaim.h"
#include "store/TimelineStore.h"
#include "timeline/EventVocabulary.h"

#include <QTimer>

namespace warroom {

namespace {

constexpr int runnerCheckEveryMs = 1000;

} // namespace

std::unique_ptr<DrillRunnerClaim> IncidentSession::claimDrillRunner() const
{
    return DrillRunnerClaim::take(m_store, m_incident.id, !withOwner({}).isEmpty());
}

void IncidentSession::watchDrillRunner(bool on)
{
    if (!on || m_incident.mode != IncidentMode::Drill) {
        delete m_runnerTimer;
        m_runnerTimer = nullptr;
        return;
    }
    if (m_runnerTimer)
        return;
    m_runnerTimer = new QTimer(this);
    connect(m_runnerTimer, &QTimer::timeout, this, &IncidentSession::checkDrillRunner);
    m_runnerTimer->start(runnerCheckEveryMs);
    checkDrillRunner(); // a drill reopened after its runner died is ended a second after it opens
}

void IncidentSession::checkDrillRunner()
{
    const bool gone = m_runnerSight.isGone(
        !m_engine.isClosed() && m_chainState == ChainState::Verified && m_storageProblem.isEmpty(),
        m_store, m_incident.id, m_events, screenClock(), elapsedMs(), m_ownerLapseMs);
    if (gone && !m_store.isReadOnly()) {
        recordRunnerGone(); // asked again next second if it could not be recorded
        return;
    }
    // Looked at again every second: a server's runner whose heartbeat came back is at work.
    if (gone != m_runnerGone) {
        m_runnerGone = gone;
        emit drillRunnerGoneChanged();
    }
}

void IncidentSession::recordRunnerGone()
{
    (void)execute([&] {
        EnginePlan plan;
        // On the timeline as it now stands: the runner's own end, or another screen's, may have
        // come meanwhile, and a drill ends once.
        const ScreenClock &clock = screenClock();
        if (m_engine.isClosed() || clock.hasEnded() || m_events.isEmpty())
            return plan;
        // Where the runner was last known to run: this screen's last sight of its claim, or the
        // last event when this screen never saw it (reopened after the runner died), so that
        // nothing the room recorded reads "after the drill's end".
        const qint64 at = std::max(m_runnerSight.lastSeenMs(), m_events.constLast().elapsedMs);
        const QString text
            = QStringLiteral(
                  "Drill ended without its runner: the app running this drill (the facilitator's "
                  "window or warroom drill) went away without ending it, and %1's screen found it "
                  "gone. Every screen's drill clock stops at %2, where the runner was last known "
                  "to run; what the drill kept back from the room is shown now. No inject fires "
                  "and nothing it would have sent is sent; the room closes the incident.")
                  .arg(m_actor, clock.shownText(at));
        // Signed as the runner, whose end it is (only the runner's notes carry clock facts: the
        // screens, the postmortem and an import read them there); the words say who wrote it.
        plan = m_engine.planNote(ScreenClock::facilitator.toString(), text);
        if (plan.ok() && !plan.drafts.isEmpty()) {
            QJsonObject fact = ScreenClock::fact(DrillClockChange::Ended, at);
            fact.insert(PayloadKey::RunnerGone, m_actor);
            plan.drafts.first().payload.insert(PayloadKey::DrillClock, fact);
        }
        return plan;
    });
}

} // namespace warroom
