// Actions, checks and ramps run for real (their pure parts are in tst_automation): the runner
// driving the shipped checklist against the drill backend, plus a process killed with
// a request in flight.
#include "automation/AutomationRunner.h"
#include "checklist/ChecklistParser.h"
#include "sim/DrillBackend.h"
#include "FaultServer.h"
#include "http/HttpEngine.h"
#include "report/PostmortemExporter.h"
#include "TestTimeline.h"
#include "store/TimelineStore.h"

#include <QDir>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace warroom;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

const char *const secretVar = "WARROOM_TEST_SECRET";

// The item's run as the engine folded it.
const AutomationStatus &runOf(const IncidentSession &session, const QString &step, const QString &item)
{
    return session.engine().itemStatus(step, item)->automation;
}

ItemState stateOf(const IncidentSession &session, const QString &step, const QString &item)
{
    return session.engine().itemStatus(step, item)->state;
}

int countKind(const TimelineEvents &events, QLatin1StringView kind)
{
    return static_cast<int>(std::count_if(events.cbegin(), events.cend(),
                                          [&](const TimelineEvent &e) { return e.kind == kind; }));
}

} // namespace

// The drill backend, an incident of the shipped checklist pointed at it, and a runner.
struct Rig
{
    explicit Rig(DrillScenario scenario = {})
        : sim(std::move(scenario))
    {}
    DrillBackend sim;
    QString url;
    std::unique_ptr<IncidentSession> session;
    HttpEngine http;
    std::unique_ptr<AutomationRunner> runner; // after the session: goes first
};

class TestActionRunner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void defaultChecklistAgainstDrillBackend();
    void failingCheckIsOverriddenOnlyWithAReason();
    void failingRampHaltsAndRollsBack();
    void failedJobFailsTheAction();
    void stoppedByAPerson();
    void irreversibleActionNeedsASecondPerson();
    void missingSecretSendsNothing();
    void killedInFlightComesBackUnknownAndResendsWithItsKey();
    void examplesAgainstLoopbackApis_data();
    void examplesAgainstLoopbackApis();
    void secretsEchoedInAnswersAreRedacted_data();
    void secretsEchoedInAnswersAreRedacted();
    void lineBreaksInExtractedValuesNeverReachTheWire_data();
    void lineBreaksInExtractedValuesNeverReachTheWire();

private:
    std::unique_ptr<IncidentSession> declare(const Checklist &checklist,
                                             const QMap<QString, QString> &variables);
    bool walkToEnd(IncidentSession &session, AutomationRunner &runner, QString *failure);
    bool rigUp(Rig &rig, double timeScale);
    // One step with one item (its JSON), {{base}} pointing at `base`; run to its end.
    std::unique_ptr<IncidentSession> runItem(const QByteArray &item, const QString &base,
                                             const QString &kind);

    QTemporaryDir m_dir;
    std::unique_ptr<TimelineStore> m_store;
    QByteArray m_secret;
    QString m_dbPath;
};

void TestActionRunner::init()
{
    m_secret = "s3cr3t-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    qputenv(secretVar, m_secret);
    qputenv("WARROOM_SIM_TOKEN", m_secret);
    m_store = std::make_unique<TimelineStore>();
    QString error;
    m_dbPath = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + s(".db"));
    QVERIFY2(m_store->open(m_dbPath, &error), qPrintable(error));
}

std::unique_ptr<IncidentSession> TestActionRunner::declare(const Checklist &checklist,
                                                           const QMap<QString, QString> &variables)
{
    IncidentDeclaration d;
    d.title = s("Rollback drill");
    d.commander = s("Priya");
    d.mode = IncidentMode::Drill;
    for (const ChecklistVariable &v : checklist.variables)
        d.variables.insert(v.name, variables.value(v.name, v.defaultValue));
    QString error;
    auto session = IncidentSession::declare(*m_store, checklist, d, systemClock(), &error);
    if (!session)
        qWarning("%s", qPrintable(error));
    return session;
}

bool TestActionRunner::rigUp(Rig &rig, double timeScale)
{
    rig.sim.setRequiredToken(m_secret);
    const quint16 port = rig.sim.listen();
    if (!port)
        return false;
    rig.url = s("http://127.0.0.1:%1").arg(port);
    rig.session
        = declare(test::shippedChecklist(), {{s("backend"), rig.url}, {s("prometheus"), rig.url}});
    if (!rig.session)
        return false;
    rig.runner = std::make_unique<AutomationRunner>(*rig.session, rig.http);
    rig.runner->setTimeScale(timeScale);
    return true;
}

bool TestActionRunner::walkToEnd(IncidentSession &session, AutomationRunner &runner, QString *failure)
{
    const ChecklistEngine &e = session.engine();
    for (int guard = 0; guard < 100 && e.currentStep() >= 0; ++guard) {
        const int si = e.currentStep();
        const ChecklistStep &step = session.checklist().steps.at(si);
        const ChecklistItem &item = step.items.at(e.currentItem(si));
        if (!item.isAutomated()) {
            const CommandResult r = session.confirmItem(
                step.id, item.id,
                item.kind == ItemKind::Choice ? item.options.first().value : QString());
            if (!r.ok()) {
                *failure = r.message;
                return false;
            }
            continue;
        }
        const CommandResult r = runner.start(step.id, item.id, {}, s("Sam"));
        if (!r.ok()) {
            *failure = item.id + s(": ") + r.message;
            return false;
        }
        QDeadlineTimer deadline(20'000);
        while (stateOf(session, step.id, item.id) == ItemState::Open && !deadline.hasExpired()
               && runOf(session, step.id, item.id).phase == AutomationStatus::Phase::Running)
            QTest::qWait(20);
        if (stateOf(session, step.id, item.id) != ItemState::Confirmed) {
            const AutomationStatus &run = runOf(session, step.id, item.id);
            *failure = QStringLiteral("%1/%2 did not complete: %3 %4 (last result: %5)")
                           .arg(step.id, item.id, AutomationStatus::phaseName(run.phase), run.reason,
                                run.lastResult);
            return false;
        }
    }
    return true;
}

void TestActionRunner::defaultChecklistAgainstDrillBackend()
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

void TestActionRunner::failingCheckIsOverriddenOnlyWithAReason()
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

void TestActionRunner::failingRampHaltsAndRollsBack()
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

void TestActionRunner::failedJobFailsTheAction()
{
    DrillScenario scenario;
    scenario.jobSeconds = 1;
    scenario.jobFails = true;
    Rig rig(scenario);
    QVERIFY(rigUp(rig, 0.05));
    DrillBackend &sim = rig.sim;
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;
    QVERIFY(runner.start(s("execute"), s("run"), s("drill"), s("Sam")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(runOf(*session, s("execute"), s("run")).phase,
                              AutomationStatus::Phase::Failed, 10'000);
    QCOMPARE(runOf(*session, s("execute"), s("run")).reason, s("/state is failed"));
    QCOMPARE(session->textVariables().value(s("job_id")), s("job-1"));
    QCOMPARE(sim.version(), s("v1.3.0"));
}

void TestActionRunner::stoppedByAPerson()
{
    DrillScenario scenario;
    scenario.jobSeconds = 0;
    Rig rig(scenario);
    QVERIFY(rigUp(rig, 1.0)); // real time: a 10 s hold, checks every 2 s
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;
    // Roll back first, so that nothing would stop the ramp by itself.
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

void TestActionRunner::irreversibleActionNeedsASecondPerson()
{
    Rig rig;
    QVERIFY(rigUp(rig, 1.0));
    DrillBackend &sim = rig.sim;
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;
    const qsizetype before = session->events().size();
    for (const QString &second : {QString(), s("  "), s("priya")}) {
        const CommandResult r = runner.start(s("execute"), s("run"), s("drill"), second);
        QCOMPARE(r.status, CommandResult::Status::Refused);
        QVERIFY2(r.message.contains(s("a second person, other than Priya")), qPrintable(r.message));
    }
    QCOMPARE(session->events().size(), before);
    QCOMPARE(sim.sideEffects(), 0);
    QVERIFY(
        runner.preview(s("execute"), s("run")).display.contains(s("Authorization: [redacted]")));
}

void TestActionRunner::missingSecretSendsNothing()
{
    qunsetenv("WARROOM_SIM_TOKEN");
    Rig rig;
    QVERIFY(rigUp(rig, 1.0));
    IncidentSession *session = rig.session.get();
    AutomationRunner &runner = *rig.runner;
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

void TestActionRunner::killedInFlightComesBackUnknownAndResendsWithItsKey()
{
    test::FaultServer server;
    const QString dbPath = m_dir.filePath(s("killed.db"));
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(s(WARROOM_RUNNER_CRASH_HELPER),
                 {dbPath, s(WARROOM_TEST_DATA "/checklists/good/one-action.json"),
                  s("http://127.0.0.1:%1").arg(server.port())});
    QVERIFY(helper.waitForStarted());
    // The request reaches the server (which never answers), then the app dies.
    QTRY_COMPARE_WITH_TIMEOUT(server.count("/stall"), 1, 10'000);
    QVERIFY(helper.readAllStandardOutput().startsWith("sent "));
    helper.kill();
    QVERIFY(helper.waitForFinished());
    const QByteArray key = server.seen().first().headers.value("idempotency-key");
    QVERIFY(!key.isEmpty());
    QCOMPARE(server.seen().first().headers.value("x-api-key"), m_secret);

    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dbPath, &error), qPrintable(error));
    const auto id = store.currentIncident();
    QVERIFY(id);
    auto session = IncidentSession::open(store, *id, systemClock(), &error);
    QVERIFY2(session, qPrintable(error));
    const AutomationStatus &run = runOf(*session, s("send"), s("post"));
    QCOMPARE(run.phase, AutomationStatus::Phase::Unknown);
    QCOMPARE(QByteArray(run.runId.toLatin1()), key);
    QVERIFY2(run.reason.contains(s("was in flight when warroom stopped")), qPrintable(run.reason));
    const TimelineEvent &last = session->events().constLast();
    QCOMPARE(last.kind, QString(EventKind::ActionUnknown));

    // Reopening sent nothing; a person decides.
    HttpEngine http;
    AutomationRunner runner(*session, http);
    QTest::qWait(300);
    QCOMPARE(server.count("/stall"), 1);
    QCOMPARE(runner.start(s("send"), s("post")).status, CommandResult::Status::Refused);
    QCOMPARE(server.count("/stall"), 1);

    // Re-sending uses the recorded key, so a service that did it already can say so.
    QVERIFY(runner.resend(s("send"), s("post")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(server.count("/stall"), 2, 10'000);
    QCOMPARE(server.seen().at(1).headers.value("idempotency-key"), key);
    QCOMPARE(session->events().constLast().payload.value(s("resend")).toBool(), true);
}

void TestActionRunner::examplesAgainstLoopbackApis_data()
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

void TestActionRunner::examplesAgainstLoopbackApis()
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
        QVERIFY(!e.payloadText.toUtf8().contains(m_secret));
}

std::unique_ptr<IncidentSession> TestActionRunner::runItem(const QByteArray &item,
                                                           const QString &base,
                                                           const QString &kind)
{
    const QByteArray json = R"({"format": 2, "id": "one", "title": "One item", "revision": "1",
        "variables": [{"name": "base", "prompt": "Server"}],
        "steps": [{"id": "s", "title": "Step", "expected_minutes": 1, "items": [)"
                            + item + "]}]}";
    const ChecklistParseResult parsed = ChecklistParser::parse(json, s("one.json"));
    if (!parsed.ok()) {
        qWarning("%s", qPrintable(formatDiagnostics(parsed.diagnostics)));
        return nullptr;
    }
    auto session = declare(*parsed.checklist, {{s("base"), base}});
    if (!session)
        return nullptr;
    HttpEngine http;
    AutomationRunner runner(*session, http);
    runner.setTimeScale(0.01);
    const QString itemId = parsed.checklist->steps.first().items.first().id;
    const CommandResult r = runner.start(s("s"), itemId);
    if (!r.ok()) {
        qWarning("%s", qPrintable(r.message));
        return nullptr;
    }
    // Until the run ends, with the event that ends it stored.
    QDeadlineTimer deadline(10'000);
    while (runner.isActive(s("s"), itemId) && !deadline.hasExpired())
        QTest::qWait(10);
    const TimelineEvents &events = session->events();
    if (runner.isActive(s("s"), itemId)
        || std::none_of(events.cbegin(), events.cend(),
                        [&kind](const TimelineEvent &e) { return e.kind == kind; })) {
        qWarning("the run did not end with %s", qPrintable(kind));
        return nullptr;
    }
    return session;
}

void TestActionRunner::secretsEchoedInAnswersAreRedacted_data()
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
void TestActionRunner::secretsEchoedInAnswersAreRedacted()
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
        QVERIFY2(!e.payloadText.contains(secret), qPrintable(e.kind + s(": ") + e.payloadText));
        if (e.kind == answer && e.payloadText.contains(s("[redacted]")))
            marked = true;
    }
    QVERIFY2(marked, qPrintable(answer));
}

void TestActionRunner::lineBreaksInExtractedValuesNeverReachTheWire_data()
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
void TestActionRunner::lineBreaksInExtractedValuesNeverReachTheWire()
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

QTEST_GUILESS_MAIN(TestActionRunner)
#include "tst_actionrunner.moc"
