#include "drill/DrillRunner.h"

#include "control/IncidentController.h"
#include "session/IncidentSession.h"
#include "util/TimeFormat.h"

namespace warroom {

// What a facilitator's screen reads of the drill, and the room's acknowledgement of an inject.

DrillFacts DrillRunner::facts() const
{
    DrillFacts f;
    if (!m_controller.session())
        return f;
    // Where every screen's clock reads: stopped at the end (the live panel's "not done when the
    // drill ended at T+00:02:19" counted on past the window's "T+00:02:01  ENDED").
    f.nowMs = drillNow();
    f.finished = m_done;
    f.outcome = m_result.outcome;
    const ChecklistEngine &e = session().engine();
    for (int i = 0; i < e.stepCount() && i < m_checklist.steps.size(); ++i) {
        const ChecklistStep &step = m_checklist.steps.at(i);
        const StepStatus &s = e.step(i);
        f.stepState.insert(step.id, stepStateName(s.state));
        if (s.state == StepState::Done)
            f.stepDoneAt.insert(step.id, m_clock.drillMs(s.endedElapsedMs));
        for (const ChecklistItem &item : step.items) {
            if (item.isAutomated())
                f.runOutcome.insert(step.id + u'/' + item.id, runOutcome(step.id + u'/' + item.id));
        }
    }
    static const QString runEnded = QStringLiteral("run-ended:");
    static const QString inject = QStringLiteral("inject:");
    for (auto it = m_eventAt.cbegin(); it != m_eventAt.cend(); ++it) {
        if (it.key().startsWith(runEnded))
            f.runEndedAt.insert(it.key().mid(runEnded.size()), it.value());
        else if (it.key().startsWith(inject))
            f.injectFiredAt.insert(it.key().mid(inject.size()), it.value());
    }
    return f;
}

bool DrillRunner::acknowledge(const QString &injectId, const QString &who, QString *error)
{
    if (!m_controller.session()) {
        *error = QStringLiteral("no drill is running");
        return false;
    }
    // Its verdict is in and its clock has stopped: a time to acknowledge measured past the end
    // would count time no one was being drilled.
    if (m_done) {
        *error = QStringLiteral("the drill has ended: its announcements need no acknowledgement");
        return false;
    }
    const qint64 at = now();
    if (!m_board.acknowledge(injectId, who, at, error))
        return false;
    const InjectState *s = m_board.find(injectId);
    // Signed by the player who pressed the key: an acknowledgement is the room's act.
    const QString actor = session().actor();
    if (!who.isEmpty())
        session().setActor(who);
    // On the drill clock, and said so: the postmortem's T+ are real time, and this note's times
    // read as theirs ("acknowledged at T+00:02:06" in a row at T+00:00:06).
    (void)session().addNote(
        QStringLiteral("Drill inject %1 acknowledged at %2 on the drill "
                       "clock, %3 of drill time after it was announced.")
            .arg(injectId, formatElapsed(at), formatElapsed(s->timeToAcknowledgeMs()).mid(2)));
    session().setActor(actor);
    say(QStringLiteral("inject %1 acknowledged by %2").arg(injectId, who));
    return true;
}

} // namespace warroom
