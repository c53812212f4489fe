#include "ui/facilitation/FacilitatorWindow.h"

#include "ui/facilitation/FacilitationSession.h"
#include "ui/facilitation/RatingDialog.h"

#include "facilitation/Debrief.h"
#include "util/BidiControls.h"
#include "util/OutputFile.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace warroom {

// The facilitator's P/S/M/U ratings (a list and the rating dialog) and the debrief saved from
// the window.

QWidget *FacilitatorWindow::buildRatings()
{
    auto *box = new QGroupBox(tr("Ratings P / S / M / U \u2014 for the debrief (Ctrl+R rates)"),
                              this);
    auto *layout = new QVBoxLayout(box);
    m_ratings = new QTreeWidget(box);
    m_ratings->setObjectName(QStringLiteral("facilitatorRatings"));
    m_ratings->setRootIsDecorated(false);
    m_ratings->setHeaderLabels({tr("Step or capability"), tr("Rating"), tr("Note")});
    // Sized to their text: at the default width the first header read "Step or capa".
    m_ratings->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ratings->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_ratings->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    // Enter or a double click on a rating rates that step again.
    connect(m_ratings, &QTreeWidget::itemActivated, this, &FacilitatorWindow::rate);
    layout->addWidget(m_ratings);
    auto *buttons = new QHBoxLayout;
    auto *rate = new QPushButton(tr("Rate a step or capability\u2026 (Ctrl+R)"), box);
    rate->setObjectName(QStringLiteral("facilitatorRate"));
    connect(rate, &QPushButton::clicked, this, &FacilitatorWindow::rate);
    auto *debrief = new QPushButton(tr("Save debrief\u2026 (Ctrl+Shift+S)"), box);
    debrief->setToolTip(tr("The after-action report for the players: Markdown, HTML or an A4 "
                           "PDF, by the file name's ending"));
    connect(debrief, &QPushButton::clicked, this, &FacilitatorWindow::saveDebrief);
    buttons->addWidget(rate);
    buttons->addWidget(debrief);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    return box;
}

void FacilitatorWindow::fillRatings()
{
    DrillRunner *runner = m_session.runner();
    QList<QStringList> rows;
    for (const StepRating &r : m_session.log().ratings()) {
        const int index = runner ? runner->checklist().stepIndex(r.stepId) : -1;
        const DrillCapability *capability = runner ? runner->scenario().capability(r.stepId)
                                                   : nullptr;
        const QString step = capability ? tr("Capability: %1").arg(capability->name)
                             : index < 0 ? r.stepId
                                       : QStringLiteral("%1. %2").arg(index + 1).arg(
                                             runner->checklist().steps.at(index).title);
        // From the scenario, the checklist and typing: shown, not obeyed (the id is data).
        rows.append({BidiControls::shown(step),
                     FacilitatorLog::letter(r.rating) + QStringLiteral(" \u2014 ")
                         + FacilitatorLog::meaning(r.rating),
                     BidiControls::shown(r.note), r.stepId});
    }
    // Unchanged: left alone, so the keyboard's place in the list is kept between refreshes.
    bool same = rows.size() == m_ratings->topLevelItemCount();
    for (int i = 0; same && i < rows.size(); ++i) {
        const QTreeWidgetItem *item = m_ratings->topLevelItem(i);
        same = item->text(1) == rows.at(i).at(1) && item->text(2) == rows.at(i).at(2)
               && item->data(0, Qt::UserRole).toString() == rows.at(i).at(3);
    }
    if (same)
        return;
    m_ratings->clear();
    for (const QStringList &row : rows) {
        auto *item = new QTreeWidgetItem(m_ratings, row.mid(0, 3));
        item->setData(0, Qt::UserRole, row.at(3));
    }
    m_ratings->resizeColumnToContents(0);
    m_ratings->resizeColumnToContents(1);
}

void FacilitatorWindow::rate()
{
    DrillRunner *runner = m_session.runner();
    if (!runner) {
        report(false, {}, m_session.noDrillReason());
        return;
    }
    QString step = m_session.currentStepId();
    if (QTreeWidgetItem *item = m_ratings->currentItem(); item && m_ratings->hasFocus())
        step = item->data(0, Qt::UserRole).toString();
    // The rating a new one replaces, said with it: rating a step again replaced its rating
    // without a word.
    auto replaced = std::make_shared<QString>();
    auto *dialog = new RatingDialog(
        runner->checklist(), runner->scenario().capabilities, m_session.log(), step,
        [this, replaced](const QString &stepId, PerformanceRating r, const QString &note,
                         QString *error) {
            const StepRating *before = m_session.log().rating(stepId);
            *replaced = before ? FacilitatorLog::letter(before->rating) : QString();
            return m_session.rate(stepId, r, note, error);
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog, replaced](int result) {
        // Said either way: an Escape is not mistaken for a rating written.
        if (result == QDialog::Accepted) {
            const StepRating *r = m_session.log().rating(dialog->stepId());
            const DrillRunner *now = m_session.runner();
            const bool capability = now && now->scenario().capability(dialog->stepId());
            const QString letter = r ? FacilitatorLog::letter(r->rating) : QString();
            const QString rated
                = tr("%1 %2 rated %3")
                      .arg(capability ? tr("Capability") : tr("Step"), dialog->stepId(), letter);
            report(true,
                   rated
                       + (replaced->isEmpty()   ? QString()
                          : *replaced == letter ? tr(" again (it replaces its note)")
                                                : tr(" (it replaces %1)").arg(*replaced))
                       + tr("; it is in the drill's record and its debrief."),
                   {});
        } else {
            report(false, {}, tr("rating cancelled, nothing recorded"));
        }
    });
    dialog->open();
    dialog->activateWindow(); // its keys are window shortcuts: the facilitator types at once
}

bool FacilitatorWindow::writeDebrief(const QString &path, QString *error) const
{
    const auto debrief = m_session.debrief(error);
    if (!debrief)
        return false;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf"))
        return debrief->writePdf(path, error);
    const bool html = suffix == QLatin1String("html") || suffix == QLatin1String("htm");
    return OutputFile::write(path, (html ? debrief->html() : debrief->markdown()).toUtf8(), error);
}

void FacilitatorWindow::saveDebrief()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the drill's debrief"), QStringLiteral("debrief.pdf"),
        tr("A4 PDF (*.pdf);;HTML (*.html);;Markdown (*.md)"));
    if (path.isEmpty()) {
        report(false, {}, tr("debrief not saved (no file chosen)"));
        return;
    }
    QString error;
    const bool ok = writeDebrief(path, &error);
    report(ok, tr("Debrief saved to %1.").arg(path), error);
}

} // namespace warroom
