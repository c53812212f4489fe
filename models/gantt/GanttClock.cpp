#include "gantt/GanttClock.h"

#include <algorithm>

namespace warroom {

void showOnClock(GanttGeometry &g, const std::function<qint64(qint64 elapsedMs)> &shown)
{
    const auto retime = [&shown](GanttBar &b) {
        b.startMs = shown(b.startMs);
        b.endMs = std::max(b.startMs, shown(b.endMs));
    };
    g.onDrillClock = true;
    g.nowMs = shown(g.nowMs);
    g.extentMs = g.nowMs;
    for (GanttRow &row : g.rows) {
        std::for_each(row.actual.begin(), row.actual.end(), retime);
        std::for_each(row.runs.begin(), row.runs.end(), retime);
        for (const GanttBar &b : row.actual)
            g.extentMs = std::max(g.extentMs, b.endMs);
        g.extentMs = std::max(g.extentMs, row.planned.endMs);
        const qint64 planned = row.planned.endMs - row.planned.startMs;
        row.overrunMs = std::max<qint64>(0, row.actualMs() - planned);
    }
    for (GanttMarker &m : g.markers)
        m.atMs = shown(m.atMs);
    if (g.fitEndMs > 0)
        g.fitEndMs = shown(g.fitEndMs);
}

} // namespace warroom
