#include "gantt/GanttGeometry.h"

#include <algorithm>

namespace warroom {

qint64 GanttRow::actualMs() const
{
    qint64 total = 0;
    for (const GanttBar &b : actual)
        total += b.endMs - b.startMs;
    return total;
}

GanttRow::Alarm GanttRow::alarm() const
{
    if (!actual.isEmpty() && actual.constLast().state == BarState::Failed)
        return Alarm::Failed;
    if (runs.isEmpty())
        return Alarm::None;
    const GanttBar &run = runs.constLast();
    if (run.state != BarState::Failed && run.state != BarState::Unknown)
        return Alarm::None;
    if (!actual.isEmpty() && actual.constLast().state == BarState::Done
        && actual.constLast().endMs >= run.endMs)
        return Alarm::None; // done by hand after the run failed, or once a person found out
    if (run.state == BarState::Unknown)
        return Alarm::Unknown;
    return run.halted ? Alarm::Halted : Alarm::Failed;
}

bool GanttGeometry::hasUnknownRun() const
{
    return std::any_of(rows.cbegin(), rows.cend(), [](const GanttRow &r) {
        return std::any_of(r.runs.cbegin(), r.runs.cend(),
                           [](const GanttBar &b) { return b.state == BarState::Unknown; });
    });
}

int GanttGeometry::barCount() const
{
    int n = 0;
    for (const GanttRow &r : rows)
        n += 1 + static_cast<int>(r.actual.size() + r.runs.size());
    return n;
}

qint64 GanttGeometry::actualEndMs() const
{
    qint64 end = nowMs;
    for (const GanttRow &r : rows) {
        for (const GanttBar &b : r.actual)
            end = std::max(end, b.endMs);
        for (const GanttBar &b : r.runs)
            end = std::max(end, b.endMs);
    }
    return end;
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
    case BarState::Unknown:
        return QStringLiteral("outcome unknown");
    }
    return {};
}

} // namespace warroom
