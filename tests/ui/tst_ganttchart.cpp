// The chart's drawing: a bounded time axis for any span, fit to a short drill, marker names that
// never overlap, failures as words, the re-forecast apart from the plan, palettes, full step names.
#include "gantt/GanttBuilder.h"
#include "support/GanttStory.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/gantt/GanttBarsItem.h"
#include "ui/gantt/GanttChartView.h"
#include "ui/main/Resources.h"

#include <QCategoryAxis>
#include <QChart>
#include <QFontMetricsF>
#include <QLegendMarker>
#include <QTest>
#include <QValueAxis>

using namespace warroom;
using warroom::test::ganttStory;
using warroom::test::s;

namespace {

// A chart of the given span (now at its end), laid out at the given size.
void showSpan(GanttChartView &view, qint64 spanMs, QSize size)
{
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    GanttGeometry g = ganttStory();
    g.nowMs = spanMs;
    g.extentMs = std::max(g.extentMs, spanMs);
    view.setGantt(g);
    QCoreApplication::sendPostedEvents();
    view.zoomToFit();
}

// `view` on screen at `size`; false when its window never appeared.
bool shown(GanttChartView &view, QSize size)
{
    view.resize(size);
    view.show();
    return QTest::qWaitForWindowExposed(&view);
}

// `g` fitted to the view, as painted.
QImage fitted(GanttChartView &view, const GanttGeometry &g)
{
    view.setGantt(g);
    view.zoomToFit();
    return view.grab().toImage();
}

qreal axisMax(GanttChartView &view)
{
    return static_cast<QValueAxis *>(view.chart()->axes(Qt::Horizontal).first())->max();
}

} // namespace

class TestGanttChart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { initResources(); }
    void timeAxisStaysBounded_data();
    void timeAxisStaysBounded();
    void shortDrillFitsAndWholePlanShowsThePlan();
    void placeLabels_data();
    void placeLabels();
    void markerLabelsNeverOverlap();
    void failedAndHaltedReadAtAGlance();
    void unknownOutcomeIsNeitherSkippedNorFailed();
    void badgeAtTheRightEdgeGoesInside();
    void forecastDrawnApartFromThePlan();
    void lightPaletteForPaper();
    void fullStepNamesAt1920_data();
    void fullStepNamesAt1920();
};

void TestGanttChart::timeAxisStaysBounded_data()
{
    QTest::addColumn<qint64>("spanMs");
    QTest::addColumn<int>("width");
    for (int width : {1920, 1280}) {
        const QByteArray w = QByteArray::number(width);
        QTest::newRow(QByteArray("3 min @" + w).constData()) << qint64(3 * 60'000) << width;
        QTest::newRow(QByteArray("65 min @" + w).constData()) << qint64(65 * 60'000) << width;
        // Fitted with 4% to spare, a tick falls just inside the end: T+70 and T+90.
        QTest::newRow(QByteArray("67.4 min @" + w).constData()) << qint64(4'044'000) << width;
        QTest::newRow(QByteArray("86.6 min @" + w).constData()) << qint64(5'196'000) << width;
        QTest::newRow(QByteArray("60 h (froze the GUI) @" + w).constData())
            << qint64(60) * 3'600'000 << width;
        QTest::newRow(QByteArray("60 days @" + w).constData()) << qint64(60) * 86'400'000 << width;
    }
}

void TestGanttChart::timeAxisStaysBounded()
{
    // The axis used to stop at a 240-minute spacing: 60 h gave ~900 labels and 60 days 21,600.
    QFETCH(qint64, spanMs);
    QFETCH(int, width);
    GanttChartView view;
    showSpan(view, spanMs, QSize(width, 600));
    const QStringList labels = view.timeAxisLabels();
    QVERIFY2(labels.size() >= 4 && labels.size() <= 11, qPrintable(labels.join(u' ')));
    QCOMPARE(labels.first(), s("T+0"));
    auto *axis = qobject_cast<QCategoryAxis *>(view.chart()->axes(Qt::Horizontal).first());
    QVERIFY(axis);
    QCOMPARE(axis->categoriesLabels(), labels);
    // Each label, centred on its tick, ends inside the chart: one at the right end read "T+45 mi".
    const QRectF plot = view.chart()->plotArea();
    const QFontMetricsF metrics(axis->labelsFont());
    for (const QString &label : labels) {
        const qreal at
            = plot.left()
              + (axis->endValue(label) - axis->min()) / (axis->max() - axis->min()) * plot.width();
        QVERIFY2(at + metrics.horizontalAdvance(label) / 2 <= view.chart()->size().width(),
                 qPrintable(label));
    }
}

void TestGanttChart::shortDrillFitsAndWholePlanShowsThePlan()
{
    GanttChartView view;
    view.resize(1200, 500);
    view.show();
    GanttGeometry g = ganttStory();
    g.extentMs = 65 * 60'000; // the plan
    g.nowMs = 3 * 60'000;
    g.fitEndMs = 3 * 60'000; // the drill and its forecast
    view.setGantt(g);
    view.zoomToFit();
    QVERIFY2(axisMax(view) < 4.0, qPrintable(QString::number(axisMax(view))));
    view.showWholePlan();
    QVERIFY(axisMax(view) >= 65.0);
    view.zoomToFit(); // back
    QVERIFY(axisMax(view) < 4.0);
}

void TestGanttChart::placeLabels_data()
{
    QTest::addColumn<QList<qreal>>("lefts");
    QTest::addColumn<QList<qreal>>("widths");
    QTest::addColumn<QList<int>>("lanes");
    QTest::newRow("apart: one lane")
        << QList<qreal>{0, 200, 400} << QList<qreal>{100, 100, 100} << QList<int>{0, 0, 0};
    QTest::newRow("close: stacked")
        << QList<qreal>{0, 50, 90} << QList<qreal>{100, 100, 100} << QList<int>{0, 1, 2};
    QTest::newRow("too many: dropped")
        << QList<qreal>{0, 10, 20, 30, 300} << QList<qreal>{100, 100, 100, 100, 100}
        << QList<int>{0, 1, 2, -1, 0};
    QTest::newRow("gap counts") << QList<qreal>{0, 102} << QList<qreal>{100, 50}
                                << QList<int>{0, 1};
}

void TestGanttChart::placeLabels()
{
    QFETCH(QList<qreal>, lefts);
    QFETCH(QList<qreal>, widths);
    QFETCH(QList<int>, lanes);
    QCOMPARE(GanttBarsItem::placeLabels(lefts, widths, 3, 4), lanes);
}

void TestGanttChart::markerLabelsNeverOverlap()
{
    GanttChartView view;
    QVERIFY(shown(view, QSize(1000, 500)));
    GanttGeometry g = ganttStory();
    for (int i = 0; i < 6; ++i) // six milestones within 50 seconds, and one far off
        g.markers.append({GanttMarker::Kind::Milestone, 120'000 + i * 10'000,
                          QStringLiteral("Milestone number %1").arg(i)});
    g.markers.append({GanttMarker::Kind::Closed, 480'000, s("Closed")});
    fitted(view, g);
    const QList<QRectF> rects = view.barsItem()->markerLabelRects();
    QCOMPARE(rects.size() + view.barsItem()->droppedMarkerLabels(), 7);
    QVERIFY(view.barsItem()->droppedMarkerLabels() > 0); // 3 lanes cannot hold six
    QVERIFY(rects.size() >= 4);
    for (qsizetype i = 0; i < rects.size(); ++i)
        for (qsizetype j = i + 1; j < rects.size(); ++j)
            QVERIFY2(!rects.at(i).intersects(rects.at(j)), qPrintable(QString::number(i)));
}

void TestGanttChart::failedAndHaltedReadAtAGlance()
{
    GanttChartView view;
    QVERIFY(shown(view, QSize(1000, 400)));
    GanttGeometry g = ganttStory();
    g.rows[1].actual = {GanttBar{70'000, 200'000, BarState::Failed, false, false}};
    // d, still running, whose ramp halted.
    g.rows[3].runs = {GanttBar{430'000, 450'000, BarState::Failed, false, false, true}};
    QCOMPARE(g.rows.at(1).alarm(), GanttRow::Alarm::Failed);
    QCOMPARE(g.rows.at(3).alarm(), GanttRow::Alarm::Halted);
    const QImage image = fitted(view, g);
    QChart *chart = view.chart();
    const QString failed = GanttBarsItem::colour(BarState::Failed).name();
    // A badge right of each bar, in the failed colour, above its word: not only a strip. Row 3
    // runs to now, at the fitted chart's right edge: its badge is inside the bar's end.
    for (const auto &[row, endMinutes, dx] :
         {std::tuple(1, 200.0 / 60, 14.0), std::tuple(3, 500.0 / 60, -14.0)}) {
        const qreal y = 4.0 - row - 0.5;
        const QPointF end = chart->mapToPosition(QPointF(endMinutes, y), chart->series().first());
        const QPoint badge = view.mapFromScene(end + QPointF(dx, -7));
        QCOMPARE(QColor(image.pixel(badge)).name(), failed);
    }
}

// A request sent with no answer was drawn grey, as if skipped: it may have run. Its strip is
// the unknown colour, and its badge says OUTCOME UNKNOWN in words, in the legend's colour.
void TestGanttChart::unknownOutcomeIsNeitherSkippedNorFailed()
{
    GanttChartView view;
    QVERIFY(shown(view, QSize(1000, 400)));
    GanttGeometry g = ganttStory();
    g.rows[1].actual = {GanttBar{70'000, 200'000, BarState::Active, false, false}};
    g.rows[1].runs = {GanttBar{100'000, 200'000, BarState::Unknown, false, false}};
    QCOMPARE(g.rows.at(1).alarm(), GanttRow::Alarm::Unknown);
    const QImage image = fitted(view, g);
    QChart *chart = view.chart();
    const qreal y = 4.0 - 1 - 0.5;
    const QPointF end = chart->mapToPosition(QPointF(200.0 / 60, y), chart->series().first());
    const QPoint badge = view.mapFromScene(end + QPointF(14.0, -7));
    const QString unknown = GanttBarsItem::colour(BarState::Unknown).name();
    QCOMPARE(QColor(image.pixel(badge)).name(), unknown);
    QVERIFY(unknown != GanttBarsItem::colour(BarState::Skipped).name());
    QVERIFY(unknown != GanttBarsItem::colour(BarState::Failed).name());
    QStringList legend;
    for (QLegendMarker *m : chart->legend()->markers())
        legend << m->label();
    QVERIFY2(legend.contains(s("Outcome unknown ?")), qPrintable(legend.join(u'|')));
}

// An incident closed on a failed step, fitted: the bar ends at the plot's right edge, and its
// badge went past it, cut to "✕ FA" (the stalled data rollback at 1400 and 1600 px). It is
// drawn inside the bar's end, outlined: its white word and outline are left of the end.
void TestGanttChart::badgeAtTheRightEdgeGoesInside()
{
    GanttChartView view;
    QVERIFY(shown(view, QSize(1000, 400)));
    GanttGeometry g = ganttStory();
    g.rows[3].actual = {GanttBar{420'000, 500'000, BarState::Failed, false, false}};
    g.nowMs = 500'000;
    g.fitEndMs = 500'000;
    const QImage image = fitted(view, g);
    QChart *chart = view.chart();
    const QPoint end = view.mapFromScene(
        chart->mapToPosition(QPointF(500.0 / 60, 0.5), chart->series().first()));
    QVERIFY(end.x() + 90 > view.mapFromScene(chart->plotArea().topRight()).x()); // no room right
    const QRgb word = GanttPalette::dark().failedText.rgb();
    int inside = 0;
    for (int x = end.x() - 110; x < end.x(); ++x) {
        for (int y = end.y() - 9; y <= end.y() + 9; ++y)
            inside += image.pixel(x, y) == word ? 1 : 0;
    }
    QVERIFY2(inside > 40,
             qPrintable(s("%1 pixels of the badge left of the bar's end").arg(inside)));
}

void TestGanttChart::forecastDrawnApartFromThePlan()
{
    GanttChartView view;
    QVERIFY(shown(view, QSize(1000, 400)));
    GanttGeometry g = ganttStory();
    g.rows[3].forecast = GanttBar{500'000, 800'000, BarState::Planned, false, false};
    g.rows[3].hasForecast = true;
    g.hasForecast = true;
    g.forecastFinishMs = 800'000;
    g.plannedFinishMs = 450'000;
    g.fitEndMs = 800'000;
    const QImage image = fitted(view, g);
    QChart *chart = view.chart();
    const QPointF mid
        = chart->mapToPosition(QPointF(650'000 / 60'000.0, 0.5), chart->series().first());
    const QPoint p = view.mapFromScene(mid);
    const QString forecast = GanttPalette::dark().forecast.name();
    int hits = 0;
    for (int dx = 0; dx < 12; ++dx)
        for (int dy = -3; dy <= 3; ++dy)
            hits += QColor(image.pixel(p + QPoint(dx, dy))).name() == forecast;
    QVERIFY2(hits > 3, "no hatched forecast bar where d is forecast");
    QStringList legend;
    for (QLegendMarker *m : chart->legend()->markers())
        legend << m->label();
    QVERIFY(legend.contains(s("Forecast")));
    QCOMPARE(view.barsItem()->markerLabelRects().size(), 1); // "forecast finish ≈ T+13 (plan T+8)"
}

void TestGanttChart::lightPaletteForPaper()
{
    GanttChartView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setGantt(ganttStory());
    QCOMPARE(QColor(view.grab().toImage().pixel(2, 2)).name(),
             GanttPalette::dark().background.name());
    view.setColours(GanttPalette::light());
    QCOMPARE(QColor(view.grab().toImage().pixel(2, 2)).name(), s("#ffffff"));
}

void TestGanttChart::fullStepNamesAt1920_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("expect"); // whole: one line each; wrapped: two lines; elided
    QTest::newRow("1920x600") << QSize(1920, 600) << s("whole");
    QTest::newRow("1280x300 (the console at 1280x720)") << QSize(1280, 300) << s("whole");
    QTest::newRow("1000x600: rows tall enough to wrap") << QSize(1000, 600) << s("wrapped");
    QTest::newRow("1000x250: elided, named in tooltips") << QSize(1000, 250) << s("elided");
}

void TestGanttChart::fullStepNamesAt1920()
{
    QFETCH(QSize, size);
    QFETCH(QString, expect);
    static const Checklist checklist = test::shippedChecklist();
    static const QMap<QString, QString> vars;
    const GanttGeometry g
        = GanttBuilder(checklist, vars, SchedulePlanner::plan(checklist)).build({}, 0, 0);
    GanttChartView view;
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setGantt(g);
    QTest::qWait(20); // the label column follows the laid-out plot (resizeEvent, next pass)
    auto *rows = qobject_cast<QCategoryAxis *>(view.chart()->axes(Qt::Vertical).first());
    QVERIFY(rows);
    const QString labels = rows->categoriesLabels().join(u'|');
    QCOMPARE(labels.contains(QChar(0x2026)), expect == s("elided"));
    QCOMPARE(labels.contains(s("<br>")), expect == s("wrapped"));
    if (expect == s("elided"))
        return;
    // Every step's whole name is on screen (a wrapped one over its two lines).
    const QString read = QString(labels).replace(s("<br>"), s(" "));
    for (const GanttRow &row : g.rows) {
        if (row.level == 0)
            QVERIFY2(read.contains(row.label.toHtmlEscaped()), qPrintable(row.label));
    }
}

QTEST_MAIN(TestGanttChart)
#include "tst_ganttchart.moc"
