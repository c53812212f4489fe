// The History window (View ▸ Know your number) and the declare dialog's line, on a database of
// scripted drills: the chart shows each drill's duration and the drills' median as the plan.
#include "core/history/HistoryScript.h"

#include "ui/dialogs/DeclareIncidentDialog.h"
#include "ui/history/HistoryWindow.h"
#include "ui/history/PlanSheetWindow.h"
#include "ui/main/Resources.h"
#include "support/TestStrings.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QMainWindow>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::minute;
using warroom::test::s;

class TestHistoryView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyDatabase();
    void chartsDrillsAndMedian_data();
    void chartsDrillsAndMedian();
    void declareDialogLine();
    void declareDialogLineWraps();
    void reachableFromTheViewMenu();
    void planSheetView_data();
    void planSheetView();

private:
    QTemporaryDir m_dir;
    TimelineStore m_store;
};

void TestHistoryView::initTestCase()
{
    QString error;
    initResources(); // the built-in checklist the declare dialog offers
    QVERIFY(m_store.open(m_dir.filePath(s("view.sqlite")), &error));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 3; ++i) { // three drills, a week apart, the last 34 days ago
        test::ScriptedRun run;
        run.declaredUtcMs = now - (34 + 7 * (2 - i)) * 24 * 60 * minute;
        run.stepMinutes = {{s("execute"), 10.0 + 2 * i}};
        test::writeScriptedRun(m_store, run);
    }
}

void TestHistoryView::emptyDatabase()
{
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY(store.open(dir.filePath(s("empty.sqlite")), &error));
    HistoryWindow w(store);
    QCOMPARE(w.checklistCount(), 0);
    QVERIFY(w.findChild<QChartView *>()->chart()->title().contains(s("run a drill")));
}

void TestHistoryView::chartsDrillsAndMedian_data()
{
    QTest::addColumn<int>("step");
    QTest::addColumn<QString>("median");
    QTest::addColumn<int>("seriesCount"); // drills, live, median (and estimate for a step)
    QTest::newRow("trigger to healthy") << 8 << s("plan: drill median 18:00") << 3;
    QTest::newRow("execute") << 3 << s("plan: drill median 12:00") << 4;
}

void TestHistoryView::chartsDrillsAndMedian()
{
    QFETCH(int, step);
    QFETCH(QString, median);
    QFETCH(int, seriesCount);
    HistoryWindow w(m_store);
    QCOMPARE(w.checklistCount(), 1);
    w.showStep(0, step);
    const QChart *chart = w.findChild<QChartView *>()->chart();
    const QList<QAbstractSeries *> series = chart->series();
    QCOMPARE(series.size(), seriesCount);
    QCOMPARE(static_cast<QLineSeries *>(series.at(0))->count(), 3); // one point per drill
    QCOMPARE(series.at(2)->name(), median);
    // Durations on the axis as the legend writes them ("18:00", not 18.0 "minutes", which read
    // 3.3 beside a legend's 3:47), on round values, the samples under the top.
    auto *y = qobject_cast<QCategoryAxis *>(chart->axes(Qt::Vertical).value(0));
    QVERIFY(y);
    const QStringList labels = y->categoriesLabels();
    QVERIFY2(labels.size() >= 3 && labels.size() <= 8, qPrintable(labels.join(u' ')));
    QCOMPARE(labels.first(), s("0:00"));
    for (const QString &label : labels)
        QVERIFY2(QRegularExpression(s("^\\d+:\\d\\d$")).match(label).hasMatch(), qPrintable(label));
    double top = 0;
    for (const QPointF &p : static_cast<QLineSeries *>(series.at(0))->points())
        top = std::max(top, p.y());
    QVERIFY(y->max() >= top && y->max() == y->endValue(labels.last()));
    // Each tick's date its own, a whole number of days apart: ticks 18 hours apart over three
    // days read the same date twice.
    auto *x = qobject_cast<QDateTimeAxis *>(chart->axes(Qt::Horizontal).value(0));
    QVERIFY(x);
    QVERIFY(x->tickCount() >= 2 && x->tickCount() <= 8);
    const qint64 gap = x->min().msecsTo(x->max()) / (x->tickCount() - 1);
    QCOMPARE(gap % 86'400'000, 0);
    QStringList dates;
    for (int i = 0; i < x->tickCount(); ++i)
        dates << x->min().addMSecs(gap * i).toString(x->format());
    QCOMPARE(dates.size(), QSet<QString>(dates.cbegin(), dates.cend()).size());
    // For a look at it: WARROOM_SHOT_DIR=/some/folder saves the window as drawn.
    if (qEnvironmentVariableIsSet("WARROOM_SHOT_DIR")) {
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.grab().save(qEnvironmentVariable("WARROOM_SHOT_DIR") + s("/history-%1.png").arg(step));
    }
}

void TestHistoryView::declareDialogLine()
{
    DeclareIncidentDialog dialog({}, nullptr, &m_store);
    const auto *line = dialog.findChild<QLabel *>(s("checklistHistory"));
    QVERIFY(line);
    // Read on a worker thread (HistoryCache): the dialog opens first, the line follows.
    QTRY_COMPARE(line->text(),
                 s("This checklist: 18 min median over 3 drills, last drill 34 days ago"));
    // A second dialog shows it at once: the cache kept what it read.
    DeclareIncidentDialog again({}, nullptr, &m_store);
    QCOMPARE(again.findChild<QLabel *>(s("checklistHistory"))->text(),
             s("This checklist: 18 min median over 3 drills, last drill 34 days ago"));
    if (qEnvironmentVariableIsSet("WARROOM_SHOT_DIR")) {
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.grab().save(qEnvironmentVariable("WARROOM_SHOT_DIR") + s("/declare.png"));
    }
    DeclareIncidentDialog withoutStore({});
    QVERIFY(withoutStore.findChild<QLabel *>(s("checklistHistory"))->isHidden());
}

// The longest line, on a database whose only drill a players' script played: it reaches the dialog
// after it has its size (a worker thread reads it), and is read whole, wrapped within the dialog.
void TestHistoryView::declareDialogLineWraps()
{
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY(store.open(dir.filePath(s("scripted.sqlite")), &error));
    test::ScriptedRun run;
    run.declaredUtcMs = QDateTime::currentMSecsSinceEpoch() - 60 * minute;
    run.declarationPayload.insert(s("drill_players"), s("scripted"));
    test::writeScriptedRun(store, run);
    DeclareIncidentDialog dialog({}, nullptr, &store);
    dialog.resize(640, dialog.height());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const auto *line = dialog.findChild<QLabel *>(s("checklistHistory"));
    QVERIFY(line);
    const QString text = s("This checklist: not measured yet \u2014 its 1 drill was sped up or "
                           "played by a script (the last today); run one people play at \u00D71");
    QTRY_COMPARE(line->text(), text);
    QVERIFY(line->fontMetrics().horizontalAdvance(text) > dialog.width()); // else proves nothing
    // Every word inside the label and the label inside the dialog, once the layout has settled.
    const auto fits = [&] {
        const QRect room = line->contentsRect();
        const QRect needed = line->fontMetrics().boundingRect(
            room, int(Qt::TextWordWrap) | int(Qt::AlignLeft), text);
        return needed.width() <= room.width() && needed.height() <= room.height()
               && line->mapTo(&dialog, line->rect().bottomRight()).x() < dialog.width();
    };
    QTRY_VERIFY(fits());
    if (qEnvironmentVariableIsSet("WARROOM_SHOT_DIR"))
        dialog.grab().save(qEnvironmentVariable("WARROOM_SHOT_DIR") + s("/declare-wrapped.png"));
}

void TestHistoryView::reachableFromTheViewMenu()
{
    QMainWindow window;
    window.menuBar()->addMenu(s("&View"));
    HistoryWindow::installInMenu(window, m_store);
    auto *action = window.findChild<QAction *>(s("historyAction"));
    QVERIFY(action);
    action->trigger();
    auto *opened = window.findChild<HistoryWindow *>();
    QVERIFY(opened);
    QCOMPARE(opened->checklistCount(), 1);
    opened->close();
}

// View ▸ Rollback plan (Ctrl+Shift+L): `warroom plan`'s sheet in the window, measured from this
// database's drills, naming the go/no-go polls; on an empty database it is the shipped
// checklist's, "not measured yet".
void TestHistoryView::planSheetView_data()
{
    QTest::addColumn<bool>("empty");
    QTest::addColumn<QString>("measured");
    QTest::newRow("three drills") << false << s("over 3 incidents");
    QTest::newRow("empty database") << true << s("Not measured yet \u2014 run a drill");
}

void TestHistoryView::planSheetView()
{
    QFETCH(bool, empty);
    QFETCH(QString, measured);
    QTemporaryDir dir;
    TimelineStore emptyStore;
    QString error;
    QVERIFY(emptyStore.open(dir.filePath(s("empty.sqlite")), &error));
    QMainWindow window;
    window.menuBar()->addMenu(s("&View"));
    HistoryWindow::installInMenu(window, empty ? emptyStore : m_store);
    auto *action = window.findChild<QAction *>(s("planSheetAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(s("Ctrl+Shift+L")));
    action->trigger();
    auto *opened = window.findChild<PlanSheetWindow *>();
    QVERIFY(opened);
    if (empty) {
        // A database no cache has read yet: the window is up before the history is read, which
        // happens on HistoryCache's worker thread, never on this one.
        QVERIFY(!opened->isHistoryRead());
        QVERIFY(opened->findChild<QLabel *>(s("planHistoryStatus"))->text().startsWith(
            s("Reading past incidents")));
    }
    QTRY_VERIFY(opened->isHistoryRead());
    QVERIFY(opened->findChild<QLabel *>(s("planHistoryStatus"))->isHidden());
    QCOMPARE(opened->checklistCount(), 1); // the shipped checklist, which the drills ran
    const QString html = opened->shownHtml();
    QVERIFY2(html.contains(s("1. Who can trigger it?")), qPrintable(html.left(400)));
    QVERIFY2(html.contains(measured), qPrintable(measured));
    QVERIFY(html.contains(s("a go/no-go poll asks, in this order: Database engineer")));
    opened->close();
}

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"
