#include "ui/main/MainWindow.h"

#include "automation/AutomationRunner.h"
#include "control/IncidentController.h"
#include "itemmodels/ChecklistModel.h"
#include "itemmodels/TimelineModel.h"
#include "store/TimelineStore.h"
#include "ui/actions/IncidentActions.h"
#include "ui/dialogs/DeclareIncidentDialog.h"
#include "ui/dialogs/OpenIncidentDialog.h"
#include "ui/incident/IncidentView.h"
#include "ui/main/ConsoleZoom.h"
#include "ui/main/ScreenStatus.h"
#include "ui/main/StorageBanner.h"
#include "ui/main/UnsentNoteGuard.h"
#include "ui/main/VerifyingNotice.h"
#include "ui/main/WelcomePage.h"
#include "ui/main/WindowPlacement.h"
#include "ui/wall/WallController.h"
#include "util/BidiControls.h"
#include "util/TimeFormat.h"

#include <QAction>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace warroom {

namespace {
enum Page { WelcomePageIndex, IncidentPageIndex };
}

MainWindow::MainWindow(TimelineStore &store, QStringList checklistPaths, Clock clock,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_checklistPaths(std::move(checklistPaths))
    , m_controller(std::make_unique<IncidentController>(store, std::move(clock)))
    , m_checklistModel(new ChecklistModel(this))
    , m_timelineModel(new TimelineModel(this))
{
    setWindowTitle(tr("Rollback War Room"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/warroom.svg")));
    m_pages = new QStackedWidget(this);
    auto *welcome = new WelcomePage(this);
    m_pages->addWidget(welcome);
    m_view = new IncidentView(m_checklistModel, m_timelineModel, this);
    m_pages->addWidget(m_view);
    m_actions = new IncidentActions(*m_controller, *m_view, this);
    m_noteGuard = std::make_unique<UnsentNoteGuard>(*m_controller, *m_actions, *m_view, this);
    m_view->setCompletionActions(m_actions->action(IncidentActions::ExportPostmortem),
                                 m_actions->action(IncidentActions::CloseIncident));
    connect(welcome, &WelcomePage::declareRequested, this, &MainWindow::showDeclareDialog);
    connect(welcome, &WelcomePage::openRequested, this, &MainWindow::showOpenDialog);
    connect(m_view, &IncidentView::replayChanged, this, &MainWindow::showReplayStatus);
    connect(m_actions, &IncidentActions::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_controller.get(), &IncidentController::sessionChanged, this,
            &MainWindow::showSession);
    statusBar()->addWidget(new ScreenStatus(*m_controller, this), 1);
    connect(m_controller.get(), &IncidentController::openFailed, this,
            [this](const QString &error) {
                QMessageBox::warning(this, tr("Cannot open incident"), error);
            });
    // Red, above everything, and never dismissed: once the file on disk is no longer the one we
    // write, every further command would be lost, so nothing else on screen may look normal.
    m_storageBanner = new StorageBanner(this);
    // updateActions turns the step panel's buttons off too, as in replay, and keeps them off
    // whatever the replay slider does: nothing on screen may invite a command.
    connect(m_storageBanner, &StorageBanner::storageChanged, m_actions,
            &IncidentActions::updateActions);
    // Blue in the status bar while a long timeline is verified: it never moves the page.
    auto *verifying = new VerifyingNotice(*m_controller, this);
    statusBar()->addPermanentWidget(verifying);
    connect(verifying, &VerifyingNotice::changed, m_actions, &IncidentActions::updateActions);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_storageBanner);
    centralLayout->addWidget(m_pages, 1);
    setCentralWidget(central);
    buildMenus();
    m_wall = new WallController(*m_controller, *this);
    statusBar()->showMessage(tr("Timeline database: %1").arg(m_store.path()), 10000);
    WindowPlacement::restore(this);
    m_actions->updateActions();
}

MainWindow::~MainWindow()
{
    // Views must let go of the models before the session they read goes away.
    m_checklistModel->setSession(nullptr);
    m_timelineModel->setSession(nullptr);
    m_view->setSession(nullptr);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&Incident"));
    QAction *declare
        = file->addAction(tr("&Declare incident\u2026"), this, &MainWindow::showDeclareDialog);
    declare->setShortcut(QKeySequence::New);
    QAction *open = file->addAction(tr("&Open incident\u2026"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    for (QAction *a : m_actions->incidentMenuActions())
        file->addAction(a);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    for (QAction *a : {declare, open, quit})
        a->setShortcutContext(Qt::WindowShortcut);

    QMenu *checklist = menuBar()->addMenu(tr("&Checklist"));
    using A = IncidentActions;
    for (A::Id id : {A::ConfirmItem, A::RunItem, A::ResendItem, A::StopRun, A::RollbackRamp,
                     A::SkipItem, A::Undo})
        checklist->addAction(m_actions->action(id));
    checklist->addSeparator();
    for (A::Id id :
         {A::NextStep, A::PreviousStep, A::StartStep, A::SkipStep, A::FailStep, A::RestartStep})
        checklist->addAction(m_actions->action(id));
    buildZoomMenu(menuBar()->addMenu(tr("&View")));
    buildViewMenus();
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Rollback War Room"), this, &MainWindow::showAbout);
}

void MainWindow::buildViewMenus()
{
    QMenu *timeline = menuBar()->addMenu(tr("&Timeline"));
    timeline->addAction(m_actions->action(IncidentActions::AddNote));
    QAction *all = timeline->addAction(tr("Show &all events"), m_view,
                                       [this] { m_view->showStepEvents({}); });
    all->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    QAction *routine = timeline->addAction(tr("Show check &samples and job polls"));
    routine->setCheckable(true);
    routine->setChecked(true);
    routine->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    routine->setToolTip(tr("Passing samples and polls can be hundreds of rows; failures, answers "
                           "to side effects and outcomes always show"));
    connect(routine, &QAction::toggled, m_view, &IncidentView::setShowRoutineEvents);

    // Alt+H is Help's; the chart takes R (Cha&rt).
    QMenu *chart = menuBar()->addMenu(tr("Cha&rt"));
    QAction *follow = chart->addAction(tr("&Follow now"));
    follow->setCheckable(true);
    follow->setChecked(true);
    follow->setShortcut(QKeySequence(tr("Ctrl+F")));
    connect(follow, &QAction::toggled, m_view, &IncidentView::setGanttFollowNow);
    connect(m_view, &IncidentView::ganttFollowNowChanged, follow, &QAction::setChecked);
    QAction *fit = chart->addAction(tr("&Zoom to fit"), m_view, &IncidentView::zoomGanttToFit);
    // Ctrl+0 is the console's Reset zoom, as in every application that zooms.
    fit->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
    QAction *exportChart
        = chart->addAction(tr("&Export chart\u2026"), m_view, &IncidentView::exportGanttChart);
    exportChart->setShortcut(QKeySequence(tr("Ctrl+E")));
    chart->addSeparator();
    QAction *live = chart->addAction(tr("Back to &live"), m_view, &IncidentView::backToLive);
    live->setShortcut(QKeySequence(tr("Ctrl+L")));
    for (QAction *a : {all, fit, exportChart, live})
        a->setShortcutContext(Qt::WindowShortcut);
}

void MainWindow::buildZoomMenu(QMenu *view)
{
    m_zoom = new ConsoleZoom(this); // applies the remembered zoom
    m_zoom->addActions(view);
    connect(m_zoom, &ConsoleZoom::changed, statusBar(), [this](double factor) {
        statusBar()->showMessage(tr("Zoom %1%").arg(qRound(factor * 100)), 2000);
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_noteGuard->leaveBy(tr("close this window"), [] { return true; }))
        return event->ignore();
    WindowPlacement::save(this);
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Rollback War Room"),
                       tr("<b>Rollback War Room</b> %1<br>Guides an incident commander "
                          "through a rollback and keeps its timeline.<br>Timeline database: "
                          "%2")
                           .arg(QStringLiteral(WARROOM_VERSION), m_store.path().toHtmlEscaped()));
}

void MainWindow::start(std::optional<qint64> requestedIncident, const QString &actor)
{
    m_controller->setActorAtOpen(actor);
    const auto id = requestedIncident ? requestedIncident : m_store.currentIncident();
    if (!id || !openIncident(*id))
        return m_pages->setCurrentIndex(WelcomePageIndex);
}

bool MainWindow::openIncident(qint64 id)
{
    QString error;
    if (m_controller->open(id, &error))
        return true;
    QMessageBox::warning(this, tr("Cannot open incident"), error);
    return false;
}

bool MainWindow::declareIncident(const Checklist &checklist, const IncidentDeclaration &declaration)
{
    QString error;
    if (m_controller->declare(checklist, declaration, &error))
        return true;
    QMessageBox::warning(this, tr("Cannot declare incident"), error);
    return false;
}

IncidentSession *MainWindow::session() const
{
    return m_controller->session();
}

AutomationRunner *MainWindow::runner() const
{
    return m_controller->runner();
}

void MainWindow::setDrillSpeed(double factor)
{
    m_controller->setDrillSpeed(factor);
}

int MainWindow::focusedStep() const
{
    return m_view->focusedStep();
}

bool MainWindow::isReplaying() const
{
    return m_view->isReplaying();
}

void MainWindow::showSession()
{
    IncidentSession *session = m_controller->session();
    m_checklistModel->setSession(session);
    m_timelineModel->setSession(session);
    m_view->setSession(session, m_controller->runner());
    if (!session) {
        m_pages->setCurrentIndex(WelcomePageIndex);
        setWindowTitle(tr("Rollback War Room"));
        m_actions->updateActions();
        return;
    }
    m_storageBanner->follow(session);
    // Another window or machine on the same database shows up here within half a second.
    session->setFollowInterval(500);
    m_pages->setCurrentIndex(IncidentPageIndex);
    const bool drill = m_controller->isDrill();
    const QString title = BidiControls::shown(session->incident().title); // typed: not obeyed
    setWindowTitle(
        tr("%1 \u2014 %2 \u2014 Rollback War Room").arg(drill ? tr("DRILL") : tr("LIVE"), title));
    m_actions->followSession();
    m_view->focusChecklist();
}

void MainWindow::showReplayStatus(std::optional<qint64> at)
{
    if (!at || !session())
        return statusBar()->showMessage(tr("Live"), 3000);
    statusBar()->showMessage(tr("Replay: the checklist and timeline as they stood at %1. "
                                "Commands are off until Live.")
                                 .arg(formatElapsed(session()->screenClock().shownMs(*at))));
}

void MainWindow::showDeclareDialog()
{
    // Asked before the form, so that Cancel on the note's question loses no declaration typed.
    m_noteGuard->leaveBy(tr("declare an incident"), [this] {
        DeclareIncidentDialog dialog(m_checklistPaths, this, &m_store);
        return dialog.exec() == QDialog::Accepted && dialog.checklist()
               && declareIncident(*dialog.checklist(), dialog.declaration());
    });
}

void MainWindow::showOpenDialog()
{
    OpenIncidentDialog dialog(m_store, this);
    const auto id = dialog.exec() == QDialog::Accepted ? dialog.selectedIncident() : std::nullopt;
    // The same incident again keeps its note: it is still the timeline it was typed for.
    if (id && session() && session()->incident().id == *id)
        openIncident(*id);
    else if (id)
        m_noteGuard->leaveBy(tr("open the other incident"), [&] { return openIncident(*id); });
}

} // namespace warroom
