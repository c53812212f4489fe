// The wall's forecast line: when the rollback will finish at the pace so far, against the plan.
#include "WallScript.h"

#include "wall/WallStateBuilder.h"

#include "gantt/ScheduleForecast.h"
#include "support/TestStrings.h"

#include <QTest>

using namespace warroom;
using warroom::test::play;
using warroom::test::s;
using warroom::test::scopeDone;
using warroom::test::TestTimeline;
using warroom::test::wallOf;

namespace {
constexpr qint64 minute = 60'000;
} // namespace

class TestWallForecast : public QObject
{
    Q_OBJECT

private slots:
    void forecastText_data();
    void forecastText();
    void forecastFollowsProgress_data();
    void forecastFollowsProgress();
};

void TestWallForecast::forecastText_data()
{
    QTest::addColumn<qint64>("finishMs");
    QTest::addColumn<qint64>("planMs");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("tone");
    constexpr qint64 day = 24 * 60 * minute;
    QTest::newRow("early") << 52 * minute << 65 * minute << false
                           << s("finish \u2248 T+52 (plan T+65)") << s("done");
    QTest::newRow("the minute the clock reads then")
        << 52 * minute + 1 << 65 * minute << false << s("finish \u2248 T+52 (plan T+65)")
        << s("done");
    QTest::newRow("late, past two hours")
        << 125 * minute << 65 * minute << false << s("finish \u2248 T+2 h 05 (plan T+65)")
        << s("deferred");
    // Past two days the words are hours: minutes later reads as the plan, and is not amber.
    QTest::newRow("minutes late, past two days")
        << 3 * day + 40 * minute << 3 * day + 10 * minute << false
        << s("finish \u2248 T+3 d 0 h (plan T+3 d 0 h)") << s("done");
    QTest::newRow("an hour late, past two days")
        << 3 * day + 70 * minute << 3 * day + 10 * minute << false
        << s("finish \u2248 T+3 d 1 h (plan T+3 d 0 h)") << s("deferred");
    QTest::newRow("complete") << 48 * minute << 65 * minute << true
                              << s("finished T+48 (plan T+65): 17 min under plan") << s("done");
    // The minute the clock read, and how late as the closing summary says it (to the nearest
    // minute): 40 s over read "finished T+65 (plan T+65)" beside the summary's "1 min over".
    QTest::newRow("complete 40 s late")
        << 65 * minute + 40'000 << 65 * minute << true
        << s("finished T+65 (plan T+65): 1 min over plan") << s("deferred");
    QTest::newRow("complete 20 s late") << 65 * minute + 20'000 << 65 * minute << true
                                        << s("finished T+65 (plan T+65): on plan") << s("done");
}

void TestWallForecast::forecastText()
{
    QFETCH(qint64, finishMs);
    QFETCH(qint64, planMs);
    QFETCH(bool, complete);
    QFETCH(QString, expected);
    QFETCH(QString, tone);
    ScheduleForecast f;
    f.finishMs = finishMs;
    f.plannedFinishMs = planMs;
    f.complete = complete;
    QCOMPARE(WallStateBuilder::forecastText(f), expected);
    QCOMPARE(wallToneName(WallStateBuilder::forecastTone(f)), tone);
}

void TestWallForecast::forecastFollowsProgress_data()
{
    // The shipped plan: scope 5, notify and freeze 5 after it, execute 15, validate 10,
    // re-enable 15, communicate 5, audit 10: T+65.
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<double>("nowMinutes");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("tone");
    QTest::newRow("declared") << QStringList{} << 0.0 << s("finish \u2248 T+65 (plan T+65)")
                              << s("done");
    // Nothing started yet: the forecast slips with the clock, but reads its plan, not amber,
    // until a whole minute is lost (it read T+66 in amber a second after the declaration).
    QTest::newRow("a second after declaring")
        << QStringList{} << 1.0 / 60 << s("finish \u2248 T+65 (plan T+65)") << s("done");
    QTest::newRow("59 s after declaring")
        << QStringList{} << 59.0 / 60 << s("finish \u2248 T+65 (plan T+65)") << s("done");
    QTest::newRow("a minute lost")
        << QStringList{} << 1.0 << s("finish \u2248 T+66 (plan T+65)") << s("deferred");
    QTest::newRow("scope done early")
        << scopeDone() << 4.0 << s("finish \u2248 T+64 (plan T+65)") << s("done");
    QStringList slow = scopeDone();
    slow.last() = s("20 confirm scope db-implications");
    QTest::newRow("scope took 20 minutes")
        << slow << 20.0 << s("finish \u2248 T+80 (plan T+65)") << s("deferred");
    QTest::newRow("scope still open at 30")
        << scopeDone().mid(0, 2) << 30.0 << s("finish \u2248 T+90 (plan T+65)") << s("deferred");
    // Something failed: the forecast goes on at the pace so far, and says what it assumes, in
    // amber (it read "finish ≈ T+54 (plan T+65)" in green under the header's red HALTED).
    QTest::newRow("a step failed")
        << scopeDone()
               + QStringList{s("5 skip notify drill"), s("5.5 start freeze"),
                             s("6 fail freeze snapshot missing")}
        << 8.0 << s("finish \u2248 T+68 (plan T+65) if the failed step is started again now")
        << s("deferred");
    QTest::newRow("a job failed")
        << scopeDone() + QStringList{s("5 skip notify drill"),
                                     s("5 skip freeze drill"),
                                     s("5 start execute drill"),
                                     s("5 confirm execute marker-start"),
                                     s("5 run execute run"),
                                     s("5.5 jobfailed execute run the job's state is failed")}
        << 6.0 << s("finish \u2248 T+60 (plan T+65) if the failed run is settled now")
        << s("deferred");
    QTest::newRow("a ramp halted")
        << scopeDone()
               + QStringList{s("6 start reenable drill"),
                             s("6 override reenable unfreeze unfrozen by hand"),
                             s("6 run reenable ramp"), s("6.1 weight reenable ramp 5"),
                             s("8 halted reenable ramp")}
        << 10.0 << s("finish \u2248 T+40 (plan T+65) if the halted ramp is settled now")
        << s("deferred");
    // Each kind named: one alone let the room read the others as not mattering.
    QTest::newRow("a step failed and a ramp halted")
        << scopeDone()
               + QStringList{s("5 skip notify drill"),
                             s("5.5 start freeze"),
                             s("6 fail freeze snapshot missing"),
                             s("6 start reenable drill"),
                             s("6 override reenable unfreeze unfrozen by hand"),
                             s("6 run reenable ramp"),
                             s("6.1 weight reenable ramp 5"),
                             s("8 halted reenable ramp")}
        << 10.0
        << s("finish \u2248 T+40 (plan T+65) if the failed step is started again and the halted "
             "ramp is settled now")
        << s("deferred");
    // Counted by item: one step with a failed job and a halted ramp named only the job.
    QTest::newRow("a job failed and a ramp halted in one step")
        << scopeDone()
               + QStringList{s("6 start reenable drill"),
                             s("6 run reenable unfreeze"),
                             s("6.5 jobfailed reenable unfreeze the job's state is failed"),
                             s("6.6 run reenable ramp"),
                             s("6.7 weight reenable ramp 5"),
                             s("8 halted reenable ramp")}
        << 10.0
        << s("finish \u2248 T+40 (plan T+65) if the failed run is settled and the halted ramp "
             "is settled now")
        << s("deferred");
    // All four kinds at once, listed as one sentence.
    QTest::newRow("every kind at once")
        << scopeDone() + QStringList{s("4 run notify channel"),
                                     s("5 unknown notify channel"),
                                     s("5.5 start freeze"),
                                     s("6 fail freeze snapshot missing"),
                                     s("6 start execute drill"),
                                     s("6 confirm execute marker-start"),
                                     s("6 run execute run"),
                                     s("6.5 jobfailed execute run the job's state is failed"),
                                     s("7 start reenable drill"),
                                     s("7 override reenable unfreeze unfrozen by hand"),
                                     s("7 run reenable ramp"),
                                     s("7.1 weight reenable ramp 5"),
                                     s("8 halted reenable ramp")}
        << 10.0
        << s("finish \u2248 T+37 (plan T+65) if the failed step is started again, the failed run "
             "is settled, the halted ramp is settled and the unknown outcome is settled now")
        << s("deferred");
    QTest::newRow("an outcome unknown")
        << scopeDone() + QStringList{s("4 run notify channel"), s("5 unknown notify channel")}
        << 6.0 << s("finish \u2248 T+66 (plan T+65) if the unknown outcome is settled now")
        << s("deferred");
    // Every step finished: the finish against the plan, then the close against it, as the
    // console's closing summary says it (the wall said only "closed, every step finished").
    const QStringList all = test::allStepsFinished();
    QTest::newRow("every step finished")
        << all << 10.5 << s("finished T+10 (plan T+65): 55 min under plan") << s("done");
    QTest::newRow("closed, every step finished")
        << all + QStringList{s("11 close")} << 30.0
        << s("closed at T+11 (plan T+65): 54 min under plan") << s("done");
    QTest::newRow("closed late, every step finished")
        << all + QStringList{s("71 close")} << 90.0
        << s("closed at T+71 (plan T+65): 6 min over plan") << s("deferred");
    // A drill whose runner ended it (timed out) before the room finished the last step: the
    // drill clock stood still at the end, and the close read "54 min under plan" in green.
    QTest::newRow("closed, the last step finished after the drill's end")
        << QStringList{s("0 drill-clock 1")} + scopeDone() + QStringList{s("9 drill-end")}
               + all.mid(scopeDone().size()) + QStringList{s("11 close")}
        << 30.0 << s("closed; the last step finished after the drill ended at T+9 (plan T+65)")
        << s("deferred");
    // Still open: the same, where the forecast read "finished T+9 (plan T+65): 56 min under
    // plan" in green at the stopped clock.
    QTest::newRow("open, the last step finished after the drill's end")
        << QStringList{s("0 drill-clock 1")} + scopeDone() + QStringList{s("9 drill-end")}
               + all.mid(scopeDone().size())
        << 30.0 << s("the last step finished after the drill ended at T+9 (plan T+65)")
        << s("deferred");
    QTest::newRow("closed with steps not finished")
        << scopeDone() + QStringList{s("7 close drill over")} << 30.0
        << s("closed with 7 steps not finished") << s("deferred");
    // A failed step apart, as the console says it ("closed with 7 steps not finished" before).
    QTest::newRow("closed with a step failed")
        << scopeDone()
               + QStringList{s("5 skip notify drill"), s("5.5 start freeze"),
                             s("6 fail freeze snapshot missing"), s("7 close drill over")}
        << 30.0 << s("closed with 1 step failed and 5 not finished") << s("deferred");
    // And one whose run's answer was lost: sent, so not "not finished" either.
    QTest::newRow("closed with an outcome unknown")
        << scopeDone()
               + QStringList{s("4 run notify channel"), s("5 unknown notify channel"),
                             s("7 close drill over")}
        << 30.0 << s("closed with 1 step with an outcome unknown and 6 not finished")
        << s("deferred");
    QTest::newRow("closed with only the last step failed")
        << test::lastStepFailedThenClosed() << 30.0 << s("closed with 1 step failed")
        << s("deferred");
}

void TestWallForecast::forecastFollowsProgress()
{
    QFETCH(QStringList, script);
    QFETCH(double, nowMinutes);
    QFETCH(QString, expected);
    QFETCH(QString, tone);
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, script));
    const WallState w = wallOf(t, static_cast<qint64>(nowMinutes * minute));
    QCOMPARE(w.forecast, expected);
    QCOMPARE(wallToneName(w.forecastTone), tone);
}

QTEST_MAIN(TestWallForecast)
#include "tst_wallforecast.moc"
