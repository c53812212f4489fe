#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QRegularExpression>
#include <QStringList>

#include <deque>
#include <memory>
#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QHttpServerResponse;
class QTcpSocket;

namespace warroom {

class DrillTcpServer;

// What the drill backend plays: the versions, how the rollback job goes, and the faults to inject.
struct DrillScenario
{
    QString service = QStringLiteral("payments-api");
    QString badVersion = QStringLiteral("v1.3.0");
    QString goodVersion = QStringLiteral("v1.2.0");
    int jobSeconds = 20;       // how long the rollback job takes
    bool jobFails = false;     // the job ends "failed" instead of rolling back
    double errorResponses = 0; // share (0..1) of API calls answered 503
    int failNext = 0;          // the next N API calls are answered 503, whatever the share
    bool flappingErrorRate = false;
    int latencyMs = 0; // added before every answer
    int stallNext = 0; // the next N requests are never answered
};

// The drill backend behind `warroom sim`: a loopback HTTP server that plays a service under
// rollback, so that a rollback can be rehearsed end to end with no infrastructure. A deployed bad
// version with a high error rate, a write freeze, a rollback job to start and poll, a traffic
// weight, metrics that react to all of these (Prometheus text at /metrics and an instant-query API
// at /api/v1/query), and a Slack-compatible webhook whose messages can be listed. Side effects
// honour Idempotency-Key: a repeated key gets the first answer again and changes nothing (for the
// last idempotencyCapacity keys: the oldest are forgotten first, so the record stays bounded).
// Faults for drills (error responses, a failing job, a flapping metric) come from a scenario or
// from POST /api/faults while it runs.
//
// Hostile or careless clients cost it nothing lasting: a connection that does not deliver a
// whole request within readTimeout is dropped, and an answer held back (latency, stall) for a
// client that has gone is dropped too, never written to its deleted socket.
class DrillBackend : public QObject
{
    Q_OBJECT

public:
    using Scenario = DrillScenario;

    explicit DrillBackend(Scenario scenario = {}, QObject *parent = nullptr);
    ~DrillBackend() override;

    // Listens on 127.0.0.1 only; 0 picks a free port. Returns the port, or 0 on failure.
    quint16 listen(quint16 port = 0);
    quint16 port() const { return m_port; }

    // Side effects and POST /api/faults then need "Authorization: Bearer <token>", as a real
    // API would; the token comes from the environment of `warroom sim`, never from a file.
    void setRequiredToken(const QByteArray &token) { m_token = token; }
    // How long a connection may take to deliver a request (default 10 s); before listen().
    void setReadTimeout(int ms) { m_readTimeoutMs = ms; }
    // How many Idempotency-Keys are remembered (default 10,000).
    void setIdempotencyCapacity(int keys);
    // The drill clock's speed when the backend plays a drill (warroom drill, the facilitator's
    // drill): an injected latency_ms is the service's latency in the drill's world, so answers
    // are held latency_ms / speed of real time while the metrics still report all of it. Held in
    // real time it counted `speed` times over on the drill clock (400 ms at x100: 40 drill seconds
    // per answer), and a ramp's latency gate halted minutes late by the drill clock.
    void setDrillSpeed(double speed) { m_drillSpeed = speed > 0 ? speed : 1.0; }
    int rememberedKeys() const { return static_cast<int>(m_idempotent.size()); }

    static bool readScenario(const QByteArray &json, Scenario *out, QString *error);

    // For tests and the facilitator: what the service has been through.
    int sideEffects() const { return m_sideEffects; }
    const QStringList &webhookMessages() const { return m_messages; }
    double errorRate() const;
    QString version() const { return m_version; }
    int trafficPercent() const { return m_trafficPercent; }

private:
    void addRoutes();
    // What each route does (DrillBackendRoutes.cpp).
    QHttpServerResponse serviceStatus();
    QHttpServerResponse freeze(const QHttpServerRequest &request);
    QHttpServerResponse startRollback(const QHttpServerRequest &request);
    QHttpServerResponse jobStatus(const QString &id);
    QHttpServerResponse setTraffic(const QHttpServerRequest &request);
    QHttpServerResponse injectFaults(const QHttpServerRequest &request);
    QHttpServerResponse postMessage(const QHttpServerRequest &request);

    // Every answer goes through deliver(); latency and stalls apply to all but /api/faults.
    void deliver(QHttpServerResponder &&responder, QHttpServerResponse response,
                 bool withFaults = true);
    void write(const QPointer<QTcpSocket> &socket, QHttpServerResponder &&responder,
               const QHttpServerResponse &response) const;
    bool authorized(const QHttpServerRequest &request) const;
    void remember(const QString &key, int status, const QByteArray &body);
    QHttpServerResponse respondOnce(const QHttpServerRequest &request, const QString &route,
                                    const std::function<QHttpServerResponse()> &effect);
    QJsonObject status() const;
    QJsonObject job() const;
    QByteArray prometheusText() const;
    QHttpServerResponse query(const QHttpServerRequest &request) const;
    bool injectedFailure();
    void tickJob();
    double m_drillSpeed = 1.0;

    Scenario m_scenario;
    std::unique_ptr<QHttpServer> m_server;
    DrillTcpServer *m_tcp = nullptr; // owned by m_server once it listens
    int m_readTimeoutMs = 10'000;
    quint16 m_port = 0;
    QString m_version;
    const QRegularExpression m_metricQuery;
    bool m_writesFrozen = false;
    int m_trafficPercent = 100;
    QString m_jobId;
    QString m_jobState; // "", running, succeeded, failed
    int m_jobProgress = 0;
    qint64 m_jobStartedMs = 0;
    int m_sideEffects = 0;
    int m_flap = 0;
    QStringList m_messages;
    QByteArray m_token;
    // Answers never given; kept only while their clients are still connected.
    std::vector<std::pair<QPointer<QTcpSocket>, std::shared_ptr<QHttpServerResponder>>> m_stalled;
    QHash<QString, QPair<int, QByteArray>> m_idempotent; // key -> (status, body)
    std::deque<QString> m_idempotentOrder;               // oldest first
    int m_idempotencyCapacity = 10'000;
};

} // namespace warroom
