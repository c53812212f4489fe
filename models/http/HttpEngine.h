#pragma once

#include "http/HttpRequest.h"

#include <QObject>

#include <memory>

namespace warroom {

// Performs HTTP requests with libcurl's multi interface on a worker thread of its own (CurlWorker),
// and delivers their answers on the thread that owns the engine, in batches of at most 1 ms per
// turn of its event loop, so 500 requests in flight leave the GUI thread as free as none.
// Everything here, retries included, runs on the owner's thread; only single attempts cross.
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
