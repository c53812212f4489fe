#pragma once

#include "http/HttpRequest.h"

#include <QObject>

#include <memory>

namespace warroom {

// Performs HTTP requests with libcurl's multi interface on the Qt event loop (the pattern of curl's
// multi-uv.c: a QSocketNotifier per socket and direction, one single-shot QTimer for curl's
// timeouts), so a hundred slow requests in flight leave the GUI thread as free as none.
// Retries with capped exponential backoff and full jitter, only where a retry cannot perform a side
// effect twice: idempotent methods, or requests that carry an Idempotency-Key (kept across every
// attempt); 429 and 503 wait as long as Retry-After asks.
class HttpEngine : public QObject
{
    Q_OBJECT

public:
    explicit HttpEngine(QObject *parent = nullptr);
    ~HttpEngine() override;

    // Starts a request; its result arrives through finished(). Never blocks.
    quint64 start(const HttpRequest &request);
    void cancel(quint64 id);
    int inFlight() const;

    // Backoff bounds for retries: attempt n waits a random time up to min(cap, base * 2^(n-1)).
    void setBackoff(int baseMs, int capMs);

signals:
    // An attempt failed and the request will be tried again after delayMs.
    void retrying(quint64 id, int attempt, const QString &why, int delayMs);
    void finished(quint64 id, const warroom::HttpResult &result);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace warroom
