#include "ui/dialogs/RunConfirmDialog.h"

#include "ui/dialogs/EnterKeyGuard.h"
#include "util/BidiControls.h"
#include "util/PersonName.h"

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
    // The item, the request and the names come from files, answers and typing: a bidirectional
    // control in them is shown, not obeyed, so that the request checked is the one read.
    auto *title = new QLabel(BidiControls::shown(what), this);
    title->setObjectName(QStringLiteral("stepTitle"));
    title->setWordWrap(true);
    layout->addWidget(title);
    auto *text = new QPlainTextEdit(BidiControls::shown(request), this);
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
                                    .arg(BidiControls::shown(actor)),
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
    auto *why = new QLabel(this);
    why->setObjectName(QStringLiteral("refusal"));
    layout->addWidget(why);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_send = buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("sendButton"));
    layout->addWidget(buttons);
    // Enter sends when sending is allowed; otherwise it says why, here, and the dialog stays.
    m_guard = new EnterKeyGuard(this, m_send, why, [this] { return whyNotSend(); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateSend();
}

void RunConfirmDialog::setResend(const QString &whyUnknown, bool answered)
{
    setWindowTitle(tr("Re-send with the same key?"));
    m_send->setText(tr("Re-&send with the same key"));
    if (!m_resendNote) {
        m_resendNote = new QLabel(this);
        m_resendNote->setObjectName(QStringLiteral("resendNote"));
        m_resendNote->setWordWrap(true);
        // Under the title, above the request: the first thing read after what the item is.
        static_cast<QVBoxLayout *>(layout())->insertWidget(1, m_resendNote);
    }
    const QString why = whyUnknown.isEmpty() ? QString() : QStringLiteral(" (") + whyUnknown + u')';
    // A request answered with its job, whose polls stopped, is not "not known to have taken
    // effect": the timeline has its answer. What is not known is what the job came to.
    m_resendNote->setText(
        answered ? tr("The first request was answered and its job was being watched when that "
                      "stopped%1: what the job came to is not known. This sends the request "
                      "again with the SAME Idempotency-Key (shown below), never a new one: a "
                      "service that keeps keys answers from its record with the job the first "
                      "one started, so nothing is done twice, and the answer says which it was.")
                       .arg(why)
                 : tr("Whether the first request took effect is not known%1. This sends it "
                      "again with the SAME Idempotency-Key (shown below), never a new one: a "
                      "service that keeps keys answers from its record if the first one "
                      "arrived, so nothing is done twice, and the answer says which it was.")
                       .arg(why));
}

QString RunConfirmDialog::secondPerson() const
{
    return m_second ? m_second->text().trimmed() : QString();
}

QString RunConfirmDialog::whyNotSend() const
{
    if (!m_second)
        return {};
    const QString name = secondPerson();
    if (name.isEmpty())
        return tr("Not sent: this action cannot be undone, so a second person, not %1, types "
                  "their name above before it is sent.")
            .arg(BidiControls::shown(m_actor));
    if (PersonName::same(name, m_actor))
        return tr("Not sent: %1 is the person at the keyboard; the second name must be someone "
                  "else's.")
            .arg(BidiControls::shown(name));
    if (const QString bad = PersonName::problem(name); !bad.isEmpty())
        return tr("Not sent: the second person's name %1; type it plainly.").arg(bad);
    return {};
}

void RunConfirmDialog::updateSend()
{
    if (!m_second)
        return;
    m_send->setEnabled(whyNotSend().isEmpty());
    if (m_guard)
        m_guard->refresh();
}

} // namespace warroom
