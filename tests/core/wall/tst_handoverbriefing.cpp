// The briefing a handover offers to the incoming commander, prefilled from the engine: what is
// running, what failed, what waits on whom, what comes next.
#include "WallScript.h"

#include "support/TestStrings.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"
#include "wall/HandoverBriefing.h"

#include <QRegularExpression>
#include <QTest>

using namespace warroom;
using warroom::test::play;
using warroom::test::s;
using warroom::test::scopeDone;
using warroom::test::TestTimeline;

namespace {
constexpr qint64 minute = 60'000;

// The shipped checklist's step 5 started, its version check run at minute 6.
QStringList versionCheckRun()
{
    return scopeDone()
           + QStringList{s("5 skip notify drill"), s("5 skip freeze drill"),
                         s("5 skip execute drill"), s("6 run validate version")};
}
} // namespace

class TestHandoverBriefing : public QObject
{
    Q_OBJECT

private slots:
    void prefill_data();
    void prefill();
    void afterTheDrillsEnd_data();
    void afterTheDrillsEnd();
};

void TestHandoverBriefing::prefill_data()
{
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QStringList>("has");
    QTest::addColumn<QStringList>("hasNot");
    const QString concerns = PayloadKey::Concerns;
    const QString next = PayloadKey::NextActions;
    const QString situation = PayloadKey::Situation;
    QTest::newRow("a run under way is running, not a concern")
        << versionCheckRun() << situation
        << QStringList{s("Running: '{{service}} reports version {{good_version}}' (step 5).")}
        << QStringList{};
    QTest::newRow("a failed check is a concern, with its reason")
        << versionCheckRun() + QStringList{s("7 failed validate version wrong version v1.3.0")}
        << concerns
        << QStringList{s("FAILED: '{{service}} reports version {{good_version}}' (step 5), run 1: "
                         "wrong version v1.3.0.")}
        << QStringList{};
    QTest::newRow("and the next action says its last run failed")
        << versionCheckRun() + QStringList{s("7 failed validate version wrong version v1.3.0")}
        << next << QStringList{s("Its last run FAILED")} << QStringList{};
    QTest::newRow("a check that passed is no concern")
        << versionCheckRun() + QStringList{s("7 passed validate version")} << concerns
        << QStringList{} << QStringList{s("FAILED")};
    QTest::newRow("failed, then confirmed by hand: no longer a concern")
        << versionCheckRun()
               + QStringList{s("7 failed validate version wrong version"),
                             s("8 override validate version checked by hand on the host")}
        << concerns << QStringList{} << QStringList{s("FAILED")};
    QTest::newRow("an outcome unknown is a concern")
        << scopeDone() + QStringList{s("4 run notify channel"), s("5 unknown notify channel")}
        << concerns << QStringList{s("Outcome unknown: ")} << QStringList{};
    // A person found out what happened: briefed as in doubt, it invited finding out again.
    QTest::newRow("outcome unknown, then confirmed by hand: no longer in doubt")
        << scopeDone()
               + QStringList{s("4 run notify channel"), s("5 unknown notify channel"),
                             s("6 override notify channel posted, checked in the channel")}
        << concerns << QStringList{} << QStringList{s("Outcome unknown")};
    // The reason as written, "%3" and all, and with one full stop at its end, not two.
    QTest::newRow("a reason with a percent sign and a full stop")
        << versionCheckRun()
               + QStringList{s("7 failed validate version GET /api%2Fversion answered 50%3.")}
        << concerns << QStringList{s("run 1: GET /api%2Fversion answered 50%3.")}
        << QStringList{s("%3..")};
    QTest::newRow("a failed step, with its reason")
        << scopeDone()
               + QStringList{s("5 skip notify drill"), s("5.5 start freeze"),
                             s("6 fail freeze snapshot missing")}
        << concerns << QStringList{s("Step 3 FAILED: snapshot missing.")} << QStringList{};
    // Next is the failed step, not its first open item, its run or its poll; and the objective
    // counts it as still to finish (the briefing said "5 of 8" with step 3 failed).
    QTest::newRow("next after a failed step")
        << scopeDone()
               + QStringList{s("5 skip notify drill"), s("5.5 start freeze"),
                             s("6 fail freeze snapshot missing")}
        << next
        << QStringList{s("Next: step 3 FAILED (snapshot missing); restart it, or decide what "
                         "waits for it.")}
        << QStringList{s("Its last run"), s("GO/NO-GO"), s("Snapshot or PITR")};
    QTest::newRow("objectives count a failed step")
        << scopeDone()
               + QStringList{s("5 skip notify drill"), s("5.5 start freeze"),
                             s("6 fail freeze snapshot missing")}
        << QString(PayloadKey::Objectives) << QStringList{s("6 of 8 steps still to finish")}
        << QStringList{};
}

void TestHandoverBriefing::prefill()
{
    QFETCH(QStringList, script);
    QFETCH(QString, field);
    QFETCH(QStringList, has);
    QFETCH(QStringList, hasNot);
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, script));
    const QString text = HandoverBriefing::prefill(t.engine(), 9 * minute).value(field).toString();
    for (const QString &line : has)
        QVERIFY2(text.contains(line), qPrintable(text));
    for (const QString &word : hasNot)
        QVERIFY2(!text.contains(word), qPrintable(text));
    // The situation always says where the incident stands: an empty briefing passes no check.
    const QString situation
        = HandoverBriefing::prefill(t.engine(), 9 * minute).value(PayloadKey::Situation).toString();
    QVERIFY2(situation.contains(s("At T+00:09:00")), qPrintable(situation));
    // On a x50 drill clock the room reads the drill's T+, and the forecast is on it too (it added
    // planned drill minutes to real ones: "T+74 (plan T+65)" at real minute 9).
    TestTimeline d(test::shippedChecklist());
    QVERIFY(play(d, QStringList{s("0 drill-clock 50")} + script));
    const QString drill
        = HandoverBriefing::prefill(d.engine(), 9 * minute, ScreenClock::fromEvents(d.events()))
              .value(PayloadKey::Situation)
              .toString();
    QVERIFY2(drill.contains(s("At T+07:30:00")), qPrintable(drill));
    QVERIFY2(drill.contains(QRegularExpression(s("Forecast: [^\n]*T\\+\\d+ h \\d\\d"))),
             qPrintable(drill)); // hours on the drill clock; minutes under 100 on the real one
}

void TestHandoverBriefing::afterTheDrillsEnd_data()
{
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<double>("nowMinutes");
    QTest::addColumn<QString>("at");
    QTest::addColumn<QString>("forecast");
    const QStringList ended
        = QStringList{s("0 drill-clock 1")} + scopeDone() + QStringList{s("9 drill-end")};
    const QStringList all = test::allStepsFinished();
    // The runner ended the drill (timed out) and the room finished the steps later: the
    // briefing read "finished T+9 (plan T+65): 56 min under plan" at the stopped clock, where
    // the wall says the finish came after the end.
    QTest::newRow("ended, the room finished later")
        << ended + all.mid(scopeDone().size()) << 30.0
        << s("At T+00:09:00, where the drill ended: every step is finished.")
        << s("the last step finished after the drill ended at T+9 (plan T+65)");
    // Still going after the end: the forecast stops with the clock, as the wall's.
    QTest::newRow("ended, the room still at step 2")
        << ended << 30.0 << s("At T+00:09:00, where the drill ended: step 2 of 8")
        << s("finish \u2248 T+69 (plan T+65)");
    // A drill clock still running, and a live incident: no word about an end.
    QTest::newRow("a drill still running")
        << QStringList{s("0 drill-clock 1")} + scopeDone() << 9.0 << s("At T+00:09:00: step 2 of 8")
        << s("finish \u2248 T+69 (plan T+65)");
    QTest::newRow("live, every step finished")
        << all << 30.0 << s("At T+00:30:00: every step is finished.")
        << s("finished T+10 (plan T+65): 55 min under plan");
}

// What the outgoing commander is offered after the drill's end says what the wall says.
void TestHandoverBriefing::afterTheDrillsEnd()
{
    QFETCH(QStringList, script);
    QFETCH(double, nowMinutes);
    QFETCH(QString, at);
    QFETCH(QString, forecast);
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, script));
    const auto now = static_cast<qint64>(nowMinutes * minute);
    const QString situation
        = HandoverBriefing::prefill(t.engine(), now, ScreenClock::fromEvents(t.events()))
              .value(PayloadKey::Situation)
              .toString();
    QVERIFY2(situation.contains(at), qPrintable(situation));
    QVERIFY2(situation.contains(s("Forecast: ") + forecast + u'.'), qPrintable(situation));
    // One line for both screens: the wall's forecast at the same moment.
    QCOMPARE(test::wallOf(t, now).forecast, forecast);
}

QTEST_MAIN(TestHandoverBriefing)
#include "tst_handoverbriefing.moc"
