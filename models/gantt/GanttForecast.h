#pragma once

#include "gantt/GanttGeometry.h"
#include "gantt/ScheduleForecast.h"

namespace warroom {

// Lays a re-forecast over the geometry: each unfinished step gets a forecast bar (the rest of a
// started step from now, the whole of one not started), the geometry the forecast finish, and
// "fit" the incident's actual span with its forecast, so that a short drill is not drawn as
// slivers on the whole plan.
void applyForecast(GanttGeometry &g, const ScheduleForecast &forecast);

} // namespace warroom
