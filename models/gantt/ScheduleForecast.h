#pragma once

#include "gantt/SchedulePlanner.h"

#include <QList>

#include <functional>

namespace warroom {

class ChecklistEngine;

// A step as it is now expected to run: finished steps at their actual times, started ones from
// their actual start, the rest re-planned after their dependencies' forecast ends and no earlier
// than now.
struct ForecastStep
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    bool started = false;
    bool finished = false; // startMs/endMs are actual
};

struct ScheduleForecast
{
    QList<ForecastStep> steps; // checklist order
    qint64 finishMs = 0;       // when the last step is forecast to end (actual when complete)
    qint64 plannedFinishMs = 0;
    bool complete = false; // every step done or skipped
    qint64 slipMs() const { return finishMs - plannedFinishMs; }
};

// Re-plans what remains from what actually happened, so the room sees when the rollback will
// really be done ("finish ≈ T+52 (plan T+65)") rather than when the plan hoped it would be.
class ScheduleForecaster
{
public:
    // The clock a forecast is told in, from the incident's real elapsed ms: a drill's T+ runs
    // `speed` times faster (ScreenClock::shownMs), and its plan is in that clock's minutes.
    using Clock = std::function<qint64(qint64 elapsedMs)>;

    // plan: SchedulePlanner::plan(engine.checklist()); nowMs: elapsed since the declaration.
    // With `shown`, the steps' times and now are read on that clock and so is the forecast: at
    // x50 a finish added planned drill minutes to real seconds, 24 minutes early on the wall.
    static ScheduleForecast forecast(const ChecklistEngine &engine, const QList<PlannedStep> &plan,
                                     qint64 nowMs, const Clock &shown = {});
};

} // namespace warroom
