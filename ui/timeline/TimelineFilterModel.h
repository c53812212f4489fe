#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>

namespace warroom {

class ReplayTime;

// What the timeline table shows: one step's events when a Gantt bar was clicked, and in replay
// only what had happened by the replayed moment.
class TimelineFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setStepFilter(const QString &stepId);
    QString stepFilter() const { return m_stepId; }
    // In replay, only the events up to the replayed moment.
    void setReplayTime(ReplayTime *replay);
    // Applies the moment after it changed. Called by the page that owns both the filter and the
    // table (IncidentView::applyReplay), not on ReplayTime::changed: the table must scroll after
    // the filter has followed, and a slider drag should re-filter the timeline once per step.
    void followReplay() { invalidateFilter(); }
    // Check samples and job polls (TimelineModel::IsRoutineRole); shown unless switched off.
    void setShowRoutine(bool show);
    bool showRoutine() const { return m_showRoutine; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_stepId;
    QPointer<ReplayTime> m_replay;
    bool m_showRoutine = true;
};

} // namespace warroom
