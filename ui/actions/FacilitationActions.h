#pragma once

#include "ui/facilitation/FacilitationSession.h"
#include "ui/facilitation/FacilitatorWindow.h"

#include <QObject>
#include <QPointer>

class QAction;
class QToolBar;

namespace warroom {

class AnnouncementBanner;
class AnnouncementWallFeed;
class MainWindow;

// A facilitated drill on the console: Incident ▸ Start drill from scenario…, Incident ▸
// Acknowledge announcement (Ctrl+K), View ▸ Facilitator (Ctrl+Shift+T); the announcement banner
// above the incident page and the announcements on the wall. Installed from the app beside the
// window, so the window itself knows nothing of drills.
class FacilitationActions : public QObject
{
    Q_OBJECT

public:
    FacilitationActions(MainWindow &window, FacilitationSession::BackendStarter starter);
    ~FacilitationActions() override;

    FacilitationSession &session() { return m_session; }
    QAction *startAction() const { return m_start; }
    QAction *acknowledgeAction() const { return m_acknowledge; }
    QAction *facilitatorAction() const { return m_facilitator; }
    AnnouncementBanner *banner() const { return m_banner; }
    AnnouncementWallFeed *wallFeed() const { return m_feed; }
    FacilitatorWindow *facilitatorWindow() const { return m_window; }

    // Opens (or raises) the facilitator's window.
    FacilitatorWindow *showFacilitator();
    // Starts the drill from a scenario file, commanded by `commander`; false with the reason.
    bool startDrill(const QString &scenarioPath, const QString &commander, QString *error);
    // Where Start drill from scenario… opens its file dialog.
    void setScenarioFolder(const QString &folder) { m_folder = folder; }
    // The commander Start drill from scenario… offers when no incident is open (--actor).
    void setOfferedCommander(const QString &name) { m_offeredCommander = name; }

private:
    void chooseScenario();
    // The scenario file and the commander asked, then the drill started; false when cancelled
    // or refused (which it says).
    bool chooseAndStart();
    void acknowledge();

    MainWindow &m_console;
    FacilitationSession m_session;
    QAction *m_start;
    QAction *m_acknowledge;
    QAction *m_facilitator;
    QToolBar *m_bar;
    AnnouncementBanner *m_banner;
    AnnouncementWallFeed *m_feed;
    QPointer<FacilitatorWindow> m_window;
    QString m_folder;
    QString m_offeredCommander;
};

} // namespace warroom
