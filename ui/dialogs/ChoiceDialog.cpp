#include "ui/dialogs/ChoiceDialog.h"

#include "ui/dialogs/EnterKeyGuard.h"
#include "util/BidiControls.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace warroom {

ChoiceDialog::ChoiceDialog(const QString &question, const QStringList &options, QWidget *parent)
    : QDialog(parent)
    , m_options(new QListWidget(this))
{
    setWindowTitle(tr("Choose"));
    setObjectName(QStringLiteral("choiceDialog"));
    auto *layout = new QVBoxLayout(this);
    // The question and the options come from the checklist file: shown, not obeyed.
    auto *text = new QLabel(BidiControls::shown(question), this);
    text->setWordWrap(true);
    layout->addWidget(text);
    m_options->setObjectName(QStringLiteral("choiceList"));
    for (const QString &option : options)
        m_options->addItem(BidiControls::shown(option));
    // The first option is where the keys start (a list takes focus on it anyway), not picked:
    // Down picks the second, Space the first.
    m_options->setCurrentRow(0, QItemSelectionModel::NoUpdate);
    m_options->setFocus();
    m_options->setMinimumWidth(480);
    layout->addWidget(m_options);
    EnterKeyGuard *guard = EnterKeyGuard::okCancel(this, layout, [] {
        return tr("Nothing recorded yet: pick the option that was decided (the arrow keys move "
                  "through them, Space picks the one marked), then press Enter.");
    });
    m_ok = guard->button();
    connect(m_options, &QListWidget::itemSelectionChanged, this, [this, guard] {
        m_ok->setEnabled(chosen() >= 0);
        guard->refresh();
    });
    connect(m_options, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
}

int ChoiceDialog::chosen() const
{
    const QList<QListWidgetItem *> picked = m_options->selectedItems();
    return picked.isEmpty() ? -1 : m_options->row(picked.first());
}

std::optional<int> ChoiceDialog::ask(QWidget *parent, const QString &question,
                                     const QStringList &options)
{
    ChoiceDialog dialog(question, options, parent);
    if (dialog.exec() != QDialog::Accepted || dialog.chosen() < 0)
        return std::nullopt;
    return dialog.chosen();
}

} // namespace warroom
