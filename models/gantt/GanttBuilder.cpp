#include "gantt/GanttBuilder.h"
#include "timeline/EventVocabulary.h"

#include "engine/AutomationStatus.h"

#include <QHash>

namespace warroom {

GanttBuilder::GanttBuilder(const Checklist &checklist, const QMap<QString, QString> &variables,
                           QList<PlannedStep> plan)
    : m_checklist(checklist)
    , m_variables(variables)
    , m_plan(std::move(plan))
{}

namespace {

void foldRun(QList<GanttBar> &bars, QHash<QString, qsizetype> &index, const TimelineEvent &e)
{
    const QString run = e.payload.value(PayloadKey::Run).toString();
    const QString &k = e.kind;
    const bool starts = startsRun(k, e.payload);
    if (starts && !index.contains(run)) {
        index.insert(run, bars.size());
        bars.append(GanttBar{e.elapsedMs, e.elapsedMs, BarState::Active, true,
                             e.payload.value(PayloadKey::Override).toBool()});
        return;
    }
    const auto it = index.constFind(run);
    if (it == index.cend())
        return;
    GanttBar &bar = bars[*it];
    if (starts) { // a re-send after an unknown outcome: the same run goes on
        bar.state = BarState::Active;
        bar.running = true;
        return;
    }
    if (!(endsRun(k) || k == EventKind::ActionUnknown) || !bar.running)
        return;
    const QString outcome = e.payload.value(PayloadKey::Outcome).toString();
    bar.running = false;
    bar.endMs = e.elapsedMs;
    if (endsRunInSuccess(k, e.payload))
        bar.state = BarState::Done;
    else if (outcome == RunOutcome::Failed || outcome == RunOutcome::Halted)
        bar.state = BarState::Failed;
    else
        bar.state = BarState::Skipped;
}

// A step's own bars: started, ended, reopened.
void foldStep(QList<GanttBar> &bars, const TimelineEvent &e)
{
    const QString &k = e.kind;
    const bool open = !bars.isEmpty() && bars.constLast().running;
    if (k == EventKind::StepStarted) {
        if (!open) {
            bars.append(GanttBar{e.elapsedMs, e.elapsedMs, BarState::Active, true,
                                 e.payload.value(PayloadKey::Override).toBool()});
        }
    } else if (k == EventKind::StepCompleted || k == EventKind::StepFailed
               || k == EventKind::StepSkipped) {
        const BarState state = k == EventKind::StepCompleted ? BarState::Done
                               : k == EventKind::StepFailed  ? BarState::Failed
                                                             : BarState::Skipped;
        if (!open) // skipped without being started: a mark of no length, still visible
            bars.append(GanttBar{e.elapsedMs, e.elapsedMs, state, false, true});
        GanttBar &b = bars.last();
        b.endMs = e.elapsedMs;
        b.state = state;
        b.running = false;
    } else if (k == EventKind::StepReopened && !bars.isEmpty()) {
        const bool restart
            = e.payload.value(PayloadKey::Cause).toString() == ReopenCause::Restart;
        GanttBar &last = bars.last();
        if (restart) {
            // A retry after failure is a new attempt: its own segment after the failed one.
            bars.append(GanttBar{e.elapsedMs, e.elapsedMs, BarState::Active, true, false});
        } else if (last.state == BarState::Skipped && last.startMs == last.endMs) {
            bars.removeLast(); // the skip was undone before the step ever ran
        } else {
            // Undo of a completion: the step never really finished, so its bar continues.
            last.state = BarState::Active;
            last.running = true;
        }
    }
}

// Marks each milestone once, the first time its step reaches the moment it names.
class MilestoneMarks
{
public:
    explicit MilestoneMarks(const QList<ChecklistMilestone> &milestones)
        : m_milestones(milestones)
        , m_seen(milestones.size(), false)
    {}

    void fold(QList<GanttMarker> &markers, const TimelineEvent &e)
    {
        if (e.kind == EventKind::StepStarted)
            reach(markers, e.stepId, ChecklistMilestone::When::Started, e.elapsedMs);
        else if (e.kind == EventKind::StepCompleted)
            reach(markers, e.stepId, ChecklistMilestone::When::Done, e.elapsedMs);
    }

private:
    void reach(QList<GanttMarker> &markers, const QString &stepId, ChecklistMilestone::When when,
               qint64 at)
    {
        for (int m = 0; m < m_milestones.size(); ++m) {
            const ChecklistMilestone &ms = m_milestones.at(m);
            if (!m_seen.at(m) && ms.stepId == stepId && ms.when == when) {
                m_seen[m] = true;
                markers.append({GanttMarker::Kind::Milestone, at, ms.label});
            }
        }
    }

    const QList<ChecklistMilestone> &m_milestones;
    QList<bool> m_seen;
};

// Bars still running at `atMs` end there; a row's overrun is measured against its plan.
void closeAt(GanttGeometry &g, qint64 atMs)
{
    for (GanttRow &row : g.rows) {
        for (GanttBar &b : row.actual) {
            if (b.running)
                b.endMs = atMs;
            g.extentMs = std::max(g.extentMs, b.endMs);
        }
        for (GanttBar &b : row.runs) {
            if (b.running)
                b.endMs = atMs;
        }
        const qint64 planned = row.planned.endMs - row.planned.startMs;
        row.overrunMs = std::max<qint64>(0, row.actualMs() - planned);
    }
    g.extentMs = std::max(g.extentMs, atMs);
}

} // namespace

void GanttBuilder::addPlannedRows(GanttGeometry &g) const
{
    const auto &steps = m_checklist.steps;
    g.rows.reserve(steps.size());
    for (int i = 0; i < steps.size(); ++i) {
        GanttRow row;
        row.stepId = steps.at(i).id;
        row.label = QStringLiteral("%1. %2").arg(i + 1).arg(
            expandVariables(steps.at(i).title, m_variables));
        const PlannedStep &p = m_plan.at(i);
        row.planned = GanttBar{p.startMs, p.endMs, BarState::Planned, false, false};
        row.critical = p.critical;
        g.rows.append(row);
        g.extentMs = std::max(g.extentMs, p.endMs);
    }
}

GanttGeometry GanttBuilder::build(const TimelineEvents &events, qint64 atMs,
                                  qint64 declaredUtcMs) const
{
    GanttGeometry g;
    g.nowMs = atMs;
    g.declaredUtcMs = declaredUtcMs;
    addPlannedRows(g);
    g.markers.append({GanttMarker::Kind::Declared, 0, QStringLiteral("Declared")});

    MilestoneMarks milestones(m_checklist.milestones);
    QHash<QString, qsizetype> runBars; // run id -> its bar in its step's row
    for (const TimelineEvent &e : events) {
        if (e.elapsedMs > atMs)
            break; // the timeline is ordered: everything after this is in the replay's future
        const int si = m_checklist.stepIndex(e.stepId);
        const QString &k = e.kind;
        if (k == EventKind::NoteAdded) {
            g.markers.append({GanttMarker::Kind::Note, e.elapsedMs,
                              e.payload.value(PayloadKey::Text).toString()});
        } else if (k == EventKind::IncidentClosed) {
            g.markers.append({GanttMarker::Kind::Closed, e.elapsedMs, QStringLiteral("Closed")});
        } else if (si < 0) {
            continue;
        } else if (isRunEventKind(k)) {
            foldRun(g.rows[si].runs, runBars, e);
        } else {
            foldStep(g.rows[si].actual, e);
            milestones.fold(g.markers, e);
        }
    }
    closeAt(g, atMs);
    return g;
}

} // namespace warroom
