#include "ui/actions/IncidentActions.h"

#include "ui/actions/RoomActions.h"

#include "automation/AutomationRunner.h"
#include "control/IncidentController.h"
#include "ui/dialogs/ExportDialog.h"
#include "ui/dialogs/ReasonDialog.h"
#include "ui/incident/IncidentView.h"

#include <QAction>
#include <QMessageBox>

namespace warroom {

namespace {

// A command a plan allows outright or once a person gives a reason.
bool allowed(const EnginePlan &plan)
{
    return plan.ok() || plan.needsReason;
}

} // namespace

IncidentActions::IncidentActions(IncidentController &controller, IncidentView &view,
                                 QWidget *dialogParent)
    : QObject(dialogParent)
    , m_controller(controller)
    , m_view(view)
    , m_dialogParent(dialogParent)
{
    createActions();
    m_room = new RoomActions(controller, view, dialogParent, *this);
    connectView();
    connect(&m_controller, &IncidentController::runError, this, [this](const QString &message) {
        report({CommandResult::Status::StorageFailed, message});
    });
}

QAction *IncidentActions::add(Id id, const QString &text, const QKeySequence &keys,
                              const std::function<void()> &slot)
{
    auto *a = new QAction(text, this);
    a->setShortcut(keys);
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, slot);
    m_actions.at(id) = a;
    return a;
}

void IncidentActions::createActions()
{
    add(ExportPostmortem, tr("&Export postmortem\u2026"), QKeySequence(tr("Ctrl+Shift+E")),
        [this] { showExportDialog(); });
    add(CloseIncident, tr("&Close incident\u2026"), QKeySequence(tr("Ctrl+Shift+W")),
        [this] { closeIncident(); });
    add(ConfirmItem, tr("&Confirm current item"), QKeySequence(tr("Ctrl+Return")),
        [this] { confirmCurrentItem(); });
    add(RunItem, tr("&Run current item (action, check or ramp)"), QKeySequence(tr("Ctrl+R")),
        [this] { runCurrentItem(); });
    add(SkipItem, tr("S&kip current item\u2026"), QKeySequence(tr("Ctrl+Shift+K")),
        [this] { skipCurrentItem(); });
    add(Undo, tr("&Undo last confirmation"), QKeySequence::Undo, [this] { undo(); });
    add(NextStep, tr("&Next step"), QKeySequence(tr("Ctrl+Down")), [this] { nextStep(); });
    add(PreviousStep, tr("&Previous step"), QKeySequence(tr("Ctrl+Up")),
        [this] { previousStep(); });
    add(StartStep, tr("&Start this step"), QKeySequence(tr("Ctrl+Shift+Return")),
        [this] { startFocusedStep(); });
    add(SkipStep, tr("Skip this step\u2026"), QKeySequence(), [this] { skipFocusedStep(); });
    add(FailStep, tr("Mark this step &failed\u2026"), QKeySequence(),
        [this] { failFocusedStep(); });
    add(RestartStep, tr("&Restart failed step"), QKeySequence(), [this] { restartFocusedStep(); });
    add(AddNote, tr("Add &note"), QKeySequence(tr("Ctrl+M")), [this] { m_view.focusNoteEdit(); });
    // The run's own commands, by keyboard as well as by their buttons in the step panel.
    add(ResendItem, tr("Re-send with the same &key\u2026"), QKeySequence(tr("Ctrl+Shift+R")),
        [this] { resendCurrentItem(); });
    add(RollbackRamp, tr("Set ramp weight &back"), QKeySequence(tr("Ctrl+Shift+B")),
        [this] { rollbackCurrentRamp(); });
    add(StopRun, tr("S&top or halt the run\u2026"), QKeySequence(tr("Ctrl+Shift+H")),
        [this] { stopCurrentRun(); });
}

void IncidentActions::connectView()
{
    connect(&m_view, &IncidentView::stepSelected, this, &IncidentActions::updateActions);
    connect(&m_view, &IncidentView::replayChanged, this, &IncidentActions::updateActions);
    connect(&m_view, &IncidentView::noteSubmitted, this, &IncidentActions::addNote);
    connect(&m_view, &IncidentView::confirmRequested, this, &IncidentActions::confirmCurrentItem);
    connect(&m_view, &IncidentView::skipRequested, this, &IncidentActions::skipCurrentItem);
    connect(&m_view, &IncidentView::runRequested, this, &IncidentActions::runCurrentItem);
    connect(&m_view, &IncidentView::resendRequested, this, &IncidentActions::resendCurrentItem);
    connect(&m_view, &IncidentView::rollbackRequested, this, &IncidentActions::rollbackCurrentRamp);
    connect(&m_view, &IncidentView::restartRequested, this, &IncidentActions::restartFocusedStep);
    connect(&m_view, &IncidentView::stopRequested, this, &IncidentActions::stopCurrentRun);
    connect(&m_view, &IncidentView::actorEdited, this, [this](const QString &actor) {
        const QString before = session() ? session()->actor() : QString();
        QString why;
        // Unchanged: nothing to say. A refusal naming the old signer no longer holds.
        if (session() && session()->setActor(actor, &why) && session()->actor() != before)
            report({});
        else if (!why.isEmpty())
            report({CommandResult::Status::Refused, why});
    });
    connect(&m_view, &IncidentView::stepClicked, this, [this](const QString &stepId) {
        const int step = session() ? session()->checklist().stepIndex(stepId) : -1;
        if (step < 0)
            return;
        focusStep(step);
        m_view.showStepEvents(stepId, tr("step %1").arg(step + 1));
    });
}

IncidentSession *IncidentActions::session() const
{
    return m_controller.session();
}

QString IncidentActions::storageLostMessage(const QString &problem)
{
    QString why = problem;
    if (!why.isEmpty())
        why[0] = why.at(0).toUpper();
    return tr("TIMELINE STORAGE LOST \u2014 nothing is being recorded. %1.").arg(why);
}

void IncidentActions::followSession()
{
    if (!session()) {
        updateActions();
        return;
    }
    m_inView = {}; // another incident: nothing in view moved yet
    connect(session(), &IncidentSession::eventsAppended, this, &IncidentActions::afterEvents);
    if (AutomationRunner *runner = m_controller.runner())
        connect(runner, &AutomationRunner::runEnded, this, &IncidentActions::updateActions);
    focusStep(session()->engine().currentStep());
}

int IncidentActions::focusedStep() const
{
    return m_view.focusedStep();
}

QString IncidentActions::focusedStepId() const
{
    const int s = focusedStep();
    if (!session() || s < 0 || s >= session()->checklist().steps.size())
        return {};
    return session()->checklist().steps.at(s).id;
}

const ChecklistItem *IncidentActions::focusedItem() const
{
    const int s = focusedStep();
    if (!session() || s < 0 || s >= session()->engine().stepCount())
        return nullptr;
    const int item = session()->engine().currentItem(s);
    return item < 0 ? nullptr : &session()->checklist().steps.at(s).items.at(item);
}

void IncidentActions::focusStep(int step, const QString &movedBy, qint64 grace)
{
    m_view.focusItem(step, step >= 0 && session() ? session()->engine().currentItem(step) : -1);
    noteItemShown(step, movedBy, grace);
    updateActions();
}

void IncidentActions::afterEvents(const TimelineEvents &events)
{
    // Like an electronic checklist: when the step in view finishes, the next one that wants
    // attention comes up by itself. A step chosen by hand stays in view while it is open.
    const int s = focusedStep();
    qint64 grace = ItemInView::graceMs;
    const QString by = movedBy(events, &grace);
    if (s < 0 || session()->engine().step(s).isFinished())
        focusStep(session()->engine().currentStep(), by, grace);
    else
        focusStep(s, by, grace);
}

bool IncidentActions::mayRecord() const
{
    // Replay looks at the past: nothing may be recorded until the screen is live again.
    // Nor while the chain is being verified behind an incident just opened.
    return session() && !session()->engine().isClosed() && !m_view.isReplaying()
           && session()->storageProblem().isEmpty() && !session()->isVerifying();
}

QList<QAction *> IncidentActions::incidentMenuActions() const
{
    return QList<QAction *>{action(ExportPostmortem), action(CloseIncident)} + m_room->actions();
}

void IncidentActions::updateActions()
{
    m_room->updateActions();
    const bool open = mayRecord();
    const int s = focusedStep();
    const bool hasStep = open && s >= 0;
    const ChecklistEngine *engine = open ? &session()->engine() : nullptr;
    const QString actor = open ? session()->actor() : QString();
    const QString stepId = hasStep ? focusedStepId() : QString();
    const bool itemOpen = hasStep && engine->currentItem(s) >= 0 && !engine->step(s).isFinished();
    const ChecklistItem *item = itemOpen ? focusedItem() : nullptr;
    action(ConfirmItem)->setEnabled(itemOpen);
    updateRunActions(stepId, item);
    action(SkipItem)->setEnabled(itemOpen);
    action(Undo)->setEnabled(open && allowed(engine->planUndo(actor)));
    action(NextStep)->setEnabled(open);
    action(PreviousStep)->setEnabled(open);
    action(StartStep)->setEnabled(hasStep && allowed(engine->planStartStep(stepId, actor)));
    action(SkipStep)->setEnabled(hasStep && allowed(engine->planSkipStep(stepId, actor, {})));
    action(FailStep)->setEnabled(hasStep && allowed(engine->planFailStep(stepId, actor, {})));
    action(RestartStep)->setEnabled(hasStep && allowed(engine->planRestartStep(stepId, actor)));
    action(AddNote)->setEnabled(open);
    m_view.setNotesEnabled(open);
    // The step panel stays readable on a closed incident; in replay or with the storage lost
    // its buttons must not invite a command (they would be refused).
    m_view.setStepCommandsEnabled(session() && !m_view.isReplaying()
                                  && session()->storageProblem().isEmpty()
                                  && !session()->isVerifying());
    action(CloseIncident)->setEnabled(open && allowed(engine->planClose(actor)));
    action(ExportPostmortem)->setEnabled(session() != nullptr);
}

void IncidentActions::updateRunActions(const QString &stepId, const ChecklistItem *item)
{
    // Each is the runner's answer for the item in view, as the step panel's buttons are.
    const AutomationRunner *runner = m_controller.runner();
    AutomationRunner::AvailableCommands can;
    if (runner && item && item->isAutomated())
        can = runner->availableCommands(stepId, item->id);
    // Run starts a new run, or re-sends an action whose outcome is unknown (runCurrentItem): one
    // path, so Ctrl+R never offers a new key the runner would refuse.
    action(RunItem)->setEnabled(can.start || can.resend);
    action(RunItem)->setText(can.resend ? tr("&Run current item (re-send with the same key)")
                                        : tr("&Run current item (action, check or ramp)"));
    action(ResendItem)->setEnabled(can.resend);
    action(RollbackRamp)->setEnabled(can.rollbackRamp);
    action(RollbackRamp)
        ->setText(item && item->kind == ItemKind::Ramp
                      ? tr("Set ramp weight &back to %1%").arg(item->ramp.rollbackWeight)
                      : tr("Set ramp weight &back"));
    action(StopRun)->setEnabled(can.stop);
}

void IncidentActions::run(const QString &title,
                          const std::function<CommandResult(const QString &)> &command)
{
    if (!canRecord())
        return;
    CommandResult result = command({});
    if (result.status == CommandResult::Status::NeedsReason) {
        const auto reason = ReasonDialog::ask(m_dialogParent, title, result.message);
        if (!reason)
            return;
        result = command(*reason);
    }
    report(result);
}

bool IncidentActions::canRecord()
{
    if (!session())
        return false;
    if (!session()->storageProblem().isEmpty()) {
        report({CommandResult::Status::Refused, storageLostMessage(session()->storageProblem())});
        return false;
    }
    if (m_view.isReplaying()) {
        report({CommandResult::Status::Refused,
                tr("Replay shows the past; go back to Live (Ctrl+L) to record anything.")});
        return false;
    }
    return true;
}

void IncidentActions::report(const CommandResult &result)
{
    switch (result.status) {
    case CommandResult::Status::Done:
        m_view.showCommandMessage({});
        break;
    case CommandResult::Status::NeedsReason:
    case CommandResult::Status::Refused:
        m_view.showCommandMessage(result.message);
        emit statusMessage(result.message, 10000);
        break;
    case CommandResult::Status::StorageFailed:
        QMessageBox::critical(m_dialogParent, tr("Not recorded"), result.message);
        break;
    }
    updateActions();
}

void IncidentActions::showExportDialog()
{
    if (!session())
        return;
    if (ExportDialog dialog(*session(), m_dialogParent); dialog.exec() == QDialog::Accepted)
        emit statusMessage(tr("Postmortem written to %1").arg(dialog.savedPath()), 15000);
}

void IncidentActions::undo()
{
    if (canRecord())
        report(session()->undo());
}

void IncidentActions::nextStep()
{
    if (!session())
        return;
    const int n = session()->engine().stepCount();
    // The next step that is not finished, in checklist order, wrapping around.
    for (int i = 1; i <= n; ++i) {
        const int s = (focusedStep() + i) % n;
        if (!session()->engine().step(s).isFinished()) {
            focusStep(s);
            return;
        }
    }
}

void IncidentActions::previousStep()
{
    if (session() && focusedStep() > 0)
        focusStep(focusedStep() - 1);
}

void IncidentActions::startFocusedStep()
{
    const QString id = focusedStepId();
    run(tr("Start step out of order"),
        [&](const QString &reason) { return session()->startStep(id, reason); });
}

void IncidentActions::skipFocusedStep()
{
    const QString id = focusedStepId();
    run(tr("Skip step"), [&](const QString &reason) { return session()->skipStep(id, reason); });
}

void IncidentActions::failFocusedStep()
{
    const QString id = focusedStepId();
    run(tr("Step failed"), [&](const QString &reason) { return session()->failStep(id, reason); });
}

void IncidentActions::restartFocusedStep()
{
    if (canRecord())
        report(session()->restartStep(focusedStepId()));
}

void IncidentActions::addNote()
{
    if (!canRecord())
        return;
    const CommandResult r = session()->addNote(m_view.noteText(), m_view.isNotePrivate());
    if (r.ok())
        m_view.clearNote();
    report(r);
}

void IncidentActions::closeIncident()
{
    if (!session())
        return;
    // No by default: closing cannot be undone, and Enter answered Yes. The question says so, and
    // so does the window after: Enter, pressed to close, kept the incident open without a word.
    if (QMessageBox::question(m_dialogParent, tr("Close incident"),
                              tr("Close \u201c%1\u201d? Its timeline cannot change once closed.\n\n"
                                 "Yes closes it; No (Enter) keeps it open.")
                                  .arg(session()->incident().title),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        != QMessageBox::Yes) {
        // In the status bar, not as a refusal: No was a choice, and the refusal's label is
        // hidden once every step is done (the summary's Close button asked).
        emit statusMessage(tr("Not closed: the incident stays open (closing needs Yes)."), 10000);
        return;
    }
    emit statusMessage({}, 0); // a "Not closed" of a moment ago is no longer so
    run(tr("Close with unfinished steps"), [&](const QString &r) { return session()->close(r); });
}

} // namespace warroom
