#include "history/MeasuredPlan.h"

#include "history/ChecklistHistory.h"

#include <algorithm>

namespace warroom {

QString MeasuredPlan::expectedLegend()
{
    return QStringLiteral("Plan: expected durations");
}

MeasuredPlan MeasuredPlan::from(const ChecklistHistory *history, const Checklist &checklist)
{
    MeasuredPlan plan;
    if (history)
        plan.durationsMs = history->measuredDrillMs();
    if (plan.durationsMs.isEmpty()) {
        // Said on the chart, so an unchanged chart after the switch is not taken for a fault.
        plan.legend = QStringLiteral("Plan: expected (no drill measured yet)");
        return plan;
    }
    // The drills behind the figures: an open drill that has finished no step yet adds nothing.
    int drills = 0;
    for (const ChecklistHistory::Step &step : history->steps)
        drills = std::max(drills, step.drill.n);
    plan.legend = QStringLiteral("Plan: measured, median of %1 %2")
                      .arg(drills)
                      .arg(drills == 1 ? QStringLiteral("drill") : QStringLiteral("drills"));
    qsizetype unmeasured = 0;
    for (const ChecklistStep &step : checklist.steps) {
        if (!plan.durationsMs.contains(step.id))
            ++unmeasured;
    }
    if (unmeasured > 0)
        plan.legend += QStringLiteral(" (%1 %2 expected)")
                           .arg(unmeasured)
                           .arg(unmeasured == 1 ? QStringLiteral("step") : QStringLiteral("steps"));
    return plan;
}

} // namespace warroom
