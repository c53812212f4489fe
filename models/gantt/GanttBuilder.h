#pragma once

#include "checklist/Checklist.h"
#include "gantt/GanttGeometry.h"
#include "gantt/SchedulePlanner.h"
#include "timeline/TimelineEvent.h"

#include <QHash>

namespace warroom {

// Folds a timeline into Gantt geometry as it stood at `atMs` (elapsed since declaration): live,
// `atMs` is now; in replay, any earlier moment. Reads events in memory only, never the database,
// so a redraw costs no I/O.
//
// Two ways to use it. build() folds from the first event: replay and exports. The live chart
// instead appends(): the builder keeps what it has folded and folds only the events it has not
// seen, and geometry() closes the folded state at now, so the once-a-second tick costs the same at
// 100 and 100,000 events (bench_gantt). Both fold with the same code, and tst_gantt checks that
// they agree after every event of scripted timelines.
class GanttBuilder
{
public:
    GanttBuilder(const Checklist &checklist, const QMap<QString, QString> &variables,
                 QList<PlannedStep> plan);

    GanttGeometry build(const TimelineEvents &events, qint64 atMs, qint64 declaredUtcMs) const;

    // Folds events[folded()..] into the kept state. `events` must be the same append-only list
    // each time; a shorter one (another incident) starts over.
    void append(const TimelineEvents &events);
    void reset();
    qsizetype folded() const { return m_fold.count; }
    qint64 lastFoldedMs() const { return m_fold.lastMs; }
    // The kept state closed at atMs; atMs must not be before lastFoldedMs() (use build() then).
    GanttGeometry geometry(qint64 atMs, qint64 declaredUtcMs) const;

private:
    // An item's resolution as the engine folds it (ChecklistEngine::applyItemEvent).
    struct ItemMark
    {
        enum class State { Open, Confirmed, Skipped } state = State::Open;
        qint64 deferralSeq = 0; // undoing the deferral leaves a resolution as it was
    };

    // Everything the fold carries from one event to the next.
    struct Fold
    {
        QList<GanttRow> rows; // planned bars, actual bars and runs; labels are set when drawn
        QList<GanttMarker> markers;
        // (step, run id) -> the run's bar in that step's row: a run id is not trusted to stay in
        // one step (an imported timeline's run under two steps indexed past the other's bars).
        QHash<QPair<int, QString>, qsizetype> runBars;
        // (step, item) -> its latest run's bar, and what a person has since done with the item.
        // An unknown outcome is settled when the chart is closed, from the item as it stands
        // then, exactly as ItemStatus::isInDoubt decides for the checklist and the briefing:
        // confirmed by hand (it ran), skipped (a skip of its step leaves it in doubt), undone (in
        // doubt again), or an answer that came after the person had already decided.
        QHash<QPair<int, QString>, qsizetype> itemRuns;
        QHash<QPair<int, QString>, ItemMark> itemMarks;
        QList<bool> milestoneSeen;
        qsizetype count = 0;
        qint64 lastMs = 0;
    };

    Fold startFold() const;
    void foldEvent(Fold &fold, const TimelineEvent &e) const;
    static void markItem(Fold &fold, int step, const TimelineEvent &e);
    static void settleUnknownRuns(const Fold &fold, QList<GanttRow> &rows);
    void reachMilestone(Fold &fold, const QString &stepId, int when, qint64 at) const;
    GanttGeometry close(const Fold &fold, qint64 atMs, qint64 declaredUtcMs) const;

    const Checklist &m_checklist;
    const QMap<QString, QString> &m_variables;
    QList<PlannedStep> m_plan;
    Fold m_fold;
};

} // namespace warroom
