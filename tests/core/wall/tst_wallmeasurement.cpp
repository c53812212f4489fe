// The wall's measured value under the current step (a check's reading, a job's percent, a ramp's
// stages and readings), from scripted timelines without a screen.
#include "WallScript.h"

#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "wall/WallStateBuilder.h"

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

class TestWallMeasurement : public QObject
{
    Q_OBJECT

private slots:
    void measurement_data();
    void measurement();
    void rampShowsStagesAndReadings();
    void haltedStageKeepsItsMarkAfterSettingBack_data();
    void haltedStageKeepsItsMarkAfterSettingBack();
};

void TestWallMeasurement::measurement_data()
{
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<double>("nowMinutes");
    QTest::addColumn<QString>("heading");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("tone");
    const QStringList toValidate = scopeDone()
                                   + QStringList{s("5 skip notify drill"), s("5 skip freeze drill"),
                                                 s("5 skip execute drill")};
    QTest::newRow("nothing automated")
        << scopeDone().mid(0, 1) << 2.0 << QString() << QString() << QString() << s("pending");
    QTest::newRow("check not started")
        << toValidate << 6.0 << s("CHECK \u00B7 NOT STARTED") << QString()
        << s("threshold == {{good_version}}") << s("pending");
    QTest::newRow("passing, with its age")
        << toValidate
               + QStringList{s("6 run validate version"),
                             s("6.5 sample validate version v1.2.9 ==v1.2.9 pass")}
        << 7.0 << s("CHECK \u00B7 PASSING") << s("v1.2.9")
        << s("threshold ==v1.2.9 \u00B7 measured 30 s ago") << s("active");
    QTest::newRow("failing is red")
        << toValidate
               + QStringList{s("6 run validate version"),
                             s("6.5 sample validate version v1.3.0 ==v1.2.9 fail")}
        << 6.5 << s("CHECK \u00B7 FAILING") << s("v1.3.0")
        << s("threshold ==v1.2.9 \u00B7 measured 0 s ago") << s("failed");
    QTest::newRow("passed stays up a while")
        << toValidate
               + QStringList{s("6 run validate version"),
                             s("6.5 sample validate version v1.2.9 ==v1.2.9 pass"),
                             s("6.5 passed validate version")}
        << 7.5
        << s("CHECK \u00B7 SUCCEEDED \u00B7 step 5: {{service}} reports version {{good_version}}")
        << s("v1.2.9") << s("threshold ==v1.2.9 \u00B7 measured 1 min 00 s ago") << s("done");
    // The job's percent, as the console's bar shows it.
    QTest::newRow("job running, with its percent")
        << scopeDone()
               + QStringList{s("5 skip notify drill"),   s("5 skip freeze drill"),
                             s("5 start execute drill"), s("5 confirm execute marker-start"),
                             s("5 run execute run"),     s("5.5 answer execute run running 40")}
        << 6.0 << s("ACTION \u00B7 RUNNING") << s("running \u00B7 40% done")
        << s("job state, waiting for succeeded") << s("active");
    // Its job done, the detail says so (it read "waiting for == succeeded" under SUCCEEDED).
    QTest::newRow("job succeeded")
        << scopeDone() + QStringList{s("5 skip notify drill"),
                                     s("5 skip freeze drill"),
                                     s("5 start execute drill"),
                                     s("5 confirm execute marker-start"),
                                     s("5 run execute run"),
                                     s("5.5 answer execute run succeeded 100"),
                                     s("5.5 succeeded execute run")}
        << 6.0
        << s("ACTION \u00B7 SUCCEEDED \u00B7 step 4: Rollback job of {{service}} to "
             "{{good_version}} started and finished")
        << s("succeeded \u00B7 100% done") << s("job state, as wanted (succeeded)") << s("done");
    // Failed, the run's reason says what the job came to and what was wanted, once.
    QTest::newRow("job failed")
        << scopeDone()
               + QStringList{s("5 skip notify drill"),
                             s("5 skip freeze drill"),
                             s("5 start execute drill"),
                             s("5 confirm execute marker-start"),
                             s("5 run execute run"),
                             s("5.5 answer execute run failed 40"),
                             s("5.5 jobfailed execute run the job's state is failed")}
        << 6.0 << s("ACTION \u00B7 FAILED") << s("failed \u00B7 40% done")
        << s("the job's state is failed") << s("failed");
    // Its screen stopped answering while it polled: the last answer is history, said so (it
    // read "running · 40% done" under OUTCOME UNKNOWN while the job went on to succeed).
    QTest::newRow("job's outcome unknown, its last answer")
        << scopeDone()
               + QStringList{s("5 skip notify drill"),    s("5 skip freeze drill"),
                             s("5 start execute drill"),  s("5 confirm execute marker-start"),
                             s("5 run execute run"),      s("5.5 answer execute run running 40"),
                             s("5.6 unknown execute run")}
        << 6.0 << s("ACTION \u00B7 OUTCOME UNKNOWN") << s("last seen running \u00B7 40% done")
        << s("no whole answer \u00B7 the job's last answer before nobody watched it; what it "
             "came to is not known")
        << s("deferred");
    QTest::newRow("then gives way")
        << toValidate
               + QStringList{s("6 run validate version"),
                             s("6.5 sample validate version v1.2.9 ==v1.2.9 pass"),
                             s("6.5 passed validate version")}
        << 9.0 << QString() << QString() << QString() << s("pending");
}

void TestWallMeasurement::measurement()
{
    QFETCH(QStringList, script);
    QFETCH(double, nowMinutes);
    QFETCH(QString, heading);
    QFETCH(QString, value);
    QFETCH(QString, detail);
    QFETCH(QString, tone);
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, script));
    const WallMeasurement m = wallOf(t, static_cast<qint64>(nowMinutes * minute)).measurement;
    QCOMPARE(m.shown, !heading.isEmpty());
    QCOMPARE(m.heading, heading);
    QCOMPARE(m.value, value);
    QCOMPARE(m.detail, detail);
    QCOMPARE(wallToneName(m.tone), tone);
}

void TestWallMeasurement::rampShowsStagesAndReadings()
{
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, scopeDone()
                        + QStringList{s("6 start reenable drill"), s("6 run reenable ramp"),
                                      s("7 held reenable ramp 5"),
                                      s("7.5 sample reenable ramp 0.2% <1% pass error-rate"),
                                      s("7.6 sample reenable ramp 480ms <300ms fail p99")}));
    const WallMeasurement m = wallOf(t, 8 * minute).measurement;
    // The current item is the step's idle action; the ramp under way takes the wall, named.
    QCOMPARE(m.heading, s("RAMP \u00B7 FAILING \u00B7 step 6: Traffic ramped back 5 \u2192 25 "
                          "\u2192 50 \u2192 100% with a hold and checks at each stage"));
    QCOMPARE(m.stages, s("5% HELD \u2192 25% \u2192 50% \u2192 100%"));
    QCOMPARE(m.readings,
             QStringList({s("PASS 0.2% \u00B7 error-rate \u00B7 threshold <1% \u00B7 30 s ago"),
                          s("FAIL 480ms \u00B7 p99 \u00B7 threshold <300ms \u00B7 24 s ago")}));
    QCOMPARE(m.tone, WallTone::Failed);
}

// The ramp halts at 25% and the commander sets the weight back to 0%: the stage that halted
// keeps its mark (it was found by the weight, and lost it when the weight went back).
void TestWallMeasurement::haltedStageKeepsItsMarkAfterSettingBack_data()
{
    QTest::addColumn<QStringList>("after");
    QTest::addColumn<QString>("stages");
    QTest::newRow("halted at 25%") << QStringList{}
                                   << s("5% HELD \u2192 25% HALTED \u2192 50% "
                                        "\u2192 100%");
    QTest::newRow("weight set back to 0%") << QStringList{s("9 weight reenable ramp 0")}
                                           << s("5% HELD \u2192 25% HALTED \u2192 50% \u2192 100%");
}

void TestWallMeasurement::haltedStageKeepsItsMarkAfterSettingBack()
{
    QFETCH(QStringList, after);
    QFETCH(QString, stages);
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, scopeDone()
                        + QStringList{s("6 start reenable drill"),
                                      s("6 override reenable unfreeze unfrozen by hand"),
                                      s("6 run reenable ramp"), s("6.1 weight reenable ramp 5"),
                                      s("7 held reenable ramp 5"), s("7.1 weight reenable ramp 25"),
                                      s("7.6 sample reenable ramp 480ms <300ms fail p99"),
                                      s("8 halted reenable ramp")}
                        + after));
    const WallMeasurement m = wallOf(t, 10 * minute).measurement;
    QCOMPARE(m.heading, s("RAMP \u00B7 HALTED")); // the current item: its name is the wall's
    QCOMPARE(m.stages, stages);
}

QTEST_MAIN(TestWallMeasurement)
#include "tst_wallmeasurement.moc"
