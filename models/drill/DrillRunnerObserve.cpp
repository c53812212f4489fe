#include "drill/DrillRunner.h"

#include "control/IncidentController.h"
#include "session/IncidentSession.h"
#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

namespace warroom {

// What the room did, read from the engine each tick into the moments injects and the verdict
// wait on: steps started and done, items resolved, runs started, whoever started them.

void DrillRunner::observeSteps(bool ends)
{
    // At the steps' own times, and a start before the line of the action that made it: "step 1
    // scope started" came a tick after "scope/impact confirmed", a second later than the JSON
    // summary's start.
    const ChecklistEngine &e = session().engine();
    for (int i = 0; i < e.stepCount(); ++i) {
        const StepStatus &s = e.step(i);
        const QString &id = m_checklist.steps.at(i).id;
        observeItems(i);
        const QString key = QStringLiteral("step-started:") + id;
        if (s.isStarted() && !m_eventAt.contains(key)) {
            m_eventAt.insert(key, m_clock.drillMs(s.startedElapsedMs));
            sayAt(m_eventAt.value(key), QStringLiteral("step %1 %2 started (%3)")
                                            .arg(i + 1)
                                            .arg(id, m_checklist.steps.at(i).title));
        }
        const int seen = m_stepSeen.value(id, int(StepState::Pending));
        if (!ends || seen == int(s.state))
            continue;
        m_stepSeen.insert(id, int(s.state));
        if (s.state == StepState::Done || s.state == StepState::Skipped) {
            m_eventAt.insert(QStringLiteral("step-done:") + id, m_clock.drillMs(s.endedElapsedMs));
            sayAt(m_clock.drillMs(s.endedElapsedMs),
                  QStringLiteral("step %1 %2 %3 after %4")
                      .arg(i + 1)
                      .arg(id, s.state == StepState::Done ? QStringLiteral("done")
                                                          : QStringLiteral("skipped"))
                      .arg(formatElapsed(m_clock.drillMs(s.endedElapsedMs)
                                         - m_clock.drillMs(s.startedElapsedMs))
                               .mid(2)));
        }
    }
}

void DrillRunner::observeItems(int stepIndex)
{
    const ChecklistStep &step = m_checklist.steps.at(stepIndex);
    for (const ChecklistItem &item : step.items) {
        const QString target = step.id + u'/' + item.id;
        const ItemStatus *status = session().engine().itemStatus(step.id, item.id);
        const QString key = QStringLiteral("item-done:") + target;
        if (status->state != ItemState::Open && !m_eventAt.contains(key))
            m_eventAt.insert(key, m_clock.drillMs(status->elapsedMs));
        // A run a person started at the console: only the players' script recorded its runs'
        // starts (actOnRun), and in a drill people played an inject `on: run-started:…` never
        // fired, while the debrief said the room had not reacted to it.
        const QString &run = status->automation.runId;
        if (!run.isEmpty() && m_runStartSeen.value(target) != run) {
            m_runStartSeen.insert(target, run);
            m_eventAt.insert(QStringLiteral("run-started:") + target, runStartedAt(run));
        }
    }
}

qint64 DrillRunner::runStartedAt(const QString &runId) const
{
    // Its first event, found from the end: a run is seen within a tick of its start.
    const TimelineEvents &events = session().events();
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        // A re-send of an action whose outcome was unknown starts nothing: its run began before.
        if (startsRun(it->kind, it->payload)
            && it->payload.value(PayloadKey::Run).toString() == runId
            && !it->payload.value(PayloadKey::Resend).toBool())
            return m_clock.drillMs(it->elapsedMs);
    }
    return now();
}

} // namespace warroom
