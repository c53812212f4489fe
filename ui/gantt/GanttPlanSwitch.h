#pragma once

#include <QObject>

class QAction;
class QMainWindow;

namespace warroom {

class HistoryCache;

// Which plan the Gantt chart draws: the checklist's expected durations, or the durations measured
// over past drills (each step's median; "know your number"). One choice for the whole application,
// remembered in QSettings, behind one checkable action that the Chart menu and every Gantt
// panel's button share, so they never disagree.
class GanttPlanSwitch : public QObject
{
    Q_OBJECT

public:
    static GanttPlanSwitch *instance(); // made on first use, kept by the application object

    QAction *action() const { return m_action; } // "&Measured plan", Ctrl+Shift+M
    bool isMeasured() const;
    void setMeasured(bool measured);

    // The database whose drills the measured plan reads (the app's --db).
    void setDatabase(const QString &path);
    HistoryCache *history() const { return m_history; }

    // Adds the action to the window's Chart menu (made if missing) and reads `databasePath`.
    static void installInMenu(QMainWindow &window, const QString &databasePath);

signals:
    void planChanged(); // the choice, or the measured durations, changed

private:
    explicit GanttPlanSwitch(QObject *parent);

    QAction *m_action;
    HistoryCache *m_history = nullptr;
};

} // namespace warroom
