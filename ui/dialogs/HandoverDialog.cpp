#include "ui/dialogs/HandoverDialog.h"

#include "ui/dialogs/EnterKeyGuard.h"

#include "timeline/EventVocabulary.h"
#include "util/BidiControls.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace warroom {

namespace {

QPlainTextEdit *briefingEdit(const QJsonObject &prefilled, QLatin1StringView key, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(prefilled.value(key).toString(), parent);
    edit->setObjectName(QString(key));
    edit->setTabChangesFocus(true); // Tab moves on; Enter stays a new line in the briefing
    edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * 3);
    return edit;
}

} // namespace

HandoverDialog::HandoverDialog(const QString &outgoing, const QStringList &people,
                               const QJsonObject &prefilled, QWidget *parent)
    : QDialog(parent)
    , m_outgoing(outgoing)
    , m_to(new QLineEdit(this))
    , m_situation(briefingEdit(prefilled, PayloadKey::Situation, this))
    , m_objectives(briefingEdit(prefilled, PayloadKey::Objectives, this))
    , m_next(briefingEdit(prefilled, PayloadKey::NextActions, this))
    , m_concerns(briefingEdit(prefilled, PayloadKey::Concerns, this))
    , m_accept(new QLineEdit(this))
    , m_why(new QLabel(this))
{
    setWindowTitle(tr("Hand over command"));
    m_to->setObjectName(QStringLiteral("newCommander"));
    m_accept->setObjectName(QStringLiteral("acceptedBy"));
    QStringList others = people;
    others.removeAll(outgoing);
    m_to->setCompleter(new QCompleter(others, m_to));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("%1 briefs the new commander face to face; the handover takes "
                                "effect when they accept it with their name, and the time is "
                                "announced on the wall.")
                                 .arg(BidiControls::shown(outgoing)),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    form->addRow(tr("&New commander:"), m_to);
    form->addRow(tr("&Situation:"), m_situation);
    form->addRow(tr("&Objectives:"), m_objectives);
    form->addRow(tr("Ne&xt actions:"), m_next);
    form->addRow(tr("C&oncerns:"), m_concerns);
    form->addRow(tr("&Accepted by (the new commander types their name):"), m_accept);
    layout->addLayout(form);
    m_why->setObjectName(QStringLiteral("whyNot"));
    m_why->setWordWrap(true);
    layout->addWidget(m_why);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(tr("Accept &command"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("acceptButton"));
    layout->addWidget(buttons);
    auto *guard = new EnterKeyGuard(this, m_ok, m_why, [this] { return whyNot(); });
    const auto changed = [this, guard] {
        m_ok->setEnabled(whyNot().isEmpty());
        guard->refresh();
    };
    connect(m_to, &QLineEdit::textChanged, this, changed);
    connect(m_accept, &QLineEdit::textChanged, this, changed);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ok->setEnabled(false);
    resize(720, sizeHint().height());
    m_prefilled = briefing();
}

void HandoverDialog::reject()
{
    if (briefing() == m_prefilled && m_to->text().trimmed().isEmpty()
        && m_accept->text().trimmed().isEmpty())
        return QDialog::reject();
    QMessageBox box(QMessageBox::Question, windowTitle(),
                    tr("Discard what you typed? Command has not been handed over."),
                    QMessageBox::NoButton, this);
    QPushButton *discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    // Enter and Esc keep the dialog: a second Esc of a person in a hurry must not lose it.
    QPushButton *keep = box.addButton(tr("&Keep editing"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    if (box.clickedButton() == discard)
        QDialog::reject();
}

QString HandoverDialog::whyNot() const
{
    const QString to = newCommander();
    if (to.isEmpty())
        return tr("Name the new commander.");
    if (to == m_outgoing)
        return tr("%1 already has command; name someone else.").arg(to);
    if (acceptedBy() != to)
        return tr("%1 accepts by typing their own name in \"Accepted by\".").arg(to);
    return {};
}

QString HandoverDialog::newCommander() const
{
    return m_to->text().trimmed();
}

QString HandoverDialog::acceptedBy() const
{
    return m_accept->text().trimmed();
}

QJsonObject HandoverDialog::briefing() const
{
    return {{PayloadKey::Situation, m_situation->toPlainText()},
            {PayloadKey::Objectives, m_objectives->toPlainText()},
            {PayloadKey::NextActions, m_next->toPlainText()},
            {PayloadKey::Concerns, m_concerns->toPlainText()}};
}

} // namespace warroom
