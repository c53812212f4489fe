#pragma once

#include "session/IncidentSession.h"

#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QStackedWidget;

namespace warroom {

class AutomationRunner;
class ChecklistModel;
class HttpEngine;
class IncidentView;
class TimelineModel;
class TimelineStore;

// The war-room screen. It presents the open incident and turns key presses and clicks into
// IncidentSession commands; it holds no checklist state of its own beyond which step is in view.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(TimelineStore &store, QStringList checklistPaths, Clock clock = systemClock(),
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the incident named on the command line, else the one open when the app last stopped;
    // with neither, shows the welcome page.
    void start(std::optional<qint64> requestedIncident);
    bool openIncident(qint64 id);
    bool declareIncident(const Checklist &checklist, const IncidentDeclaration &declaration);

    IncidentSession *session() const { return m_session.get(); }
    AutomationRunner *runner() const { return m_runner.get(); }
    ChecklistModel *checklistModel() const { return m_checklistModel; }
    TimelineModel *timelineModel() const { return m_timelineModel; }
    IncidentView *incidentView() const { return m_view; }
    bool isReplaying() const;
    // DRILL incidents run their actions, checks and ramps this many times faster; LIVE never.
    void setDrillSpeed(double factor);
    int focusedStep() const;

public slots:
    void showDeclareDialog();
    void showOpenDialog();
    void showExportDialog();
    void confirmCurrentItem(const QString &value = {});
    void skipCurrentItem();
    // Actions, checks and ramps: run the current item, re-send one whose outcome is unknown,
    // set a halted ramp's weight back.
    void runCurrentItem();
    void resendCurrentItem();
    void rollbackCurrentRamp();
    void stopCurrentRun();
    void undo();
    void nextStep();
    void previousStep();
    void startFocusedStep();
    void skipFocusedStep();
    void failFocusedStep();
    void restartFocusedStep();
    void addNote();
    void closeIncident();

private:
    void buildActions();
    QWidget *buildWelcomePage();
    void setSession(std::unique_ptr<IncidentSession> session);
    void focusStep(int step);
    void showStepFromChart(const QString &stepId);
    void afterEvents();
    void showStorageLost(const QString &problem);
    void updateActions();
    // Runs a command; if the engine wants a reason, asks for one and runs it again with it.
    void run(const QString &title, const std::function<CommandResult(const QString &)> &command);
    void report(const CommandResult &result);
    // False (and says why) when nothing may be recorded: no incident, or replay is on.
    bool canRecord();
    QString focusedStepId() const;
    const ChecklistItem *focusedItem() const;

    TimelineStore &m_store;
    QStringList m_checklistPaths;
    double m_drillSpeed = 1.0;
    Clock m_clock;
    std::unique_ptr<HttpEngine> m_http;
    std::unique_ptr<IncidentSession> m_session;
    std::unique_ptr<AutomationRunner> m_runner; // declared after the session: goes first
    ChecklistModel *m_checklistModel;
    TimelineModel *m_timelineModel;

    QLabel *m_storageBanner = nullptr;
    QStackedWidget *m_pages = nullptr;
    IncidentView *m_view = nullptr;

    QAction *m_confirmAction = nullptr;
    QAction *m_skipItemAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_nextStepAction = nullptr;
    QAction *m_previousStepAction = nullptr;
    QAction *m_startStepAction = nullptr;
    QAction *m_skipStepAction = nullptr;
    QAction *m_failStepAction = nullptr;
    QAction *m_restartStepAction = nullptr;
    QAction *m_noteAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_exportAction = nullptr;
};

} // namespace warroom
