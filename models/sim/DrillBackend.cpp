#include "sim/DrillBackend.h"

#include "sim/DrillAnswers.h"
#include "sim/DrillTcpServer.h"
#include "util/OneLine.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <vector>

namespace warroom {

using namespace DrillAnswers;

DrillBackend::DrillBackend(Scenario scenario, QObject *parent)
    : QObject(parent)
    , m_scenario(std::move(scenario))
    , m_server(std::make_unique<QHttpServer>())
    , m_version(m_scenario.badVersion)
    // A subset of PromQL: a metric name, optionally with a label selector, which is ignored.
    , m_metricQuery(QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*\\})?$"))
{
    addRoutes();
}

DrillBackend::~DrillBackend() = default;

void DrillBackend::deliver(QHttpServerResponder &&responder, QHttpServerResponse response,
                           bool withFaults)
{
    // The responder points at its socket (and at the request, which the socket owns) without
    // owning either: once the client hangs up, both are deleted. Whatever answers later asks
    // this pointer first.
    const QPointer<QTcpSocket> socket(responder.socket());
    DrillTcpServer::requestRead(socket);
    // A stalled request is never answered: the client's own deadline has to end it.
    if (withFaults && m_scenario.stallNext > 0) {
        --m_scenario.stallNext;
        std::erase_if(m_stalled, [](const auto &stalled) { return stalled.first.isNull(); });
        m_stalled.emplace_back(socket,
                               std::make_shared<QHttpServerResponder>(std::move(responder)));
        return;
    }
    if (!withFaults || m_scenario.latencyMs <= 0) {
        write(socket, std::move(responder), response);
        return;
    }
    auto held = std::make_shared<std::pair<QHttpServerResponder, QHttpServerResponse>>(
        std::move(responder), std::move(response));
    const int holdMs = std::max(1, int(std::lround(m_scenario.latencyMs / m_drillSpeed)));
    QTimer::singleShot(holdMs, this, [this, socket, held] {
        write(socket, std::move(held->first), held->second);
    });
}

void DrillBackend::write(const QPointer<QTcpSocket> &socket, QHttpServerResponder &&responder,
                         const QHttpServerResponse &response) const
{
    if (!socket)
        return; // the client went; its responder is dropped unused
    response.write(std::move(responder));
    if (m_tcp)
        m_tcp->answered(socket);
}

bool DrillBackend::authorized(const QHttpServerRequest &request) const
{
    return m_token.isEmpty() || request.value("Authorization") == QByteArray("Bearer " + m_token);
}

void DrillBackend::setIdempotencyCapacity(int keys)
{
    m_idempotencyCapacity = std::max(1, keys);
    while (m_idempotentOrder.size() > static_cast<size_t>(m_idempotencyCapacity)) {
        m_idempotent.remove(m_idempotentOrder.front());
        m_idempotentOrder.pop_front();
    }
}

void DrillBackend::remember(const QString &key, int status, const QByteArray &body)
{
    if (!m_idempotent.contains(key))
        m_idempotentOrder.push_back(key);
    m_idempotent.insert(key, {status, body});
    setIdempotencyCapacity(m_idempotencyCapacity); // forgets the oldest beyond it
}

quint16 DrillBackend::listen(quint16 port)
{
    auto tcp = std::make_unique<DrillTcpServer>();
    tcp->setReadTimeout(m_readTimeoutMs);
    if (!tcp->listen(QHostAddress::LocalHost, port))
        return 0;
    m_port = tcp->serverPort();
    m_tcp = tcp.release();
    m_server->bind(m_tcp); // takes it as a child
    return m_port;
}

namespace {

// One key of a scenario: its type and range, so that "job_seconds": "30" or 1e20 is refused with
// the key named instead of leaving the default in place without a word (QJsonValue::toInt's
// fallback). The limits are the core's (drill/ScenarioReader's faultKeys): tst_scenario gives
// both every key, and each count at its limit and one past it.
struct ScenarioKey
{
    const char *name;
    char type; // 's' text, 'b' flag, 'r' share 0..1, 'n' integer 0..max
    double max;
};
constexpr ScenarioKey scenarioKeys[] = {
    {"service", 's', 0},
    {"bad_version", 's', 0},
    {"good_version", 's', 0},
    {"job_seconds", 'n', 3600},
    {"job_fails", 'b', 0},
    {"error_responses", 'r', 1},
    {"flapping_error_rate", 'b', 0},
    {"fail_next", 'n', 1'000'000},
    {"latency_ms", 'n', 600'000},
    {"stall_next", 'n', 1'000'000},
};

// Empty when the value suits its key; else what was expected, in words.
QString scenarioValueProblem(const ScenarioKey &key, const QJsonValue &v)
{
    switch (key.type) {
    case 's':
        if (!v.isString())
            return QStringLiteral("expected a string");
        for (const QChar c : v.toString()) {
            if (OneLine::isControl(c.unicode()))
                return QStringLiteral("a control character: write it on one line of plain text");
        }
        return {};
    case 'b':
        return v.isBool() ? QString() : QStringLiteral("expected true or false");
    case 'r':
        return v.isDouble() && v.toDouble() >= 0 && v.toDouble() <= 1
                   ? QString()
                   : QStringLiteral("expected a share from 0 to 1");
    default:
        return v.isDouble() && v.toDouble() >= 0 && v.toDouble() <= key.max
                       && std::floor(v.toDouble()) == v.toDouble()
                   ? QString()
                   : QStringLiteral("expected an integer from 0 to %1").arg(key.max, 0, 'f', 0);
    }
}

} // namespace

bool DrillBackend::readScenario(const QByteArray &data, Scenario *out, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("the scenario is not a JSON object: %1 (at offset %2)")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject o = doc.object();
    QStringList known;
    for (const ScenarioKey &k : scenarioKeys)
        known << QLatin1String(k.name);
    for (auto it = o.begin(); it != o.end(); ++it) {
        const qsizetype at = known.indexOf(it.key());
        const QString problem = at < 0 ? QString() : scenarioValueProblem(scenarioKeys[at], *it);
        if (at < 0 || !problem.isEmpty()) {
            *error = at < 0 ? QStringLiteral("unknown scenario key '%1' (known: %2)")
                                  .arg(it.key(), known.join(QStringLiteral(", ")))
                            : QStringLiteral("%1: %2").arg(it.key(), problem);
            return false;
        }
    }
    Scenario s = *out;
    s.service = o.value(QLatin1String("service")).toString(s.service);
    s.badVersion = o.value(QLatin1String("bad_version")).toString(s.badVersion);
    s.goodVersion = o.value(QLatin1String("good_version")).toString(s.goodVersion);
    s.jobSeconds = o.value(QLatin1String("job_seconds")).toInt(s.jobSeconds);
    s.jobFails = o.value(QLatin1String("job_fails")).toBool(s.jobFails);
    s.errorResponses = o.value(QLatin1String("error_responses")).toDouble(s.errorResponses);
    s.flappingErrorRate = o.value(QLatin1String("flapping_error_rate")).toBool(s.flappingErrorRate);
    s.failNext = o.value(QLatin1String("fail_next")).toInt(s.failNext);
    s.latencyMs = o.value(QLatin1String("latency_ms")).toInt(s.latencyMs);
    s.stallNext = o.value(QLatin1String("stall_next")).toInt(s.stallNext);
    *out = s;
    return true;
}

QHttpServerResponse DrillBackend::respondOnce(const QHttpServerRequest &request,
                                              const QString &route,
                                              const std::function<QHttpServerResponse()> &effect)
{
    tickJob();
    if (!authorized(request))
        return unauthorized();
    const QString key = QString::fromUtf8(request.value("Idempotency-Key"));
    if (!key.isEmpty()) {
        const auto seen = m_idempotent.constFind(route + u'/' + key);
        if (seen != m_idempotent.cend()) {
            QHttpServerResponse replay(QByteArrayLiteral("application/json"), seen->second,
                                       static_cast<Status>(seen->first));
            replay.setHeader(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
            return replay;
        }
    }
    // A failure injected before the effect: the client may retry, and nothing happened yet.
    if (injectedFailure())
        return problem(QStringLiteral("injected failure"), Status::ServiceUnavailable);
    QHttpServerResponse response = effect();
    if (!key.isEmpty())
        remember(route + u'/' + key, static_cast<int>(response.statusCode()), response.data());
    return response;
}

bool DrillBackend::injectedFailure()
{
    if (m_scenario.failNext > 0) {
        --m_scenario.failNext;
        return true;
    }
    return m_scenario.errorResponses > 0
           && QRandomGenerator::global()->generateDouble() < m_scenario.errorResponses;
}

void DrillBackend::tickJob()
{
    if (m_jobState != QLatin1String("running"))
        return;
    const qint64 elapsed = QDateTime::currentMSecsSinceEpoch() - m_jobStartedMs;
    const qint64 total = qint64(m_scenario.jobSeconds) * 1000;
    const int said = m_jobProgress;
    m_jobProgress
        = total <= 0 ? 100 : static_cast<int>(std::min<qint64>(100, elapsed * 100 / total));
    // It fails at 60%, whenever it is next asked: a poll that came late read "failed at 71%"
    // under a scenario titled "fails at 60%". Past 60% already (told to fail later, at run
    // time), it fails where it was: its progress never goes back.
    if (m_scenario.jobFails && m_jobProgress >= 60) {
        m_jobProgress = std::max(60, said);
        m_jobState = QStringLiteral("failed");
        return;
    }
    if (m_jobProgress >= 100) {
        m_jobState = QStringLiteral("succeeded");
        m_version = m_scenario.goodVersion;
    }
}

double DrillBackend::errorRate() const
{
    const bool bad = m_version == m_scenario.badVersion;
    double rate = bad ? 0.12 : 0.002;
    if (m_scenario.flappingErrorRate && (const_cast<DrillBackend *>(this)->m_flap++ % 2 == 1))
        rate = 0.15;
    return m_trafficPercent == 0 ? 0.0 : rate;
}

QJsonObject DrillBackend::status() const
{
    const bool bad = m_version == m_scenario.badVersion;
    return {{QStringLiteral("service"), m_scenario.service},
            {QStringLiteral("version"), m_version},
            {QStringLiteral("writes_frozen"), m_writesFrozen},
            {QStringLiteral("traffic_percent"), m_trafficPercent},
            {QStringLiteral("error_rate"), errorRate()},
            // Injected latency slows every answer, so the service's own p99 shows it too.
            {QStringLiteral("latency_p99_ms"), (bad ? 850 : 120) + m_scenario.latencyMs},
            {QStringLiteral("write_rate"), m_writesFrozen ? 0 : 120 * m_trafficPercent / 100}};
}

QJsonObject DrillBackend::job() const
{
    return {{QStringLiteral("id"), m_jobId},
            {QStringLiteral("state"), m_jobState},
            {QStringLiteral("progress"), m_jobProgress}};
}

QByteArray DrillBackend::prometheusText() const
{
    const QJsonObject s = status();
    // Label values escaped as the exposition format says (\\, \", \n): a version a request
    // named with a quote in it closed the label and wrote a metric of its own.
    const auto escaped = [](const QString &value) {
        QByteArray b = value.toUtf8();
        return b.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    };
    const QByteArray labels = "{service=\"" + escaped(m_scenario.service) + "\",version=\""
                              + escaped(m_version) + "\"}";
    QByteArray out;
    auto gauge = [&](const char *name, const char *help, double value) {
        out += QByteArray("# HELP ") + name + ' ' + help + '\n';
        out += QByteArray("# TYPE ") + name + " gauge\n";
        out += QByteArray(name) + labels + ' ' + QByteArray::number(value) + '\n';
    };
    gauge("warroom_sim_error_rate", "Share of requests failing (0 to 1).",
          s.value(QLatin1String("error_rate")).toDouble());
    gauge("warroom_sim_latency_p99_ms", "99th percentile latency in milliseconds.",
          s.value(QLatin1String("latency_p99_ms")).toDouble());
    gauge("warroom_sim_write_rate", "Writes per second reaching the database.",
          s.value(QLatin1String("write_rate")).toDouble());
    gauge("warroom_sim_traffic_percent", "Share of traffic routed to the service (0 to 100).",
          m_trafficPercent);
    gauge("warroom_sim_rollback_progress", "Progress of the rollback job (0 to 100).",
          m_jobProgress);
    return out;
}

QHttpServerResponse DrillBackend::query(const QHttpServerRequest &request) const
{
    const QString q = QUrlQuery(request.url())
                          .queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded)
                          .trimmed();
    const auto m = m_metricQuery.match(q);
    if (!m.hasMatch())
        return json(
            {{QStringLiteral("status"), QStringLiteral("error")},
             {QStringLiteral("errorType"), QStringLiteral("bad_data")},
             {QStringLiteral("error"),
              QStringLiteral("the drill backend answers plain metric names, not '%1'").arg(q)}},
            Status::BadRequest);
    QJsonArray result;
    const QByteArray text = prometheusText();
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith('#') || !line.startsWith(QByteArray(m.captured(1).toUtf8() + '{')))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        result.append(QJsonObject{
            {QStringLiteral("metric"), QJsonObject{{QStringLiteral("__name__"), m.captured(1)},
                                                   {QStringLiteral("service"), m_scenario.service},
                                                   {QStringLiteral("version"), m_version}}},
            {QStringLiteral("value"),
             QJsonArray{static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0,
                        QString::fromUtf8(line.mid(space + 1))}}});
    }
    return json({{QStringLiteral("status"), QStringLiteral("success")},
                 {QStringLiteral("data"),
                  QJsonObject{{QStringLiteral("resultType"), QStringLiteral("vector")},
                              {QStringLiteral("result"), result}}}});
}

} // namespace warroom
