#include "ui/history/PlanSheetWindow.h"

#include "checklist/ChecklistParser.h"
#include "history/HistoryLoader.h"
#include "history/PlanSheet.h"
#include "store/TimelineStore.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace warroom {

PlanSheetWindow::PlanSheetWindow(const TimelineStore &store, QWidget *parent)
    : QDialog(parent)
    , m_choice(new QComboBox(this))
    , m_text(new QTextBrowser(this))
{
    setWindowTitle(tr("Rollback plan"));
    setObjectName(QStringLiteral("planSheetWindow"));
    resize(900, 800);
    // The shipped checklist first: a team plans before its first drill too.
    const ChecklistParseResult shipped
        = ChecklistParser::parseFile(QStringLiteral(":/checklists/rollback-eight-step.json"));
    if (shipped.ok())
        m_checklists.append(*shipped.checklist);
    QString error;
    if (const auto loaded = HistoryData::load(store, &error)) {
        m_histories = ChecklistHistory::build(loaded->incidents, loaded->checklists);
        for (const Checklist &c : loaded->checklists) {
            const bool known = std::any_of(m_checklists.cbegin(), m_checklists.cend(),
                                           [&c](const Checklist &k) {
                                               return k.id == c.id && k.revision == c.revision;
                                           });
            if (!known)
                m_checklists.append(c);
        }
    } else {
        m_problem = tr("The history could not be read (%1): durations are not measured here.")
                        .arg(error);
    }
    for (const Checklist &c : m_checklists)
        m_choice->addItem(tr("%1 (revision %2)").arg(c.title, c.revision));
    m_choice->setObjectName(QStringLiteral("planChecklist"));
    m_text->setObjectName(QStringLiteral("planText"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *pdf = buttons->addButton(tr("Save as &PDF\u2026"), QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("&Checklist:"), this);
    label->setBuddy(m_choice);
    layout->addWidget(label);
    layout->addWidget(m_choice);
    if (!m_problem.isEmpty())
        layout->addWidget(new QLabel(m_problem, this));
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(pdf, &QPushButton::clicked, this, &PlanSheetWindow::savePdf);
    connect(m_choice, &QComboBox::currentIndexChanged, this, &PlanSheetWindow::showChecklist);
    showChecklist(0);
}

PlanSheet PlanSheetWindow::sheet(int index) const
{
    const Checklist &c = m_checklists.at(index);
    std::optional<ChecklistHistory> history;
    for (const ChecklistHistory &h : m_histories) {
        if (h.checklistId == c.id && h.revision == c.revision)
            history = h;
    }
    return PlanSheet::build(c, history, QDateTime::currentMSecsSinceEpoch());
}

void PlanSheetWindow::showChecklist(int index)
{
    if (index < 0 || index >= m_checklists.size())
        return;
    m_html = sheet(index).html();
    m_text->setHtml(m_html);
}

void PlanSheetWindow::savePdf()
{
    const int index = m_choice->currentIndex();
    if (index < 0 || index >= m_checklists.size())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the rollback plan"),
                                                      m_checklists.at(index).id
                                                          + QStringLiteral("-plan.pdf"),
                                                      tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!sheet(index).writePdf(path, &error))
        QMessageBox::warning(this, tr("Rollback plan"), tr("Not saved: %1").arg(error));
}

void PlanSheetWindow::addToMenu(QMenu &view, QMainWindow &window, const TimelineStore &store)
{
    QAction *open = view.addAction(tr("Rollback &plan\u2026"));
    open->setObjectName(QStringLiteral("planSheetAction"));
    open->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    connect(open, &QAction::triggered, &window, [&window, &store] {
        auto *plan = new PlanSheetWindow(store, &window);
        plan->setAttribute(Qt::WA_DeleteOnClose);
        plan->show();
    });
}

} // namespace warroom
