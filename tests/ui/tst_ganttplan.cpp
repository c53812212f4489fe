// The Gantt chart's plan switch (Chart ▸ Measured plan, Ctrl+Shift+M, and the panel's button):
// the planned bars from the checklist's expected minutes or from the median of past drills, the
// legend naming which, the choice remembered; and the history cache behind it, read off the GUI
// thread and only for incidents that changed.
#include "core/history/HistoryScript.h"

#include "gantt/SchedulePlanner.h"
#include "history/HistoryCache.h"
#include "history/MeasuredPlan.h"
#include "session/IncidentSession.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/gantt/GanttChartView.h"
#include "ui/gantt/GanttPanel.h"
#include "ui/gantt/GanttPlanSwitch.h"
#include "ui/main/Resources.h"

#include <QAction>
#include <QAreaSeries>
#include <QChart>
#include <QMainWindow>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace warroom;
using warroom::test::minute;
using warroom::test::s;

class TestGanttPlan : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void measuredPlanLegend_data();
    void measuredPlanLegend();
    void switchRedrawsThePlan();
    void cacheReadsOnlyChangedIncidents();
    void installedInTheChartMenu();

private:
    static int checklistStep(const QString &id) { return test::shippedChecklist().stepIndex(id); }
    static qint64 plannedMs(const GanttPanel &panel, const QString &stepId);
    QTemporaryDir m_dir;
    TimelineStore m_store;
    QString m_path;
};

void TestGanttPlan::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings under a test folder, not the user's
    QSettings().clear();
    initResources();
    m_path = m_dir.filePath(s("plan.sqlite"));
    QString error;
    QVERIFY(m_store.open(m_path, &error));
    for (int i = 0; i < 3; ++i) { // "execute" took 10, 20 and 15 minutes: median 15
        test::ScriptedRun run;
        run.declaredUtcMs = 1'767'225'600'000 + i * 7 * 24 * 60 * minute;
        run.stepMinutes = {{s("execute"), QList<double>{10, 20, 15}.at(i)}};
        test::writeScriptedRun(m_store, run);
    }
    test::ScriptedRun fast; // a ×50 drill: left out of the measured plan
    fast.declaredUtcMs = 1'767'225'600'000 + 30 * 24 * 60 * minute;
    fast.stepMinutes = {{s("execute"), 1.0}};
    fast.speed = 50;
    test::writeScriptedRun(m_store, fast);
}

void TestGanttPlan::measuredPlanLegend_data()
{
    QTest::addColumn<int>("drills");
    QTest::addColumn<QString>("legend");
    QTest::newRow("none") << 0 << s("Plan: expected (no drill measured yet)");
    QTest::newRow("one") << 1 << s("Plan: measured, median of 1 drill");
    QTest::newRow("three") << 3 << s("Plan: measured, median of 3 drills");
}

void TestGanttPlan::measuredPlanLegend()
{
    QFETCH(int, drills);
    QFETCH(QString, legend);
    const Checklist checklist = test::shippedChecklist();
    QList<IncidentFacts> facts;
    for (int i = 0; i < drills; ++i) {
        IncidentFacts f;
        f.id = i + 1;
        f.mode = IncidentMode::Drill;
        f.checklistId = checklist.id;
        f.checklistRevision = checklist.revision;
        f.checklistSha256 = checklist.sourceSha256;
        for (const ChecklistStep &step : checklist.steps)
            f.stepMs.insert(step.id, (i + 1) * minute);
        facts << f;
    }
    const auto histories = ChecklistHistory::build(
        facts, {{ChecklistHistory::key(checklist.id, checklist.revision, checklist.sourceSha256),
                 checklist}});
    const MeasuredPlan plan
        = MeasuredPlan::from(histories.isEmpty() ? nullptr : &histories.first(), checklist);
    QCOMPARE(plan.legend, legend);
    QCOMPARE(plan.durationsMs.size(), drills ? checklist.steps.size() : 0);
}

qint64 TestGanttPlan::plannedMs(const GanttPanel &panel, const QString &stepId)
{
    for (const GanttRow &row : panel.chartView()->gantt().rows) {
        if (row.stepId == stepId && row.level == 0)
            return row.planned.endMs - row.planned.startMs;
    }
    return -1;
}

void TestGanttPlan::switchRedrawsThePlan()
{
    GanttPlanSwitch *planSwitch = GanttPlanSwitch::instance();
    planSwitch->setMeasured(false);
    planSwitch->setDatabase(m_path);
    const Checklist checklist = test::shippedChecklist();
    QString error;
    auto session = test::declareWithDefaults(m_store, checklist, s("Next drill"), s("ic"), &error);
    QVERIFY2(session, qPrintable(error));
    GanttPanel panel;
    panel.resize(1280, 500);
    panel.setSession(session.get());
    const qint64 expected
        = SchedulePlanner::expectedMs(checklist.steps.at(checklist.stepIndex(s("execute"))));
    QCOMPARE(plannedMs(panel, s("execute")), expected);
    const auto plannedEntry = [&panel] {
        for (QAbstractSeries *series : panel.chartView()->chart()->series()) {
            if (qobject_cast<QAreaSeries *>(series))
                return series->name();
        }
        return QString();
    };
    QCOMPARE(plannedEntry(), s("Planned"));

    // The panel's button is the switch: pressing it draws the drills' median, and says so.
    auto *button = panel.findChild<QToolButton *>(s("measuredPlanButton"));
    QVERIFY(button);
    QVERIFY(button->isCheckable());
    button->click();
    QVERIFY(planSwitch->isMeasured());
    QCOMPARE(QSettings().value(s("gantt/plan")).toString(), s("measured"));
    QTRY_COMPARE(plannedEntry(), s("Plan: measured, median of 3 drills"));
    QCOMPARE(plannedMs(panel, s("execute")), 15 * minute);
    QCOMPARE(plannedMs(panel, s("scope")), 2 * minute); // every step's median, not only one
    QCOMPARE(panel.chartView()->gantt().planLegend, s("Plan: measured, median of 3 drills"));

    planSwitch->action()->trigger(); // the menu's action: back to the expected plan
    QCOMPARE(QSettings().value(s("gantt/plan")).toString(), s("expected"));
    QCOMPARE(plannedEntry(), s("Planned"));
    QCOMPARE(plannedMs(panel, s("execute")), expected);
}

void TestGanttPlan::cacheReadsOnlyChangedIncidents()
{
    HistoryCache cache(m_path);
    QSignalSpy updated(&cache, &HistoryCache::updated);
    cache.refresh();
    QVERIFY(cache.isReading()); // on a worker thread: refresh() returned before reading
    QVERIFY(updated.wait(10'000));
    QVERIFY(cache.isLoaded());
    const int first = cache.readCount();
    QVERIFY(first >= 4);
    const ChecklistHistory *h = cache.find(test::shippedChecklist());
    QVERIFY(h);
    QCOMPARE(h->leftOut.size(), 1); // the ×50 drill
    QCOMPARE(h->steps.at(checklistStep(s("execute"))).drill.n, 3);

    cache.refresh(); // nothing changed: nothing read again
    QVERIFY(updated.wait(10'000));
    QCOMPARE(cache.readCount(), first);

    test::ScriptedRun run; // one more drill: only it is read
    run.declaredUtcMs = 1'767'225'600'000 + 60 * 24 * 60 * minute;
    test::writeScriptedRun(m_store, run);
    cache.refresh();
    QVERIFY(updated.wait(10'000));
    QCOMPARE(cache.readCount(), first + 1);
    h = cache.find(test::shippedChecklist());
    QCOMPARE(h->steps.at(checklistStep(s("execute"))).drill.n, 4);

    HistoryCache missing(m_dir.filePath(s("no-such.sqlite")));
    QSignalSpy failed(&missing, &HistoryCache::updated);
    missing.refresh();
    QVERIFY(failed.wait(10'000));
    QVERIFY(missing.isLoaded()); // loaded with nothing, and why: never "reading…" for ever
    QVERIFY(!missing.lastError().isEmpty());
    QVERIFY(missing.histories().isEmpty());
}

void TestGanttPlan::installedInTheChartMenu()
{
    QMainWindow window;
    window.menuBar()->addMenu(s("Cha&rt"));
    GanttPlanSwitch::installInMenu(window, m_path);
    QMenu *chart = window.menuBar()->actions().constFirst()->menu();
    QVERIFY(chart->actions().contains(GanttPlanSwitch::instance()->action()));
    QCOMPARE(GanttPlanSwitch::instance()->action()->shortcut(), QKeySequence(s("Ctrl+Shift+M")));
    QCOMPARE(window.menuBar()->actions().size(), 1); // the existing menu, not a second one
}

QTEST_MAIN(TestGanttPlan)
#include "tst_ganttplan.moc"
