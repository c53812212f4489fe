#include "wall/WallMeasurementBuilder.h"

#include "engine/ChecklistEngine.h"
#include "util/TimeFormat.h"

#include <algorithm>

namespace warroom {

namespace {

// When a run last did something: its confirmation, answer or sample, whichever came last.
qint64 lastActivity(const ItemStatus &item)
{
    const AutomationStatus &a = item.automation;
    return std::max({item.elapsedMs, a.lastResultElapsedMs, a.sampleElapsedMs});
}

struct Pick
{
    int step = -1;
    int item = -1;
};

// A run under way anywhere (parallel steps), else the one that ended most recently, if recently.
Pick pickOther(const ChecklistEngine &engine, qint64 nowMs)
{
    Pick latest;
    qint64 latestAt = nowMs - WallMeasurementBuilder::keepFinishedMs;
    for (int s = 0; s < engine.stepCount(); ++s) {
        const QList<ItemStatus> &items = engine.step(s).items;
        for (int i = 0; i < items.size(); ++i) {
            const AutomationStatus::Phase phase = items.at(i).automation.phase;
            if (phase == AutomationStatus::Phase::Running)
                return {s, i};
            if (phase != AutomationStatus::Phase::Idle && lastActivity(items.at(i)) >= latestAt) {
                latest = {s, i};
                latestAt = lastActivity(items.at(i));
            }
        }
    }
    return latest;
}

QString stateWord(const AutomationStatus &a)
{
    if (a.halted)
        return QStringLiteral("HALTED");
    switch (a.phase) {
    case AutomationStatus::Phase::Idle:
        return QStringLiteral("NOT STARTED");
    case AutomationStatus::Phase::Running:
        if (a.hasSample)
            return a.samplePassed ? QStringLiteral("PASSING") : QStringLiteral("FAILING");
        return QStringLiteral("RUNNING");
    case AutomationStatus::Phase::Succeeded:
        return QStringLiteral("SUCCEEDED");
    case AutomationStatus::Phase::Failed:
        return QStringLiteral("FAILED");
    case AutomationStatus::Phase::Unknown:
        return QStringLiteral("OUTCOME UNKNOWN");
    }
    return {};
}

WallTone toneOf(const AutomationStatus &a)
{
    if (a.halted)
        return WallTone::Failed;
    switch (a.phase) {
    case AutomationStatus::Phase::Idle:
        return WallTone::Pending;
    case AutomationStatus::Phase::Running:
        return a.hasSample && !a.samplePassed ? WallTone::Failed : WallTone::Active;
    case AutomationStatus::Phase::Succeeded:
        return WallTone::Done;
    case AutomationStatus::Phase::Failed:
        return WallTone::Failed;
    case AutomationStatus::Phase::Unknown:
        return WallTone::Deferred;
    }
    return WallTone::Pending;
}

} // namespace

WallMeasurement WallMeasurementBuilder::build(const ChecklistEngine &engine, int currentStep,
                                              int currentItem, qint64 nowMs)
{
    if (currentStep >= 0 && currentItem >= 0
        && engine.checklist().steps.at(currentStep).items.at(currentItem).isAutomated()) {
        const AutomationStatus &a = engine.step(currentStep).items.at(currentItem).automation;
        // An idle current item gives way to a run under way in a parallel step.
        const Pick other = pickOther(engine, nowMs);
        const bool otherRunning
            = other.step >= 0
              && engine.step(other.step).items.at(other.item).automation.phase
                     == AutomationStatus::Phase::Running;
        if (a.phase != AutomationStatus::Phase::Idle || !otherRunning)
            return describe(engine, currentStep, currentItem, nowMs);
    }
    const Pick other = pickOther(engine, nowMs);
    if (other.step < 0)
        return {};
    WallMeasurement m = describe(engine, other.step, other.item, nowMs);
    const ChecklistStep &step = engine.checklist().steps.at(other.step);
    m.heading += QStringLiteral(" \u00B7 step %1: %2")
                     .arg(other.step + 1)
                     .arg(expandVariables(step.items.at(other.item).text, engine.textVariables()));
    return m;
}

WallMeasurement WallMeasurementBuilder::describe(const ChecklistEngine &engine, int step,
                                                 int item, qint64 nowMs)
{
    const ChecklistItem &def = engine.checklist().steps.at(step).items.at(item);
    const AutomationStatus &a = engine.step(step).items.at(item).automation;
    WallMeasurement m;
    m.shown = true;
    m.tone = toneOf(a);
    m.heading = QStringLiteral("%1 \u00B7 %2").arg(itemKindName(def.kind).toUpper(), stateWord(a));
    if (def.kind == ItemKind::Ramp)
        addRamp(def, a, nowMs, m);
    else if (def.kind == ItemKind::Action)
        addPoll(def, a, m);
    else if (a.hasSample)
        addSample(a, nowMs, m);
    else if (def.kind == ItemKind::Check)
        m.detail = QStringLiteral("threshold %1")
                       .arg(expandVariables(def.check.thresholdText(), engine.textVariables()));
    // Under OUTCOME UNKNOWN, why nobody knows comes first: the wall shows the lines that fit,
    // and "Dave Kim's screen … stopped answering" is what the room needs to read.
    if (!a.reason.isEmpty() && a.phase == AutomationStatus::Phase::Unknown)
        m.detail
            = a.reason + (m.detail.isEmpty() ? QString() : QStringLiteral(" \u00B7 ")) + m.detail;
    else if (!a.reason.isEmpty() && a.phase != AutomationStatus::Phase::Running)
        m.detail += (m.detail.isEmpty() ? QString() : QStringLiteral(" \u00B7 ")) + a.reason;
    return m;
}

void WallMeasurementBuilder::addSample(const AutomationStatus &a, qint64 nowMs, WallMeasurement &m)
{
    m.value = a.valueText.isEmpty() ? QStringLiteral("no value") : a.valueText;
    QStringList parts;
    if (!a.sampleLabel.isEmpty())
        parts << a.sampleLabel;
    parts << QStringLiteral("threshold %1").arg(a.threshold)
          << QStringLiteral("measured %1 ago").arg(formatAge(nowMs - a.sampleElapsedMs));
    if (!a.sampleError.isEmpty())
        parts << a.sampleError;
    m.detail = parts.join(QStringLiteral(" \u00B7 "));
}

void WallMeasurementBuilder::addRamp(const ChecklistItem &def, const AutomationStatus &a,
                                     qint64 nowMs, WallMeasurement &m)
{
    QStringList stages;
    const bool running = a.phase == AutomationStatus::Phase::Running;
    for (int i = 0; i < def.ramp.weights.size(); ++i) {
        const double w = def.ramp.weights.at(i);
        QString mark = QString::number(w) + u'%';
        if (i < a.stagesHeld)
            mark += QStringLiteral(" HELD");
        else if (w == a.weight && running)
            mark += QStringLiteral(" HOLDING");
        else if (i == a.haltedStage())
            mark += QStringLiteral(" HALTED");
        stages << mark;
    }
    m.stages = stages.join(QStringLiteral(" \u2192 "));
    if (a.weight >= 0)
        m.value = QStringLiteral("weight %1%").arg(a.weight);
    for (const AutomationStatus::Reading &r : a.readings)
        m.readings << QStringLiteral("%1 %2 \u00B7 %3 \u00B7 threshold %4 \u00B7 %5 ago")
                          .arg(r.passed ? QStringLiteral("PASS") : QStringLiteral("FAIL"),
                               r.valueText, r.label, r.threshold,
                               formatAge(nowMs - r.elapsedMs));
}

void WallMeasurementBuilder::addPoll(const ChecklistItem &def, const AutomationStatus &a,
                                     WallMeasurement &m)
{
    if (!a.polledValue.isEmpty()) {
        // The percent the console's bar shows: "running" alone looked stalled from the room.
        m.value = a.progress >= 0
                      ? QStringLiteral("%1 \u00B7 %2% done").arg(a.polledValue).arg(a.progress)
                      : a.polledValue;
        // Nobody watches the job any more: its last answer is history, not the job's state.
        // "running · 10% done" stood in large type under OUTCOME UNKNOWN while the job went on
        // to succeed.
        if (a.phase == AutomationStatus::Phase::Unknown) {
            m.value = QStringLiteral("last seen ") + m.value;
            m.detail = QStringLiteral("the job's last answer before nobody watched it; what it "
                                      "came to is not known");
            return;
        }
        // In the checklist's words, not its operator ("waiting for == succeeded"), and as the
        // run stands: a job that succeeded read "waiting for" it under SUCCEEDED.
        const QString wanted = def.action.poll.until.wantedText();
        if (a.phase == AutomationStatus::Phase::Succeeded)
            m.detail = QStringLiteral("job state, as wanted (%1)").arg(wanted);
        else if (a.phase == AutomationStatus::Phase::Failed)
            // The run's reason, added after, says what it was and what was wanted.
            m.detail = a.reason.isEmpty() ? QStringLiteral("job state; wanted %1").arg(wanted)
                                          : QString();
        else
            m.detail = QStringLiteral("job state, waiting for %1").arg(wanted);
    } else if (!a.lastResult.isEmpty()) {
        m.detail = a.lastResult;
    }
}

} // namespace warroom
