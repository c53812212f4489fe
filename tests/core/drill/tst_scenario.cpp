#include "drill/DrillClock.h"
#include "drill/ScenarioParser.h"
#include "sim/DrillBackend.h"
#include "support/TestFiles.h"
#include "support/TestStrings.h"

#include <QJsonDocument>
#include <QTest>

using namespace warroom;
using warroom::test::s;

namespace {

const QString dataDir = QStringLiteral(WARROOM_TEST_DATA "/scenarios");

} // namespace

class TestScenario : public QObject
{
    Q_OBJECT

private slots:
    void goodFiles_data();
    void goodFiles();
    void shippedScenario();
    void badFiles_data();
    void badFiles();
    void fromChecklist_data();
    void fromChecklist();
    void faultKeysAreTheBackends();
    void drillClock_data();
    void drillClock();
};

void TestScenario::goodFiles_data()
{
    test::addFileRows(dataDir + QStringLiteral("/good"), QStringLiteral("*.json"));
}

void TestScenario::goodFiles()
{
    QFETCH(QString, path);
    const ScenarioParseResult r = ScenarioParser::parseFile(path);
    QVERIFY2(r.ok(), qPrintable(formatDiagnostics(r.diagnostics)));
    QCOMPARE(r.checklist->id, s("rollback-eight-step"));
    QCOMPARE(r.scenario->drillSpeed, 50.0);
    QVERIFY(r.scenario->bundledBackend);
}

void TestScenario::shippedScenario()
{
    const ScenarioParseResult r = ScenarioParser::parseFile(
        QStringLiteral(WARROOM_CHECKLISTS "/scenarios/flapping-error-rate.json"));
    QVERIFY2(r.ok(), qPrintable(formatDiagnostics(r.diagnostics)));
    const Scenario &sc = *r.scenario;
    QCOMPARE(sc.id, s("flapping-error-rate"));
    QCOMPARE(sc.injects.size(), 2);
    QCOMPARE(sc.injects.at(0).when.atMs, 30'000);
    QCOMPARE(sc.injects.at(0).toRole, s("comms"));
    QCOMPARE(sc.injects.at(1).when.event, DrillMoment::Event::RunStarted);
    QCOMPARE(sc.injects.at(1).when.describe(), s("reenable/ramp started running"));
    QCOMPARE(sc.injects.at(1).fault.value(s("flapping_error_rate")).toBool(), true);
    QCOMPARE(sc.expectations.size(), 3);
    QCOMPARE(sc.expectations.at(1).describe(),
             s("reenable/ramp halted within 00:01:00 of inject error-rate-flaps"));
    const DrillAct *two = sc.players.find(DrillAct::Kind::TwoPerson, s("execute/run"));
    QVERIFY(two);
    QCOMPARE(two->actor, s("Sam"));
    QCOMPARE(sc.players.find(DrillAct::Kind::Choice, s("scope/class"))->afterMs, 60'000);
    QVERIFY(!sc.players.find(DrillAct::Kind::Poll, s("scope/class")));
}

void TestScenario::badFiles_data()
{
    test::addFileRows(dataDir + QStringLiteral("/bad"), QStringLiteral("*.json"));
}

void TestScenario::badFiles()
{
    QFETCH(QString, path);
    const ScenarioParseResult r = ScenarioParser::parseFile(path);
    QVERIFY(!r.ok());
    QVERIFY(!r.scenario);
    QString text = formatDiagnostics(r.diagnostics) + u'\n';
    text.replace(dataDir + u'/', QString());
    WARROOM_COMPARE_GOLDEN(text, path.chopped(5) + QStringLiteral(".expected"));
}

void TestScenario::fromChecklist_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problem");
    QTest::newRow("declared") << s("service") << s("orders-api") << QString();
    QTest::newRow("undeclared") << s("servce") << s("x")
                                << s("--var: error: checklist rollback-eight-step declares no "
                                     "variable 'servce' (it has: service, bad_version, "
                                     "good_version, channel, backend, prometheus)");
}

void TestScenario::fromChecklist()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, problem);
    const ScenarioParseResult r = ScenarioParser::fromChecklist(
        QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json"), {{name, value}});
    QCOMPARE(formatDiagnostics(r.diagnostics), problem);
    QCOMPARE(r.ok(), problem.isEmpty());
    if (r.ok()) {
        QCOMPARE(r.scenario->variables.value(name), value);
        QCOMPARE(r.scenario->players.actor, s("drill bot"));
        QCOMPARE(r.scenario->players.afterMs, 15'000);
    }
}

void TestScenario::faultKeysAreTheBackends()
{
    // Every fault the scenario reader accepts is one the drill backend takes at POST /api/faults.
    const QByteArray json = R"({"scenario": 1, "id": "all", "checklist": ")" WARROOM_CHECKLISTS
                            R"(/rollback-eight-step.json",
        "backend": {"kind": "bundled", "faults": {"service": "a", "bad_version": "v2",
        "good_version": "v1", "job_seconds": 3, "job_fails": true, "error_responses": 0.5,
        "flapping_error_rate": true, "fail_next": 2, "latency_ms": 10, "stall_next": 1}}})";
    const ScenarioParseResult r = ScenarioParser::parse(json, s("all.json"));
    QVERIFY2(r.ok(), qPrintable(formatDiagnostics(r.diagnostics)));
    QCOMPARE(r.scenario->initialFaults.size(), 10);
    DrillScenario play;
    QString error;
    QVERIFY2(DrillBackend::readScenario(QJsonDocument(r.scenario->initialFaults).toJson(), &play,
                                        &error),
             qPrintable(error));
    QVERIFY(play.jobFails && play.flappingErrorRate);
    QCOMPARE(play.jobSeconds, 3);
    QCOMPARE(play.stallNext, 1);
    // The limits agree too (the two tables are written twice): each count at its largest is
    // taken by both, one more is refused by both; so is an escape in a text.
    const QList<std::pair<QByteArray, bool>> limits{
        {R"("job_seconds": 3600)", true},    {R"("job_seconds": 3601)", false},
        {R"("fail_next": 1000000)", true},   {R"("fail_next": 1000001)", false},
        {R"("latency_ms": 600000)", true},   {R"("latency_ms": 600001)", false},
        {R"("stall_next": 1000000)", true},  {R"("stall_next": 1000001)", false},
        {R"("error_responses": 1)", true},   {R"("error_responses": 1.01)", false},
        {R"("service": "a\u001bb")", false}, {R"("service": "a b")", true}};
    for (const auto &[fault, taken] : limits) {
        const QByteArray one = R"({"scenario": 1, "id": "one", "checklist": ")" WARROOM_CHECKLISTS
                               R"(/rollback-eight-step.json", "backend": {"kind": "bundled",
                               "faults": {)"
                               + fault + "}}}";
        QCOMPARE(ScenarioParser::parse(one, s("one.json")).ok(), taken);
        QCOMPARE(DrillBackend::readScenario("{" + fault + "}", &play, &error), taken);
    }
}

void TestScenario::drillClock_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<QList<qint64>>("pauses"); // pause, resume, pause, resume... (real ms)
    QTest::addColumn<qint64>("at");
    QTest::addColumn<qint64>("drill");
    QTest::newRow("real time") << 1.0 << QList<qint64>{} << qint64(90'000) << qint64(90'000);
    QTest::newRow("x50") << 50.0 << QList<qint64>{} << qint64(1'000) << qint64(50'000);
    QTest::newRow("before a pause")
        << 10.0 << QList<qint64>{5'000, 8'000} << qint64(4'000) << qint64(40'000);
    QTest::newRow("inside a pause")
        << 10.0 << QList<qint64>{5'000, 8'000} << qint64(7'000) << qint64(50'000);
    QTest::newRow("after a pause")
        << 10.0 << QList<qint64>{5'000, 8'000} << qint64(9'000) << qint64(60'000);
    QTest::newRow("two pauses") << 2.0 << QList<qint64>{1'000, 2'000, 3'000, 5'000} << qint64(6'000)
                                << qint64(6'000);
    QTest::newRow("still paused") << 2.0 << QList<qint64>{1'000} << qint64(60'000) << qint64(2'000);
}

void TestScenario::drillClock()
{
    QFETCH(double, speed);
    QFETCH(QList<qint64>, pauses);
    QFETCH(qint64, at);
    QFETCH(qint64, drill);
    DrillClock clock(speed);
    clock.start(0);
    for (qsizetype i = 0; i < pauses.size(); ++i) {
        if (i % 2 == 0)
            clock.pause(pauses.at(i));
        else
            clock.resume(pauses.at(i));
    }
    QCOMPARE(clock.isPaused(), pauses.size() % 2 == 1);
    QCOMPARE(clock.drillMs(at), drill);
}

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
