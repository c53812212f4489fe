#include "ui/dialogs/DeferDialog.h"

#include "ui/dialogs/EnterKeyGuard.h"

#include "engine/ChecklistEngine.h"
#include "util/BidiControls.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace warroom {

DeferDialog::DeferDialog(const ChecklistEngine &engine, int step, int item, QWidget *parent)
    : QDialog(parent)
    , m_target(new QComboBox(this))
    , m_reason(new QLineEdit(this))
    , m_why(new QLabel(this))
{
    setWindowTitle(tr("Defer item"));
    const Checklist &checklist = engine.checklist();
    const ChecklistItem &def = checklist.steps.at(step).items.at(item);
    auto *layout = new QVBoxLayout(this);
    auto *what = new QLabel(
        tr("Defer '%1' (step %2). It stays open, comes back at its target and "
           "is never forgotten: still open at close, it becomes an action item "
           "of the postmortem.")
            .arg(BidiControls::shown(expandVariables(def.text, engine.textVariables())))
            .arg(step + 1),
        this);
    what->setWordWrap(true);
    layout->addWidget(what);
    for (int s = step + 1; s < checklist.steps.size(); ++s)
        m_target->addItem(tr("Step %1: %2")
                              .arg(s + 1)
                              .arg(BidiControls::shown(expandVariables(checklist.steps.at(s).title,
                                                                       engine.textVariables()))),
                          checklist.steps.at(s).id);
    m_target->addItem(tr("Follow-ups (after the incident)"), QString(followUpsTarget));
    m_target->setCurrentIndex(std::max(0, m_target->findData(def.deferTo)));
    m_reason->setObjectName(QStringLiteral("deferReason"));
    auto *form = new QFormLayout;
    form->addRow(tr("Comes back at:"), m_target);
    form->addRow(tr("&Reason:"), m_reason);
    layout->addLayout(form);
    m_why->setWordWrap(true);
    layout->addWidget(m_why);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(tr("&Defer"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    auto *guard = new EnterKeyGuard(this, m_ok, m_why, [this] {
        return reason().isEmpty() ? tr("Say why it is deferred; the reason stays with it.")
                                  : QString();
    });
    connect(m_reason, &QLineEdit::textChanged, this, [this, guard] {
        m_ok->setEnabled(!reason().isEmpty());
        guard->refresh();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ok->setEnabled(false);
}

QString DeferDialog::target() const
{
    return m_target->currentData().toString();
}

QString DeferDialog::reason() const
{
    return m_reason->text().trimmed();
}

} // namespace warroom
