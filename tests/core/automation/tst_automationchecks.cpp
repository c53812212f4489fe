// Checks and ramps run for real against the drill backend: a failing check and what a person
// may do about it, a ramp that halts on its watched checks, and one a person stops.
#include "RunnerFixture.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"

#include <QTest>

using namespace warroom;
using namespace warroom::test; // RunnerFixture's helpers, and s()

class TestAutomationChecks : public QObject, private test::RunnerFixture
{
    Q_OBJECT

private slots:
    void init();
    void failingCheckIsOverriddenOnlyWithAReason();
    void failingRampHaltsAndRollsBack();
    void stoppedByAPerson();
};

void TestAutomationChecks::init()
{
    QString error;
    QVERIFY2(setUp(&error), qPrintable(error));
}

void TestAutomationChecks::failingCheckIsOverriddenOnlyWithAReason()
{
    Rig rig; // still on the bad version: the version check cannot pass
    // A 3 s deadline and a sample every 0.1 s: several samples even on a loaded machine (at
    // 0.01 a slow first answer once outlived the whole 0.6 s deadline).
    QVERIFY(rigUp(rig, 0.05));
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;
    const QString step = s("validate"), item = s("version");
    // Out of order (its dependencies are not done): a reason is needed to run it at all.
    QCOMPARE(runner.start(step, item).status, CommandResult::Status::NeedsReason);
    QVERIFY(runner.start(step, item, s("tabletop: checking the check")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(runOf(*session, step, item).phase, AutomationStatus::Phase::Failed, 10'000);
    const AutomationStatus &run = runOf(*session, step, item);
    QCOMPARE(run.valueText, s("v1.3.0"));
    QCOMPARE(run.threshold, s("== v1.2.0"));
    QVERIFY(!run.samplePassed);
    QCOMPARE(run.reason, s("did not pass within 60 s (last value v1.3.0, threshold == v1.2.0)"));
    QVERIFY(countKind(session->events(), EventKind::CheckSampled) >= 2);

    const CommandResult refused = session->confirmItem(step, item);
    QCOMPARE(refused.status, CommandResult::Status::NeedsReason);
    QVERIFY2(refused.message.contains(s("is done by its check (last run: failed")),
             qPrintable(refused.message));
    QVERIFY(session->confirmItem(step, item, {}, s("verified on each host by hand")).ok());
    const TimelineEvent &last = session->events().constLast();
    QCOMPARE(last.kind, QString(EventKind::ItemConfirmed));
    QVERIFY(last.payload.value(s("by_hand")).toBool());
    QCOMPARE(last.payload.value(s("reason")).toString(), s("verified on each host by hand"));
}

void TestAutomationChecks::failingRampHaltsAndRollsBack()
{
    Rig rig;
    QVERIFY(rigUp(rig, 0.01));
    DrillBackend &sim = rig.sim;
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;
    const QString step = s("reenable"), item = s("ramp");
    QVERIFY(runner.start(step, item, s("drill: ramp on the bad version")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(runOf(*session, step, item).phase, AutomationStatus::Phase::Failed, 10'000);
    const AutomationStatus &run = runOf(*session, step, item);
    QVERIFY(run.halted);
    QCOMPARE(run.weight, 5.0);
    QCOMPARE(run.stagesHeld, 0);
    QCOMPARE(sim.trafficPercent(), 5);
    QCOMPARE(run.readings.size(), 1); // the halt came at the first check
    QCOMPARE(run.readings.first().valueText, s("0.12"));
    QVERIFY(!run.readings.first().passed);
    QVERIFY2(
        run.reason.startsWith(s("Error rate under 1% failed at weight 5: 0.12, threshold < 0.01")),
        qPrintable(run.reason));
    QCOMPARE(stateOf(*session, step, item), ItemState::Open);

    QVERIFY(runner.rollbackRamp(step, item).ok());
    QTRY_COMPARE_WITH_TIMEOUT(sim.trafficPercent(), 0, 10'000);
    QTRY_COMPARE(runOf(*session, step, item).weight, 0.0);
    QTRY_VERIFY(!runner.isActive(step, item));
    QCOMPARE(session->events().constLast().kind, QString(EventKind::ActionResponded));
}

void TestAutomationChecks::stoppedByAPerson()
{
    DrillScenario scenario;
    scenario.jobSeconds = 0;
    Rig rig(scenario);
    QVERIFY(rigUp(rig, 1.0)); // real time: a 10 s hold, checks every 2 s
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;
    // Roll back first, so that nothing would stop the ramp by itself.
    QVERIFY(test::passPoll(*session, s("execute"), s("run")).ok());
    QVERIFY(runner.start(s("execute"), s("run"), s("drill"), s("Sam")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(runOf(*session, s("execute"), s("run")).phase,
                              AutomationStatus::Phase::Succeeded, 10'000);
    const QString step = s("reenable"), item = s("ramp");
    QVERIFY(runner.start(step, item, s("drill")).ok());
    QTRY_COMPARE(runOf(*session, step, item).weight, 5.0);
    QTRY_VERIFY(runOf(*session, step, item).hasSample);

    // Someone sees what no check watches: the ramp halts where it is, with their reason.
    QCOMPARE(runner.stop(step, item, {}).status, CommandResult::Status::NeedsReason);
    const CommandResult stopped = runner.stop(step, item, s("support reports failed payments"));
    QVERIFY2(stopped.ok(), qPrintable(stopped.message));
    QVERIFY(!runner.isActive(step, item));
    const AutomationStatus &run = runOf(*session, step, item);
    QCOMPARE(run.phase, AutomationStatus::Phase::Failed);
    QVERIFY(run.halted);
    QCOMPARE(run.reason, s("stopped by Priya: support reports failed payments"));
    QCOMPARE(rig.sim.trafficPercent(), 5);
    const qsizetype events = session->events().size();
    QTest::qWait(2500); // past the next sampling time: nothing more is sampled or sent
    QCOMPARE(session->events().size(), events);
    QCOMPARE(runner.stop(step, item, s("again")).status, CommandResult::Status::Refused);

    QVERIFY(runner.rollbackRamp(step, item).ok());
    QTRY_COMPARE(rig.sim.trafficPercent(), 0);
}

QTEST_GUILESS_MAIN(TestAutomationChecks)
#include "tst_automationchecks.moc"
