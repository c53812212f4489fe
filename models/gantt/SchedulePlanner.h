#pragma once

#include "checklist/Checklist.h"

#include <QHash>
#include <QList>

namespace warroom {

// When a step is planned to run, measured from the declaration.
struct PlannedStep
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 slackMs = 0;    // how much it could slip without moving the end of the whole plan
    bool critical = false; // on the longest path: any delay here delays the rollback

    friend bool operator==(const PlannedStep &, const PlannedStep &) = default;
};

// The plan behind the Gantt chart's planned bars: a step starts when the last of its
// dependencies is planned to end, and lasts its expected duration. Durations come from the
// checklist unless `measuredMs` has a figure for the step: that is where per-step durations
// measured over past drills replace the guesses ("know your number").
class SchedulePlanner
{
public:
    static QList<PlannedStep> plan(const Checklist &checklist,
                                   const QHash<QString, qint64> &measuredMs = {});
    static qint64 expectedMs(const ChecklistStep &step);
    // The plan's finish, its last step's end: the "plan T+65" every screen and the postmortem
    // hold a finish against.
    static qint64 finishMs(const QList<PlannedStep> &plan);
};

} // namespace warroom
