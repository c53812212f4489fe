#include "gantt/GanttForecast.h"

#include <algorithm>

namespace warroom {

void applyForecast(GanttGeometry &g, const ScheduleForecast &forecast)
{
    const qsizetype n = std::min(g.rows.size(), forecast.steps.size());
    for (qsizetype i = 0; i < n; ++i) {
        const ForecastStep &f = forecast.steps.at(i);
        GanttRow &row = g.rows[i];
        row.hasForecast = !f.finished;
        if (f.finished)
            continue;
        // A started step's actual bar already reaches now: only what is left is forecast.
        const qint64 start = f.started ? std::max(f.startMs, g.nowMs) : f.startMs;
        row.forecast = GanttBar{start, std::max(start, f.endMs), BarState::Planned, false, false};
    }
    g.hasForecast = true;
    g.forecastFinishMs = forecast.finishMs;
    g.plannedFinishMs = forecast.plannedFinishMs;
    g.extentMs = std::max(g.extentMs, forecast.finishMs);
    g.fitEndMs = std::max(g.actualEndMs(), forecast.finishMs);
}

} // namespace warroom
