#include "ui/dialogs/EnterKeyGuard.h"

#include "util/BidiControls.h"

#include <QBoxLayout>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLayout>
#include <QPushButton>

namespace warroom {

EnterKeyGuard::EnterKeyGuard(QDialog *dialog, QPushButton *button, QLabel *label,
                             std::function<QString()> whyNot)
    : QObject(dialog)
    , m_dialog(dialog)
    , m_button(button)
    , m_label(label)
    , m_whyNot(std::move(whyNot))
{
    // Made default here, not left to QDialogButtonBox's first-accept-button rule: a dialog that
    // sets Cancel as default (as the Send dialog once did) turns Enter into a silent cancel.
    m_button->setDefault(true);
    m_label->setWordWrap(true);
    // A reason quotes what was typed and what a checklist says (a variable's prompt): shown as
    // written, never as markup ("<b>" in a prompt rendered bold, a link would be one).
    m_label->setTextFormat(Qt::PlainText);
    m_label->setProperty("role", QStringLiteral("enterRefusal"));
    m_label->hide();
    m_dialog->installEventFilter(this);
    m_button->installEventFilter(this);
}

EnterKeyGuard *EnterKeyGuard::okCancel(QDialog *dialog, QBoxLayout *layout,
                                       std::function<QString()> whyNot)
{
    auto *why = new QLabel(dialog);
    why->setObjectName(QStringLiteral("refusal"));
    layout->addWidget(why);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return new EnterKeyGuard(dialog, ok, why, std::move(whyNot));
}

void EnterKeyGuard::explain()
{
    const QString why = m_whyNot ? m_whyNot() : QString();
    // Shown, not obeyed: a reason quotes names (a role's title, what was typed), and a bidi
    // control in one reordered the sentence (BidiControls).
    m_label->setText(why.isEmpty() ? tr("%1 is not available yet.").arg(m_button->text())
                                   : BidiControls::shown(why));
    m_label->show();
    // A dialog on screen keeps its size: the reason was squeezed into it, over the fields and cut
    // at its top and bottom (the skip, send, poll, close and defer dialogs). It grows to hold it.
    if (QLayout *layout = m_dialog->layout()) {
        layout->activate();
        const int needed = layout->hasHeightForWidth()
                               ? layout->totalHeightForWidth(m_dialog->width())
                               : layout->totalSizeHint().height();
        if (needed > m_dialog->height())
            m_dialog->resize(m_dialog->width(), needed);
    }
}

void EnterKeyGuard::refresh()
{
    if (m_button->isEnabled())
        m_label->hide();
    else if (!m_label->isHidden())
        explain(); // the reason may have changed (an empty name became the actor's own)
}

bool EnterKeyGuard::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_button && event->type() == QEvent::EnabledChange) {
        refresh();
        return false;
    }
    if (watched != m_dialog || event->type() != QEvent::KeyPress)
        return false;
    const auto *key = static_cast<QKeyEvent *>(event);
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    const bool plain = key->modifiers() == Qt::NoModifier
                       || (key->modifiers() == Qt::KeypadModifier && key->key() == Qt::Key_Enter);
    if (!enter || !plain || m_button->isEnabled())
        return false;
    // A focused button other than ours (Cancel, Browse...) takes Enter as its own click.
    const auto *focused = qobject_cast<QPushButton *>(m_dialog->focusWidget());
    if (focused && focused != m_button && focused->isEnabled())
        return false;
    explain();
    return true;
}

} // namespace warroom
