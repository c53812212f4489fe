#include "TimelineFilterModel.h"

#include "itemmodels/TimelineModel.h"

namespace warroom {

void TimelineFilterModel::setStepFilter(const QString &stepId)
{
    if (stepId == m_stepId)
        return;
    m_stepId = stepId;
    invalidateFilter();
}

void TimelineFilterModel::setUntil(std::optional<qint64> elapsedMs)
{
    if (elapsedMs == m_until)
        return;
    m_until = elapsedMs;
    invalidateFilter();
}

void TimelineFilterModel::setShowRoutine(bool show)
{
    if (show == m_showRoutine)
        return;
    m_showRoutine = show;
    invalidateFilter();
}

bool TimelineFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_stepId.isEmpty() && index.data(TimelineModel::StepIdRole).toString() != m_stepId)
        return false;
    if (m_until && index.data(TimelineModel::ElapsedMsRole).toLongLong() > *m_until)
        return false;
    if (!m_showRoutine && index.data(TimelineModel::IsRoutineRole).toBool())
        return false;
    return true;
}

} // namespace warroom
