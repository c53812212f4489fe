#include "support/TestTimeline.h"
#include "automation/AutomationRunner.h"
#include "control/IncidentController.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/TestStrings.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

// The open incident's machinery without a window: what the screen relies on when it opens,
// declares and replaces incidents, and how fast a drill runs.
class TestIncidentController : public QObject
{
    Q_OBJECT

private slots:
    void declareGivesSessionAndRunner();
    void drillSpeedAppliesToDrillsOnly();
    void failedOpenKeepsTheOpenIncident();
    void replacedSessionOutlivesTheSignal();

private:
    IncidentDeclaration declaration(IncidentMode mode) const
    {
        IncidentDeclaration d;
        d.title = s("Controller");
        d.commander = s("Alice Chen");
        d.mode = mode;
        d.variables = {{s("service"), s("api")}};
        return d;
    }
    bool openStore(TimelineStore &store, const char *name)
    {
        QString error;
        return store.open(m_dir.filePath(s(name)), &error);
    }

    QTemporaryDir m_dir;
    qint64 m_now = 1'767'225'600'000;
    Clock clock()
    {
        return [this] {
            return m_now;
        };
    }
};

void TestIncidentController::declareGivesSessionAndRunner()
{
    TimelineStore store;
    QVERIFY(openStore(store, "declare.sqlite"));
    IncidentController controller(store, clock());
    QSignalSpy changed(&controller, &IncidentController::sessionChanged);
    QVERIFY(!controller.session());
    QVERIFY(!controller.runner());
    QString error;
    QVERIFY(controller.declare(test::parallelChecklist(), declaration(IncidentMode::Live), &error));
    QCOMPARE(changed.count(), 1);
    QVERIFY(controller.session());
    QVERIFY(controller.runner());
    QCOMPARE(controller.session()->incident().title, s("Controller"));
    QVERIFY(!controller.isDrill());
}

void TestIncidentController::drillSpeedAppliesToDrillsOnly()
{
    TimelineStore store;
    QVERIFY(openStore(store, "speed.sqlite"));
    IncidentController controller(store, clock());
    controller.setDrillSpeed(10); // before any incident: kept for the next drill
    QString error;
    QVERIFY(
        controller.declare(test::parallelChecklist(), declaration(IncidentMode::Drill), &error));
    QVERIFY(controller.isDrill());
    QCOMPARE(controller.runner()->timeScale(), 0.1);
    controller.setDrillSpeed(1000); // at most a hundred times faster
    QCOMPARE(controller.drillSpeed(), 100.0);
    QCOMPARE(controller.runner()->timeScale(), 0.01);
    controller.setDrillSpeed(0.5); // never slower than real time
    QCOMPARE(controller.runner()->timeScale(), 1.0);
    controller.setDrillSpeed(10);
    QVERIFY(controller.declare(test::parallelChecklist(), declaration(IncidentMode::Live), &error));
    QCOMPARE(controller.runner()->timeScale(), 1.0);
}

void TestIncidentController::failedOpenKeepsTheOpenIncident()
{
    TimelineStore store;
    QVERIFY(openStore(store, "open.sqlite"));
    IncidentController controller(store, clock());
    QString error;
    QVERIFY(controller.declare(test::parallelChecklist(), declaration(IncidentMode::Live), &error));
    IncidentSession *open = controller.session();
    QSignalSpy changed(&controller, &IncidentController::sessionChanged);
    QVERIFY(!controller.open(9999, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(changed.count(), 0);
    QCOMPARE(controller.session(), open);
}

void TestIncidentController::replacedSessionOutlivesTheSignal()
{
    TimelineStore store;
    QVERIFY(openStore(store, "replace.sqlite"));
    IncidentController controller(store, clock());
    QString error;
    QVERIFY(controller.declare(test::parallelChecklist(), declaration(IncidentMode::Live), &error));
    QPointer<IncidentSession> first = controller.session();
    bool firstAliveDuringSignal = false;
    connect(&controller, &IncidentController::sessionChanged, this,
            [&] { firstAliveDuringSignal = !first.isNull() && controller.session() != first; });
    QVERIFY(
        controller.declare(test::parallelChecklist(), declaration(IncidentMode::Drill), &error));
    QVERIFY(firstAliveDuringSignal); // whoever showed it could still let go of it
    QVERIFY(first.isNull());         // and then it was gone
    QVERIFY(controller.isDrill());
}

QTEST_GUILESS_MAIN(TestIncidentController)
#include "tst_incidentcontroller.moc"
