#pragma once

#include <QPointer>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QScrollArea;
class QShortcut;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTreeView;

namespace warroom {

class AutomationRunner;
class ChecklistModel;
class CompletionSummary;
class GanttPanel;
class IncidentHeader;
class IncidentSession;
class ReplayTime;
class StepPanel;
class TimelineFilterModel;
class TimelineModel;

// The incident page of the war-room screen: header, checklist and step panel, the Gantt chart,
// and the timeline with its note field. Layout and view state only: it offers what a person can
// ask of the page (focus a step, zoom the chart, go back to live) and passes on, as signals, the
// commands given on it; IncidentActions carries them out.
class IncidentView : public QWidget
{
    Q_OBJECT

public:
    IncidentView(ChecklistModel *checklist, TimelineModel *timeline, QWidget *parent = nullptr);

    void setSession(IncidentSession *session, AutomationRunner *runner = nullptr);
    // The completion summary's buttons are these actions (IncidentActions' own).
    void setCompletionActions(QAction *exportPostmortem, QAction *closeIncident);

    // The step in the step panel, and the row the checklist shows as current.
    int focusedStep() const;
    // Shows a step in the step panel and selects its item (-1: the step's row) in the checklist.
    void focusItem(int step, int item);
    void focusChecklist();
    // A refused command's message under the step's buttons ("" hides it).
    void showCommandMessage(const QString &message);
    // Off while the timeline cannot be written: nothing on screen may invite a command.
    void setStepCommandsEnabled(bool enabled);

    QString noteText() const;
    bool isNotePrivate() const;
    void clearNote();
    void focusNoteEdit();
    // Off, the field says why (notesOffReason).
    void setNotesEnabled(bool enabled);
    // Why no note can be added now: "the incident is closed", "this is a replay (…)".
    QString notesOffReason() const;

    // The timeline table shows only this step's events ("" for all).
    void showStepEvents(const QString &stepId, const QString &label = {});
    void setShowRoutineEvents(bool show);

    bool isReplaying() const;
    std::optional<qint64> replayTime() const;
    void backToLive();
    void zoomGanttToFit();
    void exportGanttChart();
    void setGanttFollowNow(bool follow);

    // For tests: the parts they drive directly.
    GanttPanel *gantt() const { return m_gantt; }
    TimelineFilterModel *timelineFilter() const { return m_filter; }
    IncidentHeader *header() const { return m_header; }
    CompletionSummary *completionSummary() const { return m_summary; }

signals:
    void stepSelected(int step);
    void stepClicked(const QString &stepId);
    void replayChanged(std::optional<qint64> elapsedMs);
    void ganttFollowNowChanged(bool follow);
    void actorEdited(const QString &actor);
    void noteSubmitted();
    void confirmRequested(const QString &value);
    void skipRequested();
    void runRequested();
    void resendRequested();
    void stopRequested();
    void rollbackRequested();
    void restartRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildTimelinePane();
    QWidget *buildStepPane();
    void setUpChecklistView();
    void connectParts();
    void applyReplay(std::optional<qint64> elapsedMs);
    // Every step finished: the summary takes the empty step panel's place (and stays above a
    // step someone selects to look at).
    void updateCompletion();

    ChecklistModel *m_checklistModel;
    QPointer<IncidentSession> m_session;
    ReplayTime *m_replay;
    IncidentHeader *m_header;
    QTreeView *m_checklistView;
    StepPanel *m_stepPanel;
    QScrollArea *m_stepScroll = nullptr;
    QScrollArea *m_summaryScroll = nullptr;
    QWidget *m_stepActions = nullptr; // the step panel's Confirm / Skip row, pinned
    CompletionSummary *m_summary;
    QShortcut *m_escapeReplay = nullptr;
    GanttPanel *m_gantt;
    QTableView *m_timelineView;
    TimelineFilterModel *m_filter;
    QWidget *m_filterBar;
    QLabel *m_filterLabel;
    QPushButton *m_showAll = nullptr;
    QLineEdit *m_noteEdit;
    QPushButton *m_noteButton = nullptr;
    QCheckBox *m_notePrivate;
    bool m_noteStranded = false; // a note typed when notes went off, kept to be copied
};

} // namespace warroom
