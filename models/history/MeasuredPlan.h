#pragma once

#include "checklist/Checklist.h"

#include <QHash>
#include <QString>

namespace warroom {

struct ChecklistHistory;

// The durations the Gantt chart plans with when its plan is "measured": each step's median over
// the checklist's counted drills (sped-up and scripted ones are left out, as everywhere in
// history), the checklist's expected minutes for a step no drill has finished. `legend` names the
// plan drawn.
struct MeasuredPlan
{
    QHash<QString, qint64> durationsMs; // only the steps that have a measured median
    QString legend;                     // "Plan: measured, median of 3 drills"

    // `history` may be null (nothing measured for this checklist revision yet).
    static MeasuredPlan from(const ChecklistHistory *history, const Checklist &checklist);
    // The legend of the plan from the checklist's expected durations.
    static QString expectedLegend();
};

} // namespace warroom
