// IncidentActions: the commands on the focused step's current item (confirm, run, re-send, set a
// ramp back, stop, skip), and the check that the item did not just change under them.
#include "ui/actions/IncidentActions.h"

#include "automation/AutomationRunner.h"
#include "control/IncidentController.h"
#include "timeline/EventVocabulary.h"
#include "ui/dialogs/ChoiceDialog.h"
#include "ui/dialogs/RunConfirmDialog.h"

#include <QDateTime>

#include <algorithm>

namespace warroom {

void IncidentActions::noteItemShown(int step, const QString &movedBy, qint64 grace)
{
    const int item = step >= 0 && session() ? session()->engine().currentItem(step) : -1;
    const ChecklistStep *def = item >= 0 ? &session()->checklist().steps.at(step) : nullptr;
    m_inView.shown(def ? def->id : QString(), def ? def->items.at(item).id : QString(), movedBy,
                   QDateTime::currentMSecsSinceEpoch(), grace);
}

QString IncidentActions::movedBy(const TimelineEvents &events, qint64 *grace) const
{
    // Another screen's entry that finished the item in view, or its step, moved the panel: it
    // names whose. Only the others' entries at the head of the list are asked, and only about
    // the item that was in view: a sample of another step's check, taken in by this screen's
    // own confirmation, named this screen's own person and held their next confirmation.
    const qsizetype others = std::min(session()->othersEventsInAppend(), events.size());
    for (qsizetype i = others - 1; i >= 0; --i) {
        const TimelineEvent &e = events.at(i);
        if (e.stepId.isEmpty() || e.stepId != m_inView.stepId())
            continue;
        const bool item = e.itemId == m_inView.itemId()
                          && (e.kind == EventKind::ItemConfirmed || e.kind == EventKind::ItemSkipped
                              || e.kind == EventKind::ItemDeferred);
        const bool step = e.itemId.isEmpty()
                          && (e.kind == EventKind::StepCompleted || e.kind == EventKind::StepSkipped
                              || e.kind == EventKind::StepFailed);
        if (item || step)
            return tr("%1's screen").arg(e.actor);
    }
    // This screen's own run that confirmed the item in view moved it too, at a moment nobody
    // chose: a check passing just as its person pressed Ctrl+Return to confirm it by hand had the
    // key confirm the next item. Its person started the run, but not when it ends.
    for (qsizetype i = others; i < events.size(); ++i) {
        const TimelineEvent &e = events.at(i);
        if (e.kind == EventKind::ItemConfirmed && e.stepId == m_inView.stepId()
            && e.itemId == m_inView.itemId() && e.payload.contains(PayloadKey::Run)) {
            *grace = ItemInView::ownRunGraceMs;
            const Checklist &checklist = session()->checklist();
            const int si = checklist.stepIndex(e.stepId);
            const int ii = si >= 0 ? checklist.steps.at(si).itemIndex(e.itemId) : -1;
            const QString text = ii >= 0 ? checklist.steps.at(si).items.at(ii).text : e.itemId;
            return tr("the run that confirmed \u201c%1\u201d")
                .arg(expandVariables(text, session()->textVariables()));
        }
    }
    return {};
}

bool IncidentActions::justMovedByOthers()
{
    const int s = focusedStep();
    const int item = s >= 0 && session() ? session()->engine().currentItem(s) : -1;
    if (item < 0)
        return false;
    const ChecklistStep &step = session()->checklist().steps.at(s);
    const QString by = m_inView.takeJustMoved(step.id, step.items.at(item).id,
                                              QDateTime::currentMSecsSinceEpoch());
    if (by.isEmpty())
        return false;
    report({CommandResult::Status::Refused,
            tr("Not done: %1 just moved this panel on to \u201c%2\u201d (step %3). Check it is "
               "the item you mean, then give the command again.")
                .arg(by, expandVariables(step.items.at(item).text, session()->textVariables()))
                .arg(s + 1)});
    return true;
}

std::optional<QString> IncidentActions::askChoice(const ChecklistItem &def)
{
    QStringList labels;
    for (const ChoiceOption &o : def.options)
        labels << expandVariables(o.label, session()->textVariables());
    const auto picked = ChoiceDialog::ask(
        m_dialogParent, expandVariables(def.text, session()->textVariables()), labels);
    return picked ? std::optional(def.options.at(*picked).value) : std::nullopt;
}

void IncidentActions::confirmCurrentItem(const QString &value)
{
    const int s = focusedStep();
    if (!session() || s < 0)
        return;
    const int item = session()->engine().currentItem(s);
    if (item < 0 || justMovedByOthers())
        return;
    const ChecklistStep &step = session()->checklist().steps.at(s);
    const ChecklistItem &def = step.items.at(item);
    QString chosen = value;
    if (def.kind == ItemKind::Choice && chosen.isEmpty()) {
        const std::optional<QString> picked = askChoice(def);
        if (!picked)
            return;
        chosen = *picked;
    }
    run(tr("Override"), [&](const QString &reason) {
        return session()->confirmItem(step.id, def.id, chosen, reason);
    });
}

void IncidentActions::runCurrentItem()
{
    const ChecklistItem *def = focusedItem();
    if (!def || !def->isAutomated() || !canRecord() || justMovedByOthers())
        return;
    AutomationRunner *runner = m_controller.runner();
    const QString stepId = focusedStepId();
    const QString itemId = def->id;
    // An action whose outcome is unknown goes again with its own key, never a new one.
    if (runner->availableCommands(stepId, itemId).resend) {
        resendCurrentItem();
        return;
    }
    QString second;
    QString read; // the request as the dialog showed it
    if (def->kind == ItemKind::Action && def->action.confirm) {
        const BuiltRequest preview = runner->preview(stepId, itemId);
        // A poll not all GO refuses now, before a second person has read the request.
        const QString poll = session()->engine().pollRefusal(stepId, itemId);
        if (!preview.ok() || !poll.isEmpty()) {
            report({CommandResult::Status::Refused,
                    poll.isEmpty() ? tr("Not sent: %1").arg(preview.error) : poll});
            return;
        }
        RunConfirmDialog dialog(expandVariables(def->text, session()->textVariables()),
                                preview.display, def->action.irreversible, session()->actor(),
                                m_dialogParent);
        if (dialog.exec() != QDialog::Accepted)
            return;
        second = dialog.secondPerson();
        read = preview.display;
    }
    run(tr("Run out of order"), [&](const QString &reason) {
        // What was read is what goes, or nothing: a handover taken in while the dialog was
        // open, or by the first try of a run that then asked for a reason (a write of its own,
        // and the reason's dialog), changed {{incident.commander}} in the body, and the request
        // sent was not the one the second person had put their name to. Asked before each try.
        if (!read.isEmpty() && runner->preview(stepId, itemId).display != read)
            return CommandResult{
                CommandResult::Status::Refused,
                tr("Not sent: the request changed while it was being read (another screen "
                   "recorded something it is made from, such as a handover of command). Run it "
                   "again to read it as it would go now.")};
        return runner->start(stepId, itemId, reason, second);
    });
}

void IncidentActions::resendCurrentItem()
{
    const ChecklistItem *def = focusedItem();
    if (!def || !canRecord())
        return;
    const QString stepId = focusedStepId();
    AutomationRunner *runner = m_controller.runner();
    if (!runner->availableCommands(stepId, def->id).resend) {
        report({CommandResult::Status::Refused,
                tr("Only an action whose outcome is unknown is re-sent with its old key.")});
        return;
    }
    // The preview carries the run's own key: the same one the first request went out with.
    const BuiltRequest preview = runner->preview(stepId, def->id);
    // One that cannot go (a secret unset, or a request that cannot be made again as it first
    // went out) is said as a run's is, not shown in the box of what will be sent beside a
    // button that would only fail.
    if (!preview.ok()) {
        report({CommandResult::Status::Refused, tr("Not sent: %1").arg(preview.error)});
        return;
    }
    RunConfirmDialog dialog(expandVariables(def->text, session()->textVariables()), preview.display,
                            false, session()->actor(), m_dialogParent);
    const AutomationStatus &status = session()->engine().itemStatus(stepId, def->id)->automation;
    dialog.setResend(status.reason,
                     !status.polledValue.isEmpty() || status.requestPhase == RequestPhase::Poll);
    if (dialog.exec() != QDialog::Accepted)
        return;
    run(tr("Re-send out of order"),
        [&](const QString &reason) { return runner->resend(stepId, def->id, reason); });
}

void IncidentActions::rollbackCurrentRamp()
{
    const ChecklistItem *def = focusedItem();
    if (!def || def->kind != ItemKind::Ramp || !canRecord())
        return;
    report(m_controller.runner()->rollbackRamp(focusedStepId(), def->id));
}

void IncidentActions::stopCurrentRun()
{
    const ChecklistItem *def = focusedItem();
    if (!def || !canRecord())
        return;
    const QString stepId = focusedStepId();
    const QString itemId = def->id;
    AutomationRunner *runner = m_controller.runner();
    run(def->kind == ItemKind::Ramp ? tr("Halt the ramp") : tr("Stop the run"),
        [&](const QString &reason) { return runner->stop(stepId, itemId, reason); });
}

void IncidentActions::skipCurrentItem()
{
    const int s = focusedStep();
    if (!session() || s < 0 || session()->engine().currentItem(s) < 0 || justMovedByOthers())
        return;
    const ChecklistStep &step = session()->checklist().steps.at(s);
    const QString itemId = step.items.at(session()->engine().currentItem(s)).id;
    run(tr("Skip item"),
        [&](const QString &reason) { return session()->skipItem(step.id, itemId, reason); });
}

} // namespace warroom
