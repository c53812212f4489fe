#pragma once

#include <QList>
#include <QString>

namespace warroom {

// What a Gantt renderer draws, in milliseconds since the declaration. Computed in the core from
// the checklist and the timeline, so the chart widget only paints, and any other renderer (Qt
// Graphs, an SVG for the postmortem) could paint the same thing.
// Unknown: a run that went out and got no answer (action.unknown): it may have run, so it is
// neither skipped nor failed until a person finds out.
enum class BarState { Planned, Active, Done, Skipped, Failed, Unknown };

struct GanttBar
{
    qint64 startMs = 0;
    qint64 endMs = 0; // for a running bar: the "now" it was built at
    BarState state = BarState::Planned;
    bool running = false; // still growing
    bool overridden = false;
    bool halted = false; // a run that ended halted (a ramp's guard tripped), drawn as Failed

    friend bool operator==(const GanttBar &, const GanttBar &) = default;
};

struct GanttRow
{
    QString stepId;
    QString label; // "3. Freeze writes..."
    int level = 0; // 0: a step; 1: an action, poll or check under the step above it
    GanttBar planned;
    QList<GanttBar> actual; // several when a step failed and was restarted
    // What the step's actions, checks and ramps did, one bar per run, drawn as a thin strip
    // under the actual bar: Done for success, Failed for failure or a halt, Unknown for a request
    // that went out and got no answer, Skipped for a run that was stopped or interrupted.
    QList<GanttBar> runs;
    bool critical = false;
    qint64 overrunMs = 0; // actual duration beyond the planned one, if any
    // Where the step is now expected to run (applyForecast): the remaining part of a started
    // step, or the whole of one not started yet, shifted by actual progress.
    GanttBar forecast;
    bool hasForecast = false;

    qint64 actualMs() const;
    // What went wrong and still stands: the latest attempt failed, the latest run failed or
    // halted, or any item's run has an outcome no person has found out yet, and the step has not
    // been done since. Drawn as a word on the chart, not only a colour.
    enum class Alarm { None, Failed, Halted, Unknown };
    Alarm alarm() const;
    friend bool operator==(const GanttRow &, const GanttRow &) = default;
};

struct GanttMarker
{
    enum class Kind { Declared, Milestone, Note, Closed };
    Kind kind = Kind::Note;
    qint64 atMs = 0;
    QString label; // empty for a note: its text is its event's (seq), looked up when shown
    qint64 seq = 0; // a note's event: 100,000 notes copied their text here, 375 B each

    friend bool operator==(const GanttMarker &, const GanttMarker &) = default;
};

struct GanttGeometry
{
    QList<GanttRow> rows;
    QList<GanttMarker> markers;
    qint64 nowMs = 0;
    qint64 extentMs = 0; // the latest time anything reaches: planned, actual or now
    qint64 declaredUtcMs = 0;
    // The re-forecast finish and the plan's, when a forecast was applied (live only).
    bool hasForecast = false;
    qint64 forecastFinishMs = 0;
    qint64 plannedFinishMs = 0;
    // The end of what "fit" shows: the incident's actual span and its forecast, which for a short
    // drill is far less than extentMs (which also covers the whole plan). 0: extentMs.
    qint64 fitEndMs = 0;
    // Which plan the planned bars show, for the legend: "Plan: measured, median of 3 drills".
    // Empty: the checklist's expected durations, named "Planned" as before.
    QString planLegend;
    // The actual side is on a drill's clock (showOnClock), not the time since the declaration:
    // the time axis says which.
    bool onDrillClock = false;

    int barCount() const; // planned plus actual bars, for renderers and their tests
    // The latest end of an actual bar or run, or now.
    qint64 actualEndMs() const;
    // A run drawn BarState::Unknown somewhere: a chart's caption then says what its colour means.
    bool hasUnknownRun() const;
    friend bool operator==(const GanttGeometry &, const GanttGeometry &) = default;
};

QString barStateName(BarState state);

} // namespace warroom
