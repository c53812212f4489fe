#include "ui/history/PlanSheetWindow.h"

#include "checklist/ChecklistParser.h"
#include "history/HistoryCache.h"
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
#include <tuple>

namespace warroom {

PlanSheetWindow::PlanSheetWindow(const TimelineStore &store, QWidget *parent)
    : QDialog(parent)
    , m_choice(new QComboBox(this))
    , m_text(new QTextBrowser(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Rollback plan"));
    setObjectName(QStringLiteral("planSheetWindow"));
    resize(900, 800);
    // The shipped checklist first: a team plans before its first drill too.
    const ChecklistParseResult shipped
        = ChecklistParser::parseFile(QStringLiteral(":/checklists/rollback-eight-step.json"));
    if (shipped.ok())
        m_checklists.append(*shipped.checklist);
    for (const Checklist &c : std::as_const(m_checklists))
        m_choice->addItem(tr("%1 (revision %2)").arg(c.title, c.revision));
    m_choice->setObjectName(QStringLiteral("planChecklist"));
    m_text->setObjectName(QStringLiteral("planText"));
    m_status->setObjectName(QStringLiteral("planHistoryStatus"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *pdf = buttons->addButton(tr("Save as &PDF\u2026"), QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("&Checklist:"), this);
    label->setBuddy(m_choice);
    layout->addWidget(label);
    layout->addWidget(m_choice);
    layout->addWidget(m_status);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(pdf, &QPushButton::clicked, this, &PlanSheetWindow::savePdf);
    connect(m_choice, &QComboBox::currentIndexChanged, this, &PlanSheetWindow::showChecklist);
    if (!store.path().isEmpty()) {
        m_cache = HistoryCache::shared(store.path());
        connect(m_cache, &HistoryCache::updated, this, &PlanSheetWindow::takeHistory);
        m_cache->refresh(); // drills may have run since the cache last read
    }
    if (m_cache && m_cache->isLoaded())
        takeHistory(); // what the cache kept, at once; the refresh above updates it
    else if (m_cache)
        m_status->setText(tr("Reading past incidents\u2026 durations follow."));
    else
        m_status->hide();
    showChecklist(0);
}

bool PlanSheetWindow::isHistoryRead() const
{
    return !m_cache || m_cache->isLoaded();
}

void PlanSheetWindow::takeHistory()
{
    m_histories = m_cache->histories();
    QList<Checklist> ran = m_cache->checklists().values();
    std::sort(ran.begin(), ran.end(), [](const Checklist &a, const Checklist &b) {
        return std::tie(a.id, a.revision) < std::tie(b.id, b.revision);
    });
    for (const Checklist &c : std::as_const(ran)) {
        const bool known = std::any_of(m_checklists.cbegin(), m_checklists.cend(),
                                       [&c](const Checklist &k) {
                                           return k.id == c.id && k.revision == c.revision;
                                       });
        if (!known) {
            m_checklists.append(c);
            m_choice->addItem(tr("%1 (revision %2)").arg(c.title, c.revision));
        }
    }
    const QString error = m_cache->lastError();
    m_status->setText(
        tr("The history could not be read (%1): durations are not measured here.").arg(error));
    m_status->setVisible(!error.isEmpty());
    showChecklist(m_choice->currentIndex());
}

PlanSheet PlanSheetWindow::sheet(int index) const
{
    const Checklist &c = m_checklists.at(index);
    std::optional<ChecklistHistory> history;
    if (const ChecklistHistory *h = ChecklistHistory::find(m_histories, c))
        history = *h;
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
