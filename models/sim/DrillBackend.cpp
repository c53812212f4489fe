#include "sim/DrillBackend.h"

#include "sim/DrillTcpServer.h"

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
#include <vector>

namespace warroom {

namespace {

using Status = QHttpServerResponse::StatusCode;

// Routes a handler that returns its answer through `deliver`, which may delay or withhold it.
template<typename Handler, typename Deliver>
void routeVia(QHttpServer &server, const QString &path, QHttpServerRequest::Methods methods,
              Handler handler, Deliver deliver)
{
    server.route(path, methods,
                 [handler, deliver](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                     if constexpr (std::is_invocable_v<Handler, const QHttpServerRequest &>)
                         deliver(std::move(responder), handler(r));
                     else
                         deliver(std::move(responder), handler());
                 });
}

QJsonObject parseBody(const QHttpServerRequest &request)
{
    return QJsonDocument::fromJson(request.body()).object();
}

QHttpServerResponse json(const QJsonObject &object, Status status = Status::Ok)
{
    return QHttpServerResponse(object, status);
}

QHttpServerResponse problem(const QString &message, Status status)
{
    return json(QJsonObject{{QStringLiteral("error"), message}}, status);
}

QHttpServerResponse unauthorized()
{
    return problem(QStringLiteral("missing or wrong bearer token (Authorization: Bearer ...)"),
                   Status::Unauthorized);
}

} // namespace

DrillBackend::DrillBackend(Scenario scenario, QObject *parent)
    : QObject(parent)
    , m_scenario(std::move(scenario))
    , m_server(std::make_unique<QHttpServer>())
    , m_version(m_scenario.badVersion)
{
    using Method = QHttpServerRequest::Method;
    const auto deliverer = [this](QHttpServerResponder &&responder, QHttpServerResponse response) {
        deliver(std::move(responder), std::move(response));
    };
    const auto serve = [this, deliverer](const QString &path, QHttpServerRequest::Methods methods,
                                         auto handler) {
        routeVia(*m_server, path, methods, handler, deliverer);
    };
    serve(QStringLiteral("/api/status"), Method::Get, [this] {
        tickJob();
        if (injectedFailure())
            return problem(QStringLiteral("injected failure"), Status::ServiceUnavailable);
        return json(status());
    });
    serve(QStringLiteral("/api/freeze"), Method::Post, [this](const QHttpServerRequest &r) {
        return respondOnce(r, QStringLiteral("freeze"), [this, &r] {
            const QJsonObject body = parseBody(r);
            m_writesFrozen = body.value(QLatin1String("frozen")).toBool(true);
            // Maintenance mode: a frozen service is also routed no traffic, so
            // re-enabling it means ramping traffic back.
            if (m_writesFrozen)
                m_trafficPercent = 0;
            ++m_sideEffects;
            return json(status());
        });
    });
    serve(QStringLiteral("/api/rollback"), Method::Post, [this](const QHttpServerRequest &r) {
        return respondOnce(r, QStringLiteral("rollback"), [this, &r] {
            const QString target = parseBody(r).value(QLatin1String("to_version")).toString();
            if (target != m_scenario.goodVersion)
                return problem(QStringLiteral("unknown version '%1'; the known-good version is %2")
                                   .arg(target, m_scenario.goodVersion),
                               Status::UnprocessableEntity);
            if (m_jobState == QLatin1String("running"))
                return problem(QStringLiteral("a rollback job is already running"),
                               Status::Conflict);
            ++m_sideEffects;
            m_jobId = QStringLiteral("job-%1").arg(m_sideEffects);
            m_jobState = QStringLiteral("running");
            m_jobProgress = 0;
            m_jobStartedMs = QDateTime::currentMSecsSinceEpoch();
            QJsonObject out = job();
            out.insert(QLatin1String("status_url"),
                       QString(QStringLiteral("/api/jobs/") + m_jobId));
            return json(out, Status::Accepted);
        });
    });
    m_server->route(
        QStringLiteral("/api/jobs/<arg>"), Method::Get,
        [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&responder) {
            deliver(std::move(responder), [this, &id] {
                tickJob();
                if (injectedFailure())
                    return problem(QStringLiteral("injected failure"), Status::ServiceUnavailable);
                if (id != m_jobId || m_jobId.isEmpty())
                    return problem(QStringLiteral("no job '%1'").arg(id), Status::NotFound);
                return json(job());
            }());
        });
    serve(QStringLiteral("/api/traffic"), Method::Post, [this](const QHttpServerRequest &r) {
        return respondOnce(r, QStringLiteral("traffic"), [this, &r] {
            const QJsonValue percent = parseBody(r).value(QLatin1String("percent"));
            if (!percent.isDouble() || percent.toDouble() < 0 || percent.toDouble() > 100)
                return problem(QStringLiteral("'percent' must be a number from 0 to 100"),
                               Status::BadRequest);
            m_trafficPercent = percent.toInt();
            ++m_sideEffects;
            return json(status());
        });
    });
    // Faults change how every client is served: only for the token holder, when there is one.
    m_server->route(QStringLiteral("/api/faults"), Method::Post,
                    [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                        deliver(std::move(responder),
                                [this, &r] {
                                    if (!authorized(r))
                                        return unauthorized();
                                    Scenario s = m_scenario;
                                    QString error;
                                    if (!readScenario(r.body(), &s, &error))
                                        return problem(error, Status::BadRequest);
                                    m_scenario = s;
                                    return json(QJsonObject{{QStringLiteral("ok"), true}});
                                }(),
                                false);
                    });
    serve(QStringLiteral("/slack/webhook"), Method::Post, [this](const QHttpServerRequest &r) {
        return respondOnce(r, QStringLiteral("webhook"), [this, &r] {
            const QString text = parseBody(r).value(QLatin1String("text")).toString();
            if (text.isEmpty())
                return QHttpServerResponse("missing_text", Status::BadRequest);
            m_messages << text;
            ++m_sideEffects;
            return QHttpServerResponse("ok");
        });
    });
    serve(QStringLiteral("/slack/messages"), Method::Get,
          [this] { return QHttpServerResponse(QJsonArray::fromStringList(m_messages)); });
    serve(QStringLiteral("/metrics"), Method::Get, [this] {
        tickJob();
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"),
                                   prometheusText());
    });
    serve(QStringLiteral("/api/v1/query"), Method::Get | Method::Post,
          [this](const QHttpServerRequest &r) {
              tickJob();
              return query(r);
          });
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
    QTimer::singleShot(m_scenario.latencyMs, this, [this, socket, held] {
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
    static const QStringList known = {QStringLiteral("service"),
                                      QStringLiteral("bad_version"),
                                      QStringLiteral("good_version"),
                                      QStringLiteral("job_seconds"),
                                      QStringLiteral("job_fails"),
                                      QStringLiteral("error_responses"),
                                      QStringLiteral("flapping_error_rate"),
                                      QStringLiteral("fail_next"),
                                      QStringLiteral("latency_ms"),
                                      QStringLiteral("stall_next")};
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = QStringLiteral("unknown scenario key '%1' (known: %2)")
                         .arg(it.key(), known.join(QStringLiteral(", ")));
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
    if (s.jobSeconds < 0 || s.jobSeconds > 3600 || s.errorResponses < 0 || s.errorResponses > 1
        || s.failNext < 0 || s.latencyMs < 0 || s.latencyMs > 600'000 || s.stallNext < 0) {
        *error = QStringLiteral("job_seconds must be 0 to 3600, error_responses 0 to 1, "
                                "latency_ms 0 to 600000, and fail_next and stall_next 0 or more");
        return false;
    }
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
    m_jobProgress
        = total <= 0 ? 100 : static_cast<int>(std::min<qint64>(100, elapsed * 100 / total));
    if (m_scenario.jobFails && m_jobProgress >= 60) {
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
            {QStringLiteral("latency_p99_ms"), bad ? 850 : 120},
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
    const QByteArray labels = "{service=\"" + m_scenario.service.toUtf8() + "\",version=\""
                              + m_version.toUtf8() + "\"}";
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
    // A subset of PromQL: a metric name, optionally with a label selector, which is ignored.
    static const QRegularExpression metric(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*\\})?$"));
    const auto m = metric.match(q);
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
