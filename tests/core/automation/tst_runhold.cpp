// A facilitator's pause holds the runs under way, for real against the drill backend: while
// held no job poll, check sample or ramp stage is sent (the item's events stop), and after the
// release the run goes on from where it was and reaches its end.
#include "RunnerFixture.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"

#include <QTest>

using namespace warroom;
using namespace warroom::test;

namespace {

int eventsOf(const IncidentSession &session, const QString &step, const QString &item)
{
    int n = 0;
    for (const TimelineEvent &e : session.events())
        n += e.stepId == step && e.itemId == item ? 1 : 0;
    return n;
}

} // namespace

class TestRunHold : public QObject, private test::RunnerFixture
{
    Q_OBJECT

private slots:
    void init();
    void heldRunsWait_data();
    void heldRunsWait();
};

void TestRunHold::init()
{
    QString error;
    QVERIFY2(setUp(&error), qPrintable(error));
}

void TestRunHold::heldRunsWait_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("item");
    QTest::addColumn<int>("jobSeconds");
    QTest::addColumn<int>("endsAs"); // AutomationStatus::Phase
    QTest::newRow("job polls") << s("execute") << s("run") << 4
                               << int(AutomationStatus::Phase::Succeeded);
    // Writes go on until the freeze: the check samples, failing, until its deadline.
    QTest::newRow("check samples") << s("freeze") << s("write-rate") << 20
                                   << int(AutomationStatus::Phase::Failed);
}

void TestRunHold::heldRunsWait()
{
    QFETCH(QString, step);
    QFETCH(QString, item);
    QFETCH(int, jobSeconds);
    QFETCH(int, endsAs);
    DrillScenario scenario;
    scenario.jobSeconds = jobSeconds;
    Rig rig(scenario);
    QVERIFY(rigUp(rig, 0.1)); // every 2 s of the checklist is 200 ms
    IncidentSession &session = *rig.session;
    AutomationRunner &runner = *rig.runner;
    if (step == QLatin1String("execute"))
        QVERIFY(test::passPoll(session, step, item).ok());
    const QString second = step == QLatin1String("execute") ? s("Sam") : QString();
    QVERIFY(runner.start(step, item, s("drill"), second).ok());
    // Under way: started and answered at least twice (a job poll or a sample each 200 ms).
    QTRY_VERIFY_WITH_TIMEOUT(eventsOf(session, step, item) >= 4, 10'000);
    runner.hold();
    QVERIFY(runner.isHeld());
    QTest::qWait(300); // what was on the wire lands and is recorded
    const int held = eventsOf(session, step, item);
    QTest::qWait(1'500); // seven polls or samples, were it not held
    QCOMPARE(eventsOf(session, step, item), held);
    QCOMPARE(runOf(session, step, item).phase, AutomationStatus::Phase::Running);
    runner.release();
    QTRY_VERIFY_WITH_TIMEOUT(eventsOf(session, step, item) > held, 5'000);
    QTRY_VERIFY_WITH_TIMEOUT(runOf(session, step, item).phase != AutomationStatus::Phase::Running,
                             30'000);
    QVERIFY2(int(runOf(session, step, item).phase) == endsAs,
             qPrintable(runOf(session, step, item).reason));
}

QTEST_MAIN(TestRunHold)
#include "tst_runhold.moc"
