#include "ui/dialogs/RunConfirmDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace warroom {

RunConfirmDialog::RunConfirmDialog(const QString &what, const QString &request, bool irreversible,
                                   const QString &actor, QWidget *parent)
    : QDialog(parent)
    , m_actor(actor)
{
    setObjectName(QStringLiteral("runConfirmDialog"));
    setWindowTitle(irreversible ? tr("Irreversible action: two people") : tr("Send this request?"));
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(what, this);
    title->setObjectName(QStringLiteral("stepTitle"));
    title->setWordWrap(true);
    layout->addWidget(title);
    auto *text = new QPlainTextEdit(request, this);
    text->setObjectName(QStringLiteral("requestPreview"));
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setMinimumSize(640, 200);
    layout->addWidget(text);
    auto *note = new QLabel(tr("This is exactly what will be sent; values from the environment "
                               "are shown as their ${env:NAME} reference and secret headers as "
                               "[redacted]. The request goes into the timeline before it is "
                               "sent."),
                            this);
    note->setObjectName(QStringLiteral("muted"));
    note->setWordWrap(true);
    layout->addWidget(note);
    if (irreversible) {
        auto *warn = new QLabel(tr("This action cannot be undone. A second person, not %1, "
                                   "checks the request above and gives their name.")
                                    .arg(actor),
                                this);
        warn->setObjectName(QStringLiteral("refusal"));
        warn->setWordWrap(true);
        layout->addWidget(warn);
        m_second = new QLineEdit(this);
        m_second->setObjectName(QStringLiteral("secondPersonEdit"));
        m_second->setPlaceholderText(tr("Second person's name (recorded in the timeline)"));
        layout->addWidget(m_second);
        connect(m_second, &QLineEdit::textChanged, this, &RunConfirmDialog::updateSend);
        m_second->setFocus();
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_send = buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("sendButton"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateSend();
}

QString RunConfirmDialog::secondPerson() const
{
    return m_second ? m_second->text().trimmed() : QString();
}

void RunConfirmDialog::updateSend()
{
    if (!m_second)
        return;
    const QString name = secondPerson();
    m_send->setEnabled(!name.isEmpty() && name.compare(m_actor, Qt::CaseInsensitive) != 0);
}

} // namespace warroom
