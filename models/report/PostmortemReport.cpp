#include "report/PostmortemReport.h"

#include "engine/ChecklistEngine.h"
#include "report/EventFormatter.h"
#include "gantt/SchedulePlanner.h"

namespace warroom {

namespace {

PostmortemReport::RunRow runRow(int stepNumber, const ChecklistItem &item, const ItemStatus &is,
                                const QMap<QString, QString> &vars)
{
    const AutomationStatus &run = is.automation;
    PostmortemReport::RunRow row;
    row.stepNumber = stepNumber;
    row.item = expandVariables(item.text, vars);
    row.kind = itemKindName(item.kind);
    row.runs = run.runCount;
    row.requests = run.requests + run.samples; // a sample is a request too
    row.lastResult = run.lastResult;
    row.byHand = is.state == ItemState::Confirmed && is.overridden
                 && run.phase != AutomationStatus::Phase::Succeeded;
    if (run.hasSample)
        row.lastValue
            = QStringLiteral("%1 (threshold %2)%3")
                  .arg(run.valueText.isEmpty() ? run.sampleError : run.valueText, run.threshold,
                       run.sampleLabel.isEmpty() ? QString()
                                                 : QStringLiteral(", ") + run.sampleLabel);
    else if (!run.polledValue.isEmpty())
        row.lastValue = run.polledValue;
    if (run.weight >= 0)
        row.lastValue += (row.lastValue.isEmpty() ? QString() : QStringLiteral("; "))
                         + QStringLiteral("weight %1%").arg(run.weight);
    switch (is.state) {
    case ItemState::Confirmed:
        row.outcome = row.byHand ? QStringLiteral("confirmed BY HAND: ") + is.reason
                                 : QStringLiteral("confirmed by its run");
        break;
    case ItemState::Skipped:
        row.outcome = QStringLiteral("skipped: ") + is.reason;
        break;
    case ItemState::Open:
        row.outcome
            = run.phase == AutomationStatus::Phase::Idle
                  ? QStringLiteral("not run")
                  : QStringLiteral("open, last run ") + AutomationStatus::phaseName(run.phase)
                        + (run.reason.isEmpty() ? QString() : QStringLiteral(": ") + run.reason);
        break;
    }
    return row;
}

} // namespace

PostmortemReport PostmortemReport::build(const IncidentRecord &incident, const Checklist &checklist,
                                         const TimelineEvents &events, const ExportOptions &options)
{
    PostmortemReport r;
    r.incident = incident;
    r.checklist = checklist;
    r.options = options;
    r.events = events;
    r.chain = ChainVerifier::verify(incident, events);

    const QMap<QString, QString> vars = incidentTextVariables(incident);
    const EventFormatter formatter(r.checklist, vars);

    ChecklistEngine engine(checklist);
    engine.setTextVariables(vars);
    QMap<QString, QStringList> confirmedBy;
    QMap<QString, QStringList> overrides;
    for (const TimelineEvent &e : events) {
        engine.apply(e);
        if (!r.people.contains(e.actor))
            r.people << e.actor;
        const bool isPrivate
            = e.kind == EventKind::NoteAdded && e.payload.value(QLatin1String("private")).toBool();
        const bool inSlice = (!options.fromMs || e.elapsedMs >= *options.fromMs)
                             && (!options.toMs || e.elapsedMs <= *options.toMs);
        if (isPrivate && !options.includePrivateNotes)
            ++r.privateNotesLeftOut;
        if (!inSlice || (isPrivate && !options.includePrivateNotes)) {
            r.omitted.insert(e.seq);
            continue;
        }
        if (e.kind == EventKind::ItemConfirmed && !confirmedBy[e.stepId].contains(e.actor))
            confirmedBy[e.stepId] << e.actor;
        if (EventFormatter::isOverride(e) && !e.stepId.isEmpty()) {
            const QString what = e.kind == EventKind::StepStarted
                                     ? QStringLiteral("started out of order")
                                 : e.kind == EventKind::StepSkipped ? QStringLiteral("step skipped")
                                 : e.kind == EventKind::ItemSkipped ? QStringLiteral("item skipped")
                                 : e.payload.value(QLatin1String("by_hand")).toBool()
                                     ? QStringLiteral("confirmed by hand instead of by its run")
                                 : isRunEventKind(e.kind) ? QStringLiteral("run out of order")
                                                          : QStringLiteral("item out of order");
            overrides[e.stepId] << QStringLiteral("%1 by %2: %3")
                                       .arg(what, e.actor,
                                            e.payload.value(QLatin1String("reason")).toString());
        }
        r.timeline.append({e.seq, e.utcMs, e.elapsedMs, e.actor, checklist.stepIndex(e.stepId) + 1,
                           e.kind, formatter.describe(e), EventFormatter::isOverride(e)});
    }
    r.closed = engine.isClosed();
    r.durationMs = events.isEmpty() ? 0 : events.constLast().elapsedMs;

    const QList<PlannedStep> plan = SchedulePlanner::plan(checklist);
    for (int i = 0; i < checklist.steps.size(); ++i) {
        const ChecklistStep &def = checklist.steps.at(i);
        const StepStatus &st = engine.step(i);
        StepRow row;
        row.number = i + 1;
        row.id = def.id;
        row.title = expandVariables(def.title, vars);
        row.role = checklist.roleTitle(def.role);
        row.state = stepStateName(st.state);
        row.plannedMs = plan.at(i).endMs - plan.at(i).startMs;
        row.critical = plan.at(i).critical;
        row.startedMs = st.startedElapsedMs;
        row.endedMs = st.endedElapsedMs;
        if (st.isStarted())
            row.actualMs
                = (st.endedElapsedMs >= 0 ? st.endedElapsedMs : r.durationMs) - st.startedElapsedMs;
        row.confirmedBy = confirmedBy.value(def.id);
        row.overrides = overrides.value(def.id);
        r.steps.append(row);
        for (int j = 0; j < def.items.size(); ++j) {
            const ChecklistItem &item = def.items.at(j);
            const ItemStatus &is = st.items.at(j);
            if (item.isAutomated())
                r.runs.append(runRow(i + 1, item, is, vars));
            if (item.kind != ItemKind::Choice || is.state != ItemState::Confirmed)
                continue;
            const ChoiceOption *o = item.option(is.value);
            r.decisions.append({expandVariables(item.text, vars),
                                o ? expandVariables(o->label, vars) : is.value, is.actor,
                                is.elapsedMs});
        }
    }
    for (const ChecklistMilestone &m : checklist.milestones) {
        const int i = checklist.stepIndex(m.stepId);
        const StepStatus &st = engine.step(i);
        const qint64 at
            = m.when == ChecklistMilestone::When::Started ? st.startedElapsedMs : st.endedElapsedMs;
        if (at < 0)
            continue;
        if (m.id == QLatin1String("rollback-start"))
            r.rollbackStartMs = at;
        else if (m.id == QLatin1String("rollback-complete"))
            r.rollbackCompleteMs = at;
    }
    return r;
}

} // namespace warroom
