// The postmortem chart's milestone labels, read back from its SVG: never one over another, never
// past the chart's edge, and at their own line when there is room.
#include "report/PostmortemExporter.h"
#include "report/PostmortemReport.h"
#include "report/ReportChart.h"
#include "support/TestStrings.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"

#include <QFontMetricsF>
#include <QImage>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace warroom;
using warroom::test::s;

namespace {

constexpr int chartWidth = 800;
constexpr qint64 minute = 60'000;

struct Label
{
    QString text;
    qreal x = 0;
    qreal y = 0;
    qreal width = 0;
};

QFont chartFont()
{
    QFont font(s("DejaVu Sans"));
    font.setPixelSize(15);
    return font;
}

// One step planned for 65 minutes, and the milestones given as "label@minutes".
GanttGeometry geometry(const QStringList &milestones)
{
    GanttGeometry g;
    GanttRow row;
    row.stepId = s("scope");
    row.label = s("1. Confirm incident scope");
    row.planned = {0, 65 * minute, BarState::Planned};
    g.rows << row;
    g.extentMs = 65 * minute;
    for (const QString &m : milestones) {
        GanttMarker marker;
        const QStringList parts = m.split(u'@');
        marker.label = parts.at(0);
        marker.kind = marker.label == QLatin1String("Closed") ? GanttMarker::Kind::Closed
                                                              : GanttMarker::Kind::Milestone;
        marker.atMs = static_cast<qint64>(parts.at(1).toDouble() * minute);
        g.markers << marker;
    }
    return g;
}

// The <text> elements of the SVG whose words are `names`, measured in the chart's font.
QList<Label> labels(const QByteArray &svg, const QStringList &names)
{
    QList<Label> out;
    const QFontMetricsF metrics(chartFont());
    static const QRegularExpression text(
        s("<text[^>]* x=\"([-0-9.]+)\" y=\"([-0-9.]+)\"[^>]*>([^<]*)</text>"));
    for (auto it = text.globalMatch(QString::fromUtf8(svg)); it.hasNext();) {
        const auto m = it.next();
        if (!names.contains(m.captured(3)))
            continue;
        out << Label{m.captured(3), m.captured(1).toDouble(), m.captured(2).toDouble(),
                     metrics.horizontalAdvance(m.captured(3))};
    }
    return out;
}

} // namespace

class TestReportChart : public QObject
{
    Q_OBJECT

private slots:
    void milestoneLabelsNeverOverlap_data();
    void milestoneLabelsNeverOverlap();
    void stopsAreHatched_data();
    void stopsAreHatched();
    void axisFitsWhatHappened_data();
    void axisFitsWhatHappened();
    void injectLinesLeaveTheAxisLabels_data();
    void injectLinesLeaveTheAxisLabels();
    void drillOnItsScreensClock_data();
    void drillOnItsScreensClock();
};

void TestReportChart::milestoneLabelsNeverOverlap_data()
{
    QTest::addColumn<QStringList>("milestones");
    QTest::addColumn<QStringList>("atTheirLine"); // labels that must start at their own line
    QTest::newRow("far apart: each at its line")
        << QStringList{s("Rollback start@5"), s("Rollback complete@30"), s("Closed@60")}
        << QStringList{s("Rollback start"), s("Rollback complete"), s("Closed")};
    // A short drill: start, complete and closed within a minute of a 65-minute plan (the
    // labels alternated rows, and "Closed" was drawn over "Rollback start").
    QTest::newRow("a short drill: three within a minute")
        << QStringList{s("Rollback start@1"), s("Rollback complete@1.5"), s("Closed@1.8")}
        << QStringList{s("Rollback start"), s("Rollback complete")};
    QTest::newRow("four at the same time")
        << QStringList{s("Rollback start@3"), s("Rollback complete@3"), s("Closed@3"),
                       s("Drill ended@3")}
        << QStringList{s("Rollback start"), s("Rollback complete")};
    QTest::newRow("out of order in the list")
        << QStringList{s("Closed@2"), s("Rollback complete@1.8"), s("Rollback start@1.5")}
        << QStringList{s("Rollback start"), s("Rollback complete")};
    QTest::newRow("at the chart's end")
        << QStringList{s("Rollback complete@65"), s("Closed@65")} << QStringList{};
    // Late in a long incident: three at the right edge, moved left there without covering the
    // one before (a label moved left covered "Rollback start": "Rollback sClosed").
    QTest::newRow("three at the chart's end")
        << QStringList{s("Rollback start@63"), s("Rollback complete@64.5"), s("Closed@65")}
        << QStringList{};
    QTest::newRow("five within a minute")
        << QStringList{s("Rollback start@1"), s("A@1.1"), s("Rollback complete@1.2"), s("B@1.3"),
                       s("Closed@1.4")}
        << QStringList{s("Rollback start")};
}

void TestReportChart::milestoneLabelsNeverOverlap()
{
    QFETCH(QStringList, milestones);
    QFETCH(QStringList, atTheirLine);
    QStringList names;
    for (const QString &m : milestones)
        names << m.section(u'@', 0, 0);
    const ReportChart chart(geometry(milestones), chartFont());
    const QList<Label> found = labels(chart.svg(chartWidth), names);
    QCOMPARE(found.size(), milestones.size());
    for (const Label &a : found) {
        QVERIFY2(a.x >= 0 && a.x + a.width <= chartWidth + 0.5,
                 qPrintable(s("%1 at %2, %3 wide").arg(a.text).arg(a.x).arg(a.width)));
        for (const Label &b : found) {
            if (&a == &b || a.y != b.y)
                continue;
            QVERIFY2(a.x + a.width <= b.x || b.x + b.width <= a.x,
                     qPrintable(s("'%1' at %2 and '%3' at %4 overlap")
                                    .arg(a.text)
                                    .arg(a.x)
                                    .arg(b.text)
                                    .arg(b.x)));
        }
    }
    // Where there is room, a label starts at its line: 2 units right of a vertical line's x.
    QList<qreal> lines;
    static const QRegularExpression polyline(s("points=\"([-0-9.]+),[-0-9.]+ ([-0-9.]+),"));
    for (auto it = polyline.globalMatch(QString::fromUtf8(chart.svg(chartWidth))); it.hasNext();) {
        const auto m = it.next();
        if (m.captured(1) == m.captured(2))
            lines << m.captured(1).toDouble();
    }
    for (const Label &l : found) {
        if (!atTheirLine.contains(l.text))
            continue;
        // 0.05: the SVG writes six digits ("488.17" for the line, "490.156" for its label).
        const bool atLine = std::any_of(lines.cbegin(), lines.cend(),
                                        [&l](qreal x) { return std::abs(l.x - 2 - x) < 0.05; });
        QVERIFY2(atLine, qPrintable(s("%1 at %2, not at its line").arg(l.text).arg(l.x)));
    }
}

// Each stop of warroom is a band on the chart from its start to the reopening, read back from the
// SVG as the rectangles filled in its colour: a reader of the trouble drill's chart saw no sign
// of the six minutes nothing was recorded.
void TestReportChart::stopsAreHatched_data()
{
    QTest::addColumn<QStringList>("stops"); // "from-to", in minutes of the 65-minute plan
    QTest::newRow("none") << QStringList{};
    QTest::newRow("one of six minutes") << QStringList{s("9-15")};
    QTest::newRow("two") << QStringList{s("1-2"), s("40-52.5")};
}

void TestReportChart::stopsAreHatched()
{
    QFETCH(QStringList, stops);
    QList<ReportChart::Shade> shades;
    for (const QString &stop : stops)
        shades << ReportChart::Shade{qint64(stop.section(u'-', 0, 0).toDouble() * minute),
                                     qint64(stop.section(u'-', 1, 1).toDouble() * minute)};
    ReportChart chart(geometry({}), chartFont());
    chart.setStops(shades);
    static const QRegularExpression band(
        s("<g fill=\"#e4e4e4\"[^>]*>\\s*<rect x=\"([-0-9.]+)\" y=\"[^\"]*\" "
          "width=\"([-0-9.]+)\""));
    QList<QPair<double, double>> found;
    for (auto it = band.globalMatch(QString::fromUtf8(chart.svg(chartWidth))); it.hasNext();) {
        const auto m = it.next();
        found.append({m.captured(1).toDouble(), m.captured(2).toDouble()});
    }
    QCOMPARE(found.size(), shades.size());
    // Where ReportChart puts a time: the plot starts after the labels' third of the width and
    // half a line, and ends four lines before the edge; the plan's 65 minutes fill it.
    const qreal line = QFontMetricsF(chartFont()).height();
    const qreal left = chartWidth * 0.34 + line * 0.5;
    const qreal width = chartWidth - left - line * 4;
    const auto x = [&](qint64 ms) {
        return left + width * qreal(ms) / qreal(65 * minute);
    };
    for (qsizetype i = 0; i < shades.size(); ++i) {
        const qreal from = x(shades.at(i).fromMs);
        QVERIFY2(std::abs(found.at(i).first - from) < 1
                     && std::abs(found.at(i).second - (x(shades.at(i).toMs) - from)) < 1,
                 qPrintable(s("band %1 at %2, %3 wide; expected %4, %5 wide")
                                .arg(i)
                                .arg(found.at(i).first)
                                .arg(found.at(i).second)
                                .arg(from)
                                .arg(x(shades.at(i).toMs) - from)));
    }
}

void TestReportChart::axisFitsWhatHappened_data()
{
    QTest::addColumn<double>("doneAt");  // minutes: the step's actual bar ends here
    QTest::addColumn<double>("stopEnd"); // minutes: a stop of warroom ends here; -1: none
    QTest::addColumn<bool>("fitted");
    QTest::newRow("a x100 drill: 5 seconds of 65 minutes") << 5.0 / 60 << -1.0 << true;
    QTest::newRow("8 minutes") << 8.0 << -1.0 << true;
    QTest::newRow("a stop after the last bar") << 4.0 << 12.0 << true;
    QTest::newRow("a stop past a third") << 4.0 << 30.0 << false;
    QTest::newRow("a third of the plan") << 65.0 / 3 << -1.0 << false;
    QTest::newRow("the whole plan") << 60.0 << -1.0 << false;
}

// An incident or drill that ended before a third of its plan: the postmortem's time axis ends
// shortly after the last thing that happened, and the plan is cut at the edge with an arrow. A
// drill at x100 took 5 seconds of a 65-minute axis: nothing of it could be seen.
void TestReportChart::axisFitsWhatHappened()
{
    QFETCH(double, doneAt);
    QFETCH(double, stopEnd);
    QFETCH(bool, fitted);
    PostmortemReport r;
    r.gantt = geometry({});
    const qint64 doneMs = qint64(doneAt * minute);
    r.gantt.rows[0].actual = {{0, doneMs, BarState::Done}};
    r.gantt.nowMs = doneMs;
    if (stopEnd >= 0)
        r.stops = {{doneMs, qint64(stopEnd * minute)}};
    const ReportChart::Postmortem drawn = ReportChart::postmortem(r);
    const qint64 end = drawn.axisEndMs;
    const QString svg = QString::fromUtf8(ReportChart::ofPostmortem(drawn, chartFont()).svg(800));
    QCOMPARE(svg.contains(QChar(0x2192)), fitted); // the plan goes on past the edge
    QCOMPARE(svg.contains(s(">T+1 h<")), !fitted);
    // Every label of the time axis whole inside the chart: "T+0:00:10" at its right edge was cut
    // to "T+0:00:1" (the seconds' labels are written as the timeline writes T+).
    static const QRegularExpression axisLabel(
        s("<text[^>]* x=\"([-0-9.]+)\"[^>]*>(T\\+[^<]*)</text>"));
    const QFontMetricsF metrics(chartFont());
    QStringList axis;
    for (auto it = axisLabel.globalMatch(svg); it.hasNext();) {
        const auto m = it.next();
        const double x = m.captured(1).toDouble();
        QVERIFY2(x >= 0 && x + metrics.horizontalAdvance(m.captured(2)) <= 800.5,
                 qPrintable(m.captured(0)));
        axis << m.captured(2);
    }
    QVERIFY2(axis.size() >= 3, qPrintable(axis.join(u' ')));
    if (doneAt < 1)
        QCOMPARE(axis.constLast(), s("T+0:00:10"));
    // The HTML says so above the chart (the PDF is written from the same HTML).
    const QString html = QString::fromUtf8(PostmortemExporter::render(r, ExportFormat::Html));
    QVERIFY(html.contains(s("<h2>Steps planned against actual</h2>")));
    QCOMPARE(html.contains(s("the plan runs on to T+01:05:00, past its right edge")), fitted);
    if (!fitted) {
        QCOMPARE(end, 0);
        return;
    }
    // Everything in sight, a quarter of the plot after it, at least 10 s, a whole second.
    const qint64 last = std::max(doneMs, qint64(stopEnd * minute));
    QVERIFY2(end >= std::max<qint64>(last * 4 / 3, 10'000)
                 && end < std::max<qint64>(last * 4 / 3, 10'000) + 1'000 && end % 1000 == 0,
             qPrintable(QString::number(end)));
}

void TestReportChart::drillOnItsScreensClock_data()
{
    QTest::addColumn<bool>("drill");       // the record's mode; a LIVE incident has no drill clock
    QTest::addColumn<double>("speed");     // of the drill clock; 0: no clock started
    QTest::addColumn<qint64>("pauseMs");   // a pause of the clock this long at real T+1 s
    QTest::addColumn<qint64>("endedAtMs"); // the runner ended the drill here; -1: not
    // Where the step's bar, done at real T+3 s, and a stop of warroom, over at real T+15 s, end.
    QTest::addColumn<qint64>("barEndMs");
    QTest::addColumn<qint64>("stopEndMs");
    QTest::addColumn<QString>("sentence");
    // The step's actual time in the Steps table: real, and the screens' clock's beside it.
    QTest::addColumn<QString>("actual");
    const QString axis = s("The chart's time axis is the clock the room's screens and its own "
                           "chart showed: ");
    QTest::newRow("a x20 drill")
        << true << 20.0 << qint64(0) << qint64(-1) << qint64(60'000) << qint64(300'000)
        << axis + s("the \u00D720 drill clock;")
        << s("3 s (drill at \u00D720 speed; 1 min 00 s on the screens' drill clock)");
    QTest::newRow("a x20 drill paused a second")
        << true << 20.0 << qint64(1'000) << qint64(-1) << qint64(40'000) << qint64(280'000)
        << axis + s("the \u00D720 drill clock, its pause left out;")
        << s("3 s (drill at \u00D720 speed; 40 s on the screens' drill clock)");
    QTest::newRow("a drill at x1 paused a second")
        << true << 1.0 << qint64(1'000) << qint64(-1) << qint64(2'000) << qint64(14'000)
        << axis + s("the drill clock, its pause left out;")
        << s("3 s (2 s on the screens' drill clock)");
    // After the runner's end the clock stands still: the stop after it ends at the end.
    QTest::newRow("a x20 drill its runner ended at real T+4 s")
        << true << 20.0 << qint64(0) << qint64(4'000) << qint64(60'000) << qint64(80'000)
        << s("That clock stood still from the drill's end, at T+00:01:20: what came after it is "
             "drawn there.")
        << s("3 s (drill at \u00D720 speed; 1 min 00 s on the screens' drill clock)");
    QTest::newRow("a drill without its runner's clock")
        << true << 0.0 << qint64(0) << qint64(-1) << qint64(3'000) << qint64(15'000) << QString()
        << s("3 s");
    // A clock fact forged into a LIVE incident's timeline draws nothing on another clock.
    QTest::newRow("a LIVE incident") << false << 20.0 << qint64(0) << qint64(-1) << qint64(3'000)
                                     << qint64(15'000) << QString() << s("3 s");
}

// A drill's postmortem chart is drawn on the clock its room's screens and chart showed: in real
// time a x20 drill's 17 seconds were slivers under an hour's plan while the screens had read
// T+00:05:42, and its caption says which clock it is. The bars, the stops of warroom and where
// the axis ends all go through it.
void TestReportChart::drillOnItsScreensClock()
{
    QFETCH(bool, drill);
    QFETCH(double, speed);
    QFETCH(qint64, pauseMs);
    QFETCH(qint64, endedAtMs);
    QFETCH(qint64, barEndMs);
    QFETCH(qint64, stopEndMs);
    QFETCH(QString, sentence);
    QFETCH(QString, actual);
    PostmortemReport r;
    r.incident.mode = drill ? IncidentMode::Drill : IncidentMode::Live;
    r.drillSpeed = drill && speed > 1 ? speed : 1;
    auto note = [&r](qint64 atMs, const QString &actor, const QJsonObject &payload) {
        TimelineEvent e;
        e.seq = r.events.size() + 1;
        e.elapsedMs = atMs;
        e.actor = actor;
        e.kind = EventKind::NoteAdded;
        e.payload = payload;
        r.events << e;
    };
    auto clockNote = [&note](QLatin1StringView change, qint64 atMs, double factor = 0) {
        note(atMs, ScreenClock::facilitator,
             {{PayloadKey::DrillClock, ScreenClock::fact(change, atMs, factor)},
              {PayloadKey::Text, s("clock")}});
    };
    if (speed > 0)
        clockNote(DrillClockChange::Started, 0, speed);
    note(500, s("scribe"), {{PayloadKey::Text, s("a person's note")}});
    if (speed > 0 && pauseMs > 0) {
        clockNote(DrillClockChange::Paused, 1'000);
        clockNote(DrillClockChange::Resumed, 1'000 + pauseMs);
    }
    if (endedAtMs >= 0)
        clockNote(DrillClockChange::Ended, endedAtMs);
    note(20'000, s("scribe"), {{PayloadKey::Text, s("the last note")}});
    r.durationMs = 20'000;
    r.gantt = geometry({});
    r.gantt.rows[0].actual = {{0, 3'000, BarState::Done}};
    r.gantt.nowMs = 3'000;
    r.stops = {{3'000, 15'000}}; // warroom stopped from real T+3 s to T+15 s
    PostmortemReport::StepRow step;
    step.number = 1;
    step.title = s("Scope");
    step.state = s("done");
    step.startedMs = 0;
    step.endedMs = 3'000;
    step.actualMs = 3'000;
    r.steps << step;
    const ReportChart::Postmortem drawn = ReportChart::postmortem(r);
    const GanttGeometry &shown = drawn.geometry;
    QCOMPARE(shown.rows.at(0).actual.at(0).endMs, barEndMs);
    QCOMPARE(shown.onDrillClock, !sentence.isEmpty());
    QCOMPARE(drawn.stops.size(), 1);
    QCOMPARE(drawn.stops.at(0).toMs, stopEndMs);
    QCOMPARE(drawn.screens.has_value(), !sentence.isEmpty());
    // The axis ends a quarter of the plot after the stop, on the shown clock: at least 10 s, on
    // a whole second.
    QCOMPARE(drawn.axisEndMs, (std::max<qint64>(stopEndMs * 4 / 3, 10'000) + 999) / 1000 * 1000);
    const QString html = QString::fromUtf8(PostmortemExporter::render(r, ExportFormat::Html));
    QVERIFY(html.contains(s("<h2>Steps planned against actual</h2>")));
    QCOMPARE(html.contains(s("The chart's time axis is")), !sentence.isEmpty());
    if (!sentence.isEmpty())
        QVERIFY2(html.contains(sentence),
                 qPrintable(html.section(s("<h2>Steps planned"), 1, 1).left(900)));
    // The Steps table, in both documents: the clock the screens showed beside the real time.
    const QString md = QString::fromUtf8(PostmortemExporter::render(r, ExportFormat::Markdown));
    const QString mdRow = md.section(s("| 1 | Scope |"), 1, 1).section(u'\n', 0, 0);
    QVERIFY2(mdRow.contains(s("| ") + actual + s(" |")), qPrintable(mdRow));
    QVERIFY2(html.contains(s("<td>") + actual.toHtmlEscaped() + s("</td>")),
             qPrintable(html.section(s("planned against actual"), 1, 1).left(1500)));
}

QTEST_MAIN(TestReportChart)
void TestReportChart::injectLinesLeaveTheAxisLabels_data()
{
    QTest::addColumn<QList<double>>("injects"); // minutes of the 65-minute plan
    QTest::newRow("at T+0") << QList<double>{0.0};
    QTest::newRow("30 s in, over \"T+0\"") << QList<double>{0.5};
    QTest::newRow("one at 20 min") << QList<double>{20.0};
    QTest::newRow("close together: a second row of tags") << QList<double>{1.0, 1.5, 2.0};
}

// The debrief's inject lines: each drawn down the plot from its time, and none across the time
// axis's labels (a line from its tag over the axis struck out "T+0" under an inject 30 s in).
void TestReportChart::injectLinesLeaveTheAxisLabels()
{
    QFETCH(QList<double>, injects);
    ReportChart chart(geometry({}), chartFont());
    QList<ReportChart::InjectMarker> markers;
    for (const double at : injects)
        markers << ReportChart::InjectMarker{qint64(at * minute), s("I%1").arg(markers.size() + 1)};
    chart.setOverlay(markers, {});
    const QImage image = chart.image(chartWidth, 96);
    const auto purple = [&image](int x, int y) {
        const QColor c = image.pixelColor(x, y);
        return c.green() < c.red() - 40 && c.green() < c.blue() - 30;
    };
    // The layout ReportChart uses with an overlay: the plot starts 4.8 lines down, the ticks'
    // labels stand on the line above it; the plan's 65 minutes fill the plot's width.
    const qreal line = QFontMetricsF(chartFont(), &image).height();
    const int axis = qRound(line * 4.8);
    const qreal left = chartWidth * 0.34 + line * 0.5;
    const qreal width = chartWidth - left - line * 4;
    int across = 0;
    for (int y = qRound(axis - line * 1.1); y < axis - 1; ++y)
        for (int x = 0; x < image.width(); ++x)
            across += purple(x, y) ? 1 : 0;
    QVERIFY2(across == 0, qPrintable(s("%1 purple pixels among the axis's labels").arg(across)));
    for (const double at : injects) {
        const int x = qRound(left + width * at / 65);
        int down = 0;
        for (int y = axis + 2; y < image.height(); ++y)
            for (int dx = -2; dx <= 2; ++dx)
                down += purple(x + dx, y) ? 1 : 0;
        QVERIFY2(down > 10, qPrintable(s("the line at %1 min: %2 pixels").arg(at).arg(down)));
    }
}

#include "tst_reportchart.moc"
