#pragma once

#include "history/ChecklistHistory.h"

#include <QDialog>

class QChartView;
class QComboBox;
class QMainWindow;
class QPlainTextEdit;

namespace warroom {

class TimelineStore;

// View ▸ Know your number: how long each step of a checklist really took, drill after drill,
// charted over time (Qt Charts) with the drills' median as the plan line, and the whole
// `warroom history` table beside it. Read from the database when opened.
class HistoryWindow : public QDialog
{
    Q_OBJECT

public:
    explicit HistoryWindow(const TimelineStore &store, QWidget *parent = nullptr);

    // Adds "Know your number…" to the window's View menu; it opens a HistoryWindow on `store`.
    static void installInMenu(QMainWindow &window, const TimelineStore &store);

    int checklistCount() const { return static_cast<int>(m_histories.size()); }
    // Charts step `stepIndex` of checklist `index` (stepIndex == its step count: trigger to
    // healthy).
    void showStep(int index, int stepIndex);

private:
    void fillSteps(int index);

    QList<ChecklistHistory> m_histories;
    QComboBox *m_checklists;
    QComboBox *m_steps;
    QChartView *m_chart;
    QPlainTextEdit *m_table;
};

} // namespace warroom
