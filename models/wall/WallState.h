#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace warroom {

// The colour family of a thing on the wall, as an electronic checklist uses them: white for what
// is still to do, blue for what is under way, green for done, amber for an override or a deferral
// (skipped), red for a failure. The wall always prints a state word beside the colour, never the
// colour alone.
enum class WallTone { Pending, Active, Done, Deferred, Failed };

// "pending", "active", "done", "deferred", "failed": the style sheet's property value.
QString wallToneName(WallTone tone);

// One of the checklist's steps in the strip across the wall.
struct WallStepTile
{
    int number = 0;         // 1-based, as people say "step 4"
    QString shortTitle;     // the title's first words, for the strip
    QString title;          // the full title, variables expanded
    QString stateWord;      // PENDING, READY, ACTIVE, DONE, SKIPPED, FAILED
    QString flagWord;       // OVERRIDDEN when it went against the checklist's order, else empty
    WallTone tone = WallTone::Pending;
    bool current = false;   // the step that wants attention (ChecklistEngine::currentStep)
};

// The live measured value of the check, ramp or job under way.
struct WallMeasurement
{
    bool shown = false;
    QString heading;   // "CHECK · PASSING · Latency p99 under the acceptance threshold (300 ms)"
    QString value;     // "240 ms", or the job's state; empty before the first reading
    QString detail;    // "threshold < 300 ms · measured 4 s ago"
    QString stages;    // ramps: "5% DONE → 25% HOLDING → 50% → 100%"
    QStringList readings; // ramps: each watched check's "PASS 0.2 · error rate · < 1 · 3 s ago"
    WallTone tone = WallTone::Pending;
};

struct WallTimelineEntry
{
    QString time;   // "T+00:41:12"
    QString actor;
    QString text;   // EventFormatter's sentence, the words the console's timeline uses
    bool overrideEvent = false;
};

struct WallAnnouncement
{
    int id = 0;
    QString text;
    WallTone tone = WallTone::Deferred;
};

// A line in its tone: the forecast, as the wall and the handover briefing say it.
struct WallForecast
{
    QString text; // "finish ≈ T+52 (plan T+65)"
    WallTone tone = WallTone::Done;
};

// Everything the wall shows, computed from the open incident (WallStateBuilder) so that what the
// room reads is tested without a screen. The widgets only lay these strings out.
struct WallState
{
    bool hasIncident = false;
    // Without an incident: why the one asked for cannot be shown ("" while none is open). The
    // wall said "No incident is open" for `--wall --incident 42` of a database without 42.
    QString problem;
    QString title;
    QString modeWord;     // LIVE, DRILL, CLOSED, DRILL · CLOSED
    WallTone modeTone = WallTone::Failed;
    QString commander;    // "Commander: Priya Raman"
    QString duty;         // "0:41 on duty": since the current commander took command
    QString roles;        // "Database engineer Lena Vogt · Application owner Ada Mensah · ..."
    // "GO/NO-GO before 'Rollback job of checkout-api…' (step 4) · Database engineer GO · ... ·
    // Communications lead — waiting"
    QString poll;
    WallTone pollTone = WallTone::Active;
    // The poll is before the current item: the wall shows it under that item, else apart.
    bool pollOnCurrentItem = false;
    QString clock;        // "T+00:41:12"; stops at the closing event once closed
    // A drill paused by its facilitator: the clock stands still and says "PAUSED".
    bool clockPaused = false;
    // A drill clock faster than the wall's: "×50 drill clock · real 00:00:12", shown smaller
    // beside the clock (ScreenClock::scaleText, the console header says the same); else empty.
    QString clockScale;
    QString stepHeading;  // "STEP 4 OF 8 · Execute automation scripts; monitor telemetry"
    QString stepStateWord;
    WallTone stepTone = WallTone::Pending;
    QString itemText;     // "2/4  Rollback job of checkout-api to v1.2.9 started and finished"
    QList<WallStepTile> steps;
    WallMeasurement measurement;
    QString forecast;     // "finish ≈ T+52 (plan T+65)"
    WallTone forecastTone = WallTone::Active;
    QList<WallTimelineEntry> recent; // newest first
    QList<WallAnnouncement> announcements;
};

} // namespace warroom
