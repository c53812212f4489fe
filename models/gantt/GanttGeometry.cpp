#include "gantt/GanttGeometry.h"

namespace warroom {

qint64 GanttRow::actualMs() const
{
    qint64 total = 0;
    for (const GanttBar &b : actual)
        total += b.endMs - b.startMs;
    return total;
}

int GanttGeometry::barCount() const
{
    int n = 0;
    for (const GanttRow &r : rows)
        n += 1 + static_cast<int>(r.actual.size() + r.runs.size());
    return n;
}

QString barStateName(BarState state)
{
    switch (state) {
    case BarState::Planned:
        return QStringLiteral("planned");
    case BarState::Active:
        return QStringLiteral("active");
    case BarState::Done:
        return QStringLiteral("done");
    case BarState::Skipped:
        return QStringLiteral("skipped");
    case BarState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

} // namespace warroom
