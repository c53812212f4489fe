#include "ui/dialogs/ReasonDialog.h"

#include "ui/dialogs/EnterKeyGuard.h"
#include "util/BidiControls.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace warroom {

ReasonDialog::ReasonDialog(const QString &title, const QString &explanation, QWidget *parent)
    : QDialog(parent)
    , m_reason(new QLineEdit(this))
{
    // Both name an item or a step, from the checklist file: shown, not obeyed.
    setWindowTitle(BidiControls::shown(title));
    setObjectName(QStringLiteral("reasonDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(BidiControls::shown(explanation), this);
    text->setWordWrap(true);
    layout->addWidget(text);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setPlaceholderText(tr("Reason (recorded in the timeline)"));
    m_reason->setMinimumWidth(480);
    layout->addWidget(m_reason);
    m_ok = EnterKeyGuard::okCancel(this, layout, [] {
               return tr("Nothing recorded yet: type the reason first; it goes into the timeline.");
           })->button();
    connect(m_reason, &QLineEdit::textChanged, this,
            [this](const QString &t) { m_ok->setEnabled(!t.trimmed().isEmpty()); });
}

QString ReasonDialog::reason() const
{
    return m_reason->text().trimmed();
}

std::optional<QString> ReasonDialog::ask(QWidget *parent, const QString &title,
                                         const QString &explanation)
{
    ReasonDialog dialog(title, explanation, parent);
    if (dialog.exec() != QDialog::Accepted || dialog.reason().isEmpty())
        return std::nullopt;
    return dialog.reason();
}

} // namespace warroom
