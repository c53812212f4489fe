#include "drill/DrillRunner.h"

#include "automation/AutomationRunner.h"
#include "control/IncidentController.h"
#include "session/IncidentSession.h"
#include "timeline/ScreenClock.h"
#include "util/TimeFormat.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace warroom {

namespace {

QString span(qint64 ms)
{
    return formatElapsed(ms).mid(2);
}

} // namespace

void DrillRunner::checkEnd()
{
    const ChecklistEngine &e = session().engine();
    if (e.allStepsFinished()) {
        stop(QStringLiteral("completed"), {});
        return;
    }
    if (now() > m_scenario.deadlineMs)
        stop(QStringLiteral("timed out"), QStringLiteral("the drill passed its deadline, %1")
                                              .arg(formatElapsed(m_scenario.deadlineMs)));
}

void DrillRunner::endNow(const QString &reason)
{
    stop(QStringLiteral("stopped"), reason);
}

void DrillRunner::stop(const QString &outcome, const QString &reason)
{
    if (m_done)
        return;
    m_done = true;
    // The moment every screen's clock reads now: the close, when the room closed the incident
    // first (IncidentSession::clockReadingMs, not worked out again here). Never before what the
    // runner has seen: the store keeps the timeline's time from running backwards (a wall clock
    // stepped back, another screen's clock ahead), so what the room recorded before this end can
    // carry a later elapsed ms than the clock reads, and an end before it marked it "after the
    // drill's end" (ScreenClock::isAfterEnd).
    m_endedRealMs = 0;
    // Ended already by another screen that took this runner for gone: that end is the drill's.
    const bool endedElsewhere = m_controller.session() && session().screenClock().hasEnded();
    if (endedElsewhere) {
        m_endedRealMs = session().screenClock().endedAt();
    } else if (m_controller.session()) {
        const TimelineEvents &seen = session().events();
        m_endedRealMs
            = std::max(session().clockReadingMs(), seen.isEmpty() ? 0 : seen.constLast().elapsedMs);
    }
    // Read here, with the end: the steps observed below took a real moment of their own. Ended
    // by another screen, the drill's wall time stops at that end, not when this runner noticed.
    const qint64 wallNow
        = QDateTime::currentMSecsSinceEpoch()
          - (endedElsewhere ? std::max<qint64>(0, session().elapsedMs() - m_endedRealMs) : 0);
    m_tick->stop();
    // Ended while paused (the room closed the incident): the open pause ends with the drill. It
    // was left out of the record's pauses, the debrief listed it "not resumed", and the
    // automation runner stayed held for good. Closed at the end, the clock reads the same.
    if (m_clockStarted && m_clock.isPaused()) {
        const qint64 since = m_clock.pausedSince();
        m_clock.resume(std::max(since, m_endedRealMs));
        m_result.pausedMs += std::max<qint64>(0, m_endedRealMs - since);
        m_result.pauses += 1;
        if (m_controller.runner())
            m_controller.runner()->release();
    }
    // The last step's end, which the next tick would have said: a completed drill's stdout
    // ended without "step 8 audit done".
    if (m_controller.session())
        observeSteps();
    m_result.outcome = outcome;
    m_result.stopReason = reason;
    // Paused time is left out of every duration: the drill's too.
    m_result.wallMs = wallNow - m_wallStart - m_clock.pausedMs(m_endedRealMs);
    // At the end the clock fact records, not read again: the steps observed in between moved
    // the clock, and a ×50 drill's summary said T+00:44:18 where every screen said T+00:44:17.
    m_result.drillMs = m_clockStarted ? m_clock.drillMs(m_endedRealMs) : 0;
    judgeSteps();
    judgeExpectations();
    // With the end as a clock fact, so every screen's live T+ stops here (ScreenClock::liveAt),
    // in this process and on a wall or a watching window sharing the database.
    const QString verdict
        = QStringLiteral("Drill %1%2: %3.")
              .arg(outcome, reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason),
                   m_result.verdictText());
    // A drill ends once: after another screen's end the verdict is a note of its own (decided
    // in the write, where an end that came meanwhile is seen).
    asFacilitator([&] {
        return session().recordDrillEnd(verdict, m_endedRealMs, m_result.verdictJson(4000));
    });
    if (const qint64 end = session().screenClock().endedAt(); end >= 0 && end != m_endedRealMs) {
        m_endedRealMs = end;
        m_result.drillMs = m_clock.drillMs(end);
    }
    // A facilitated drill's room closes its incident itself, as it would a real one: the
    // facilitator signs it.
    if (m_scripted) {
        session().setActor(ScreenClock::facilitator);
        (void)session().close(reason.isEmpty()
                                  ? QString()
                                  : QStringLiteral("Drill ") + outcome + QStringLiteral(": ")
                                        + reason);
    }
    // The pauses said: "after 6 min 00 s on the wall clock" beside the window's "real
    // 00:07:31", which counts them, read as two clocks that disagreed. In whole seconds, cut as
    // the pause's own line cuts them ("a pause of 00:00:05" beside "6 s of pauses").
    const qint64 pausedMs = m_result.pausedMs / 1000 * 1000;
    const QString pauses = pausedMs > 0
                               ? QStringLiteral(" (%1 of pauses left out)").arg(formatAge(pausedMs))
                               : QString();
    say(QStringLiteral("drill %1%2 after %3 on the wall clock%4: %5")
            .arg(outcome, reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason),
                 formatAge((m_result.wallMs + 500) / 1000 * 1000), // as "5.0 s": it said "4 s"
                 pauses,
                 m_result.passed()          ? QStringLiteral("passed")
                 : m_result.failures() == 0 ? QStringLiteral("did not pass")
                                            : DrillResult::failureCount(m_result.failures())));
    emit finished();
}

QString DrillRunner::runOutcome(const QString &target) const
{
    const ItemStatus *status
        = session().engine().itemStatus(target.section(u'/', 0, 0), target.section(u'/', 1));
    if (!status)
        return QStringLiteral("not an item");
    switch (status->automation.phase) {
    case AutomationStatus::Phase::Idle:
        return QStringLiteral("not run");
    case AutomationStatus::Phase::Running:
        return QStringLiteral("still running");
    case AutomationStatus::Phase::Succeeded:
        return QStringLiteral("succeeded");
    case AutomationStatus::Phase::Failed:
        return status->automation.halted ? QStringLiteral("halted") : QStringLiteral("failed");
    case AutomationStatus::Phase::Unknown:
        return QStringLiteral("unknown"); // the word a scenario's `expect` uses
    }
    return {};
}

QString DrillRunner::stepFailure(int stepIndex) const
{
    const ChecklistStep &step = m_checklist.steps.at(stepIndex);
    const StepStatus &s = session().engine().step(stepIndex);
    const QString label
        = QStringLiteral("step %1 %2 (%3)").arg(stepIndex + 1).arg(step.id, step.title);
    for (int i = 0; i < step.items.size(); ++i) {
        const AutomationStatus &run = s.items.at(i).automation;
        if (run.phase != AutomationStatus::Phase::Failed
            && run.phase != AutomationStatus::Phase::Unknown)
            continue;
        const ChecklistItem &item = step.items.at(i);
        QString text
            = QStringLiteral("%1, item %2 \"%3\": %4: %5")
                  .arg(label, item.id, expandVariables(item.text, session().textVariables()),
                       run.phase == AutomationStatus::Phase::Unknown
                           ? QStringLiteral("outcome unknown") // "unknown" is expect's word
                           : runOutcome(step.id + u'/' + item.id),
                       run.reason);
        // A ramp's halt names its measurement already ("… failed at weight 25: 0.15, threshold
        // < 0.01"): said twice in the same line, it read as two measurements.
        if (run.hasSample
            && !run.reason.contains(
                QStringLiteral(": %1, threshold %2").arg(run.valueText, run.threshold)))
            text += QStringLiteral("; measured %1 %2, threshold %3")
                        .arg(run.sampleLabel, run.valueText, run.threshold);
        if (!run.lastResult.isEmpty())
            text += QStringLiteral("; last result: %1").arg(run.lastResult);
        return text;
    }
    return QStringLiteral("%1: %2").arg(label,
                                        s.reason.isEmpty() ? stepStateName(s.state) : s.reason);
}

bool DrillRunner::failureExpected(const QString &stepId) const
{
    for (const DrillExpectation &e : m_scenario.expectations) {
        if (e.kind == DrillExpectation::Kind::RunOutcome && e.target.section(u'/', 0, 0) == stepId
            && e.outcome != QLatin1String("succeeded") && runOutcome(e.target) == e.outcome)
            return true;
    }
    return false;
}

void DrillRunner::judgeSteps()
{
    const ChecklistEngine &e = session().engine();
    const qint64 endReal = session().elapsedMs();
    m_result.steps.clear();
    for (int i = 0; i < e.stepCount(); ++i) {
        const StepStatus &s = e.step(i);
        DrillStepResult r;
        r.number = i + 1;
        r.id = m_checklist.steps.at(i).id;
        r.title = m_checklist.steps.at(i).title;
        r.state = stepStateName(s.state);
        if (s.isStarted()) {
            r.startedDrillMs = m_clock.drillMs(s.startedElapsedMs);
            r.wallMs = m_clock.unpausedSpan(s.startedElapsedMs,
                                            s.endedElapsedMs >= 0 ? s.endedElapsedMs : endReal);
        }
        if (s.endedElapsedMs >= 0)
            r.endedDrillMs = m_clock.drillMs(s.endedElapsedMs);
        if (s.state == StepState::Failed) {
            if (failureExpected(r.id))
                r.note = QStringLiteral("failed as the scenario expects: ") + stepFailure(i);
            else
                r.failure = stepFailure(i);
        } else if (s.isInDoubt()) {
            // Left open by runBroke: the drill cannot know whether the side effect happened.
            r.outcomeUnknown = true;
            if (failureExpected(r.id))
                r.note
                    = QStringLiteral("outcome unknown as the scenario expects: ") + stepFailure(i);
            else
                r.failure = stepFailure(i);
        } else if (!s.isFinished()) {
            if (m_result.outcome == QLatin1String("timed out") && s.state == StepState::Active)
                r.failure = QStringLiteral("step %1 %2 (%3) was not done by the drill's deadline "
                                           "%4; it had run for %5")
                                .arg(i + 1)
                                .arg(r.id, r.title, formatElapsed(m_scenario.deadlineMs),
                                     span(now() - r.startedDrillMs));
            else
                r.notReached = QStringLiteral("not finished: the drill %1 (%2)")
                                   .arg(m_result.outcome, m_result.stopReason);
        }
        m_result.steps.append(r);
    }
}

void DrillRunner::judgeExpectations()
{
    m_result.expectations.clear();
    for (const DrillExpectation &e : m_scenario.expectations)
        m_result.expectations.append(judge(e));
}

DrillExpectationResult DrillRunner::judge(const DrillExpectation &e) const
{
    if (e.kind == DrillExpectation::Kind::RunOutcome)
        return judgeRun(e);
    DrillExpectationResult r;
    r.id = e.id;
    r.description = e.describe();
    if (e.kind == DrillExpectation::Kind::DrillOutcome) {
        r.measured = m_result.outcome;
        r.threshold = e.outcome;
        r.passed = m_result.outcome == e.outcome;
        if (!r.passed)
            r.message = QStringLiteral("the drill %1%2; expected %3")
                            .arg(m_result.outcome,
                                 m_result.stopReason.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" (%1)").arg(m_result.stopReason),
                                 e.outcome);
        return r;
    }
    const int index = m_checklist.stepIndex(e.target);
    const QString label = QStringLiteral("step %1 %2 (%3)")
                              .arg(index + 1)
                              .arg(e.target, m_checklist.steps.at(index).title);
    const StepStatus &s = session().engine().step(index);
    r.threshold = QStringLiteral("done by %1").arg(formatElapsed(e.byMs));
    if (s.state != StepState::Done) {
        r.measured = stepStateName(s.state);
        r.message = QStringLiteral("%1 was not done (%2); expected done by %3")
                        .arg(label, r.measured, formatElapsed(e.byMs));
        return r;
    }
    const qint64 doneAt = m_clock.drillMs(s.endedElapsedMs);
    r.measured = QStringLiteral("done at %1").arg(formatElapsed(doneAt));
    r.passed = doneAt <= e.byMs;
    if (!r.passed)
        r.message
            = QStringLiteral("%1 done at %2, %3 late; expected done by %4")
                  .arg(label, formatElapsed(doneAt), span(doneAt - e.byMs), formatElapsed(e.byMs));
    return r;
}

DrillExpectationResult DrillRunner::judgeRun(const DrillExpectation &e) const
{
    DrillExpectationResult r;
    r.id = e.id;
    r.description = e.describe();
    const QString outcome = runOutcome(e.target);
    const int index = m_checklist.stepIndex(e.target.section(u'/', 0, 0));
    const QString label = QStringLiteral("step %1 %2, item %3")
                              .arg(index + 1)
                              .arg(e.target.section(u'/', 0, 0), e.target.section(u'/', 1));
    r.measured = outcome;
    r.threshold = e.outcome;
    if (outcome != e.outcome) {
        r.message = QStringLiteral("%1 %2; expected %3").arg(label, outcome, e.outcome);
        return r;
    }
    if (e.withinMs < 0) {
        r.passed = true;
        return r;
    }
    r.threshold
        = QStringLiteral("%1 within %2 of inject %3").arg(e.outcome, span(e.withinMs), e.ofInject);
    const auto injected = m_eventAt.constFind(QStringLiteral("inject:") + e.ofInject);
    const auto ended = m_eventAt.constFind(QStringLiteral("run-ended:") + e.target);
    if (injected == m_eventAt.cend() || ended == m_eventAt.cend()) {
        r.message
            = QStringLiteral("%1 %2, but inject %3 never fired").arg(label, outcome, e.ofInject);
        return r;
    }
    const qint64 after = *ended - *injected;
    r.measured
        = after < 0 ? QStringLiteral("%1 %2 before inject %3 fired")
                          .arg(outcome, formatGapBefore(after), e.ofInject)
                    : QStringLiteral("%1 %2 after inject %3").arg(outcome, span(after), e.ofInject);
    r.passed = after >= 0 && after <= e.withinMs;
    if (!r.passed)
        r.message = QStringLiteral("%1 %2; expected %3").arg(label, r.measured, r.threshold);
    return r;
}

} // namespace warroom
