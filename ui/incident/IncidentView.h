#pragma once

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTreeView;

namespace warroom {

class ChecklistModel;
class GanttPanel;
class IncidentHeader;
class AutomationRunner;
class IncidentSession;
class StepPanel;
class TimelineFilterModel;
class TimelineModel;

// The incident page of the war-room screen: header, checklist and step panel, the Gantt chart,
// and the timeline with its note field. Layout and view state only; MainWindow turns what
// happens here into commands.
class IncidentView : public QWidget
{
    Q_OBJECT

public:
    IncidentView(ChecklistModel *checklist, TimelineModel *timeline, QWidget *parent = nullptr);

    void setSession(IncidentSession *session, AutomationRunner *runner = nullptr);

    IncidentHeader *header() const { return m_header; }
    QTreeView *checklistView() const { return m_checklistView; }
    StepPanel *stepPanel() const { return m_stepPanel; }
    GanttPanel *gantt() const { return m_gantt; }
    QTableView *timelineView() const { return m_timelineView; }
    QLineEdit *noteEdit() const { return m_noteEdit; }
    void setNotesEnabled(bool enabled);
    QCheckBox *notePrivate() const { return m_notePrivate; }
    TimelineFilterModel *timelineFilter() const { return m_filter; }

    // The timeline table shows only this step's events ("" for all).
    void showStepEvents(const QString &stepId, const QString &label = {});
    void setReplayTime(std::optional<qint64> elapsedMs);

signals:
    void stepSelected(int step);
    void noteSubmitted();

private:
    ChecklistModel *m_checklistModel;
    IncidentHeader *m_header;
    QTreeView *m_checklistView;
    StepPanel *m_stepPanel;
    GanttPanel *m_gantt;
    QTableView *m_timelineView;
    TimelineFilterModel *m_filter;
    QWidget *m_filterBar;
    QLabel *m_filterLabel;
    QLineEdit *m_noteEdit;
    QPushButton *m_noteButton = nullptr;
    QCheckBox *m_notePrivate;
};

} // namespace warroom
