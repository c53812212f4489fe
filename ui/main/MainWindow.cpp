#include "MainWindow.h"

#include "automation/AutomationRunner.h"
#include "itemmodels/ChecklistModel.h"
#include "DeclareIncidentDialog.h"
#include "ExportDialog.h"
#include "GanttChartView.h"
#include "GanttPanel.h"
#include "http/HttpEngine.h"
#include "IncidentHeader.h"
#include "IncidentView.h"
#include "OpenIncidentDialog.h"
#include "ReasonDialog.h"
#include "RunConfirmDialog.h"
#include "StepPanel.h"
#include "util/TimeFormat.h"
#include "TimelineFilterModel.h"
#include "itemmodels/TimelineModel.h"
#include "store/TimelineStore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace warroom {

namespace {
enum Page { WelcomePage, IncidentPage };
}

MainWindow::MainWindow(TimelineStore &store, QStringList checklistPaths, Clock clock,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_checklistPaths(std::move(checklistPaths))
    , m_clock(std::move(clock))
    , m_http(std::make_unique<HttpEngine>())
    , m_checklistModel(new ChecklistModel(this))
    , m_timelineModel(new TimelineModel(this))
{
    setWindowTitle(tr("Rollback War Room"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/warroom.svg")));
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildWelcomePage());
    m_view = new IncidentView(m_checklistModel, m_timelineModel, this);
    m_pages->addWidget(m_view);
    connect(m_view->header(), &IncidentHeader::actorEdited, this, [this](const QString &actor) {
        if (m_session)
            m_session->setActor(actor);
    });
    connect(m_view, &IncidentView::stepSelected, this, &MainWindow::updateActions);
    connect(m_view, &IncidentView::noteSubmitted, this, &MainWindow::addNote);
    connect(m_view->stepPanel(), &StepPanel::confirmRequested, this,
            &MainWindow::confirmCurrentItem);
    connect(m_view->stepPanel(), &StepPanel::skipRequested, this, &MainWindow::skipCurrentItem);
    connect(m_view->stepPanel(), &StepPanel::runRequested, this, &MainWindow::runCurrentItem);
    connect(m_view->stepPanel(), &StepPanel::resendRequested, this, &MainWindow::resendCurrentItem);
    connect(m_view->stepPanel(), &StepPanel::rollbackRequested, this,
            &MainWindow::rollbackCurrentRamp);
    connect(m_view->stepPanel(), &StepPanel::stopRequested, this, &MainWindow::stopCurrentRun);
    connect(m_view->gantt(), &GanttPanel::stepClicked, this, &MainWindow::showStepFromChart);
    connect(m_view->gantt(), &GanttPanel::replayChanged, this, [this](std::optional<qint64> at) {
        m_view->setReplayTime(at);
        statusBar()->showMessage(at ? tr("Replay: the checklist and timeline as they stood "
                                         "at %1. Commands are off until Live.")
                                          .arg(formatElapsed(*at))
                                    : tr("Live"),
                                 at ? 0 : 3000);
        updateActions();
    });
    // Red, above everything, and never dismissed: once the file on disk is no longer the one we
    // write, every further command would be lost, so nothing else on screen may look normal.
    m_storageBanner = new QLabel(this);
    m_storageBanner->setObjectName(QStringLiteral("storageBanner"));
    m_storageBanner->setWordWrap(true);
    m_storageBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_storageBanner->hide();
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_storageBanner);
    centralLayout->addWidget(m_pages, 1);
    setCentralWidget(central);
    buildActions();
    statusBar()->showMessage(tr("Timeline database: %1").arg(m_store.path()));
    resize(1500, 950);
    updateActions();
}

MainWindow::~MainWindow()
{
    // Views must let go of the models before the session they read goes away.
    m_checklistModel->setSession(nullptr);
    m_timelineModel->setSession(nullptr);
    m_view->setSession(nullptr);
    m_runner.reset();
}

void MainWindow::buildActions()
{
    auto add = [this](QMenu *menu, const QString &text, const QKeySequence &keys, auto slot) {
        auto *a = menu->addAction(text);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    QMenu *file = menuBar()->addMenu(tr("&Incident"));
    add(file, tr("&Declare incident\u2026"), QKeySequence::New, &MainWindow::showDeclareDialog);
    add(file, tr("&Open incident\u2026"), QKeySequence::Open, &MainWindow::showOpenDialog);
    m_exportAction = add(file, tr("&Export postmortem\u2026"), QKeySequence(tr("Ctrl+Shift+E")),
                         &MainWindow::showExportDialog);
    m_closeAction = add(file, tr("&Close incident\u2026"), QKeySequence(tr("Ctrl+Shift+W")),
                        &MainWindow::closeIncident);
    file->addSeparator();
    add(file, tr("&Quit"), QKeySequence::Quit, &QWidget::close);

    QMenu *checklist = menuBar()->addMenu(tr("&Checklist"));
    m_confirmAction = add(checklist, tr("&Confirm current item"), QKeySequence(tr("Ctrl+Return")),
                          [this] { confirmCurrentItem(); });
    m_runAction = add(checklist, tr("&Run current item (action, check or ramp)"),
                      QKeySequence(tr("Ctrl+R")), &MainWindow::runCurrentItem);
    m_skipItemAction = add(checklist, tr("S&kip current item\u2026"),
                           QKeySequence(tr("Ctrl+Shift+K")), &MainWindow::skipCurrentItem);
    m_undoAction
        = add(checklist, tr("&Undo last confirmation"), QKeySequence::Undo, &MainWindow::undo);
    checklist->addSeparator();
    m_nextStepAction
        = add(checklist, tr("&Next step"), QKeySequence(tr("Ctrl+Down")), &MainWindow::nextStep);
    m_previousStepAction = add(checklist, tr("&Previous step"), QKeySequence(tr("Ctrl+Up")),
                               &MainWindow::previousStep);
    m_startStepAction = add(checklist, tr("&Start this step"),
                            QKeySequence(tr("Ctrl+Shift+Return")), &MainWindow::startFocusedStep);
    m_skipStepAction
        = add(checklist, tr("Skip this step\u2026"), QKeySequence(), &MainWindow::skipFocusedStep);
    m_failStepAction = add(checklist, tr("Mark this step &failed\u2026"), QKeySequence(),
                           &MainWindow::failFocusedStep);
    m_restartStepAction = add(checklist, tr("&Restart failed step"), QKeySequence(),
                              &MainWindow::restartFocusedStep);

    QMenu *timeline = menuBar()->addMenu(tr("&Timeline"));
    m_noteAction = add(timeline, tr("Add &note"), QKeySequence(tr("Ctrl+M")), [this] {
        m_view->noteEdit()->setFocus();
        m_view->noteEdit()->selectAll();
    });
    add(timeline, tr("Show &all events"), QKeySequence(tr("Ctrl+Shift+A")),
        [this] { m_view->showStepEvents({}); });
    QAction *routine = timeline->addAction(tr("Show check &samples and job polls"));
    routine->setCheckable(true);
    routine->setChecked(true);
    routine->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    routine->setToolTip(tr("Passing samples and polls can be hundreds of rows; failures, answers "
                           "to side effects and outcomes always show"));
    connect(routine, &QAction::toggled, this,
            [this](bool on) { m_view->timelineFilter()->setShowRoutine(on); });

    QMenu *chart = menuBar()->addMenu(tr("C&hart"));
    QAction *follow = chart->addAction(tr("&Follow now"));
    follow->setCheckable(true);
    follow->setChecked(true);
    follow->setShortcut(QKeySequence(tr("Ctrl+F")));
    connect(follow, &QAction::toggled, m_view->gantt(), &GanttPanel::setFollowNow);
    connect(m_view->gantt(), &GanttPanel::followNowChanged, follow, &QAction::setChecked);
    add(chart, tr("&Zoom to fit"), QKeySequence(tr("Ctrl+0")),
        [this] { m_view->gantt()->chartView()->zoomToFit(); });
    add(chart, tr("&Export chart\u2026"), QKeySequence(tr("Ctrl+E")),
        [this] { m_view->gantt()->exportChart(); });
    chart->addSeparator();
    add(chart, tr("Back to &live"), QKeySequence(tr("Ctrl+L")),
        [this] { m_view->gantt()->setReplayTime(std::nullopt); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Rollback War Room"), this, [this] {
        QMessageBox::about(
            this, tr("About Rollback War Room"),
            tr("<b>Rollback War Room</b> %1<br>Guides an incident commander "
               "through a rollback and keeps its timeline.<br>Timeline database: "
               "%2")
                .arg(QStringLiteral(WARROOM_VERSION), m_store.path().toHtmlEscaped()));
    });
}

QWidget *MainWindow::buildWelcomePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *title = new QLabel(tr("No incident is open"), page);
    title->setObjectName(QStringLiteral("incidentTitle"));
    auto *hint = new QLabel(tr("Declare an incident to start the rollback checklist, or open one "
                               "from the timeline database."),
                            page);
    hint->setObjectName(QStringLiteral("muted"));
    auto *declare = new QPushButton(tr("Declare incident (Ctrl+N)"), page);
    declare->setObjectName(QStringLiteral("welcomeDeclare"));
    auto *open = new QPushButton(tr("Open incident (Ctrl+O)"), page);
    connect(declare, &QPushButton::clicked, this, &MainWindow::showDeclareDialog);
    connect(open, &QPushButton::clicked, this, &MainWindow::showOpenDialog);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(declare);
    buttons->addWidget(open);
    buttons->addStretch(1);
    layout->addStretch(1);
    layout->addWidget(title, 0, Qt::AlignHCenter);
    layout->addWidget(hint, 0, Qt::AlignHCenter);
    layout->addLayout(buttons);
    layout->addStretch(2);
    return page;
}

void MainWindow::start(std::optional<qint64> requestedIncident)
{
    const std::optional<qint64> id
        = requestedIncident ? requestedIncident : m_store.currentIncident();
    if (id && openIncident(*id))
        return;
    m_pages->setCurrentIndex(WelcomePage);
}

bool MainWindow::openIncident(qint64 id)
{
    QString error;
    auto session = IncidentSession::open(m_store, id, m_clock, &error);
    if (!session) {
        QMessageBox::warning(this, tr("Cannot open incident"), error);
        return false;
    }
    setSession(std::move(session));
    return true;
}

bool MainWindow::declareIncident(const Checklist &checklist, const IncidentDeclaration &declaration)
{
    QString error;
    auto session = IncidentSession::declare(m_store, checklist, declaration, m_clock, &error);
    if (!session) {
        QMessageBox::warning(this, tr("Cannot declare incident"), error);
        return false;
    }
    setSession(std::move(session));
    return true;
}

void MainWindow::setSession(std::unique_ptr<IncidentSession> session)
{
    // The runner of the old incident stops first: its answers belong to that incident.
    m_runner.reset();
    if (session) {
        m_runner = std::make_unique<AutomationRunner>(*session, *m_http);
        if (session->incident().mode == IncidentMode::Drill)
            m_runner->setTimeScale(1.0 / m_drillSpeed);
        connect(m_runner.get(), &AutomationRunner::runError, this,
                [this](const QString &, const QString &, const QString &message) {
                    report({CommandResult::Status::StorageFailed, message});
                });
    }
    m_checklistModel->setSession(session.get());
    m_timelineModel->setSession(session.get());
    m_view->setSession(session.get(), m_runner.get());
    m_session = std::move(session);
    if (!m_session) {
        m_pages->setCurrentIndex(WelcomePage);
        setWindowTitle(tr("Rollback War Room"));
        updateActions();
        return;
    }
    connect(m_session.get(), &IncidentSession::eventsAppended, this, &MainWindow::afterEvents);
    connect(m_session.get(), &IncidentSession::storageLost, this, &MainWindow::showStorageLost);
    m_storageBanner->hide();
    // Another window or machine on the same database shows up here within half a second.
    m_session->setFollowInterval(500);
    m_pages->setCurrentIndex(IncidentPage);
    const bool drill = m_session->incident().mode == IncidentMode::Drill;
    setWindowTitle(tr("%1 \u2014 %2 \u2014 Rollback War Room")
                       .arg(drill ? tr("DRILL") : tr("LIVE"), m_session->incident().title));
    if (drill && m_drillSpeed > 1.0)
        statusBar()->showMessage(tr("Drill at \u00D7%1 speed: polls, samples, holds and "
                                    "deadlines run %1 times faster")
                                     .arg(m_drillSpeed));
    focusStep(m_session->engine().currentStep());
    m_view->checklistView()->setFocus();
}

void MainWindow::showStorageLost(const QString &problem)
{
    QString why = problem;
    if (!why.isEmpty())
        why[0] = why.at(0).toUpper();
    m_storageBanner->setText(
        tr("TIMELINE STORAGE LOST \u2014 nothing is being recorded. %1.").arg(why));
    m_storageBanner->show();
    // The step panel's buttons are off too, as in replay: nothing on screen may invite a command.
    m_view->stepPanel()->setEnabled(false);
    updateActions();
}

void MainWindow::setDrillSpeed(double factor)
{
    m_drillSpeed = std::clamp(factor, 1.0, 100.0);
    if (m_runner && m_session && m_session->incident().mode == IncidentMode::Drill)
        m_runner->setTimeScale(1.0 / m_drillSpeed);
}

int MainWindow::focusedStep() const
{
    return m_view->stepPanel()->step();
}

bool MainWindow::isReplaying() const
{
    return m_view->gantt()->replayTime().has_value();
}

void MainWindow::showStepFromChart(const QString &stepId)
{
    if (!m_session)
        return;
    const int step = m_session->checklist().stepIndex(stepId);
    if (step < 0)
        return;
    focusStep(step);
    m_view->showStepEvents(stepId, tr("step %1").arg(step + 1));
}

QString MainWindow::focusedStepId() const
{
    const int s = focusedStep();
    if (!m_session || s < 0 || s >= m_session->checklist().steps.size())
        return {};
    return m_session->checklist().steps.at(s).id;
}

void MainWindow::focusStep(int step)
{
    m_view->stepPanel()->setStep(step);
    if (step >= 0) {
        const int item = m_session ? m_session->engine().currentItem(step) : -1;
        const QModelIndex index = item >= 0 ? m_checklistModel->itemIndex(step, item)
                                            : m_checklistModel->stepIndex(step);
        m_view->checklistView()->setCurrentIndex(index);
        m_view->checklistView()->scrollTo(index);
    }
    updateActions();
}

void MainWindow::afterEvents()
{
    // Like an electronic checklist: when the step in view finishes, the next one that wants
    // attention comes up by itself. A step chosen by hand stays in view while it is open.
    const int s = focusedStep();
    if (s < 0 || m_session->engine().step(s).isFinished())
        focusStep(m_session->engine().currentStep());
    else
        focusStep(s);
}

void MainWindow::updateActions()
{
    // Replay looks at the past: nothing may be recorded until the screen is live again.
    const bool open = m_session && !m_session->engine().isClosed() && !isReplaying()
                      && m_session->storageProblem().isEmpty();
    const int s = focusedStep();
    const bool hasStep = open && s >= 0;
    const StepState state = hasStep ? m_session->engine().stepState(s) : StepState::Pending;
    const bool itemOpen = hasStep && m_session->engine().currentItem(s) >= 0
                          && !m_session->engine().step(s).isFinished();
    m_confirmAction->setEnabled(itemOpen);
    const ChecklistItem *item = itemOpen ? focusedItem() : nullptr;
    m_runAction->setEnabled(item && item->isAutomated());
    m_skipItemAction->setEnabled(itemOpen);
    m_undoAction->setEnabled(open && m_session->engine().undoableSeq() > 0);
    m_nextStepAction->setEnabled(open);
    m_previousStepAction->setEnabled(open);
    m_startStepAction->setEnabled(hasStep
                                  && (state == StepState::Ready || state == StepState::Pending));
    m_skipStepAction->setEnabled(hasStep && !m_session->engine().step(s).isFinished());
    m_failStepAction->setEnabled(hasStep && state == StepState::Active);
    m_restartStepAction->setEnabled(hasStep && state == StepState::Failed);
    m_noteAction->setEnabled(open);
    m_view->setNotesEnabled(open);
    m_closeAction->setEnabled(open);
    m_exportAction->setEnabled(m_session != nullptr);
}

void MainWindow::run(const QString &title,
                     const std::function<CommandResult(const QString &)> &command)
{
    if (!canRecord())
        return;
    CommandResult result = command({});
    if (result.status == CommandResult::Status::NeedsReason) {
        const auto reason = ReasonDialog::ask(this, title, result.message);
        if (!reason)
            return;
        result = command(*reason);
    }
    report(result);
}

bool MainWindow::canRecord()
{
    if (!m_session)
        return false;
    if (!m_session->storageProblem().isEmpty()) {
        report({CommandResult::Status::Refused, m_storageBanner->text()});
        return false;
    }
    if (isReplaying()) {
        report({CommandResult::Status::Refused,
                tr("Replay shows the past; go back to Live (Ctrl+L) to record anything.")});
        return false;
    }
    return true;
}

void MainWindow::report(const CommandResult &result)
{
    switch (result.status) {
    case CommandResult::Status::Done:
        m_view->stepPanel()->showMessage({});
        break;
    case CommandResult::Status::NeedsReason:
    case CommandResult::Status::Refused:
        m_view->stepPanel()->showMessage(result.message);
        statusBar()->showMessage(result.message, 10000);
        break;
    case CommandResult::Status::StorageFailed:
        QMessageBox::critical(this, tr("Not recorded"), result.message);
        break;
    }
    updateActions();
}

void MainWindow::confirmCurrentItem(const QString &value)
{
    const int s = focusedStep();
    if (!m_session || s < 0)
        return;
    const int item = m_session->engine().currentItem(s);
    if (item < 0)
        return;
    const ChecklistStep &step = m_session->checklist().steps.at(s);
    const ChecklistItem &def = step.items.at(item);
    QString chosen = value;
    if (def.kind == ItemKind::Choice && chosen.isEmpty()) {
        QStringList labels;
        for (const ChoiceOption &o : def.options)
            labels << expandVariables(o.label, m_session->textVariables());
        bool ok = false;
        const QString label = QInputDialog::getItem(
            this, tr("Choose"), expandVariables(def.text, m_session->textVariables()), labels, 0,
            false, &ok);
        if (!ok)
            return;
        chosen = def.options.at(labels.indexOf(label)).value;
    }
    run(tr("Override"), [&](const QString &reason) {
        return m_session->confirmItem(step.id, def.id, chosen, reason);
    });
}

const ChecklistItem *MainWindow::focusedItem() const
{
    const int s = focusedStep();
    if (!m_session || s < 0 || s >= m_session->engine().stepCount())
        return nullptr;
    const int item = m_session->engine().currentItem(s);
    return item < 0 ? nullptr : &m_session->checklist().steps.at(s).items.at(item);
}

void MainWindow::runCurrentItem()
{
    const ChecklistItem *def = focusedItem();
    if (!def || !def->isAutomated() || !canRecord())
        return;
    const QString stepId = focusedStepId();
    const QString itemId = def->id;
    QString second;
    if (def->kind == ItemKind::Action && def->action.confirm) {
        const BuiltRequest preview = m_runner->preview(stepId, itemId);
        if (!preview.ok()) {
            report({CommandResult::Status::Refused, tr("Not sent: %1").arg(preview.error)});
            return;
        }
        RunConfirmDialog dialog(expandVariables(def->text, m_session->textVariables()),
                                preview.display, def->action.irreversible, m_session->actor(),
                                this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        second = dialog.secondPerson();
    }
    run(tr("Run out of order"),
        [&](const QString &reason) { return m_runner->start(stepId, itemId, reason, second); });
}

void MainWindow::resendCurrentItem()
{
    const ChecklistItem *def = focusedItem();
    if (!def || !canRecord())
        return;
    const QString stepId = focusedStepId();
    const BuiltRequest preview = m_runner->preview(stepId, def->id);
    const auto answer = QMessageBox::question(
        this, tr("Re-send with the same key?"),
        tr("Whether this request took effect is not known. Re-sending repeats it with its "
           "Idempotency-Key, so a service that honours the key will not do it twice.\n\n%1")
            .arg(preview.display.section(u'\n', 0, 0)));
    if (answer == QMessageBox::Yes)
        report(m_runner->resend(stepId, def->id));
}

void MainWindow::rollbackCurrentRamp()
{
    const ChecklistItem *def = focusedItem();
    if (!def || def->kind != ItemKind::Ramp || !canRecord())
        return;
    report(m_runner->rollbackRamp(focusedStepId(), def->id));
}

void MainWindow::stopCurrentRun()
{
    const ChecklistItem *def = focusedItem();
    if (!def || !canRecord())
        return;
    const QString stepId = focusedStepId();
    const QString itemId = def->id;
    run(def->kind == ItemKind::Ramp ? tr("Halt the ramp") : tr("Stop the run"),
        [&](const QString &reason) { return m_runner->stop(stepId, itemId, reason); });
}

void MainWindow::skipCurrentItem()
{
    const int s = focusedStep();
    if (!m_session || s < 0 || m_session->engine().currentItem(s) < 0)
        return;
    const ChecklistStep &step = m_session->checklist().steps.at(s);
    const QString itemId = step.items.at(m_session->engine().currentItem(s)).id;
    run(tr("Skip item"),
        [&](const QString &reason) { return m_session->skipItem(step.id, itemId, reason); });
}

void MainWindow::undo()
{
    if (canRecord())
        report(m_session->undo());
}

void MainWindow::nextStep()
{
    if (!m_session)
        return;
    const int n = m_session->engine().stepCount();
    // The next step that is not finished, in checklist order, wrapping around.
    for (int i = 1; i <= n; ++i) {
        const int s = (focusedStep() + i) % n;
        if (!m_session->engine().step(s).isFinished()) {
            focusStep(s);
            return;
        }
    }
}

void MainWindow::previousStep()
{
    if (m_session && focusedStep() > 0)
        focusStep(focusedStep() - 1);
}

void MainWindow::startFocusedStep()
{
    const QString id = focusedStepId();
    run(tr("Start step out of order"),
        [&](const QString &reason) { return m_session->startStep(id, reason); });
}

void MainWindow::skipFocusedStep()
{
    const QString id = focusedStepId();
    run(tr("Skip step"), [&](const QString &reason) { return m_session->skipStep(id, reason); });
}

void MainWindow::failFocusedStep()
{
    const QString id = focusedStepId();
    run(tr("Step failed"), [&](const QString &reason) { return m_session->failStep(id, reason); });
}

void MainWindow::restartFocusedStep()
{
    if (canRecord())
        report(m_session->restartStep(focusedStepId()));
}

void MainWindow::addNote()
{
    if (!canRecord())
        return;
    const CommandResult r
        = m_session->addNote(m_view->noteEdit()->text(), m_view->notePrivate()->isChecked());
    if (r.ok()) {
        m_view->noteEdit()->clear();
        m_view->notePrivate()->setChecked(false);
    }
    report(r);
}

void MainWindow::closeIncident()
{
    if (!m_session)
        return;
    if (QMessageBox::question(this, tr("Close incident"),
                              tr("Close \u201c%1\u201d? Its timeline can no longer change after "
                                 "this.")
                                  .arg(m_session->incident().title))
        != QMessageBox::Yes)
        return;
    run(tr("Close with unfinished steps"),
        [&](const QString &reason) { return m_session->close(reason); });
}

void MainWindow::showDeclareDialog()
{
    DeclareIncidentDialog dialog(m_checklistPaths, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.checklist())
        return;
    declareIncident(*dialog.checklist(), dialog.declaration());
}

void MainWindow::showExportDialog()
{
    if (!m_session)
        return;
    ExportDialog dialog(*m_session, this);
    dialog.exec();
}

void MainWindow::showOpenDialog()
{
    OpenIncidentDialog dialog(m_store, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const auto id = dialog.selectedIncident())
        openIncident(*id);
}

} // namespace warroom
