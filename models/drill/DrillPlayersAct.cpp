#include "drill/DrillRunner.h"

#include "automation/AutomationRunner.h"
#include "control/IncidentController.h"
#include "session/IncidentSession.h"

namespace warroom {

// The players' script: every open question of a running step is answered by the act the script
// names (or by the default player after the default delay), each answer a command signed by its
// actor, never a silent confirmation.

void DrillRunner::play()
{
    const ChecklistEngine &e = session().engine();
    for (int i = 0; i < e.stepCount() && !m_done; ++i) {
        const StepState state = e.stepState(i);
        if (state != StepState::Ready && state != StepState::Active)
            continue;
        const int item = e.currentItem(i);
        if (item >= 0)
            playItem(i, item);
    }
}

void DrillRunner::playItem(int stepIndex, int itemIndex)
{
    const ChecklistStep &step = m_checklist.steps.at(stepIndex);
    const ChecklistItem &item = step.items.at(itemIndex);
    const QString target = step.id + u'/' + item.id;
    if (item.isAutomated()
        && session().engine().itemStatus(step.id, item.id)->automation.phase
               != AutomationStatus::Phase::Idle)
        return; // running, or ended: onRunEnded decides
    if (!m_actDue.contains(target)) {
        const DrillAct *a = m_scenario.players.find(
            item.kind == ItemKind::Choice ? DrillAct::Kind::Choice : DrillAct::Kind::Item, target);
        if (!a && item.kind == ItemKind::Choice)
            a = m_scenario.players.find(DrillAct::Kind::Item, target);
        const qint64 delay = a && a->afterMs >= 0 ? a->afterMs : m_scenario.players.afterMs;
        m_actDue.insert(target, now() + delay);
    }
    if (now() >= m_actDue.value(target)) {
        m_actDue.remove(target);
        if (!answerPoll(step, item))
            return;
        if (item.isAutomated())
            actOnRun(step, item);
        else
            actOnManual(step, item);
    }
}

void DrillRunner::actOnManual(const ChecklistStep &step, const ChecklistItem &item)
{
    const QString target = step.id + u'/' + item.id;
    const bool choice = item.kind == ItemKind::Choice;
    const DrillAct *a
        = m_scenario.players.find(choice ? DrillAct::Kind::Choice : DrillAct::Kind::Item, target);
    if (!a && choice)
        a = m_scenario.players.find(DrillAct::Kind::Item, target);
    const QString actor = a && !a->actor.isEmpty() ? a->actor : m_scenario.players.actor;
    session().setActor(actor);
    CommandResult r;
    QString what;
    if (a && a->skip) {
        r = session().skipItem(step.id, item.id, a->reason);
        what = QStringLiteral("skipped (%1)").arg(a->reason);
    } else {
        const QString value = !choice ? QString() : a ? a->value : item.options.first().value;
        r = session().confirmItem(step.id, item.id, value);
        what = choice ? QStringLiteral("answered '%1'").arg(value) : QStringLiteral("confirmed");
    }
    if (!r.ok()) {
        const QString problem
            = QStringLiteral("the players' script could not answer %1: %2").arg(target, r.message);
        m_result.problems << problem;
        stop(QStringLiteral("stopped"), problem);
        return;
    }
    observeSteps(false); // the step this may have started, said first
    // At the time it was recorded, as the step's start beside it: after the commit, the drill
    // clock at ×50 had moved on by a second.
    const ItemStatus *done = session().engine().itemStatus(step.id, item.id);
    sayAt(done ? m_clock.drillMs(done->elapsedMs) : now(),
          QStringLiteral("%1 %2 by %3").arg(target, what, actor));
}

void DrillRunner::actOnRun(const ChecklistStep &step, const ChecklistItem &item)
{
    const QString target = step.id + u'/' + item.id;
    const DrillAct *a = m_scenario.players.find(DrillAct::Kind::Item, target);
    const DrillAct *two = m_scenario.players.find(DrillAct::Kind::TwoPerson, target);
    const QString actor = a && !a->actor.isEmpty() ? a->actor : m_scenario.players.actor;
    const bool irreversible = item.kind == ItemKind::Action && item.action.irreversible;
    const QString second = !irreversible ? QString()
                           : two         ? two->actor
                                         : m_scenario.players.secondPerson;
    session().setActor(actor);
    const qint64 at = now();
    const CommandResult r = m_controller.runner()->start(step.id, item.id, {}, second);
    if (!r.ok()) {
        const QString problem
            = QStringLiteral("the players' script could not run %1: %2").arg(target, r.message);
        m_result.problems << problem;
        stop(QStringLiteral("stopped"), problem);
        return;
    }
    m_eventAt.insert(QStringLiteral("run-started:") + target, at);
    // The script's own run, timed as it sent it: observeItems leaves it as it is.
    m_runStartSeen.insert(target,
                          session().engine().itemStatus(step.id, item.id)->automation.runId);
    observeSteps(false);
    sayAt(at, QStringLiteral("%1 run started by %2%3")
                  .arg(target, actor,
                       second.isEmpty() ? QString()
                                        : QStringLiteral(" (second person: %1)").arg(second)));
}

void DrillRunner::onRunEnded(const QString &stepId, const QString &itemId)
{
    if (m_done)
        return;
    const QString target = stepId + u'/' + itemId;
    // A halted ramp's weight set back ("Set weight back", AutomationRunner::rollbackRamp) is its
    // run again, ended again: taken for a second end, it moved the halt to the set-back's time
    // and the verdict failed an expectation its own table said was met. An end in doubt is not
    // the run's last: a re-send (AutomationRunner::resend) goes on under the same run, and its
    // end is the one that counts.
    const AutomationStatus &run = session().engine().itemStatus(stepId, itemId)->automation;
    if (!run.runId.isEmpty() && m_runEndSeen.value(target) == run.runId)
        return;
    if (run.phase != AutomationStatus::Phase::Unknown)
        m_runEndSeen.insert(target, run.runId);
    m_eventAt.insert(QStringLiteral("run-ended:") + target, now());
    const QString outcome = runOutcome(target);
    // Refused before it was sent ("Not sent: the environment variable ... is not set"): the
    // players' script says why (actOnRun). Taken for a broken run, the drill failed with the
    // step's state, "ready", as its reason, and the cause only among its problems.
    if (outcome == QLatin1String("not run"))
        return;
    if (outcome == QLatin1String("succeeded")) {
        say(QStringLiteral("%1 succeeded").arg(target));
        return;
    }
    if (!m_scripted) { // the people at the console decide what a broken run means
        say(QStringLiteral("%1 %2").arg(target, outcome));
        return;
    }
    runBroke(stepId, itemId);
}

void DrillRunner::runBroke(const QString &stepId, const QString &itemId)
{
    const int index = m_checklist.stepIndex(stepId);
    const QString failure = stepFailure(index);
    const AutomationStatus &run = session().engine().itemStatus(stepId, itemId)->automation;
    const bool unknown = run.phase == AutomationStatus::Phase::Unknown;
    say((failureExpected(stepId) ? QStringLiteral("%1, as the scenario expects")
         : unknown ? QStringLiteral("OUTCOME UNKNOWN, not as the scenario expects: %1")
                   : QStringLiteral("FAILED %1"))
            .arg(failure));
    if (unknown) {
        // Not failed: a failed step offers "Restart this step", and on every screen read as "it
        // did not happen", when a revert whose answer never came may well have happened; run
        // again, it would be a second one. The step stays open with its outcome unknown, for a
        // person to find out (judgeSteps fails the drill unless the scenario expects this).
        stop(QStringLiteral("stopped"), QStringLiteral("step %1 %2: %3/%4 outcome unknown")
                                            .arg(index + 1)
                                            .arg(stepId, stepId, itemId));
        return;
    }
    session().setActor(m_scenario.players.actor);
    const CommandResult r = session().failStep(
        stepId, QStringLiteral("Drill: %1/%2 %3: %4")
                    .arg(stepId, itemId, runOutcome(stepId + u'/' + itemId), run.reason));
    if (!r.ok())
        m_result.problems
            << QStringLiteral("step %1 could not be marked failed: %2").arg(stepId, r.message);
    stop(QStringLiteral("stopped"), QStringLiteral("step %1 %2 failed").arg(index + 1).arg(stepId));
}

} // namespace warroom
