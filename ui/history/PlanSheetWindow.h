#pragma once

#include "checklist/Checklist.h"
#include "history/ChecklistHistory.h"
#include "history/PlanSheet.h"

#include <QDialog>

class QComboBox;
class QMainWindow;
class QMenu;
class QTextBrowser;

namespace warroom {

class TimelineStore;

// View ▸ Rollback plan: the plan sheet `warroom plan` writes (seed 000's five questions, the
// durations measured from this database's history), for the shipped checklist and every
// checklist the database has run, with Save as PDF for the page a team pins before a deploy.
class PlanSheetWindow : public QDialog
{
    Q_OBJECT

public:
    explicit PlanSheetWindow(const TimelineStore &store, QWidget *parent = nullptr);

    // Adds "Rollback plan…" (Ctrl+Shift+L) to `view`; it opens a PlanSheetWindow on `store`.
    static void addToMenu(QMenu &view, QMainWindow &window, const TimelineStore &store);

    int checklistCount() const { return static_cast<int>(m_checklists.size()); }
    void showChecklist(int index);
    QString shownHtml() const { return m_html; }

private:
    PlanSheet sheet(int index) const;
    void savePdf();

    QList<Checklist> m_checklists;
    QList<ChecklistHistory> m_histories;
    QComboBox *m_choice;
    QTextBrowser *m_text;
    QString m_html;
    QString m_problem; // the history could not be read: said above the sheet
};

} // namespace warroom
