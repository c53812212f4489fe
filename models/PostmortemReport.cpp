#include "PostmortemReport.h"

#include "ChecklistEngine.h"
#include "EventFormatter.h"
#include "SchedulePlanner.h"

namespace warroom {

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
            const QString what
                = e.kind == EventKind::StepStarted   ? QStringLiteral("started out of order")
                  : e.kind == EventKind::StepSkipped ? QStringLiteral("step skipped")
                  : e.kind == EventKind::ItemSkipped ? QStringLiteral("item skipped")
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
