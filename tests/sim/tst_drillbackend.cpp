#include "SimClient.h"
#include "http/HttpEngine.h"
#include "sim/DrillBackend.h"
#include "support/TestStrings.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <array>
#include <memory>
#include <vector>

using namespace warroom;
using warroom::test::Client;
using warroom::test::s;

namespace {

QString header(const HttpResult &r, const char *name)
{
    for (const auto &[k, v] : r.headers) {
        if (k.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

} // namespace

class TestDrillBackend : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void statusOfABadDeploy();
    void freezeHappensOnceWhateverTheRetries();
    void trafficAndValidation();
    void webhook();
    void prometheusEndpoints();
    void injectedErrorsAtRunTime();
    void latencyAndStalls();
    void clientGoneBeforeDelayedAnswer_data();
    void clientGoneBeforeDelayedAnswer();
    void faultsNeedTheToken_data();
    void faultsNeedTheToken();
    void idleAndSlowConnectionsAreDropped_data();
    void idleAndSlowConnectionsAreDropped();
    void idempotencyRecordIsBounded();
    void scenarios_data();
    void scenarios();
};

void TestDrillBackend::initTestCase()
{
    qRegisterMetaType<HttpResult>();
}

void TestDrillBackend::statusOfABadDeploy()
{
    DrillBackend sim;
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    const QJsonObject st = c.object("GET", "/api/status");
    QCOMPARE(st.value(s("version")).toString(), s("v1.3.0"));
    QCOMPARE(st.value(s("error_rate")).toDouble(), 0.12);
    QCOMPARE(st.value(s("writes_frozen")).toBool(), false);
    QCOMPARE(st.value(s("write_rate")).toInt(), 120);
}

void TestDrillBackend::freezeHappensOnceWhateverTheRetries()
{
    DrillScenario scenario;
    scenario.failNext = 2; // the first two attempts fail before the effect
    DrillBackend sim(scenario);
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    c.engine().setBackoff(10, 50);
    const QString key = s("incident-1-freeze-1");
    HttpResult r = c.call("POST", "/api/freeze", R"({"frozen":true})", key, 3);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.attempts, 3);
    QCOMPARE(sim.sideEffects(), 1);
    // The same key again (a crash and a re-send, say): the first answer, and nothing done twice.
    r = c.call("POST", "/api/freeze", R"({"frozen":true})", key);
    QCOMPARE(r.status, 200);
    QCOMPARE(header(r, "Idempotent-Replayed"), s("true"));
    QCOMPARE(sim.sideEffects(), 1);
    const QJsonObject st = c.object("GET", "/api/status");
    QCOMPARE(st.value(s("writes_frozen")).toBool(), true);
    QCOMPARE(st.value(s("write_rate")).toInt(), 0);
}

void TestDrillBackend::trafficAndValidation()
{
    DrillBackend sim;
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    QCOMPARE(
        c.object("POST", "/api/traffic", R"({"percent":25})").value(s("traffic_percent")).toInt(),
        25);
    QCOMPARE(c.object("GET", "/api/status").value(s("write_rate")).toInt(), 30);
    const HttpResult bad = c.call("POST", "/api/traffic", R"({"percent":"lots"})");
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.body.contains("'percent' must be a number from 0 to 100"));
    QCOMPARE(c.object("POST", "/api/traffic", R"({"percent":0})").value(s("error_rate")).toDouble(),
             0.0);
}

void TestDrillBackend::webhook()
{
    DrillBackend sim;
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    QCOMPARE(
        c.call("POST", "/slack/webhook", R"({"text":"[DRILL] Rolling back payments-api"})").body,
        QByteArray("ok"));
    QCOMPARE(c.call("POST", "/slack/webhook", R"({})").status, 400);
    const QJsonArray messages
        = QJsonDocument::fromJson(c.call("GET", "/slack/messages").body).array();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).toString(), s("[DRILL] Rolling back payments-api"));
}

void TestDrillBackend::prometheusEndpoints()
{
    DrillBackend sim;
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    const QByteArray text = c.call("GET", "/metrics").body;
    QVERIFY(text.contains("# TYPE warroom_sim_error_rate gauge\n"));
    QVERIFY(text.contains(
        "warroom_sim_error_rate{service=\"payments-api\",version=\"v1.3.0\"} 0.12\n"));
    const QJsonObject q = c.object(
        "GET", "/api/v1/query?query=warroom_sim_error_rate%7Bservice%3D%22payments-api%22%7D");
    QCOMPARE(q.value(s("status")).toString(), s("success"));
    const QJsonArray result = q.value(s("data")).toObject().value(s("result")).toArray();
    QCOMPARE(result.size(), 1);
    QCOMPARE(result.at(0).toObject().value(s("value")).toArray().at(1).toString(), s("0.12"));
    const HttpResult bad = c.call("GET", "/api/v1/query?query=rate(x%5B5m%5D)");
    QCOMPARE(bad.status, 400);
    QCOMPARE(QJsonDocument::fromJson(bad.body).object().value(s("errorType")).toString(),
             s("bad_data"));
    // A quote in a scenario's name closed the label and wrote a series of its own.
    DrillScenario quoted;
    quoted.service = s(R"(a"} injected 1 #\x)");
    DrillBackend other(quoted);
    QVERIFY(other.listen() > 0);
    QVERIFY(
        Client(other.port())
            .call("GET", "/metrics")
            .body.contains(
                R"(warroom_sim_error_rate{service="a\"} injected 1 #\\x",version="v1.3.0"} 0.12)"));
}

void TestDrillBackend::injectedErrorsAtRunTime()
{
    DrillBackend sim;
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    c.engine().setBackoff(10, 20);
    QCOMPARE(c.call("POST", "/api/faults", R"({"error_responses":1})").status, 200);
    const HttpResult r = c.call("GET", "/api/status", {}, {}, 3);
    QCOMPARE(r.status, 503);
    QCOMPARE(r.attempts, 3);
    QCOMPARE(c.call("POST", "/api/freeze", R"({"frozen":true})", s("k")).status, 503);
    QCOMPARE(sim.sideEffects(), 0); // failures come before the effect
    QCOMPARE(c.call("POST", "/api/faults", R"({"error_responses":0})").status, 200);
    QCOMPARE(c.call("POST", "/api/freeze", R"({"frozen":true})", s("k")).status, 200);
    QCOMPARE(sim.sideEffects(), 1);
}

void TestDrillBackend::latencyAndStalls()
{
    DrillScenario scenario;
    scenario.latencyMs = 300;
    DrillBackend sim(scenario);
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    // A lower bound only: the answer cannot come before the backend's timer lets it go.
    const HttpResult slow = c.call("GET", "/api/status");
    QCOMPARE(slow.status, 200);
    QVERIFY2(slow.durationMs >= 290, qPrintable(QString::number(slow.durationMs)));
    // The service's own p99 shows the injected latency (the bad version's 850 ms plus 300).
    QCOMPARE(QJsonDocument::fromJson(slow.body).object().value(s("latency_p99_ms")).toInt(), 1150);

    QCOMPARE(c.call("POST", "/api/faults", R"({"latency_ms":0,"stall_next":1})").status, 200);
    HttpRequest r;
    r.url = QStringLiteral("http://127.0.0.1:%1/api/status").arg(sim.port());
    r.totalTimeoutMs = 400;
    r.maxAttempts = 1;
    QSignalSpy done(&c.engine(), &HttpEngine::finished);
    c.engine().start(r);
    QVERIFY(done.wait(5'000));
    const HttpResult stalled = done.first().at(1).value<HttpResult>();
    QCOMPARE(stalled.status, 0);
    QCOMPARE(stalled.curlCode, 28);                     // CURLE_OPERATION_TIMEDOUT
    QCOMPARE(c.call("GET", "/api/status").status, 200); // only the next one stalled
}

void TestDrillBackend::clientGoneBeforeDelayedAnswer_data()
{
    QTest::addColumn<QByteArray>("faults");
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("latency")
        << QByteArray(R"({"latency_ms":150})")
        << QByteArray("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTest::newRow("latency and a fault")
        << QByteArray(R"({"latency_ms":150,"fail_next":20})")
        << QByteArray("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTest::newRow("side effect")
        << QByteArray(R"({"latency_ms":150})")
        << QByteArray("POST /api/traffic HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nContent-Length: 14\r\n\r\n"
                      R"({"percent":50})");
}

// The answer is held back by the scenario's latency; the client hangs up meanwhile and the
// socket is deleted under the held responder. Writing to it later was a use after free.
void TestDrillBackend::clientGoneBeforeDelayedAnswer()
{
    QFETCH(QByteArray, faults);
    QFETCH(QByteArray, request);
    DrillBackend sim;
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    QCOMPARE(c.call("POST", "/api/faults", faults).status, 200);
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 20; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, sim.port());
        QVERIFY(socket->waitForConnected(2'000));
        socket->write(request);
        QVERIFY(socket->waitForBytesWritten(2'000));
        clients.push_back(std::move(socket));
    }
    QTest::qWait(50); // the backend reads the requests and holds their answers
    for (auto &socket : clients)
        socket->abort();
    QTest::qWait(30); // the backend sees them go and deletes their sockets
    // A use of a deleted socket reads freed memory, which usually still looks like a socket, so
    // the bug goes unseen. Fill the heap's free blocks of a QTcpSocket's size (two pointers)
    // with poison: a deleted socket touched now crashes the test instead of passing by luck.
    std::vector<std::unique_ptr<std::array<quintptr, 2>>> poison(20'000);
    for (auto &block : poison)
        block = std::make_unique<std::array<quintptr, 2>>(
            std::array<quintptr, 2>{quintptr(0xdead'beef'dead'beefULL), quintptr(0xdeadULL)});
    QTest::qWait(400); // the held answers fall due, to sockets that are gone
    QCOMPARE(c.call("POST", "/api/faults", R"({"latency_ms":0,"fail_next":0})").status, 200);
    QCOMPARE(c.call("GET", "/api/status").status, 200);
}

void TestDrillBackend::faultsNeedTheToken_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("no token") << QByteArray() << 401;
    QTest::newRow("wrong token") << QByteArray("Bearer guess") << 401;
    QTest::newRow("token without scheme") << QByteArray("drill-token") << 401;
    QTest::newRow("right token") << QByteArray("Bearer drill-token") << 200;
}

void TestDrillBackend::faultsNeedTheToken()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    DrillBackend sim;
    sim.setRequiredToken("drill-token");
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    HttpRequest r;
    r.method = s("POST");
    r.url = QStringLiteral("http://127.0.0.1:%1/api/faults").arg(sim.port());
    r.body = R"({"fail_next":5})";
    r.maxAttempts = 1;
    if (!authorization.isEmpty())
        r.headers = {{s("Authorization"), QString::fromLatin1(authorization), true}};
    QSignalSpy done(&c.engine(), &HttpEngine::finished);
    c.engine().start(r);
    QVERIFY(done.wait(5'000));
    QCOMPARE(done.first().at(1).value<HttpResult>().status, status);
    // Only the token holder's faults take effect.
    QCOMPARE(c.call("GET", "/api/status").status, status == 200 ? 503 : 200);
}

void TestDrillBackend::idleAndSlowConnectionsAreDropped_data()
{
    QTest::addColumn<QByteArray>("sent");     // what the client sends at once
    QTest::addColumn<int>("dribbleEveryMs");  // then one more byte this often (0: nothing)
    QTest::newRow("connects and says nothing") << QByteArray() << 0;
    QTest::newRow("half a request line") << QByteArray("GET /api/sta") << 0;
    QTest::newRow("a header byte every 100 ms")
        << QByteArray("GET /api/status HTTP/1.1\r\nX-Slow: ") << 100;
    QTest::newRow("headers then a slow body")
        << QByteArray("POST /api/traffic HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        << 100;
}

void TestDrillBackend::idleAndSlowConnectionsAreDropped()
{
    QFETCH(QByteArray, sent);
    QFETCH(int, dribbleEveryMs);
    DrillBackend sim;
    sim.setReadTimeout(500);
    QVERIFY(sim.listen() > 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, sim.port());
    QVERIFY(client.waitForConnected(2'000));
    client.write(sent);
    QTimer dribble;
    connect(&dribble, &QTimer::timeout, &client, [&client] { client.write("a"); });
    if (dribbleEveryMs > 0)
        dribble.start(dribbleEveryMs);
    QElapsedTimer held;
    held.start();
    QSignalSpy gone(&client, &QTcpSocket::disconnected);
    QVERIFY2(gone.wait(5'000), "the backend kept the connection open");
    QVERIFY2(held.elapsed() >= 400, qPrintable(QString::number(held.elapsed())));
    QCOMPARE(client.readAll(), QByteArray()); // dropped, not answered

    // A connection that asks in time is answered, and then gets a fresh deadline for its next
    // request on the same connection.
    QTcpSocket keepAlive;
    keepAlive.connectToHost(QHostAddress::LocalHost, sim.port());
    QVERIFY(keepAlive.waitForConnected(2'000));
    for (int i = 0; i < 3; ++i) {
        QTest::qWait(300); // 900 ms in all: longer than the deadline, but never 500 ms idle
        keepAlive.write("GET /api/status HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(keepAlive.bytesAvailable() > 0, 2'000);
        QVERIFY(keepAlive.readAll().startsWith("HTTP/1.1 200"));
    }
    QCOMPARE(keepAlive.state(), QAbstractSocket::ConnectedState);
}

void TestDrillBackend::idempotencyRecordIsBounded()
{
    DrillBackend sim;
    sim.setIdempotencyCapacity(2);
    QVERIFY(sim.listen() > 0);
    Client c(sim.port());
    const QByteArray body = R"({"text":"hello"})";
    for (const char *key : {"a", "b", "c"})
        QCOMPARE(c.call("POST", "/slack/webhook", body, s(key)).status, 200);
    QCOMPARE(sim.sideEffects(), 3);
    QCOMPARE(sim.rememberedKeys(), 2);
    // The newest keys are still recognised...
    QCOMPARE(header(c.call("POST", "/slack/webhook", body, s("c")), "Idempotent-Replayed"),
             s("true"));
    QCOMPARE(header(c.call("POST", "/slack/webhook", body, s("b")), "Idempotent-Replayed"),
             s("true"));
    QCOMPARE(sim.sideEffects(), 3);
    // ...the oldest was forgotten, so it is performed again.
    QCOMPARE(header(c.call("POST", "/slack/webhook", body, s("a")), "Idempotent-Replayed"), s(""));
    QCOMPARE(sim.sideEffects(), 4);
    QCOMPARE(sim.rememberedKeys(), 2);
}

void TestDrillBackend::scenarios_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("valid") << QByteArray(R"({"job_seconds":5,"flapping_error_rate":true})")
                           << QString();
    QTest::newRow("unknown key") << QByteArray(R"({"job_second":5})")
                                 << s("unknown scenario key 'job_second'");
    QTest::newRow("not json") << QByteArray("{job") << s("the scenario is not a JSON object");
    QTest::newRow("out of range") << QByteArray(R"({"error_responses":2})")
                                  << s("error_responses: expected a share from 0 to 1");
    QTest::newRow("negative latency") << QByteArray(R"({"latency_ms":-5})")
                                      << s("latency_ms: expected an integer from 0 to 600000");
    // Each of these kept the default without a word (QJsonValue::toInt's fallback).
    QTest::newRow("number as text")
        << QByteArray(R"({"job_seconds":"30"})") << s("job_seconds: expected an integer");
    QTest::newRow("fraction") << QByteArray(R"({"fail_next":2.5})") << s("fail_next: expected");
    QTest::newRow("beyond int") << QByteArray(R"({"stall_next":1e20})")
                                << s("stall_next: expected");
    QTest::newRow("flag as text") << QByteArray(R"({"job_fails":"yes"})")
                                  << s("job_fails: expected true or false");
    QTest::newRow("version not text")
        << QByteArray(R"({"bad_version":13})") << s("bad_version: expected a string");
    QTest::newRow("escape in service")
        << QByteArray(R"({"service":"a\u001b[2Jb"})") << s("service: a control character");
}

void TestDrillBackend::scenarios()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    DrillScenario scenario;
    QString message;
    const bool ok = DrillBackend::readScenario(json, &scenario, &message);
    QCOMPARE(ok, error.isEmpty());
    if (ok) {
        QCOMPARE(scenario.jobSeconds, 5);
        QVERIFY(scenario.flappingErrorRate);
    } else {
        QVERIFY2(message.contains(error), qPrintable(message));
    }
}

QTEST_GUILESS_MAIN(TestDrillBackend)
#include "tst_drillbackend.moc"
