// What a server answers cannot hurt: secrets it echoes back never reach the timeline, and values
// extracted from its answers cannot reshape the next request, nor be longer than 2,048 characters.
#include "RunnerFixture.h"
#include "support/FaultServer.h"
#include "support/TestStrings.h"

#include <QTcpServer>
#include <QTest>

using namespace warroom;
using namespace warroom::test; // RunnerFixture's helpers, and s()

class TestAutomationAnswers : public QObject, private test::RunnerFixture
{
    Q_OBJECT

private slots:
    void init();
    void secretsEchoedInAnswersAreRedacted_data();
    void secretsEchoedInAnswersAreRedacted();
    void lineBreaksInExtractedValuesNeverReachTheWire_data();
    void lineBreaksInExtractedValuesNeverReachTheWire();
    void extractedValuesHaveALength_data();
    void extractedValuesHaveALength();
    void noAnswerLeavesTheOutcomeUnknown_data();
    void noAnswerLeavesTheOutcomeUnknown();
    void rampWeightWithNoAnswerMayHaveMoved_data();
    void rampWeightWithNoAnswerMayHaveMoved();
};

void TestAutomationAnswers::init()
{
    QString error;
    QVERIFY2(setUp(&error), qPrintable(error));
}

void TestAutomationAnswers::secretsEchoedInAnswersAreRedacted_data()
{
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<QString>("secret"); // empty: the one in the environment
    QTest::addColumn<QString>("answer"); // the event that records what came back
    QTest::addColumn<QString>("last");   // the event that ends the run
    const QByteArray bearer
        = R"("headers": {"Authorization": "Bearer ${env:WARROOM_TEST_SECRET}"})";
    QTest::newRow("401 error body")
        << QByteArray(R"({"id": "a", "kind": "action", "text": "Post", "action": {"request": {
               "method": "POST", "url": "{{base}}/echo?status=401", )" + bearer + "}}}")
        << QString() << s("action.finished") << s("action.finished");
    QTest::newRow("200 body field, extracted")
        << QByteArray(R"({"id": "a", "kind": "action", "text": "Post", "action": {"request": {
               "method": "POST", "url": "{{base}}/echo", )" + bearer + R"(},
               "extract": {"job_id": "/id", "said": "/error"}}})")
        << QString() << s("action.responded") << s("action.finished");
    QTest::newRow("literal token of a redacted header")
        << QByteArray(R"({"id": "a", "kind": "action", "text": "Post", "action": {"request": {
               "method": "POST", "url": "{{base}}/echo?status=401",
               "headers": {"Authorization": "Bearer literal-0f7c2d9e"}}}})")
        << s("literal-0f7c2d9e") << s("action.finished") << s("action.finished");
    QTest::newRow("check probe, API key header")
        << QByteArray(R"({"id": "c", "kind": "check", "text": "Healthy", "check": {
               "probe": {"request": {"url": "{{base}}/echo?status=401",
                                     "headers": {"X-Api-Key": "${env:WARROOM_TEST_SECRET}"}},
                         "pointer": "/state"},
               "op": "==", "threshold": "ok", "every_seconds": 1, "deadline_seconds": 1}})")
        << QString() << s("check.sampled") << s("check.finished");
}


// A server that echoes the request's credentials (in an error body, in a field we extract)
// must not get them into the timeline: each comes back as the redaction marker.
void TestAutomationAnswers::secretsEchoedInAnswersAreRedacted()
{
    QFETCH(QByteArray, item);
    QFETCH(QString, secret);
    QFETCH(QString, answer);
    QFETCH(QString, last);
    if (secret.isEmpty())
        secret = QString::fromLatin1(m_secret);
    test::FaultServer server;
    const auto session = runItem(item, s("http://127.0.0.1:%1").arg(server.port()), last);
    QVERIFY(session);
    // The server had the secret to echo...
    QVERIFY(!server.seen().isEmpty());
    const test::FaultServer::Seen &seen = server.seen().first();
    QVERIFY(seen.headers.value("authorization", seen.headers.value("x-api-key"))
                .contains(secret.toLatin1()));
    // ...and the timeline has the marker where the echo was, never the secret.
    bool marked = false;
    for (const TimelineEvent &e : session->events()) {
        const QString text = QString::fromUtf8(e.payloadText);
        QVERIFY2(!text.contains(secret), qPrintable(e.kind + s(": ") + text));
        if (e.kind == answer && text.contains(s("[redacted]")))
            marked = true;
    }
    QVERIFY2(marked, qPrintable(answer));
}

void TestAutomationAnswers::lineBreaksInExtractedValuesNeverReachTheWire_data()
{
    QTest::addColumn<QString>("id");           // what the server answers as {{job_id}}
    QTest::addColumn<QByteArray>("poll");      // the poll's request, using {{job_id}}
    QTest::addColumn<QString>("reason");       // part of the run's failure ("": any)
    QTest::addColumn<QByteArray>("polledPath"); // what the server saw polled ("": nothing)
    QTest::newRow("CR LF into a header")
        << s("j1\r\nX-Evil: 1")
        << QByteArray(R"({"url": "{{base}}/ok", "headers": {"X-Job": "{{job_id}}"}})")
        << s("cannot poll: the header X-Job would contain a CR, LF or NUL character (from "
             "{{job_id}}); not sent")
        << QByteArray();
    QTest::newRow("NUL into a header")
        << QString(s("j1") + QChar(0) + s("x"))
        << QByteArray(R"({"url": "{{base}}/ok", "headers": {"X-Job": "{{job_id}}"}})")
        << s("the header X-Job would contain a CR, LF or NUL character") << QByteArray();
    QTest::newRow("CR LF into the URL")
        << s("j1\r\nX-Evil: 1") << QByteArray(R"({"url": "{{base}}/jobs/{{job_id}}"})")
        << QString() << QByteArray("/jobs/j1%0D%0AX-Evil%3A%201");
    QTest::newRow("slashes and dots stay in their segment")
        << s("../../admin?x=1#") << QByteArray(R"({"url": "{{base}}/jobs/{{job_id}}"})")
        << QString() << QByteArray("/jobs/..%2F..%2Fadmin%3Fx%3D1%23");
    // EVIL: the port of a second server, which must see nothing.
    QTest::newRow("another host")
        << s("@127.0.0.1:EVIL/ok") << QByteArray(R"({"url": "{{base}}{{job_id}}"})")
        << QString() << QByteArray();
}


// {{job_id}} comes from the server's answer: whatever it holds stays one value, in one header or
// one part of the URL, and cannot add a header, a line or another host to the next request.
void TestAutomationAnswers::lineBreaksInExtractedValuesNeverReachTheWire()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, poll);
    QFETCH(QString, reason);
    QFETCH(QByteArray, polledPath);
    test::FaultServer server;
    test::FaultServer evil;
    id.replace(s("EVIL"), QString::number(evil.port()));
    const QByteArray item = R"({"id": "a", "kind": "action", "text": "Start", "action": {
        "request": {"method": "POST", "url": "{{base}}/id?id=)"
                            + QUrl::toPercentEncoding(id) + R"("},
        "extract": {"job_id": "/id"},
        "poll": {"request": )" + poll + R"(, "every_seconds": 1, "deadline_seconds": 1,
                 "until": {"pointer": "/state", "op": "==", "value": "done"}}}})";
    const auto session
        = runItem(item, s("http://127.0.0.1:%1").arg(server.port()), s("action.finished"));
    QVERIFY(session);
    QCOMPARE(session->textVariables().value(s("job_id")), id);
    const AutomationStatus &run = runOf(*session, s("s"), s("a"));
    QCOMPARE(run.phase, AutomationStatus::Phase::Failed);
    if (!reason.isEmpty())
        QVERIFY2(run.reason.contains(reason), qPrintable(run.reason));
    QVERIFY(evil.seen().isEmpty());
    QList<QByteArray> polled;
    for (const test::FaultServer::Seen &seen : server.seen()) {
        QVERIFY(!seen.headers.contains("x-evil"));
        if (!seen.path.startsWith("/id?"))
            polled << seen.path;
    }
    if (polledPath.isEmpty())
        QCOMPARE(polled, QList<QByteArray>());
    else
        QCOMPARE(polled.value(0), polledPath);
}

void TestAutomationAnswers::extractedValuesHaveALength_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("taken");
    QTest::newRow("2,048 characters") << QString(2048, u'j') << true;
    QTest::newRow("2,049 characters") << QString(2049, u'j') << false;
    // Counted as characters, as a person counts them, not as UTF-16 units.
    QTest::newRow("2,048 emoji") << s("\U0001F680").repeated(2048) << true;
}

// An answer may be a megabyte long, and a value taken from it was recorded whole in the timeline
// and carried into every poll. Past 2,048 characters the run fails, saying why, and polls nothing.
void TestAutomationAnswers::extractedValuesHaveALength()
{
    QFETCH(QString, id);
    QFETCH(bool, taken);
    test::FaultServer server;
    const QByteArray item = R"({"id": "a", "kind": "action", "text": "Start", "action": {
        "request": {"method": "POST", "url": "{{base}}/id?id=)"
                            + QUrl::toPercentEncoding(id) + R"("},
        "extract": {"job_id": "/id"},
        "poll": {"request": {"url": "{{base}}/ok"}, "every_seconds": 1, "deadline_seconds": 5,
                 "until": {"pointer": "/state", "op": "==", "value": "done"}}}})";
    const auto session
        = runItem(item, s("http://127.0.0.1:%1").arg(server.port()), s("action.finished"));
    QVERIFY(session);
    const AutomationStatus &run = runOf(*session, s("s"), s("a"));
    QCOMPARE(session->textVariables().value(s("job_id")), taken ? id : QString());
    QCOMPARE(server.count("/ok"), taken ? 1 : 0);
    if (taken) {
        QCOMPARE(run.phase, AutomationStatus::Phase::Succeeded);
        return;
    }
    QCOMPARE(run.phase, AutomationStatus::Phase::Failed);
    QVERIFY2(run.reason.contains(s("the value at /id for {{job_id}} is 2049 characters long; at "
                                   "most 2048 are taken")),
             qPrintable(run.reason));
}

void TestAutomationAnswers::noAnswerLeavesTheOutcomeUnknown_data()
{
    QTest::addColumn<QString>("path"); // empty: a port where nothing listens
    QTest::addColumn<QString>("ending");
    QTest::addColumn<QString>("reason");
    QTest::newRow("stalled: it went out")
        << s("/stall") << s("action.unknown")
        << s("went out and got no whole answer (last attempt: Timeout was reached");
    QTest::newRow("hung up: it went out")
        << s("/empty") << s("action.unknown") << s("whether it took effect is not known");
    QTest::newRow("refused: it never left")
        << QString() << s("action.finished") << s("Couldn't connect to server");
    QTest::newRow("answered 500") << s("/500") << s("action.finished") << s("HTTP 500");
    // Accepted, then its job's poll never answered by the deadline: the job may have finished.
    QTest::newRow("poll unanswered")
        << s("/ok poll /stall") << s("action.unknown")
        << s("the poll deadline (1 s) passed and the last poll failed");
}

// A side effect sent with no answer may have happened: "action FAILED" invited a new run with a
// new key, a second rollback. It is unknown, re-sent only with its own key or decided by a person.
void TestAutomationAnswers::noAnswerLeavesTheOutcomeUnknown()
{
    QFETCH(QString, path);
    QFETCH(QString, ending);
    QFETCH(QString, reason);
    test::FaultServer server;
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = path.isEmpty() ? closed.serverPort() : server.port();
    closed.close();
    // "PATH poll PATH": an action whose job is polled at the second path.
    const QStringList parts = path.split(s(" poll "));
    const QByteArray poll
        = parts.size() < 2 ? QByteArray()
                           : R"(, "poll": {"request": {"url": "{{base}})" + parts.at(1).toLatin1()
                                 + R"(", "timeout_seconds": 1}, "every_seconds": 1,
                                 "deadline_seconds": 1, "until": {"pointer": "/state",
                                 "op": "==", "value": "done"}})";
    const QByteArray item = R"({"id": "a", "kind": "action", "text": "Revert", "action": {
        "request": {"method": "POST", "url": "{{base}})"
                            + parts.at(0).toLatin1() + R"(", "timeout_seconds": 1})" + poll + "}}";
    const auto session = runItem(item, s("http://127.0.0.1:%1").arg(port), ending);
    QVERIFY(session);
    const AutomationStatus &run = runOf(*session, s("s"), s("a"));
    QCOMPARE(run.phase, ending == s("action.unknown") ? AutomationStatus::Phase::Unknown
                                                      : AutomationStatus::Phase::Failed);
    QVERIFY2(run.reason.contains(reason), qPrintable(run.reason));
    QCOMPARE(countKind(session->events(), EventKind::ActionFinished),
             ending == s("action.unknown") ? 0 : 1);
}

void TestAutomationAnswers::rampWeightWithNoAnswerMayHaveMoved_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("stalled: the weight may have moved")
        << s("/stall") << s("no answer to setting the weight to 5 (Timeout was reached");
    QTest::newRow("hung up: the weight may have moved")
        << s("/empty") << s("no answer to setting the weight to 5 (");
    QTest::newRow("answered 500: it did not")
        << s("/500") << s("setting the weight to 5 failed: HTTP 500");
}

// A ramp's weight sent with no answer may have moved the traffic: "setting the weight to 5
// failed" told the room it was still at the last weight. The halt says it may be at 5, and the
// weight can still be set back.
void TestAutomationAnswers::rampWeightWithNoAnswerMayHaveMoved()
{
    QFETCH(QString, path);
    QFETCH(QString, reason);
    test::FaultServer server;
    const QByteArray item = R"({"id": "r", "kind": "ramp", "text": "Ramp", "ramp": {
        "weights": [5, 100], "hold_seconds": 0, "request": {"method": "POST",
        "url": "{{base}})" + path.toLatin1()
                            + R"(", "timeout_seconds": 1}}})";
    const auto session
        = runItem(item, s("http://127.0.0.1:%1").arg(server.port()), s("ramp.finished"));
    QVERIFY(session);
    const AutomationStatus &run = runOf(*session, s("s"), s("r"));
    QCOMPARE(run.phase, AutomationStatus::Phase::Failed);
    QVERIFY(run.halted);
    QVERIFY2(run.reason.startsWith(reason), qPrintable(run.reason));
    QCOMPARE(run.reason.contains(s("may be at 5 already; set the weight back")), path != s("/500"));
    QCOMPARE(run.weight, -1.0); // no weight confirmed: "Set weight back" stays offered
}

QTEST_GUILESS_MAIN(TestAutomationAnswers)
#include "tst_automationanswers.moc"
