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

bool UnsentNoteGuard::mayLeave(const QString &going) const
{
    const QString text = m_view.noteText();
    if (text.trimmed().isEmpty())
        return true;
    const IncidentSession *session = m_controller.session();
    const bool mayAdd = m_actions.mayRecord();
    const QString where = session
                              ? tr("the timeline of \u201c%1\u201d").arg(session->incident().title)
                              : tr("any timeline");
    QMessageBox box(QMessageBox::Question, tr("Note not added"), QString(), QMessageBox::NoButton,
                    m_parent);
    box.setText(mayAdd ? tr("The note you typed is not in %1 yet:").arg(where)
                       : tr("The note you typed was not added to %1: %2.")
                             .arg(where, m_view.notesOffReason()));
    box.setInformativeText(quoted(text) + QStringLiteral("\n\n")
                           + (mayAdd ? tr("Add it there before you go on, or discard it. Cancel "
                                          "stays here.")
                                     : tr("Discard it to go on. Cancel stays here, where its "
                                          "text can be copied.")));
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
        m_actions.addNote(); // clears the field once recorded; a refusal says why and keeps it
        return m_view.noteText().trimmed().isEmpty();
    }
    if (box.clickedButton() == discard) {
        m_view.clearNote();
        return true;
    }
    m_view.focusNoteEdit();
    return false;
}

} // namespace warroom
