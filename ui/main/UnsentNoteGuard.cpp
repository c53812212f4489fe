#include "ui/main/UnsentNoteGuard.h"

#include "control/IncidentController.h"
#include "session/IncidentSession.h"
#include "ui/actions/IncidentActions.h"
#include "ui/incident/IncidentView.h"

#include <QMessageBox>
#include <QPushButton>

namespace warroom {

namespace {
// The note as the question quotes it: enough to recognise, never a wall of text.
QString quoted(const QString &text)
{
    constexpr int shown = 160;
    const QString t = text.simplified();
    return u'\u201c' + (t.size() > shown ? t.left(shown) + u'\u2026' : t) + u'\u201d';
}
} // namespace

UnsentNoteGuard::UnsentNoteGuard(IncidentController &controller, IncidentActions &actions,
                                 IncidentView &view, QWidget *parent)
    : m_controller(controller)
    , m_actions(actions)
    , m_view(view)
    , m_parent(parent)
{}

bool UnsentNoteGuard::leaveBy(const QString &going, const std::function<bool()> &go) const
{
    if (m_view.noteText().trimmed().isEmpty())
        return go();
    switch (ask(going)) {
    case Answer::Stay:
        return false;
    case Answer::Added:
        return go();
    case Answer::Discard:
        break;
    }
    const bool left = go();
    if (left)
        m_view.clearNote();
    return left;
}

UnsentNoteGuard::Answer UnsentNoteGuard::ask(const QString &going) const
{
    const QString text = m_view.noteText();
    const IncidentSession *session = m_controller.session();
    const bool mayAdd = m_actions.mayRecord();
    // Replay and a chain being checked pass; closed, lost or no incident do not.
    const bool later = !mayAdd && session && !session->engine().isClosed()
                       && session->storageProblem().isEmpty();
    const QString where = session
                              ? tr("the timeline of \u201c%1\u201d").arg(session->incident().title)
                              : tr("any timeline");
    const QString what
        = m_view.isNotePrivate() ? tr("The private note you typed") : tr("The note you typed");
    QMessageBox box(QMessageBox::Question, tr("Note not added"), QString(), QMessageBox::NoButton,
                    m_parent);
    box.setText(mayAdd ? tr("%1 is not in %2 yet:").arg(what, where)
                : later
                    ? tr("%1 is not in %2 yet, and cannot be added now: %3.")
                          .arg(what, where, m_view.notesOffReason())
                    : tr("%1 was not added to %2: %3.").arg(what, where, m_view.notesOffReason()));
    box.setInformativeText(quoted(text) + QStringLiteral("\n\n")
                           + (mayAdd  ? tr("Add it there before you go on, or discard it. Cancel "
                                            "stays here.")
                              : later ? tr("Cancel stays here, to add it once it can be; discard "
                                           "it to go on.")
                                      : tr("Discard it to go on, or cancel. Its text can be "
                                           "selected here and copied.")));
    // The note, quoted above, can be copied out of the question itself: with no incident open
    // its field is not on screen.
    box.setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QPushButton *add
        = mayAdd ? box.addButton(tr("&Add it, then %1").arg(going), QMessageBox::AcceptRole)
                 : nullptr;
    QPushButton *discard = box.addButton(tr("&Discard it"), QMessageBox::DestructiveRole);
    // Cancel is the default and Esc's: Enter must neither write to an append-only timeline nor
    // throw away what someone typed.
    QPushButton *stay = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(stay);
    box.setEscapeButton(stay);
    box.exec();
    if (add && box.clickedButton() == add) {
        // The incident may have closed while the question was up: a refusal says why, on the
        // step panel, and keeps the note.
        m_actions.addNote();
        return m_view.noteText().trimmed().isEmpty() ? Answer::Added : Answer::Stay;
    }
    if (box.clickedButton() == discard)
        return Answer::Discard;
    m_view.focusNoteEdit();
    return Answer::Stay;
}

} // namespace warroom
