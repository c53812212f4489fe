#pragma once

#include "checklist/Checklist.h"
#include "gantt/GanttGeometry.h"
#include "gantt/SchedulePlanner.h"
#include "timeline/TimelineEvent.h"

namespace warroom {

// Folds a timeline into Gantt geometry as it stood at `atMs` (elapsed since declaration): live,
// `atMs` is now; in replay, any earlier moment. Reads events in memory only, never the database,
// so a redraw costs no I/O.
class GanttBuilder
{
public:
    GanttBuilder(const Checklist &checklist, const QMap<QString, QString> &variables,
                 QList<PlannedStep> plan);

    GanttGeometry build(const TimelineEvents &events, qint64 atMs, qint64 declaredUtcMs) const;

private:
    void addPlannedRows(GanttGeometry &g) const;

    const Checklist &m_checklist;
    const QMap<QString, QString> &m_variables;
    QList<PlannedStep> m_plan;
};

} // namespace warroom
