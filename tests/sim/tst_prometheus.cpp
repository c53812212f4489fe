#include "automation/AutomationRunner.h"
#include "sim/DrillBackend.h"
#include "http/HttpEngine.h"
#include "support/DeclaredIncident.h"
#include "support/TestTimeline.h"
#include "store/TimelineStore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;

namespace {

HttpResult fetch(HttpEngine &engine, const QString &url, const QByteArray &method = "GET",
                 const QByteArray &body = {})
{
    HttpRequest r;
    r.method = QString::fromLatin1(method);
    r.url = url;
    r.body = body;
    r.maxAttempts = 1;
    QSignalSpy done(&engine, &HttpEngine::finished);
    engine.start(r);
    if (!done.wait(15'000))
        qFatal("no answer from %s", qPrintable(url));
    return done.first().at(1).value<HttpResult>();
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// The value Prometheus holds for a query, or nullopt while it has none yet.
std::optional<double> instantValue(HttpEngine &engine, quint16 port, const char *query)
{
    const HttpResult r = fetch(engine, QStringLiteral("http://127.0.0.1:%1/api/v1/query?query=%2")
                                           .arg(port)
                                           .arg(QString::fromLatin1(query)));
    const QJsonArray result = QJsonDocument::fromJson(r.body)
                                  .object()
                                  .value(QLatin1String("data"))
                                  .toObject()
                                  .value(QLatin1String("result"))
                                  .toArray();
    if (r.status != 200 || result.isEmpty())
        return std::nullopt;
    return result.at(0)
        .toObject()
        .value(QLatin1String("value"))
        .toArray()
        .at(1)
        .toString()
        .toDouble();
}

} // namespace

// A real Prometheus (Debian's package, started here on loopback) scrapes the drill backend, and
// the HTTP engine asks it the PromQL question a sensed check will ask.
class TestPrometheus : public QObject
{
    Q_OBJECT

private slots:
    void scrapesTheDrillBackend();
};

void TestPrometheus::scrapesTheDrillBackend()
{
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    QVERIFY2(!binary.isEmpty(), "prometheus is not installed; scripts/dev test installs it");

    DrillScenario scenario;
    scenario.jobSeconds = 1;
    DrillBackend sim(scenario);
    QVERIFY(sim.listen() > 0);

    QTemporaryDir dir;
    const quint16 port = freePort();
    QFile config(dir.filePath(QStringLiteral("prometheus.yml")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                                "scrape_configs:\n  - job_name: warroom-sim\n    static_configs:\n"
                                "      - targets: ['127.0.0.1:%1']\n")
                     .arg(sim.port())
                     .toUtf8());
    config.close();
    QProcess prometheus;
    prometheus.setProcessChannelMode(QProcess::MergedChannels);
    prometheus.start(binary,
                     {QStringLiteral("--config.file=") + config.fileName(),
                      QStringLiteral("--storage.tsdb.path=") + dir.filePath(QStringLiteral("data")),
                      QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)});
    QVERIFY(prometheus.waitForStarted());
    auto stop = qScopeGuard([&prometheus] {
        prometheus.terminate();
        if (!prometheus.waitForFinished(10'000))
            prometheus.kill();
    });

    HttpEngine engine;
    std::optional<double> errorRate;
    for (int i = 0; i < 120 && !errorRate; ++i) {
        QTest::qWait(250);
        errorRate = instantValue(engine, port, "warroom_sim_error_rate");
    }
    QVERIFY2(errorRate, prometheus.readAll().right(2000).constData());
    QCOMPARE(*errorRate, 0.12);

    // Roll back; once the job is done and scraped, Prometheus sees the healthy error rate.
    QCOMPARE(fetch(engine, QStringLiteral("http://127.0.0.1:%1/api/rollback").arg(sim.port()),
                   "POST", R"({"to_version":"v1.2.0"})")
                 .status,
             202);
    for (int i = 0; i < 120 && errorRate != 0.002; ++i) {
        QTest::qWait(250);
        // Reading the job moves it on; the job exists, so the read itself must succeed.
        QCOMPARE(fetch(engine, QStringLiteral("http://127.0.0.1:%1/api/jobs/job-1").arg(sim.port()))
                     .status,
                 200);
        errorRate = instantValue(engine, port, "warroom_sim_error_rate");
    }
    QCOMPARE(errorRate, std::optional<double>(0.002));

    // A check of the shipped checklist, pointed at this Prometheus: the write rate while writes
    // flow (failing, 120), then after the freeze has been scraped (passing, 0).
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(QStringLiteral("incident.sqlite")), &error),
             qPrintable(error));
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d = test::declarationWithDefaults(
        checklist, QStringLiteral("Prometheus check"), QStringLiteral("ic"), IncidentMode::Live);
    d.variables.insert(QStringLiteral("backend"),
                       QStringLiteral("http://127.0.0.1:%1").arg(sim.port()));
    d.variables.insert(QStringLiteral("prometheus"),
                       QStringLiteral("http://127.0.0.1:%1").arg(port));
    auto session = IncidentSession::declare(store, checklist, d, systemClock(), &error);
    QVERIFY2(session, qPrintable(error));
    AutomationRunner runner(*session, engine);
    runner.setTimeScale(0.25); // a sample every 0.5 s, a 30 s deadline
    const QString step = QStringLiteral("freeze"), item = QStringLiteral("write-rate");
    QVERIFY(runner.start(step, item, QStringLiteral("checking the check")).ok());
    QTRY_VERIFY(session->engine().itemStatus(step, item)->automation.hasSample);
    QCOMPARE(session->engine().itemStatus(step, item)->automation.valueText, QStringLiteral("120"));
    QCOMPARE(fetch(engine, QStringLiteral("http://127.0.0.1:%1/api/freeze").arg(sim.port()), "POST",
                   R"({"frozen":true})")
                 .status,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(session->engine().itemStatus(step, item)->state, ItemState::Confirmed,
                              30'000);
    const AutomationStatus &run = session->engine().itemStatus(step, item)->automation;
    QCOMPARE(run.phase, AutomationStatus::Phase::Succeeded);
    QCOMPARE(run.valueText, QStringLiteral("0"));
    QCOMPARE(run.threshold, QStringLiteral("<= 0"));
    QVERIFY(run.samples >= 2);
}

QTEST_GUILESS_MAIN(TestPrometheus)
#include "tst_prometheus.moc"
