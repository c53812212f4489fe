#pragma once

#include "gantt/GanttGeometry.h"

#include <functional>

namespace warroom {

// Redraws the chart's actual side on the clock the room reads. The plan is in the checklist's
// minutes, which a drill's clock runs in; what happened is folded in the incident's real elapsed
// ms. A drill at x100 drew its real 50 seconds as slivers under a plan of an hour and a half, its
// "Closed" line at T+0:50 while the header said T+01:24:39. `shown` maps real elapsed ms to the
// clock shown (ScreenClock::shownMs): every actual bar and run, marker and "now" go through it,
// and the overruns and the extent are measured again. The planned bars stay as they are. Apply
// before a forecast told on the same clock (applyForecast).
void showOnClock(GanttGeometry &g, const std::function<qint64(qint64 elapsedMs)> &shown);

} // namespace warroom
