#include "wall/HandoverBriefing.h"

#include "wall/WallRoom.h"
#include "wall/WallStateBuilder.h"

#include "engine/ChecklistEngine.h"
#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

namespace warroom {

namespace {

QString itemText(const ChecklistEngine &engine, int step, int item)
{
    return QStringLiteral("'%1' (step %2)")
        .arg(expandVariables(engine.checklist().steps.at(step).items.at(item).text,
                             engine.textVariables()))
        .arg(step + 1);
}

QString situation(const ChecklistEngine &engine, qint64 nowMs, const ScreenClock &clock)
{
    QStringList out;
    const int current = engine.currentStep();
    // After a drill's end its clock stands there: say why the time does not move on.
    const QString at
        = clock.shownText(nowMs)
          + (clock.isAfterEnd(nowMs) ? QStringLiteral(", where the drill ended") : QString());
    if (current >= 0)
        out << QStringLiteral("At %1: step %2 of %3 (%4) is %5.")
                   .arg(at)
                   .arg(current + 1)
                   .arg(engine.stepCount())
                   .arg(expandVariables(engine.checklist().steps.at(current).title,
                                        engine.textVariables()),
                        stepStateName(engine.stepState(current)));
    else
        out << QStringLiteral("At %1: every step is finished.").arg(at);
    for (int s = 0; s < engine.stepCount(); ++s) {
        for (int i = 0; i < engine.step(s).items.size(); ++i) {
            if (engine.step(s).items.at(i).automation.phase == AutomationStatus::Phase::Running)
                out << QStringLiteral("Running: ") + itemText(engine, s, i) + u'.';
        }
    }
    // The wall's line, on the wall's clock (of an open incident: -1): a drill the room finished
    // after its runner had ended it read "under plan" at the stopped clock.
    out << QStringLiteral("Forecast: ") + WallStateBuilder::forecast(engine, clock, nowMs, -1).text
               + u'.';
    return out.join(u'\n');
}

// ": the reason." with one full stop whatever the reason ends with, or "." without one.
QString because(QString reason)
{
    reason = reason.trimmed();
    while (reason.endsWith(u'.'))
        reason.chop(1);
    return reason.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + reason + u'.';
}

QString concerns(const ChecklistEngine &engine)
{
    QStringList out;
    for (int s = 0; s < engine.stepCount(); ++s) {
        const StepStatus &st = engine.step(s);
        if (st.startOverridden && !st.isFinished())
            out << QStringLiteral("Step %1 started before %2 (override: %3).")
                       .arg(s + 1)
                       .arg(st.overriddenDependencies.join(QStringLiteral(", ")), st.overrideReason);
        if (st.state == StepState::Failed)
            out << QStringLiteral("Step %1 FAILED%2")
                       .arg(QString::number(s + 1), because(st.reason));
        for (int i = 0; i < st.items.size(); ++i) {
            const ItemStatus &item = st.items.at(i);
            if (item.isInDoubt()) // once a person found out, the briefing's other lines say it
                out << QStringLiteral("Outcome unknown: ") + itemText(engine, s, i) + u'.';
            // A run that failed and whose item is still open: the incoming commander must not
            // read the item as merely waiting.
            if (item.state == ItemState::Open
                && item.automation.phase == AutomationStatus::Phase::Failed)
                // One arg() for all: a later arg() would replace a "%2F" inside the item's text.
                out << QStringLiteral("%1: %2, run %3%4")
                           .arg(item.automation.halted ? QStringLiteral("HALTED")
                                                       : QStringLiteral("FAILED"),
                                itemText(engine, s, i), QString::number(item.automation.runCount),
                                because(item.automation.reason));
            if (const PollVote *no = item.state == ItemState::Open ? item.poll.noGo() : nullptr)
                out << QStringLiteral("NO-GO from %1 on %2: %3.")
                           .arg(engine.checklist().roleTitle(no->role), itemText(engine, s, i),
                                no->reason);
        }
    }
    for (const ChecklistEngine::ItemRef &r : engine.openDeferredItems()) {
        const Deferral &d = engine.step(r.step).items.at(r.item).deferral;
        out << QStringLiteral("Deferred to %1: %2 (%3).")
                   .arg(d.target, itemText(engine, r.step, r.item), d.reason);
    }
    return out.join(u'\n');
}

} // namespace

QJsonObject HandoverBriefing::prefill(const ChecklistEngine &engine, qint64 nowMs,
                                      const ScreenClock &clock)
{
    QJsonObject b;
    b.insert(PayloadKey::Situation, situation(engine, nowMs, clock));
    // A failed step is still to finish, as the wall and the closing event count.
    const int left = engine.unfinishedStepCount();
    b.insert(PayloadKey::Objectives,
             QStringLiteral("Finish the checklist: %1 of %2 steps still to finish.")
                 .arg(left)
                 .arg(engine.stepCount()));
    const int step = engine.currentStep();
    const int item = step >= 0 ? engine.currentItem(step) : -1;
    QString next = item >= 0 ? QStringLiteral("Next: ") + itemText(engine, step, item) + u'.'
                             : QStringLiteral("Close the incident and export the postmortem.");
    // A failed step's open items wait for its restart: the first of them is not what comes next,
    // nor its run's failure or its poll (neither can be acted on before the restart).
    if (step >= 0 && engine.step(step).state == StepState::Failed) {
        next = QStringLiteral("Next: step %1 FAILED%2; restart it, or decide what waits for it.")
                   .arg(step + 1)
                   .arg(engine.step(step).reason.isEmpty()
                            ? QString()
                            : QStringLiteral(" (") + engine.step(step).reason + u')');
        b.insert(PayloadKey::NextActions, next);
        b.insert(PayloadKey::Concerns, concerns(engine));
        return b;
    }
    if (item >= 0
        && engine.step(step).items.at(item).automation.phase == AutomationStatus::Phase::Failed)
        next += QStringLiteral(" Its last run FAILED: run it again, or confirm it by hand with a "
                               "reason.");
    if (const QString poll = WallRoom::pollText(engine); !poll.isEmpty())
        next += u'\n' + poll;
    b.insert(PayloadKey::NextActions, next);
    b.insert(PayloadKey::Concerns, concerns(engine));
    return b;
}

} // namespace warroom
