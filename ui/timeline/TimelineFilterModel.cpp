#include "ui/timeline/TimelineFilterModel.h"

#include "itemmodels/TimelineModel.h"
#include "ui/timeline/ReplayTime.h"

namespace warroom {

void TimelineFilterModel::setStepFilter(const QString &stepId)
{
    if (stepId == m_stepId)
        return;
    m_stepId = stepId;
    invalidateFilter();
}

void TimelineFilterModel::setReplayTime(ReplayTime *replay)
{
    m_replay = replay;
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
    // Live, whole and with routine rows (how a window opens): every row, without asking each of
    // 100,000 rows three questions through QVariant.
    const std::optional<qint64> until = m_replay ? m_replay->at() : std::nullopt;
    if (m_stepId.isEmpty() && !until && m_showRoutine)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_stepId.isEmpty() && index.data(TimelineModel::StepIdRole).toString() != m_stepId)
        return false;
    if (until && index.data(TimelineModel::ElapsedMsRole).toLongLong() > *until)
        return false;
    if (!m_showRoutine && index.data(TimelineModel::IsRoutineRole).toBool())
        return false;
    return true;
}

} // namespace warroom
