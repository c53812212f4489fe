#include "ui/dialogs/PollDialog.h"

#include "ui/dialogs/EnterKeyGuard.h"

#include "session/IncidentSession.h"
#include "util/BidiControls.h"
#include "wall/WallRoom.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>

namespace warroom {

PollDialog::PollDialog(IncidentSession &session, const QString &stepId, const QString &itemId,
                       QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_stepId(stepId)
    , m_itemId(itemId)
    , m_state(new QLabel(this))
    , m_role(new QComboBox(this))
    , m_concern(new QLineEdit(this))
    , m_why(new QLabel(this))
{
    setWindowTitle(tr("Go/no-go poll"));
    const ChecklistEngine &engine = session.engine();
    const ChecklistStep *step = session.checklist().step(stepId);
    const int index = step->itemIndex(itemId);
    const ChecklistItem &def = step->items.at(index);
    auto *layout = new QVBoxLayout(this);
    // Names, reasons and the checklist's texts are typed or from a file: shown, not obeyed.
    auto *what
        = new QLabel(BidiControls::shown(
                         tr("Before: %1").arg(expandVariables(def.text, engine.textVariables()))),
                     this);
    what->setWordWrap(true);
    layout->addWidget(what);
    m_state->setObjectName(QStringLiteral("pollState"));
    m_state->setWordWrap(true);
    layout->addWidget(m_state);
    auto *form = new QFormLayout;
    fillRoles(def.poll, engine.pollNextRole(session.checklist().stepIndex(stepId), index));
    form->addRow(tr("Answer as &role:"), m_role);
    form->addRow(tr("&Concern (for NO-GO):"), m_concern);
    layout->addLayout(form);
    m_why->setObjectName(QStringLiteral("whyNot"));
    m_why->setWordWrap(true);
    layout->addWidget(m_why);
    auto *buttons = new QDialogButtonBox(this);
    m_goButton = buttons->addButton(tr("&GO"), QDialogButtonBox::AcceptRole);
    m_goButton->setObjectName(QStringLiteral("goButton"));
    m_noGoButton = buttons->addButton(tr("&NO-GO"), QDialogButtonBox::ActionRole);
    m_noGoButton->setObjectName(QStringLiteral("noGoButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    auto *guard = new EnterKeyGuard(this, m_goButton, m_why, [this] { return whyNot(true); });
    m_guard = guard;
    connect(m_goButton, &QPushButton::clicked, this, [this] {
        m_go = true;
        accept();
    });
    connect(m_noGoButton, &QPushButton::clicked, this, [this] {
        if (!whyNot(false).isEmpty()) {
            m_why->setText(BidiControls::shown(whyNot(false)));
            m_why->show();
            return;
        }
        m_go = false;
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto changed = [this, guard] {
        update();
        guard->refresh();
    };
    connect(m_role, &QComboBox::currentIndexChanged, this, changed);
    connect(m_role, &QComboBox::activated, this, [this] { m_rolePicked = true; });
    connect(m_concern, &QLineEdit::textChanged, this, changed);
    update();
    // Nothing typed here changes whose turn it is: say at once why GO and NO-GO are greyed out
    // (it was said only once Enter was pressed).
    if (!m_goButton->isEnabled())
        guard->explain();
}

void PollDialog::fillRoles(const QStringList &poll, const QString &next)
{
    const CrewState &crew = m_session.engine().crew();
    for (const QString &role : poll)
        m_role->addItem(BidiControls::shown(tr("%1 (%2)").arg(
                            m_session.checklist().roleTitle(role),
                            crew.personFor(role).isEmpty() ? tr("no one") : crew.personFor(role))),
                        role);
    m_role->setCurrentIndex(preferredRole(next));
}

int PollDialog::preferredRole(const QString &next) const
{
    // The role this person is asked for: the next one waiting if it is theirs, else theirs.
    const QStringList mine = m_session.engine().crew().rolesOf(m_session.actor());
    int preferred = m_role->findData(next);
    for (const QString &role : mine) {
        if (role != next && m_role->findData(role) >= 0 && !mine.contains(next))
            preferred = m_role->findData(role);
    }
    return std::max(0, preferred);
}

void PollDialog::follow()
{
    const int si = m_session.checklist().stepIndex(m_stepId);
    const int ii = si >= 0 ? m_session.checklist().steps.at(si).itemIndex(m_itemId) : -1;
    if (ii < 0)
        return;
    if (!m_rolePicked) {
        const QSignalBlocker quiet(m_role);
        m_role->setCurrentIndex(preferredRole(m_session.engine().pollNextRole(si, ii)));
    }
    update();
    m_guard->refresh();
}

QString PollDialog::role() const
{
    return m_role->currentData().toString();
}

QString PollDialog::concern() const
{
    return m_concern->text().trimmed();
}

QString PollDialog::pollText() const
{
    return m_state->text();
}

QString PollDialog::whyNot(bool go) const
{
    const ChecklistEngine &engine = m_session.engine();
    const EnginePlan plan = engine.planAnswerPoll(m_stepId, m_itemId, role(), go,
                                                  m_session.actor(), concern());
    // The refusal names who holds the role; how one screen answers for them is this window's
    // key, which the dialog hides while it is open (a new user, alone in a drill, was stuck).
    // Only when the holder could answer now: not for a closed incident or a resolved item.
    const QString holder = engine.crew().personFor(role());
    if (!plan.refusal.isEmpty() && !holder.isEmpty()
        && !engine.crew().mayActFor(role(), m_session.actor())
        && engine.planAnswerPoll(m_stepId, m_itemId, role(), true, holder, {}).ok())
        return plan.refusal
               + tr(" %1 answers on their own screen; to answer for them on this one, close this, "
                    "press Ctrl+J and type their name.")
                     .arg(holder);
    return plan.refusal;
}

void PollDialog::update()
{
    const ChecklistEngine &engine = m_session.engine();
    const int si = engine.checklist().stepIndex(m_stepId);
    const int ii = engine.checklist().steps.at(si).itemIndex(m_itemId);
    QStringList parts;
    for (const QString &role : engine.checklist().steps.at(si).items.at(ii).poll) {
        QString answer = tr("waiting");
        for (const PollVote &v : engine.step(si).items.at(ii).poll.votes) {
            if (v.role == role)
                answer = v.go ? tr("GO (%1)").arg(v.person)
                              : tr("NO-GO (%1): %2").arg(v.person, v.reason);
        }
        parts << engine.checklist().roleTitle(role) + QStringLiteral(" \u2014 ") + answer;
    }
    m_state->setText(
        BidiControls::shown(tr("Poll %1, acting as %2:\n")
                                .arg(std::max(1, engine.step(si).items.at(ii).poll.round))
                                .arg(m_session.actor())
                            + parts.join(u'\n')));
    // NO-GO is open whenever GO is; its concern is asked for when it is pressed.
    m_goButton->setEnabled(whyNot(true).isEmpty());
    m_noGoButton->setEnabled(m_goButton->isEnabled());
}

} // namespace warroom
