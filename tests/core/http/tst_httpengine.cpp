#include "HttpRuns.h"
#include "http/HttpEngine.h"
#include "support/FaultServer.h"
#include "support/TestStrings.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;
using warroom::test::closedPort;
using warroom::test::FaultServer;
using warroom::test::run;

class TestHttpEngine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void faults_data();
    void faults();
    void connectionRefused();
    void retryKeepsTheIdempotencyKey();
    void postWithoutKeyIsNeverRetried();
    void retryAfterIsHonoured();
    void plainHttpOnlyToLoopback();
    void secretsAreRedacted();
    void manyInFlight();
    void reusedHandleForgetsThePreviousRequest();
    void chainedRequestsAnsweredOnceEach();
    void cancelEndsOnceAndForAll();
    void destroyedWithRequestsInFlight();

private:
    FaultServer *m_server = nullptr;
    HttpEngine *m_engine = nullptr;
};

void TestHttpEngine::initTestCase()
{
    m_server = new FaultServer(this);
    m_engine = new HttpEngine(this);
    m_engine->setBackoff(20, 100); // keep retries quick in tests; bounds are tested in the engine
}

void TestHttpEngine::faults_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("curlCode");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<bool>("lost"); // an attempt went out and got no whole answer
    QTest::newRow("ok") << s("/ok") << 200 << 0 << QString() << 1 << false;
    QTest::newRow("stalled headers")
        << s("/stall") << 0 << 28 << s("Timeout was reached") << 3 << true;
    QTest::newRow("slow body") << s("/slow-body") << 200 << 28 << s("Timeout was reached") << 3
                               << true;
    QTest::newRow("reset mid-body")
        << s("/reset") << 200 << 18 << s("libcurl error 18") << 3 << true;
    QTest::newRow("empty reply") << s("/empty") << 0 << 52 << s("Server returned nothing") << 3
                                 << true;
    QTest::newRow("500 is not retried") << s("/500") << 500 << 0 << QString() << 1 << false;
    QTest::newRow("503 then ok") << s("/503-twice") << 200 << 0 << QString() << 3 << false;
    QTest::newRow("body over the cap")
        << s("/big") << 200 << 23 << s("larger than the limit of 1048576 bytes") << 1 << true;
    QTest::newRow("redirect loop")
        << s("/loop") << 302 << 47 << s("Number of redirects hit maximum") << 1 << true;
    QTest::newRow("malformed json is the caller's business")
        << s("/malformed") << 200 << 0 << QString() << 1 << false;
}

void TestHttpEngine::faults()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(int, curlCode);
    QFETCH(QString, error);
    QFETCH(int, attempts);
    QFETCH(bool, lost);
    HttpRequest r;
    r.url = m_server->url(path.toLatin1().constData());
    r.totalTimeoutMs = 1'500;
    r.lowSpeedBytesPerSecond = 100;
    r.lowSpeedTimeS = 1;
    r.maxRedirects = path == QLatin1String("/loop") ? 3 : 0;
    const int before = m_server->count(path.toLatin1());
    const HttpResult result = run(*m_engine, r);
    QCOMPARE(result.status, status);
    QCOMPARE(result.curlCode, curlCode);
    if (error.isEmpty())
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    else
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
    QCOMPARE(result.attempts, attempts);
    // Every path here reached the server; with no whole answer, a side effect may have happened.
    QVERIFY(result.requestSent);
    QCOMPARE(result.answerLost, lost);
    if (path != QLatin1String("/loop"))
        QCOMPARE(m_server->count(path.toLatin1()) - before, attempts);
    QCOMPARE(m_engine->inFlight(), 0);
}

void TestHttpEngine::connectionRefused()
{
    HttpRequest r;
    const auto port = closedPort();
    r.url = QStringLiteral("http://127.0.0.1:%1/").arg(port);
    QSignalSpy retries(m_engine, &HttpEngine::retrying);
    const HttpResult result = run(*m_engine, r);
    QCOMPARE(result.curlCode, 7);
    QCOMPARE(result.curlCode, HttpResult::couldNotConnect);
    // libcurl's detail names the address; its words for the code come once, not twice.
    QVERIFY2(result.error.contains(s("127.0.0.1 port %1").arg(port)), qPrintable(result.error));
    QCOMPARE(result.error.count(s("Couldn't connect to server")), 1);
    QVERIFY2(result.error.endsWith(s("(libcurl error 7)")), qPrintable(result.error));
    QCOMPARE(result.attempts, 3);
    QCOMPARE(retries.count(), 2);
    QVERIFY(!result.requestSent); // no connection: nothing can have happened
    QVERIFY(!result.answerLost);
}

void TestHttpEngine::retryKeepsTheIdempotencyKey()
{
    HttpRequest r;
    r.method = s("POST");
    r.url = m_server->url("/503-twice?run=post-with-key");
    r.body = R"({"action":"freeze"})";
    r.idempotencyKey = s("incident-7-step-freeze-attempt-1");
    const qsizetype before = m_server->seen().size();
    const HttpResult result = run(*m_engine, r);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.attempts, 3);
    const QList<FaultServer::Seen> seen = m_server->seen().mid(before);
    QCOMPARE(seen.size(), 3);
    for (const auto &request : seen) {
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.headers.value("idempotency-key"),
                 QByteArray("incident-7-step-freeze-attempt-1"));
        QCOMPARE(request.body, QByteArray(R"({"action":"freeze"})"));
    }
}

void TestHttpEngine::postWithoutKeyIsNeverRetried()
{
    for (const char *path : {"/503-twice?run=post-without-key", "/empty"}) {
        HttpRequest r;
        r.method = s("POST");
        r.url = m_server->url(path);
        const int before = m_server->count(path);
        const HttpResult result = run(*m_engine, r);
        QCOMPARE(result.attempts, 1);
        QCOMPARE(m_server->count(path) - before, 1);
    }
}

void TestHttpEngine::retryAfterIsHonoured()
{
    HttpRequest r;
    r.url = m_server->url("/429-once");
    QSignalSpy retries(m_engine, &HttpEngine::retrying);
    const HttpResult result = run(*m_engine, r);
    QCOMPARE(result.status, 200);
    QCOMPARE(retries.count(), 1);
    QCOMPARE(retries.first().at(3).toInt(), 1000); // Retry-After: 1, not the 20-100 ms backoff
    QCOMPARE(retries.first().at(2).toString(), s("HTTP 429"));
}

void TestHttpEngine::plainHttpOnlyToLoopback()
{
    HttpRequest r;
    r.url = s("http://example.invalid/hook");
    HttpResult result = run(*m_engine, r);
    QVERIFY2(result.error.contains(s("refusing plain http:// to example.invalid")),
             qPrintable(result.error));
    QCOMPARE(result.attempts, 0);
    r.url = s("ftp://127.0.0.1/x");
    result = run(*m_engine, r);
    QVERIFY(result.error.contains(s("is not an http or https URL")));
}

void TestHttpEngine::secretsAreRedacted()
{
    HttpRequest r;
    r.method = s("post");
    r.url = s("https://hooks.example/services/T0");
    r.headers = {{s("Authorization"), s("Bearer sk-live-123")},
                 {s("Cookie"), s("session=abc")},
                 {s("X-Team"), s("payments")},
                 {s("X-Signing"), s("hunter2"), true}};
    const QString shown = r.redactedDescription();
    QVERIFY(!shown.contains(s("sk-live-123")));
    QVERIFY(!shown.contains(s("session=abc")));
    QVERIFY(!shown.contains(s("hunter2")));
    QVERIFY(shown.contains(s("X-Team: payments")));
    QVERIFY(shown.startsWith(s("POST https://hooks.example/services/T0")));
    QCOMPARE(shown.count(s("[redacted]")), 3);
}

void TestHttpEngine::manyInFlight()
{
    // A hundred requests at once, all answered, none lost: the multi interface multiplexes them
    // on one thread.
    QSignalSpy done(m_engine, &HttpEngine::finished);
    for (int i = 0; i < 100; ++i) {
        HttpRequest r;
        r.url = m_server->url("/ok");
        m_engine->start(r);
    }
    QCOMPARE(m_engine->inFlight(), 100);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 100, 30'000);
    for (const auto &args : done)
        QCOMPARE(args.at(1).value<HttpResult>().status, 200);
    QCOMPARE(m_engine->inFlight(), 0);
}

void TestHttpEngine::reusedHandleForgetsThePreviousRequest()
{
    // The worker reuses a finished request's libcurl handle for the next one: a plain GET after a
    // POST with a body, a header and a key must carry none of them.
    HttpRequest post;
    post.method = s("POST");
    post.url = m_server->url("/ok?run=reuse-post");
    post.body = R"({"action":"freeze"})";
    post.headers.append({s("X-Step"), s("4")});
    post.idempotencyKey = s("incident-7-reuse");
    HttpRequest get;
    get.url = m_server->url("/ok?run=reuse-get");
    const qsizetype before = m_server->seen().size();
    QCOMPARE(run(*m_engine, post).status, 200);
    QCOMPARE(run(*m_engine, get).status, 200);
    const QList<FaultServer::Seen> seen = m_server->seen().mid(before);
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen.at(0).method, QByteArray("POST"));
    QCOMPARE(seen.at(0).headers.value("x-step"), QByteArray("4"));
    QCOMPARE(seen.at(1).method, QByteArray("GET"));
    QCOMPARE(seen.at(1).path, QByteArray("/ok?run=reuse-get"));
    QVERIFY(!seen.at(1).headers.contains("x-step"));
    QVERIFY(!seen.at(1).headers.contains("idempotency-key"));
    QVERIFY(!seen.at(1).headers.contains("content-length"));
    QVERIFY(seen.at(1).body.isEmpty());
}

void TestHttpEngine::chainedRequestsAnsweredOnceEach()
{
    // A receiver that answers each result with the next request: the engine then waits for that
    // answer itself instead of through a queued event. Every one arrives, once, in order.
    QList<quint64> started;
    QList<quint64> answered;
    constexpr int chain = 30;
    auto next = [this, &started] {
        HttpRequest r;
        r.url = m_server->url(started.size() % 3 ? "/ok" : "/500");
        started.append(m_engine->start(r));
    };
    const auto connection = connect(m_engine, &HttpEngine::finished, this,
                                     [&](quint64 id, const HttpResult &result) {
                                         answered.append(id);
                                         QVERIFY(result.status == 200 || result.status == 500);
                                         if (started.size() < chain)
                                             next();
                                     });
    next();
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), chain, 30'000);
    QTest::qWait(50); // nothing delivered twice after the last
    disconnect(connection);
    QCOMPARE(answered, started);
    QCOMPARE(m_engine->inFlight(), 0);
}

void TestHttpEngine::cancelEndsOnceAndForAll()
{
    // The transfer lives on the worker thread: a cancel is answered at once on this one, and
    // whatever the worker still finishes for it afterwards is never delivered.
    QSignalSpy done(m_engine, &HttpEngine::finished);
    HttpRequest r;
    r.url = m_server->url("/delay");
    const quint64 id = m_engine->start(r);
    QTest::qWait(100); // the request is on the wire
    m_engine->cancel(id);
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.first().at(0).toULongLong(), id);
    QCOMPARE(done.first().at(1).value<HttpResult>().error, s("cancelled"));
    QCOMPARE(m_engine->inFlight(), 0);
    QTest::qWait(1'500); // past the server's answer to the cancelled request
    QCOMPARE(done.count(), 1);
}

void TestHttpEngine::destroyedWithRequestsInFlight()
{
    // The engine stops and joins its worker thread before its state goes: no answer is
    // delivered to a destroyed engine and nothing is left running.
    auto engine = std::make_unique<HttpEngine>();
    QSignalSpy done(engine.get(), &HttpEngine::finished);
    for (int i = 0; i < 20; ++i) {
        HttpRequest r;
        r.url = m_server->url(i % 2 ? "/delay" : "/ok");
        engine->start(r);
    }
    QTRY_VERIFY_WITH_TIMEOUT(done.count() > 0, 10'000); // the fast ones answered
    QVERIFY(engine->inFlight() > 0);                    // the slow ones still waiting
    engine.reset();
    QTest::qWait(1'500); // the slow answers arrive at a server whose client is gone
    // The suite's own engine still works after another one went.
    HttpRequest again;
    again.url = m_server->url("/ok");
    QCOMPARE(run(*m_engine, again).status, 200);
}

QTEST_GUILESS_MAIN(TestHttpEngine)
#include "tst_httpengine.moc"
