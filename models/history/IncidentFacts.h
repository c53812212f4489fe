#pragma once

#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

#include <QMap>
#include <QStringList>

#include <optional>

namespace warroom {

struct PostmortemReport;

// What history needs from one incident, taken from its postmortem report (PostmortemReport
// folds the timeline through the ChecklistEngine), so a step's duration and the time from
// rollback trigger to healthy are the numbers the incident's own report states.
struct IncidentFacts
{
    qint64 id = 0;
    QString title;
    QString commander;
    IncidentMode mode = IncidentMode::Live;
    qint64 declaredUtcMs = 0;
    QString checklistId;
    QString checklistRevision;
    QByteArray checklistSha256; // of the checklist as run: one revision may be edited and reused
    bool closed = false;
    // ×N: how much faster than real time its runs went (1 for a real-time incident).
    double speed = 1.0;
    // A drill whose players' script answered for the people (DrillDeclaration::playersKey): its
    // times are the script's, not a team's. Never a LIVE incident, whatever its declaration says.
    bool scripted = false;
    // Steps that finished done, by step id: the engine's first start to its final completion
    // (a step that failed and was restarted keeps its first start; a reopened step counts once
    // it is done again). Skipped and failed steps have no duration.
    QMap<QString, qint64> stepMs;
    std::optional<qint64> triggerToHealthyMs; // milestones rollback-start → rollback-complete
    QString rollbackClass;                    // the option chosen at the "class" choice item
    // Impact start → detection, when the declaration records both (impact_started_at,
    // detected_at, given in the declare dialog); never negative.
    std::optional<qint64> timeToDetectMs;
    int checksByRun = 0;  // checks and ramps confirmed by their own run
    int checksByHand = 0; // ... and confirmed by a person instead (an override)
    QStringList executors; // who confirmed items of the rollback-start milestone's step

    bool isDrill() const { return mode == IncidentMode::Drill; }
    bool isAccelerated() const { return speed > 1.0; }

    static IncidentFacts fromReport(const PostmortemReport &report);
    // The speed an incident ran at, from its events: the declaration's "drill_speed" when it
    // records one, else the fastest run's "time_scale" (the runner stamps 1/N on every run of
    // a drill at ×N).
    static double speedOf(const TimelineEvents &events);
    // Whether its declaration says a players' script played it.
    static bool scriptedOf(const TimelineEvents &events);
    static std::optional<qint64> timeToDetectOf(const TimelineEvents &events);
};

} // namespace warroom
