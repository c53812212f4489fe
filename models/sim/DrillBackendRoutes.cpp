// DrillBackend: its routes and what each one does to the service it plays.

#include "sim/DrillBackend.h"

#include "sim/DrillAnswers.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonArray>

namespace warroom {

using namespace DrillAnswers;

namespace {

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

} // namespace

void DrillBackend::addRoutes()
{
    using Method = QHttpServerRequest::Method;
    using Request = const QHttpServerRequest &;
    const auto deliverer = [this](QHttpServerResponder &&responder, QHttpServerResponse response) {
        deliver(std::move(responder), std::move(response));
    };
    const auto serve = [this, deliverer](const QString &path, QHttpServerRequest::Methods methods,
                                         auto handler) {
        routeVia(*m_server, path, methods, handler, deliverer);
    };
    serve(QStringLiteral("/api/status"), Method::Get, [this] { return serviceStatus(); });
    serve(QStringLiteral("/api/freeze"), Method::Post, [this](Request r) { return freeze(r); });
    serve(QStringLiteral("/api/rollback"), Method::Post,
          [this](Request r) { return startRollback(r); });
    m_server->route(QStringLiteral("/api/jobs/<arg>"), Method::Get,
                    [this](const QString &id, Request, QHttpServerResponder &&responder) {
                        deliver(std::move(responder), jobStatus(id));
                    });
    serve(QStringLiteral("/api/traffic"), Method::Post,
          [this](Request r) { return setTraffic(r); });
    // Faults change how every client is served: only for the token holder, when there is one.
    m_server->route(QStringLiteral("/api/faults"), Method::Post,
                    [this](Request r, QHttpServerResponder &&responder) {
                        deliver(std::move(responder), injectFaults(r), false);
                    });
    serve(QStringLiteral("/slack/webhook"), Method::Post,
          [this](Request r) { return postMessage(r); });
    serve(QStringLiteral("/slack/messages"), Method::Get,
          [this] { return QHttpServerResponse(QJsonArray::fromStringList(m_messages)); });
    serve(QStringLiteral("/metrics"), Method::Get, [this] {
        tickJob();
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"),
                                   prometheusText());
    });
    serve(QStringLiteral("/api/v1/query"), Method::Get | Method::Post, [this](Request r) {
        tickJob();
        return query(r);
    });
}

QHttpServerResponse DrillBackend::serviceStatus()
{
    tickJob();
    if (injectedFailure())
        return problem(QStringLiteral("injected failure"), Status::ServiceUnavailable);
    return json(status());
}

QHttpServerResponse DrillBackend::freeze(const QHttpServerRequest &r)
{
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
}

QHttpServerResponse DrillBackend::startRollback(const QHttpServerRequest &r)
{
    return respondOnce(r, QStringLiteral("rollback"), [this, &r] {
        const QString target = parseBody(r).value(QLatin1String("to_version")).toString();
        if (target != m_scenario.goodVersion)
            return problem(QStringLiteral("unknown version '%1'; the known-good version is %2")
                               .arg(target, m_scenario.goodVersion),
                           Status::UnprocessableEntity);
        if (m_jobState == QLatin1String("running"))
            return problem(QStringLiteral("a rollback job is already running"), Status::Conflict);
        ++m_sideEffects;
        m_jobId = QStringLiteral("job-%1").arg(m_sideEffects);
        m_jobState = QStringLiteral("running");
        m_jobProgress = 0;
        m_jobStartedMs = QDateTime::currentMSecsSinceEpoch();
        QJsonObject out = job();
        out.insert(QLatin1String("status_url"), QString(QStringLiteral("/api/jobs/") + m_jobId));
        return json(out, Status::Accepted);
    });
}

QHttpServerResponse DrillBackend::jobStatus(const QString &id)
{
    tickJob();
    if (injectedFailure())
        return problem(QStringLiteral("injected failure"), Status::ServiceUnavailable);
    if (id != m_jobId || m_jobId.isEmpty())
        return problem(QStringLiteral("no job '%1'").arg(id), Status::NotFound);
    return json(job());
}

QHttpServerResponse DrillBackend::setTraffic(const QHttpServerRequest &r)
{
    return respondOnce(r, QStringLiteral("traffic"), [this, &r] {
        const QJsonValue percent = parseBody(r).value(QLatin1String("percent"));
        if (!percent.isDouble() || percent.toDouble() < 0 || percent.toDouble() > 100)
            return problem(QStringLiteral("'percent' must be a number from 0 to 100"),
                           Status::BadRequest);
        m_trafficPercent = percent.toInt();
        ++m_sideEffects;
        return json(status());
    });
}

QHttpServerResponse DrillBackend::injectFaults(const QHttpServerRequest &r)
{
    if (!authorized(r))
        return unauthorized();
    Scenario s = m_scenario;
    QString error;
    if (!readScenario(r.body(), &s, &error))
        return problem(error, Status::BadRequest);
    m_scenario = s;
    return json(QJsonObject{{QStringLiteral("ok"), true}});
}

QHttpServerResponse DrillBackend::postMessage(const QHttpServerRequest &r)
{
    return respondOnce(r, QStringLiteral("webhook"), [this, &r] {
        const QString text = parseBody(r).value(QLatin1String("text")).toString();
        if (text.isEmpty())
            return QHttpServerResponse("missing_text", Status::BadRequest);
        m_messages << text;
        ++m_sideEffects;
        return QHttpServerResponse("ok");
    });
}

} // namespace warroom
