#pragma once

#include "session/IncidentSession.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class QLabel;
class QMenu;
class QStackedWidget;

namespace warroom {

class AutomationRunner;
class ChecklistModel;
class ConsoleZoom;
class IncidentActions;
class IncidentController;
class IncidentView;
class StorageBanner;
class TimelineModel;
class TimelineStore;
class UnsentNoteGuard;
class WallController;

// The war-room screen: the welcome page or the open incident's page, the menus and the storage
// banner. The incident's machinery lives in IncidentController and its commands in
// IncidentActions; the window puts them together and follows which incident is open.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(TimelineStore &store, QStringList checklistPaths, Clock clock = systemClock(),
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the incident named on the command line, else the one open when the app last stopped;
    // with neither, shows the welcome page. `actor` (--actor, checked by the caller) signs this
    // screen's events; without it the commander in command does, which the status bar says.
    void start(std::optional<qint64> requestedIncident, const QString &actor = {});
    bool openIncident(qint64 id);
    bool declareIncident(const Checklist &checklist, const IncidentDeclaration &declaration);

    IncidentController *controller() const { return m_controller.get(); }
    IncidentActions *actions() const { return m_actions; }
    IncidentSession *session() const;
    AutomationRunner *runner() const;
    ChecklistModel *checklistModel() const { return m_checklistModel; }
    TimelineModel *timelineModel() const { return m_timelineModel; }
    IncidentView *incidentView() const { return m_view; }
    bool isReplaying() const;
    // DRILL incidents run their actions, checks and ramps this many times faster; LIVE never.
    void setDrillSpeed(double factor);
    int focusedStep() const;
    ConsoleZoom *zoom() const { return m_zoom; }
    // Asked before this window leaves its incident with a note typed and not added.
    const UnsentNoteGuard &noteGuard() const { return *m_noteGuard; }

public slots:
    void showDeclareDialog();
    void showOpenDialog();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    // View ▸ Zoom in / out / Reset, and where the window opens (ConsoleZoom, WindowPlacement).
    void buildZoomMenu(QMenu *view);
    void buildViewMenus();
    void showSession();
    // `at` is real elapsed ms; the message says it on the room's T+ clock (a drill's), as the
    // header does.
    void showReplayStatus(std::optional<qint64> at);
    void showAbout();

    TimelineStore &m_store;
    QStringList m_checklistPaths;
    std::unique_ptr<IncidentController> m_controller; // destroyed before the views it feeds
    ChecklistModel *m_checklistModel;
    TimelineModel *m_timelineModel;
    StorageBanner *m_storageBanner = nullptr;
    QStackedWidget *m_pages = nullptr;
    IncidentView *m_view = nullptr;
    IncidentActions *m_actions = nullptr;
    std::unique_ptr<UnsentNoteGuard> m_noteGuard;
    ConsoleZoom *m_zoom = nullptr;
    WallController *m_wall = nullptr; // View ▸ Wall screen (F11)
};

} // namespace warroom
