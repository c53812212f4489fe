#include "drill/DrillClock.h"

#include <QTest>

using namespace warroom;

// A facilitator's pause and the drill clock: an inject keeps its place on the drill clock (it
// fires later on the wall clock by exactly the pause, never later on the drill clock), and paused
// time is left out of durations.
class TestDrillPause : public QObject
{
    Q_OBJECT

private slots:
    void injectAfterPauseFiresOnTime_data();
    void injectAfterPauseFiresOnTime();
    void pausedTimeLeftOutOfDurations_data();
    void pausedTimeLeftOutOfDurations();
    void countdownFreezesWhilePaused();
};

namespace {

DrillClock clockWith(double speed, qint64 start, const QList<qint64> &pauses)
{
    DrillClock clock(speed);
    clock.start(start);
    for (qsizetype i = 0; i < pauses.size(); ++i) {
        if (i % 2 == 0)
            clock.pause(pauses.at(i));
        else
            clock.resume(pauses.at(i));
    }
    return clock;
}

} // namespace

void TestDrillPause::injectAfterPauseFiresOnTime_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("start");         // real ms the drill clock starts at
    QTest::addColumn<QList<qint64>>("pauses"); // pause, resume, ... (real ms)
    QTest::addColumn<qint64>("injectAt");      // drill ms
    QTest::addColumn<qint64>("firesAtReal");   // real ms it becomes due
    // An inject at T+0:12:00, real time, a 5-minute pause at minute 3: due at real minute 17.
    QTest::newRow("x1, pause before") << 1.0 << qint64(0) << QList<qint64>{180'000, 480'000}
                                      << qint64(720'000) << qint64(1'020'000);
    QTest::newRow("x1, pause after") << 1.0 << qint64(0) << QList<qint64>{800'000, 900'000}
                                     << qint64(720'000) << qint64(720'000);
    QTest::newRow("pause begins as it is due")
        << 1.0 << qint64(0) << QList<qint64>{720'000, 730'000} << qint64(720'000)
        << qint64(720'000);
    // x50: T+0:10:00 is 12 s of real time; a 30 s pause at 4 s makes it 42 s.
    QTest::newRow("x50") << 50.0 << qint64(0) << QList<qint64>{4'000, 34'000} << qint64(600'000)
                         << qint64(42'000);
    QTest::newRow("x50, two pauses, late start")
        << 50.0 << qint64(2'000) << QList<qint64>{4'000, 6'000, 10'000, 11'000} << qint64(600'000)
        << qint64(17'000);
    QTest::newRow("x3 rounds up") << 3.0 << qint64(0) << QList<qint64>{} << qint64(1) << qint64(1);
}

void TestDrillPause::injectAfterPauseFiresOnTime()
{
    QFETCH(double, speed);
    QFETCH(qint64, start);
    QFETCH(QList<qint64>, pauses);
    QFETCH(qint64, injectAt);
    QFETCH(qint64, firesAtReal);
    const DrillClock clock = clockWith(speed, start, pauses);
    QCOMPARE(clock.realAt(injectAt), firesAtReal);
    // On the drill clock it is due exactly then: not a pause-length late, and not before.
    QVERIFY(clock.drillMs(firesAtReal) >= injectAt);
    QVERIFY(clock.drillMs(firesAtReal) - injectAt < qint64(speed) + 1);
    QVERIFY(clock.drillMs(firesAtReal - 1) < injectAt);
}

void TestDrillPause::pausedTimeLeftOutOfDurations_data()
{
    QTest::addColumn<QList<qint64>>("pauses");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<qint64>("span"); // real ms, pauses taken out
    QTest::addColumn<qint64>("paused");
    QTest::newRow("no pause") << QList<qint64>{} << qint64(1'000) << qint64(5'000) << qint64(4'000)
                              << qint64(0);
    QTest::newRow("pause inside") << QList<qint64>{2'000, 3'500} << qint64(1'000) << qint64(5'000)
                                  << qint64(2'500) << qint64(1'500);
    QTest::newRow("pause straddles start") << QList<qint64>{500, 2'000} << qint64(1'000)
                                           << qint64(5'000) << qint64(3'000) << qint64(1'500);
    QTest::newRow("still paused at the end")
        << QList<qint64>{4'000} << qint64(1'000) << qint64(5'000) << qint64(3'000) << qint64(1'000);
    QTest::newRow("two pauses") << QList<qint64>{1'500, 2'000, 3'000, 4'000} << qint64(1'000)
                                << qint64(5'000) << qint64(2'500) << qint64(1'500);
}

void TestDrillPause::pausedTimeLeftOutOfDurations()
{
    QFETCH(QList<qint64>, pauses);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(qint64, span);
    QFETCH(qint64, paused);
    const DrillClock clock = clockWith(1.0, 0, pauses);
    QCOMPARE(clock.unpausedSpan(from, to), span);
    QCOMPARE(clock.pausedMs(to), paused);
    QCOMPARE(clock.pauseCount(), int((pauses.size() + 1) / 2));
}

void TestDrillPause::countdownFreezesWhilePaused()
{
    DrillClock clock(10.0);
    clock.start(0);
    QCOMPARE(clock.realAt(100'000), qint64(10'000));
    clock.pause(4'000);
    // Paused before the inject is due: nobody can say when it fires until the resume.
    QCOMPARE(clock.realAt(100'000), qint64(-1));
    QCOMPARE(clock.drillMs(9'000), qint64(40'000)); // the clock stands still
    QCOMPARE(clock.pausedSince(), qint64(4'000));
    // An inject already due stays where it was.
    QCOMPARE(clock.realAt(30'000), qint64(3'000));
    clock.resume(9'000);
    QCOMPARE(clock.realAt(100'000), qint64(15'000));
    QCOMPARE(clock.pausedSince(), qint64(-1));
}

QTEST_GUILESS_MAIN(TestDrillPause)
#include "tst_drillpause.moc"
