#pragma once

#include "checklist/Checklist.h"
#include "history/ChecklistHistory.h"
#include "history/PlanSheet.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QMainWindow;
class QMenu;
class QTextBrowser;

namespace warroom {

class HistoryCache;
class TimelineStore;

// View ▸ Rollback plan: the plan sheet `warroom plan` writes (seed 000's five questions, the
// durations measured from this database's history), for the shipped checklist and every
// checklist the database has run, with Save as PDF for the page a team pins before a deploy.
// The history is read on a worker thread (HistoryCache, shared with the declare dialog): the
// window opens on the shipped checklist at once and takes the measured figures when they come.
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
    bool isHistoryRead() const; // the cache has answered (with histories or with an error)

private:
    PlanSheet sheet(int index) const;
    void savePdf();
    void takeHistory(); // the cache's answer: its checklists join the list, the sheet is redone

    QList<Checklist> m_checklists;
    QList<ChecklistHistory> m_histories;
    HistoryCache *m_cache = nullptr; // null: a store without a file (nothing to measure)
    QComboBox *m_choice;
    QTextBrowser *m_text;
    QLabel *m_status; // "reading past incidents…", or why the history could not be read
    QString m_html;
};

} // namespace warroom
