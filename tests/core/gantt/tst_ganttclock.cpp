#include "gantt/GanttClock.h"
#include "support/TestStrings.h"
#include "timeline/ScreenClock.h"

#include <QTest>

using namespace warroom;
using warroom::test::s;

namespace {

// The drill clock's facts as the runner records them: started at real `startMs` at `speed`, and a
// pause from `pauseMs` for `pauseLength` ms when that is positive.
ScreenClock drillClock(qint64 startMs, double speed, qint64 pauseMs, qint64 pauseLength)
{
    TimelineEvents events;
    const auto fact = [&events](QLatin1StringView change, qint64 at, double factor) {
        TimelineEvent e;
        e.seq = events.size() + 1;
        e.kind = EventKind::NoteAdded;
        e.actor = ScreenClock::facilitator;
        e.elapsedMs = at;
        e.payload = QJsonObject{{PayloadKey::Text, s("clock")},
                                {PayloadKey::DrillClock, ScreenClock::fact(change, at, factor)}};
        events.append(e);
    };
    fact(DrillClockChange::Started, startMs, speed);
    if (pauseLength > 0) {
        fact(DrillClockChange::Paused, pauseMs, 0);
        fact(DrillClockChange::Resumed, pauseMs + pauseLength, 0);
    }
    return ScreenClock::fromEvents(events);
}

// One step planned 0-10 min, done in real 2 s to 8 s with a run 3 s to 5 s; a note at 4 s; now 9 s.
GanttGeometry realGeometry()
{
    GanttGeometry g;
    GanttRow row;
    row.stepId = s("a");
    row.planned = GanttBar{0, 600'000, BarState::Planned, false, false};
    row.actual = {GanttBar{2'000, 8'000, BarState::Done, false, false}};
    row.runs = {GanttBar{3'000, 5'000, BarState::Done, false, false}};
    g.rows = {row};
    g.markers = {GanttMarker{GanttMarker::Kind::Declared, 0, s("declared"), 0},
                 GanttMarker{GanttMarker::Kind::Note, 4'000, {}, 7}};
    g.nowMs = 9'000;
    g.extentMs = 600'000;
    g.fitEndMs = 9'000;
    return g;
}

} // namespace

class TestGanttClock : public QObject
{
    Q_OBJECT

private slots:
    void actualSideOnTheShownClock_data();
    void actualSideOnTheShownClock();
};

void TestGanttClock::actualSideOnTheShownClock_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("pauseAt");
    QTest::addColumn<qint64>("pauseLength");
    // bar, run, note marker and now, as "start-end start-end note now", then the overrun and
    // the extent
    QTest::addColumn<QString>("expected");
    QTest::addColumn<qint64>("overrun");
    QTest::addColumn<qint64>("extent");
    QTest::newRow("x1 from the declaration: as it was")
        << qint64(0) << 1.0 << qint64(0) << qint64(0) << s("2000-8000 3000-5000 4000 9000")
        << qint64(0) << qint64(600'000);
    QTest::newRow("x100 from 1 s: drill minutes, overrun past the plan")
        << qint64(1'000) << 100.0 << qint64(0) << qint64(0)
        << s("100000-700000 200000-400000 300000 800000") << qint64(0) << qint64(800'000);
    QTest::newRow("x200: the step took 20 drill minutes of a 10-minute plan")
        << qint64(2'000) << 200.0 << qint64(0) << qint64(0)
        << s("0-1200000 200000-600000 400000 1400000") << qint64(600'000) << qint64(1'400'000);
    QTest::newRow("x100, paused 2 s from 5 s: the pause is left out")
        << qint64(1'000) << 100.0 << qint64(5'000) << qint64(2'000)
        << s("100000-500000 200000-400000 300000 600000") << qint64(0) << qint64(600'000);
}

void TestGanttClock::actualSideOnTheShownClock()
{
    QFETCH(qint64, start);
    QFETCH(double, speed);
    QFETCH(qint64, pauseAt);
    QFETCH(qint64, pauseLength);
    QFETCH(QString, expected);
    QFETCH(qint64, overrun);
    QFETCH(qint64, extent);
    const ScreenClock clock = drillClock(start, speed, pauseAt, pauseLength);
    QVERIFY(clock.isDrillClock());
    GanttGeometry g = realGeometry();
    QVERIFY(!g.onDrillClock);
    showOnClock(g, [&clock](qint64 ms) { return clock.shownMs(ms); });
    const GanttRow &row = g.rows.constFirst();
    const QString got = s("%1-%2 %3-%4 %5 %6")
                            .arg(row.actual.constFirst().startMs)
                            .arg(row.actual.constFirst().endMs)
                            .arg(row.runs.constFirst().startMs)
                            .arg(row.runs.constFirst().endMs)
                            .arg(g.markers.at(1).atMs)
                            .arg(g.nowMs);
    QCOMPARE(got, expected);
    QCOMPARE(row.overrunMs, overrun);
    QCOMPARE(g.extentMs, extent);
    QCOMPARE(g.fitEndMs, g.nowMs);
    QVERIFY(g.onDrillClock); // the time axis names the drill clock
    // The plan is in the checklist's minutes already, and the declaration stays at T+0.
    QCOMPARE(row.planned, (GanttBar{0, 600'000, BarState::Planned, false, false}));
    QCOMPARE(g.markers.constFirst().atMs, 0);
}

QTEST_GUILESS_MAIN(TestGanttClock)
#include "tst_ganttclock.moc"
