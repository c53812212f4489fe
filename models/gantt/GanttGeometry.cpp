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
    // Done by hand after a run failed, or once a person found out: nothing stands any more.
    const auto doneSince = [&](const GanttBar &run) {
        return !actual.isEmpty() && actual.constLast().state == BarState::Done
               && actual.constLast().endMs >= run.endMs;
    };
    if (!runs.isEmpty()) {
        const GanttBar &last = runs.constLast();
        if (last.state == BarState::Failed && !doneSince(last))
            return last.halted ? Alarm::Halted : Alarm::Failed;
    }
    // Any item's run, not only the row's latest: a check that passed after another item's
    // request was lost leaves that request in doubt. Only while the step is open, as the engine
    // holds a step in doubt (StepStatus::isInDoubt): once it is done or skipped, a run still in
    // doubt is drawn so, and the badge is gone whenever the answer was lost. (Compared by time,
    // a deferred item's answer lost after its step was done raised the badge, and lost before
    // it did not.)
    const bool open = actual.isEmpty() || actual.constLast().state == BarState::Active;
    const bool inDoubt = open && std::any_of(runs.cbegin(), runs.cend(), [](const GanttBar &run) {
                             return run.state == BarState::Unknown;
                         });
    return inDoubt ? Alarm::Unknown : Alarm::None;
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
