#pragma once

#include "checklist/Checklist.h"
#include "gantt/GanttGeometry.h"
#include "gantt/SchedulePlanner.h"
#include "timeline/TimelineEvent.h"

#include <QHash>
#include <QSet>

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
    // Everything the fold carries from one event to the next.
    struct Fold
    {
        QList<GanttRow> rows; // planned bars, actual bars and runs; labels are set when drawn
        QList<GanttMarker> markers;
        // (step, run id) -> the run's bar in that step's row: a run id is not trusted to stay in
        // one step (an imported timeline's run under two steps indexed past the other's bars).
        QHash<QPair<int, QString>, qsizetype> runBars;
        // (step, item) -> its latest run's bar, and the Unknown bars a person has since settled
        // (confirmed or skipped the item): the chart's OUTCOME UNKNOWN stood after the wall, the
        // summary and the briefing had stopped calling it in doubt.
        QHash<QPair<int, QString>, qsizetype> itemRuns;
        QSet<QPair<int, qsizetype>> settledUnknown; // (step, bar)
        QList<bool> milestoneSeen;
        qsizetype count = 0;
        qint64 lastMs = 0;
    };

    Fold startFold() const;
    void foldEvent(Fold &fold, const TimelineEvent &e) const;
    void reachMilestone(Fold &fold, const QString &stepId, int when, qint64 at) const;
    GanttGeometry close(const Fold &fold, qint64 atMs, qint64 declaredUtcMs) const;

    const Checklist &m_checklist;
    const QMap<QString, QString> &m_variables;
    QList<PlannedStep> m_plan;
    Fold m_fold;
};

} // namespace warroom
