// Actions run for real (their pure parts are in tst_automation): the runner driving the shipped
// checklist against the drill backend and the examples against loopback APIs, and the rules an
// action obeys before anything is sent. Checks and ramps: tst_automationchecks; what a server
// answers: tst_automationanswers; a process killed with a request in flight: tst_durability.
#include "RunnerFixture.h"
#include "checklist/ChecklistParser.h"
#include "report/PostmortemExporter.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QDir>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

using namespace warroom;
using namespace warroom::test; // RunnerFixture's helpers, and s()

class TestAutomationRunner : public QObject, private test::RunnerFixture
{
    Q_OBJECT

private slots:
    void init();
    void defaultChecklistAgainstDrillBackend();
    void failedJobFailsTheAction();
    void irreversibleActionNeedsASecondPerson_data();
    void irreversibleActionNeedsASecondPerson();
    void missingSecretSendsNothing();
    void postNamesTheCommanderInCommand();
    void resendSendsTheFirstRequestOnly_data();
    void resendSendsTheFirstRequestOnly();
    void resendOfASecretHeader_data();
    void resendOfASecretHeader();
    void examplesAgainstLoopbackApis_data();
    void examplesAgainstLoopbackApis();
};

void TestAutomationRunner::init()
{
    QString error;
    QVERIFY2(setUp(&error), qPrintable(error));
}

void TestAutomationRunner::defaultChecklistAgainstDrillBackend()
{
    DrillScenario scenario;
    scenario.jobSeconds = 1;
    Rig rig(scenario);
    QVERIFY(rigUp(rig, 0.02)); // a 10 s hold takes 0.2 s; a 900 s deadline 18 s
    DrillBackend &sim = rig.sim;
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;

    QString failure;
    QVERIFY2(walkToEnd(*session, runner, &failure), qPrintable(failure));
    QVERIFY(session->engine().allStepsFinished());

    // The backend went through the rollback the checklist describes.
    QCOMPARE(sim.version(), s("v1.2.0"));
    QCOMPARE(sim.trafficPercent(), 100);
    QCOMPARE(sim.webhookMessages().size(), 2);
    QVERIFY(sim.webhookMessages().first().contains(s("Rollback of payments-api from v1.3.0")));
    // No item was confirmed by hand, and nothing was overridden.
    for (const TimelineEvent &e : session->events()) {
        QVERIFY2(!e.payload.value(s("by_hand")).toBool(), qPrintable(e.itemId));
        QVERIFY2(!e.payload.value(s("override")).toBool(), qPrintable(e.itemId));
    }
    // Every request was recorded before its answer, and every run ended in success.
    const TimelineEvents &events = session->events();
    QCOMPARE(countKind(events, EventKind::ActionRequested),
             countKind(events, EventKind::ActionResponded));
    QCOMPARE(countKind(events, EventKind::ActionUnknown), 0);
    const AutomationStatus &ramp = runOf(*session, s("reenable"), s("ramp"));
    QCOMPARE(ramp.phase, AutomationStatus::Phase::Succeeded);
    QCOMPARE(ramp.weight, 100.0);
    QCOMPARE(ramp.stagesHeld, 4);
    // Each watched check keeps its own last reading.
    QCOMPARE(ramp.readings.size(), 2);
    QCOMPARE(ramp.readings.at(0).label, s("Error rate under 1%"));
    QCOMPARE(ramp.readings.at(0).valueText, s("0.002"));
    QCOMPARE(ramp.readings.at(1).label, s("Latency p99 under 300 ms"));
    QCOMPARE(ramp.readings.at(1).valueText, s("120"));
    QVERIFY(ramp.readings.at(0).passed && ramp.readings.at(1).passed);
    QVERIFY(QRegularExpression(s("^job-\\d+$"))
                .match(session->textVariables().value(s("job_id")))
                .hasMatch());

    // The bearer token went over the wire (the backend refuses side effects without it) and
    // nowhere else: not into the database, its journal, or any export.
    QVERIFY(session->close().ok());
    const qint64 incidentId = session->incident().id;
    m_store.reset();
    for (const QString &name : QDir(m_dir.path()).entryList(QDir::Files)) {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(m_secret), qPrintable(name));
    }
    m_store = std::make_unique<TimelineStore>();
    QString error;
    QVERIFY(m_store->open(m_dbPath, &error));
    const auto snapshot = IncidentSnapshot::load(*m_store, incidentId, &error);
    QVERIFY2(snapshot, qPrintable(error));
    ExportOptions options;
    options.includePrivateNotes = true;
    const PostmortemReport report = PostmortemReport::build(snapshot->incident, snapshot->checklist,
                                                            snapshot->events, options);
    for (ExportFormat f :
         {ExportFormat::Markdown, ExportFormat::Html, ExportFormat::Json, ExportFormat::Csv}) {
        const QByteArray doc = PostmortemExporter::render(report, f);
        QVERIFY(doc.contains("Bearer ${env:WARROOM_SIM_TOKEN}") || doc.contains("[redacted]")
                || !doc.contains("Authorization"));
        QVERIFY2(!doc.contains(m_secret), qPrintable(exportFormatSuffix(f)));
        QVERIFY(doc.contains("HTTP 202"));
    }
    // The drill ran at 50 times real speed, and its postmortem says so beside every run.
    QVERIFY(PostmortemExporter::render(report, ExportFormat::Markdown)
                .contains(QString(s(": sent POST ") + rig.url
                                  + s("/slack/webhook [DRILL AT \u00D750 SPEED]"))
                              .toUtf8()));
}

void TestAutomationRunner::failedJobFailsTheAction()
{
    DrillScenario scenario;
    scenario.jobSeconds = 1;
    scenario.jobFails = true;
    Rig rig(scenario);
    QVERIFY(rigUp(rig, 0.05));
    DrillBackend &sim = rig.sim;
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;
    QVERIFY(test::passPoll(*session, s("execute"), s("run")).ok());
    QVERIFY(runner.start(s("execute"), s("run"), s("drill"), s("Sam")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(runOf(*session, s("execute"), s("run")).phase,
                              AutomationStatus::Phase::Failed, 10'000);
    QCOMPARE(runOf(*session, s("execute"), s("run")).reason,
             s("the job's state is failed (wanted succeeded)"));
    QCOMPARE(session->textVariables().value(s("job_id")), s("job-1"));
    QCOMPARE(sim.version(), s("v1.3.0"));
}

// The actor is Priya. Her own name in another case, width or spacing, or with an invisible
// character in it, reads as hers in the timeline: it is not a second person.
void TestAutomationRunner::irreversibleActionNeedsASecondPerson_data()
{
    QTest::addColumn<QString>("second");
    QTest::addColumn<QString>("refusal");
    const QString notHer = s("a second person, other than Priya");
    QTest::newRow("none") << QString() << notHer;
    QTest::newRow("spaces") << s("  ") << notHer;
    QTest::newRow("her, in lower case") << s("priya") << notHer;
    QTest::newRow("her, with a zero-width space") << s("Pri\u200bya") << notHer;
    QTest::newRow("her, with a soft hyphen") << s("Pri\u00adya") << notHer;
    QTest::newRow("her, with an override") << s("\u202ePriya") << notHer;
    QTest::newRow("her, full-width") << s("\uff30riya") << notHer;
    QTest::newRow("a tab inside")
        << s("Pri\tya") << s("has an invisible or control character (U+0009) at character 4");
    QTest::newRow("another, with an override")
        << s("Sam\u202e") << s("has an invisible or control character (U+202E) at character 4");
    QTest::newRow("her, with a combining grapheme joiner") << s("Priya\u034f") << notHer;
    QTest::newRow("another, with a zero-width space")
        << s("S\u200bam") << s("has an invisible or control character (U+200B) at character 2");
}

void TestAutomationRunner::irreversibleActionNeedsASecondPerson()
{
    QFETCH(QString, second);
    QFETCH(QString, refusal);
    Rig rig;
    QVERIFY(rigUp(rig, 1.0));
    DrillBackend &sim = rig.sim;
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;
    QVERIFY(test::passPoll(*session, s("execute"), s("run")).ok());
    const qsizetype before = session->events().size();
    const CommandResult r = runner.start(s("execute"), s("run"), s("drill"), second);
    QCOMPARE(r.status, CommandResult::Status::Refused);
    QVERIFY2(r.message.contains(refusal), qPrintable(r.message));
    QCOMPARE(session->events().size(), before);
    QCOMPARE(sim.sideEffects(), 0);
    QVERIFY(
        runner.preview(s("execute"), s("run")).display.contains(s("Authorization: [redacted]")));
}

void TestAutomationRunner::missingSecretSendsNothing()
{
    qunsetenv("WARROOM_SIM_TOKEN");
    Rig rig;
    QVERIFY(rigUp(rig, 1.0));
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;
    QVERIFY(test::passPoll(*session, s("execute"), s("run")).ok());
    const qsizetype before = session->events().size();
    const CommandResult r = runner.start(s("notify"), s("channel"), s("drill"));
    QCOMPARE(r.status, CommandResult::Status::Refused);
    QCOMPARE(r.message, s("Not sent: the environment variable WARROOM_SIM_TOKEN is not set (it is "
                          "used in the request's header Authorization); set it in the environment "
                          "that starts warroom"));
    QCOMPARE(session->events().size(), before);
    QVERIFY(!runner.isActive(s("notify"), s("channel")));
    QCOMPARE(runner.preview(s("notify"), s("channel")).error,
             r.message.mid(QStringLiteral("Not sent: ").size()));
}

// The channel's post (step 2's webhook) names whoever holds command when it goes out: after a
// handover it said "Commander: " and the declared commander, under a header naming the new one.
void TestAutomationRunner::postNamesTheCommanderInCommand()
{
    Rig rig;
    QVERIFY(rigUp(rig, 1.0));
    IncidentSession &session = *rig.session;
    const auto body = [&] {
        const BuiltRequest b = rig.runner->preview(s("notify"), s("channel"));
        return QString::fromUtf8(b.wire.body);
    };
    const QString declared = session.incident().commander;
    QVERIFY2(body().contains(s("Commander: %1.").arg(declared)), qPrintable(body()));
    QVERIFY(session.handOver(s("Lena Vogt"), s("Lena Vogt"), {}).ok());
    QVERIFY2(body().contains(s("Commander: Lena Vogt.")), qPrintable(body()));
    QVERIFY(session.handOver(declared, declared, {}).ok());
    QVERIFY2(body().contains(s("Commander: %1.").arg(declared)), qPrintable(body()));
}

void TestAutomationRunner::resendSendsTheFirstRequestOnly_data()
{
    QTest::addColumn<bool>("handoverFirst"); // recorded just before the request, not after it
    QTest::addColumn<bool>("forged");        // the request recorded is one no variables build
    QTest::newRow("handover after the request") << false << false;
    QTest::newRow("handover taken in before it") << true << false;
    QTest::newRow("a request no variables make") << true << true;
}

// A run's outcome unknown, its re-send goes out under the same key as the same request: a
// different body under the old key is refused by a service that checks keys, and posted a second
// time by one that does not. After a handover it names the commander it first named. So it does
// after a handover another screen recorded while this one sent: its write took it in, just before
// the request, so it is in the timeline before the request and not in its body. Built again from
// the timeline up to the request, the body named the new commander and went out under the old key.
// A request that no variables the timeline held build again is not sent at all.
void TestAutomationRunner::resendSendsTheFirstRequestOnly()
{
    QFETCH(bool, handoverFirst);
    QFETCH(bool, forged);
    Rig rig;
    QVERIFY(rigUp(rig, 1.0));
    IncidentSession &session = *rig.session;
    const QString declared = session.incident().commander;
    const QString run = s("run-channel-1");
    const ChecklistStep *step = session.checklist().step(s("notify"));
    QVERIFY(step && step->itemIndex(s("channel")) >= 0);
    const BuiltRequest first = RequestBuilder::build(
        step->items.at(step->itemIndex(s("channel"))).action.request, session.textVariables(), run);
    QVERIFY2(first.ok(), qPrintable(first.error));
    QVERIFY(QString::fromUtf8(first.wire.body).contains(s("Commander: %1.").arg(declared)));
    QJsonObject recorded = first.record;
    if (forged)
        recorded.insert(s("body"), s("{\"text\":\"Commander: nobody.\"}"));
    if (handoverFirst)
        QVERIFY(session.handOver(s("Lena Vogt"), s("Lena Vogt"), {}).ok());
    QVERIFY(session
                .startRun(s("notify"), s("channel"),
                          {{PayloadKey::Run, run}, {PayloadKey::Request, recorded}}, s("drill"))
                .ok());
    QVERIFY(session
                .recordRun(EventKind::ActionUnknown, s("notify"), s("channel"),
                           {{PayloadKey::Run, run}, {PayloadKey::Reason, s("no whole answer")}})
                .ok());
    if (!handoverFirst)
        QVERIFY(session.handOver(s("Lena Vogt"), s("Lena Vogt"), {}).ok());
    const qsizetype before = session.events().size();
    const BuiltRequest preview = rig.runner->preview(s("notify"), s("channel"));
    const CommandResult resent = rig.runner->resend(s("notify"), s("channel"), s("drill"));
    if (forged) {
        const QString why = s("Not sent: built again, this request's body is not what first went "
                              "out under its key");
        QVERIFY2(!resent.ok() && resent.message.startsWith(why), qPrintable(resent.message));
        QVERIFY2(resent.message.contains(s("Find out from the service")),
                 qPrintable(resent.message));
        // The dialog that offers the re-send is not shown a request it will not send.
        QCOMPARE(s("Not sent: ") + preview.error, resent.message);
        QCOMPARE(session.events().size(), before);
        QTest::qWait(300);
        QVERIFY(rig.sim.webhookMessages().isEmpty());
        QCOMPARE(runOf(session, s("notify"), s("channel")).phase, AutomationStatus::Phase::Unknown);
        return;
    }
    QVERIFY2(resent.ok(), qPrintable(resent.message));
    // What the dialog showed is what went: the first request, as recorded.
    QCOMPARE(preview.record, first.record);
    QTRY_COMPARE(rig.sim.webhookMessages().size(), 1);
    QVERIFY2(rig.sim.webhookMessages().constFirst().contains(s("Commander: %1.").arg(declared)),
             qPrintable(rig.sim.webhookMessages().constFirst()));
}

void TestAutomationRunner::resendOfASecretHeader_data()
{
    QTest::addColumn<QString>("header"); // the post's Authorization header
    QTest::addColumn<bool>("sent");
    QTest::newRow("made from who commands") << s("Bearer {{incident.commander}}") << false;
    QTest::newRow("made from an earlier answer") << s("Bearer {{token}}") << true;
}

// A secret header made from a variable records as [redacted], so two sets of variables can build
// the same record. The declared commander's and the one after a handover taken in before the
// request differ on the wire: which went out is not known, and nothing goes. A set from before an
// earlier answer gave the token builds "Bearer {{token}}", which never went anywhere: every
// re-send of such a request was refused as "more than one way".
void TestAutomationRunner::resendOfASecretHeader()
{
    QFETCH(QString, header);
    QFETCH(bool, sent);
    const QByteArray json = R"({"format": 2, "id": "one", "title": "One item", "revision": "1",
        "variables": [{"name": "base", "prompt": "Server"}],
        "steps": [{"id": "s", "title": "Step", "expected_minutes": 1, "items": [
          {"id": "login", "text": "Log in", "kind": "action", "action": {
             "request": {"method": "POST", "url": "{{base}}/login"},
             "extract": {"token": "/token"}}},
          {"id": "post", "text": "Post", "kind": "action", "action": {"request": {
             "method": "POST", "url": "{{base}}/hook",
             "headers": {"Authorization": "HEADER"},
             "body": {"text": "rolling back"}}}}]}]})";
    const ChecklistParseResult parsed = ChecklistParser::parse(
        QByteArray(json).replace("HEADER", header.toUtf8()), s("one.json"));
    QVERIFY2(parsed.ok(), qPrintable(formatDiagnostics(parsed.diagnostics)));
    auto session = declare(*parsed.checklist, {{s("base"), s("http://127.0.0.1:9")}});
    QVERIFY(session);
    HttpEngine http;
    AutomationRunner runner(*session, http);
    // The login's answer gave the token.
    const QJsonObject login{{PayloadKey::Run, s("run-login-1")}};
    QVERIFY(session->startRun(s("s"), s("login"), login, {}).ok());
    QVERIFY(session
                ->recordRun(EventKind::ActionResponded, s("s"), s("login"),
                            {{PayloadKey::Run, s("run-login-1")},
                             {PayloadKey::Accepted, true},
                             {PayloadKey::Extracted, QJsonObject{{s("token"), s("t0k3n")}}}})
                .ok());
    const QString run = s("run-post-1");
    const BuiltRequest first = RequestBuilder::build(
        parsed.checklist->steps.first().items.at(1).action.request, session->textVariables(), run);
    QVERIFY2(first.ok(), qPrintable(first.error));
    QVERIFY2(first.display.contains(s("[redacted]")), qPrintable(first.display));
    QVERIFY(session->handOver(s("Lena Vogt"), s("Lena Vogt"), {}).ok());
    QVERIFY(session
                ->startRun(s("s"), s("post"),
                           {{PayloadKey::Run, run}, {PayloadKey::Request, first.record}},
                           s("drill"))
                .ok());
    QVERIFY(session
                ->recordRun(EventKind::ActionUnknown, s("s"), s("post"),
                            {{PayloadKey::Run, run}, {PayloadKey::Reason, s("no whole answer")}})
                .ok());
    const qsizetype before = session->events().size();
    const CommandResult resent = runner.resend(s("s"), s("post"), s("drill"));
    if (sent) {
        QVERIFY2(resent.ok(), qPrintable(resent.message));
        QCOMPARE(runOf(*session, s("s"), s("post")).request, first.record);
        return;
    }
    QVERIFY2(!resent.ok() && resent.message.contains(s("in more than one way")),
             qPrintable(resent.message));
    QCOMPARE(session->events().size(), before);
    QVERIFY(!runner.isActive(s("s"), s("post")));
}

void TestAutomationRunner::examplesAgainstLoopbackApis_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expectedHits"); // what the fake API saw, in order
    QTest::newRow("slack webhook") << s("slack-webhook") << QStringList{s("POST /hook")};
    QTest::newRow("grafana annotation")
        << s("grafana-annotation") << QStringList{s("POST /api/annotations")};
    QTest::newRow("rundeck job and poll")
        << s("rundeck-job")
        << QStringList{s("POST /api/41/job/00000000-0000-0000-0000-000000000000/run"),
                       s("GET /api/41/execution/42"), s("GET /api/41/execution/42")};
    QTest::newRow("prometheus and probe")
        << s("prometheus-checks")
        << QStringList{s("GET /api/v1/query"), s("GET /api/v1/query"), s("GET /api/v1/query"),
                       s("GET /api/v1/query"), s("GET /healthz")};
}

void TestAutomationRunner::examplesAgainstLoopbackApis()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expectedHits);
    // One loopback server that answers like Slack, Grafana, Rundeck, Prometheus and a health
    // endpoint, and refuses requests without the credentials the examples send.
    QHttpServer api;
    QStringList hits;
    QStringList problems;
    int polls = 0;
    using Method = QHttpServerRequest::Method;
    auto hit = [&](const QHttpServerRequest &r, const QByteArray &header, const QByteArray &value) {
        hits << QString::fromLatin1(r.method() == Method::Get ? "GET " : "POST ") + r.url().path();
        if (!header.isEmpty() && r.value(header) != value)
            problems << s("%1: %2 was '%3'")
                            .arg(r.url().path(), QString::fromLatin1(header),
                                 QString::fromLatin1(r.value(header)));
    };
    api.route(s("/hook"), Method::Post, [&](const QHttpServerRequest &r) {
        hit(r, {}, {});
        if (!QJsonDocument::fromJson(r.body()).object().value(s("text")).toString().contains(
                s("Rolling back payments-api to v1.2.0")))
            problems << s("webhook text: ") + QString::fromUtf8(r.body());
        return QHttpServerResponse("ok");
    });
    api.route(s("/api/annotations"), Method::Post, [&](const QHttpServerRequest &r) {
        hit(r, "Authorization", "Bearer " + m_secret);
        const QJsonObject body = QJsonDocument::fromJson(r.body()).object();
        if (body.value(s("tags")).toArray().size() != 3)
            problems << s("annotation tags: ") + QString::fromUtf8(r.body());
        return QHttpServerResponse(
            QJsonObject{{s("id"), 7}, {s("message"), s("Annotation added")}});
    });
    api.route(
        s("/api/41/job/<arg>/run"), Method::Post,
        [&](const QString &, const QHttpServerRequest &r) {
            hit(r, "X-Rundeck-Auth-Token", m_secret);
            return QHttpServerResponse(QJsonObject{{s("id"), 42}, {s("status"), s("running")}});
        });
    api.route(s("/api/41/execution/<arg>"), Method::Get,
              [&](const QString &, const QHttpServerRequest &r) {
                  hit(r, "X-Rundeck-Auth-Token", m_secret);
                  return QHttpServerResponse(QJsonObject{
                      {s("id"), 42}, {s("status"), ++polls < 2 ? s("running") : s("succeeded")}});
              });
    api.route(s("/api/v1/query"), Method::Get, [&](const QHttpServerRequest &r) {
        hit(r, {}, {});
        const QString q = QUrlQuery(r.url()).queryItemValue(s("query"), QUrl::FullyDecoded);
        const QString value = q.contains(s("histogram_quantile")) ? s("180") : s("0.004");
        return QHttpServerResponse(QJsonObject{
            {s("status"), s("success")},
            {s("data"), QJsonObject{{s("resultType"), s("vector")},
                                    {s("result"), QJsonArray{QJsonObject{
                                                      {s("metric"), QJsonObject{}},
                                                      {s("value"), QJsonArray{1.7e9, value}}}}}}}});
    });
    api.route(s("/healthz"), Method::Get, [&](const QHttpServerRequest &r) {
        hit(r, {}, {});
        return QHttpServerResponse(QJsonObject{{s("status"), s("ok")}});
    });
    const quint16 port = api.listen(QHostAddress::LocalHost);
    QVERIFY(port);
    const QString base = s("http://127.0.0.1:%1").arg(port);
    qputenv("SLACK_WEBHOOK_URL", (base + s("/hook")).toUtf8());
    qputenv("GRAFANA_TOKEN", m_secret);
    qputenv("RUNDECK_TOKEN", m_secret);

    const ChecklistParseResult parsed
        = ChecklistParser::parseFile(s(WARROOM_CHECKLISTS "/examples/") + file + s(".json"));
    QVERIFY2(parsed.ok(), qPrintable(formatDiagnostics(parsed.diagnostics)));
    auto session = declare(*parsed.checklist, {{s("grafana"), base},
                                               {s("rundeck"), base},
                                               {s("prometheus"), base},
                                               {s("service_url"), base}});
    QVERIFY(session);
    HttpEngine http;
    AutomationRunner runner(*session, http);
    runner.setTimeScale(0.01);
    QString failure;
    QVERIFY2(walkToEnd(*session, runner, &failure), qPrintable(failure));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(hits, expectedHits);
    for (const TimelineEvent &e : session->events())
        QVERIFY(!e.payloadText.contains(m_secret));
}

QTEST_GUILESS_MAIN(TestAutomationRunner)
#include "tst_automationrunner.moc"
