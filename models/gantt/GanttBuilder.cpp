#include "gantt/GanttBuilder.h"
#include "timeline/EventVocabulary.h"
#include "util/BidiControls.h"

#include "engine/AutomationStatus.h"

#include <QHash>

namespace warroom {

GanttBuilder::GanttBuilder(const Checklist &checklist, const QMap<QString, QString> &variables,
                           QList<PlannedStep> plan)
    : m_checklist(checklist)
    , m_variables(variables)
    , m_plan(std::move(plan))
    , m_fold(startFold())
{}

namespace {

void foldRun(QList<GanttBar> &bars, QHash<QPair<int, QString>, qsizetype> &index,
             QHash<QPair<int, QString>, qsizetype> &itemRuns, int step, const TimelineEvent &e)
{
    const QPair<int, QString> run{step, e.payload.value(PayloadKey::Run).toString()};
    const QString &k = e.kind;
    const bool starts = startsRun(k, e.payload);
    if (starts && !index.contains(run)) {
        // A new run of the item replaces one whose outcome was unknown (a ramp sets its weights
        // again): the engine no longer holds the item in doubt, and neither does the chart.
        const auto previous = itemRuns.constFind({step, e.itemId});
        if (previous != itemRuns.cend() && bars.at(*previous).state == BarState::Unknown
            && !bars.at(*previous).running)
            bars[*previous].state = BarState::Skipped;
        index.insert(run, bars.size());
        itemRuns.insert({step, e.itemId}, bars.size());
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
    if (k == EventKind::ActionUnknown) {
        // Also after its end: a ramp stopped with a weight's request in flight ends interrupted,
        // then its request is unknown, as the engine holds it (AutomationStatus::Phase::Unknown).
        if (bar.running)
            bar.endMs = e.elapsedMs;
        bar.running = false;
        bar.state = BarState::Unknown; // sent, no answer: it may have run
        return;
    }
    if (!endsRun(k) || !bar.running)
        return;
    const QString outcome = e.payload.value(PayloadKey::Outcome).toString();
    bar.running = false;
    bar.endMs = e.elapsedMs;
    if (endsRunInSuccess(k, e.payload))
        bar.state = BarState::Done;
    else if (outcome == RunOutcome::Failed || outcome == RunOutcome::Halted) {
        bar.state = BarState::Failed;
        bar.halted = outcome == RunOutcome::Halted;
    } else
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

GanttBuilder::Fold GanttBuilder::startFold() const
{
    Fold f;
    const auto &steps = m_checklist.steps;
    f.rows.reserve(steps.size());
    for (int i = 0; i < steps.size(); ++i) {
        GanttRow row;
        row.stepId = steps.at(i).id;
        const PlannedStep &p = m_plan.at(i);
        row.planned = GanttBar{p.startMs, p.endMs, BarState::Planned, false, false};
        row.critical = p.critical;
        f.rows.append(row);
    }
    f.markers.append({GanttMarker::Kind::Declared, 0, QStringLiteral("Declared")});
    f.milestoneSeen = QList<bool>(m_checklist.milestones.size(), false);
    return f;
}

// Marks each milestone once, the first time its step reaches the moment it names.
void GanttBuilder::reachMilestone(Fold &fold, const QString &stepId, int when, qint64 at) const
{
    const QList<ChecklistMilestone> &milestones = m_checklist.milestones;
    for (int m = 0; m < milestones.size(); ++m) {
        const ChecklistMilestone &ms = milestones.at(m);
        if (!fold.milestoneSeen.at(m) && ms.stepId == stepId && static_cast<int>(ms.when) == when) {
            fold.milestoneSeen[m] = true;
            fold.markers.append({GanttMarker::Kind::Milestone, at, BidiControls::shown(ms.label)});
        }
    }
}

void GanttBuilder::markItem(Fold &fold, int step, const TimelineEvent &e)
{
    const QString &k = e.kind;
    if (e.itemId.isEmpty()
        || !(k == EventKind::ItemConfirmed || k == EventKind::ItemSkipped
             || k == EventKind::ItemReverted || k == EventKind::ItemDeferred))
        return;
    ItemMark &mark = fold.itemMarks[{step, e.itemId}];
    if (k == EventKind::ItemConfirmed)
        mark.state = ItemMark::State::Confirmed;
    else if (k == EventKind::ItemSkipped)
        mark.state = ItemMark::State::Skipped;
    else if (k == EventKind::ItemDeferred)
        mark.deferralSeq = e.seq;
    else if (static_cast<qint64>(e.payload.value(PayloadKey::Reverts).toDouble())
             == mark.deferralSeq)
        mark.deferralSeq = 0; // the deferral undone; whatever else the item was, it still is
    else
        mark.state = ItemMark::State::Open;
}

void GanttBuilder::foldEvent(Fold &fold, const TimelineEvent &e) const
{
    ++fold.count;
    fold.lastMs = std::max(fold.lastMs, e.elapsedMs);
    const int si = m_checklist.stepIndex(e.stepId);
    const QString &k = e.kind;
    if (k == EventKind::NoteAdded) {
        fold.markers.append({GanttMarker::Kind::Note, e.elapsedMs, {}, e.seq});
    } else if (k == EventKind::IncidentClosed) {
        fold.markers.append({GanttMarker::Kind::Closed, e.elapsedMs, QStringLiteral("Closed")});
    } else if (si < 0) {
        return;
    } else if (isRunEventKind(k)) {
        foldRun(fold.rows[si].runs, fold.runBars, fold.itemRuns, si, e);
    } else {
        markItem(fold, si, e);
        foldStep(fold.rows[si].actual, e);
        if (k == EventKind::StepStarted)
            reachMilestone(fold, e.stepId, static_cast<int>(ChecklistMilestone::When::Started),
                           e.elapsedMs);
        else if (k == EventKind::StepCompleted)
            reachMilestone(fold, e.stepId, static_cast<int>(ChecklistMilestone::When::Done),
                           e.elapsedMs);
    }
}

// An unknown outcome that a person has since settled, drawn as they settled it: confirmed by
// hand says it ran, a skip of the item leaves it skipped. Decided from the item as it stands, not
// when the answer was lost: an undo puts the doubt back, and an action.unknown that comes after
// the person's decision (a poll's deadline, a restart) is settled all the same. A skip of the
// whole step settles nothing about the request: the item stays in doubt (ItemStatus::isInDoubt,
// the checklist's "? UNKNOWN", the briefing), only the row's badge goes (GanttRow::alarm), as the
// step's own doubt does (StepStatus::isInDoubt). The chart drew the run skipped.
void GanttBuilder::settleUnknownRuns(const Fold &fold, QList<GanttRow> &rows)
{
    for (auto it = fold.itemRuns.cbegin(); it != fold.itemRuns.cend(); ++it) {
        const int step = it.key().first;
        const GanttBar &run = fold.rows.at(step).runs.at(*it);
        if (run.state != BarState::Unknown || run.running)
            continue;
        const ItemMark::State item = fold.itemMarks.value(it.key()).state;
        if (item == ItemMark::State::Confirmed)
            rows[step].runs[*it].state = BarState::Done;
        else if (item == ItemMark::State::Skipped)
            rows[step].runs[*it].state = BarState::Skipped;
    }
}

// Copies share the fold's lists until written: closing at now touches only the rows with a
// running bar, and the markers (every note) are not copied at all.
GanttGeometry GanttBuilder::close(const Fold &fold, qint64 atMs, qint64 declaredUtcMs) const
{
    GanttGeometry g;
    g.nowMs = atMs;
    g.declaredUtcMs = declaredUtcMs;
    g.rows = fold.rows;
    g.markers = fold.markers;
    for (int i = 0; i < g.rows.size(); ++i) {
        // Labels are expanded when drawn: an action may extract a value ({{job_id}}) at any time.
        // A bidirectional control in a title or a value is shown, not obeyed.
        g.rows[i].label = QStringLiteral("%1. %2").arg(i + 1).arg(
            BidiControls::shown(expandName(m_checklist.steps.at(i).title, m_variables)));
        g.extentMs = std::max(g.extentMs, g.rows.at(i).planned.endMs);
    }
    settleUnknownRuns(fold, g.rows);
    closeAt(g, atMs);
    return g;
}

GanttGeometry GanttBuilder::build(const TimelineEvents &events, qint64 atMs,
                                  qint64 declaredUtcMs) const
{
    Fold fold = startFold();
    for (const TimelineEvent &e : events) {
        if (e.elapsedMs > atMs)
            break; // the timeline is ordered: everything after this is in the replay's future
        foldEvent(fold, e);
    }
    return close(fold, atMs, declaredUtcMs);
}

void GanttBuilder::reset()
{
    m_fold = startFold();
}

void GanttBuilder::append(const TimelineEvents &events)
{
    if (events.size() < m_fold.count)
        reset();
    // A note is a marker: room for one per new event at once when many come (an incident
    // opened), instead of growing and moving 100,000 markers a dozen times. One at a time (a
    // live tick) keeps QList's own growth.
    const qsizetype coming = events.size() - m_fold.count;
    if (coming > 1024 && m_fold.markers.capacity() < m_fold.markers.size() + coming)
        m_fold.markers.reserve(m_fold.markers.size() + coming);
    for (qsizetype i = m_fold.count; i < events.size(); ++i)
        foldEvent(m_fold, events.at(i));
}

GanttGeometry GanttBuilder::geometry(qint64 atMs, qint64 declaredUtcMs) const
{
    Q_ASSERT(atMs >= m_fold.lastMs);
    return close(m_fold, atMs, declaredUtcMs);
}

} // namespace warroom
