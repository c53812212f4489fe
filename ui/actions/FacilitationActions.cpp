#include "ui/actions/FacilitationActions.h"

#include "ui/facilitation/FacilitatorWindow.h"
#include "ui/incident/AnnouncementBanner.h"
#include "ui/main/MainWindow.h"
#include "ui/main/UnsentNoteGuard.h"
#include "ui/wall/AnnouncementWallFeed.h"

#include <QAction>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>

namespace warroom {

namespace {

QMenu *menuNamed(QMainWindow &window, const QString &name)
{
    for (QAction *a : window.menuBar()->actions()) {
        if (a->menu() && a->text().remove(u'&') == name)
            return a->menu();
    }
    return window.menuBar()->addMenu(name);
}

} // namespace

FacilitationActions::FacilitationActions(MainWindow &window,
                                         FacilitationSession::BackendStarter starter)
    : QObject(&window)
    , m_console(window)
    , m_session(*window.controller(), this)
    , m_start(new QAction(tr("Start &drill from scenario\u2026"), this))
    , m_acknowledge(new QAction(tr("Ac&knowledge announcement"), this))
    , m_facilitator(new QAction(tr("&Facilitator"), this))
    , m_bar(new QToolBar(tr("Announcements"), &window))
    , m_banner(new AnnouncementBanner(m_session, m_bar))
    , m_feed(new AnnouncementWallFeed(m_session, this))
{
    setObjectName(QStringLiteral("facilitationActions"));
    m_session.setBackendStarter(std::move(starter));
    m_start->setObjectName(QStringLiteral("startDrillAction"));
    m_start->setShortcut(QKeySequence(tr("Ctrl+Shift+N"))); // Ctrl+N declares an incident
    m_acknowledge->setObjectName(QStringLiteral("acknowledgeAction"));
    m_acknowledge->setShortcut(QKeySequence(tr("Ctrl+K")));
    m_acknowledge->setShortcutContext(Qt::WindowShortcut);
    m_acknowledge->setToolTip(tr("The room has seen the oldest announcement: its time to "
                                 "acknowledge is recorded, signed by who is acting"));
    m_facilitator->setObjectName(QStringLiteral("facilitatorAction"));
    m_facilitator->setShortcut(QKeySequence(tr("Ctrl+Shift+T")));
    connect(m_start, &QAction::triggered, this, &FacilitationActions::chooseScenario);
    connect(m_acknowledge, &QAction::triggered, this, &FacilitationActions::acknowledge);
    connect(m_facilitator, &QAction::triggered, this, [this] { showFacilitator(); });

    // After Declare and Open: starting a drill is another way to open an incident.
    QMenu *incident = menuNamed(window, tr("Incident"));
    const QList<QAction *> existing = incident->actions();
    QAction *before = existing.size() > 2 ? existing.at(2) : nullptr;
    incident->insertAction(before, m_start);
    incident->insertAction(before, m_acknowledge);
    menuNamed(window, tr("View"))->addAction(m_facilitator);
    // Above the incident page, across the window, only while there is something to say.
    m_bar->setObjectName(QStringLiteral("announcementBar"));
    m_bar->setMovable(false);
    m_bar->setFloatable(false);
    m_bar->toggleViewAction()->setVisible(false);
    m_bar->setStyleSheet(QStringLiteral("QToolBar { background: #12161c; border: none; }"));
    m_bar->addWidget(m_banner);
    window.addToolBarBreak(Qt::TopToolBarArea);
    window.addToolBar(Qt::TopToolBarArea, m_bar);
    m_bar->setVisible(false);
    connect(m_banner, &AnnouncementBanner::wanted, m_bar, &QToolBar::setVisible);
    connect(&m_session, &FacilitationSession::changed, this, [this] {
        m_acknowledge->setEnabled(!m_session.pendingAnnouncements().isEmpty());
    });
    m_acknowledge->setEnabled(false);
}

FacilitationActions::~FacilitationActions()
{
    delete m_window; // it reads the session, which goes with this
}

FacilitatorWindow *FacilitationActions::showFacilitator()
{
    if (!m_window) {
        // A window of its own (no parent): the facilitator's monitor, not the console's.
        m_window = new FacilitatorWindow(m_session);
        m_window->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
    return m_window;
}

bool FacilitationActions::startDrill(const QString &scenarioPath, const QString &commander,
                                     QString *error)
{
    if (!m_session.start(scenarioPath, commander, error))
        return false;
    m_console.statusBar()->showMessage(tr("Drill started from %1").arg(scenarioPath), 5000);
    return true;
}

void FacilitationActions::chooseScenario()
{
    // Asked before the file dialog: a note typed and not added stays with its incident.
    m_console.noteGuard().leaveBy(tr("start a drill"), [this] { return chooseAndStart(); });
}

bool FacilitationActions::chooseAndStart()
{
    const QString path = QFileDialog::getOpenFileName(&m_console, tr("Start drill from scenario"),
                                                      m_folder, tr("Scenarios (*.json)"));
    if (path.isEmpty())
        return false;
    if (const QString bad = FacilitationSession::scenarioProblem(path); !bad.isEmpty()) {
        QMessageBox::warning(&m_console, tr("Start drill"),
                             tr("The drill could not start:\n%1").arg(bad));
        return false;
    }
    // Who commands it, asked as the declare dialog asks: the person acting at this console when
    // an incident is open, else the one the command line named, to be confirmed or changed.
    // A refused name is asked for again, with why, keeping what was typed and the file chosen.
    const QString acting = m_session.consoleActor();
    QString commander = acting.isEmpty() ? m_offeredCommander : acting;
    const QString label = tr("Commander of this drill (a person in the room):");
    QString problem;
    do {
        bool ok = false;
        commander = QInputDialog::getText(&m_console, tr("Start drill"),
                                          problem.isEmpty() ? label : problem + u'\n' + label,
                                          QLineEdit::Normal, commander, &ok);
        if (!ok)
            return false;
        problem = FacilitationSession::commanderProblem(commander);
    } while (!problem.isEmpty());
    QString error;
    if (!startDrill(path, commander, &error)) {
        QMessageBox::warning(&m_console, tr("Start drill"),
                             tr("The drill could not start:\n%1").arg(error));
        return false;
    }
    showFacilitator();
    return true;
}

void FacilitationActions::acknowledge()
{
    QString error;
    if (!m_session.acknowledgeOldest(&error))
        m_console.statusBar()->showMessage(error, 5000);
    else
        m_console.statusBar()->showMessage(tr("Announcement acknowledged."), 3000);
}

} // namespace warroom
