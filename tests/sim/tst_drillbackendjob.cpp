// The drill backend's rollback job, polled as the checklist polls it: to healthy, and failing
// (from the start at 60%, or told to fail at run time past 60%, where it was: its progress never
// goes back).
#include "SimClient.h"

#include "sim/DrillBackend.h"
#include "support/TestStrings.h"

#include <QTest>

using namespace warroom;
using warroom::test::Client;
using warroom::test::s;

class TestDrillBackendJob : public QObject
{
    Q_OBJECT

private slots:
    void rollbackJobToHealthy();
    void failingJob_data();
    void failingJob();
};

void TestDrillBackendJob::rollbackJobToHealthy()
{
    DrillScenario scenario;
    scenario.jobSeconds = 1;
    DrillBackend sim(scenario);
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    QCOMPARE(c.call("POST", "/api/rollback", R"({"to_version":"v9"})").status, 422);
    HttpResult started = c.call("POST", "/api/rollback", R"({"to_version":"v1.2.0"})", s("rb-1"));
    QCOMPARE(started.status, 202);
    const QJsonObject job = QJsonDocument::fromJson(started.body).object();
    QCOMPARE(job.value(s("state")).toString(), s("running"));
    const QByteArray statusUrl = job.value(s("status_url")).toString().toLatin1();
    QCOMPARE(c.call("POST", "/api/rollback", R"({"to_version":"v1.2.0"})", s("rb-2")).status, 409);
    // Poll, as the checklist's poll will, until the job says so.
    QString state;
    for (int i = 0; i < 50 && state != QLatin1String("succeeded"); ++i) {
        QTest::qWait(100);
        state = c.object("GET", statusUrl.constData()).value(s("state")).toString();
    }
    QCOMPARE(state, s("succeeded"));
    QCOMPARE(sim.version(), s("v1.2.0"));
    QCOMPARE(c.object("GET", "/api/status").value(s("error_rate")).toDouble(), 0.002);
    QCOMPARE(c.call("GET", "/api/jobs/job-99").status, 404);
}

void TestDrillBackendJob::failingJob_data()
{
    QTest::addColumn<int>("toldAt"); // the progress at which POST /api/faults tells it to fail
    QTest::newRow("failing from the start") << 0;
    // Told after 60%, it fails where it was: its progress never goes back to 60.
    QTest::newRow("told to fail at 80%") << 80;
}

void TestDrillBackendJob::failingJob()
{
    QFETCH(int, toldAt);
    DrillScenario scenario;
    scenario.jobSeconds = toldAt > 0 ? 5 : 1; // a second's margin after 80% to tell it
    scenario.jobFails = toldAt == 0;
    DrillBackend sim(scenario);
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    QCOMPARE(c.call("POST", "/api/rollback", R"({"to_version":"v1.2.0"})").status, 202);
    QJsonObject job;
    int seen = 60;
    if (toldAt > 0) {
        for (int i = 0; i < 200 && job.value(s("progress")).toInt() < toldAt; ++i) {
            QTest::qWait(25);
            job = c.object("GET", "/api/jobs/job-1");
        }
        QCOMPARE(job.value(s("state")).toString(), s("running"));
        seen = job.value(s("progress")).toInt();
        QCOMPARE(c.call("POST", "/api/faults", R"({"job_fails":true})").status, 200);
    } else {
        // First asked at 80% of its time: it failed at 60%, and says so (it said 80%, and a
        // drill titled "fails at 60%" showed "job stopped at 71% (failed)").
        QTest::qWait(800);
    }
    for (int i = 0; i < 50 && job.value(s("state")).toString() != QLatin1String("failed"); ++i) {
        QTest::qWait(100);
        job = c.object("GET", "/api/jobs/job-1");
    }
    QCOMPARE(job.value(s("state")).toString(), s("failed"));
    // Exactly: /api/faults does not move the job, and the next poll fails it where it was.
    QCOMPARE(job.value(s("progress")).toInt(), seen);
    QCOMPARE(sim.version(), s("v1.3.0"));
}

QTEST_GUILESS_MAIN(TestDrillBackendJob)
#include "tst_drillbackendjob.moc"
