#include "ui/actions/RoomActions.h"

#include "ui/actions/IncidentActions.h"
#include "ui/dialogs/DeferDialog.h"
#include "ui/dialogs/HandoverDialog.h"
#include "ui/dialogs/PollDialog.h"
#include "ui/dialogs/RolesDialog.h"
#include "ui/incident/IncidentHeader.h"
#include "ui/incident/IncidentView.h"

#include "control/IncidentController.h"
#include "timeline/ScreenClock.h"
#include "ui/incident/PeopleChoices.h"
#include "wall/HandoverBriefing.h"

#include <QAction>

namespace warroom {

RoomActions::RoomActions(IncidentController &controller, IncidentView &view,
                         QWidget *dialogParent, IncidentActions &actions)
    : QObject(&actions)
    , m_controller(controller)
    , m_view(view)
    , m_dialogParent(dialogParent)
    , m_actions(actions)
{
    m_roles = add(tr("&Roles and people\u2026"), tr("Ctrl+Shift+P"), &RoomActions::assignRoles);
    m_handOver = add(tr("&Hand over command\u2026"), tr("Ctrl+Shift+O"), &RoomActions::handOver);
    m_poll = add(tr("&Go/no-go poll\u2026"), tr("Ctrl+G"), &RoomActions::answerPoll);
    m_repoll = add(tr("Poll aga&in (after a NO-GO)"), tr("Ctrl+Shift+G"), &RoomActions::repoll);
    m_defer = add(tr("De&fer current item\u2026"), tr("Ctrl+Shift+D"),
                  &RoomActions::deferCurrentItem);
    m_actingAs = new QAction(tr("Acting a&s\u2026"), this);
    m_actingAs->setShortcut(QKeySequence(tr("Ctrl+J")));
    m_actingAs->setShortcutContext(Qt::WindowShortcut);
    connect(m_actingAs, &QAction::triggered, this, [this] { m_view.header()->chooseActor(); });
}

QAction *RoomActions::add(const QString &text, const QString &keys, void (RoomActions::*slot)())
{
    auto *a = new QAction(text, this);
    a->setShortcut(QKeySequence(keys));
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, slot);
    return a;
}

QList<QAction *> RoomActions::actions() const
{
    return {m_roles, m_actingAs, m_handOver, m_poll, m_repoll, m_defer};
}

IncidentSession *RoomActions::session() const
{
    return m_controller.session();
}

bool RoomActions::polledItem(int *step, int *item) const
{
    if (!session())
        return false;
    const ChecklistEngine &engine = session()->engine();
    for (const int s : {m_view.focusedStep(), engine.currentStep()}) {
        if (s < 0 || s >= engine.stepCount())
            continue;
        const ChecklistStep &def = engine.checklist().steps.at(s);
        for (int i = 0; i < def.items.size(); ++i) {
            if (!def.items.at(i).poll.isEmpty()
                && engine.step(s).items.at(i).state == ItemState::Open) {
                *step = s;
                *item = i;
                return true;
            }
        }
    }
    return false;
}

void RoomActions::updateActions()
{
    const bool open = session() && !session()->engine().isClosed() && m_actions.mayRecord();
    int s = -1, i = -1;
    const bool poll = open && polledItem(&s, &i);
    for (QAction *a : {m_roles, m_handOver, m_actingAs})
        a->setEnabled(open);
    m_poll->setEnabled(poll);
    m_repoll->setEnabled(poll && session()->engine().step(s).items.at(i).poll.noGo());
    const int step = m_view.focusedStep();
    m_defer->setEnabled(open && step >= 0 && session()->engine().currentItem(step) >= 0);
}

int RoomActions::runDialog(QDialog &dialog) const
{
    // Each reads the session: a chain found broken while one is open closes the incident and
    // destroys its session (IncidentController::openFailed). The dialog goes first, unanswered
    // (done(), not reject(), which may ask), and its caller finds no session.
    connect(&m_controller, &IncidentController::sessionChanged, &dialog,
            [&dialog] { dialog.done(QDialog::Rejected); });
    const int answer = dialog.exec();
    return session() ? answer : int(QDialog::Rejected);
}

void RoomActions::assignRoles()
{
    if (!m_actions.canRecord())
        return;
    RolesDialog dialog(session()->engine(), m_dialogParent);
    // Followed while the dialog is open; the connection goes with the session should a chain
    // found broken close the incident (runDialog closes the dialog first).
    IncidentSession *s = session();
    const QMetaObject::Connection following = connect(s, &IncidentSession::eventsAppended, &dialog,
                                                      [&dialog, s] { dialog.follow(s->engine()); });
    const int answer = runDialog(dialog);
    disconnect(following);
    if (answer != QDialog::Accepted)
        return;
    for (const RolesDialog::Row &row : dialog.changedRows()) {
        const CommandResult r = session()->assignRole(row.role, row.person, row.fallback);
        m_actions.report(r);
        if (!r.ok())
            return;
    }
}

void RoomActions::handOver()
{
    if (!m_actions.canRecord())
        return;
    const ChecklistEngine &engine = session()->engine();
    // The briefing's times on the clock the room reads: a drill's, as the header and the wall.
    HandoverDialog dialog(
        engine.crew().commander(), peopleChoices(engine.crew().people()),
        HandoverBriefing::prefill(engine, session()->elapsedMs(), session()->screenClock()),
        m_dialogParent);
    if (runDialog(dialog) != QDialog::Accepted)
        return;
    m_actions.report(
        session()->handOver(dialog.newCommander(), dialog.acceptedBy(), dialog.briefing()));
}

void RoomActions::answerPoll()
{
    int s = -1, i = -1;
    if (!m_actions.canRecord() || !polledItem(&s, &i))
        return;
    const Checklist &checklist = session()->checklist();
    const QString stepId = checklist.steps.at(s).id;
    const QString itemId = checklist.steps.at(s).items.at(i).id;
    PollDialog dialog(*session(), stepId, itemId, m_dialogParent);
    // Followed while open, as the roles dialog is (the connection goes with the session).
    const QMetaObject::Connection following = connect(session(), &IncidentSession::eventsAppended,
                                                      &dialog, [&dialog] { dialog.follow(); });
    const int answer = runDialog(dialog);
    disconnect(following);
    if (answer != QDialog::Accepted)
        return;
    m_actions.report(
        session()->answerPoll(stepId, itemId, dialog.role(), dialog.go(), dialog.concern()));
}

void RoomActions::repoll()
{
    int s = -1, i = -1;
    if (!m_actions.canRecord() || !polledItem(&s, &i))
        return;
    const Checklist &checklist = session()->checklist();
    m_actions.report(
        session()->startPoll(checklist.steps.at(s).id, checklist.steps.at(s).items.at(i).id));
}

void RoomActions::deferCurrentItem()
{
    const int s = m_view.focusedStep();
    if (!m_actions.canRecord() || s < 0)
        return;
    const int i = session()->engine().currentItem(s);
    if (i < 0)
        return;
    DeferDialog dialog(session()->engine(), s, i, m_dialogParent);
    if (runDialog(dialog) != QDialog::Accepted)
        return;
    const ChecklistStep &def = session()->checklist().steps.at(s);
    m_actions.report(
        session()->deferItem(def.id, def.items.at(i).id, dialog.target(), dialog.reason()));
}

} // namespace warroom
