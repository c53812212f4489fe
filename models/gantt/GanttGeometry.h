#pragma once

#include <QList>
#include <QString>

namespace warroom {

// What a Gantt renderer draws, in milliseconds since the declaration. Computed in the core from
// the checklist and the timeline, so the chart widget only paints, and any other renderer (Qt
// Graphs, an SVG for the postmortem) could paint the same thing.
enum class BarState { Planned, Active, Done, Skipped, Failed };

struct GanttBar
{
    qint64 startMs = 0;
    qint64 endMs = 0; // for a running bar: the "now" it was built at
    BarState state = BarState::Planned;
    bool running = false; // still growing
    bool overridden = false;
};

struct GanttRow
{
    QString stepId;
    QString label; // "3. Freeze writes..."
    int level = 0; // 0: a step; 1: an action, poll or check under the step above it
    GanttBar planned;
    QList<GanttBar> actual; // several when a step failed and was restarted
    // What the step's actions, checks and ramps did, one bar per run, drawn as a thin strip
    // under the actual bar: Done for success, Failed for failure or a halt, Skipped for a run
    // that was stopped, interrupted or whose outcome is unknown.
    QList<GanttBar> runs;
    bool critical = false;
    qint64 overrunMs = 0; // actual duration beyond the planned one, if any

    qint64 actualMs() const;
};

struct GanttMarker
{
    enum class Kind { Declared, Milestone, Note, Closed };
    Kind kind = Kind::Note;
    qint64 atMs = 0;
    QString label;
};

struct GanttGeometry
{
    QList<GanttRow> rows;
    QList<GanttMarker> markers;
    qint64 nowMs = 0;
    qint64 extentMs = 0; // the latest time anything reaches: planned, actual or now
    qint64 declaredUtcMs = 0;

    int barCount() const; // planned plus actual bars, for renderers and their tests
};

QString barStateName(BarState state);

} // namespace warroom
