#include "http/HttpEngine.h"

#include "http/CurlWorker.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

#include <curl/curl.h>

#include <chrono>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace warroom {

namespace {

// Why `url` may not be fetched at all, or an empty string; `encoded` gets the URL as libcurl takes
// it, so that it is parsed once per request, not once more per attempt on the worker.
QString refusal(const HttpRequest &r, QByteArray &encoded)
{
    const QUrl url(r.url, QUrl::StrictMode);
    encoded = url.toEncoded();
    if (!url.isValid()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return QStringLiteral("'%1' is not an http or https URL").arg(r.url);
    if (url.scheme() == QLatin1String("http") && !HttpRequest::isLoopbackHost(url.host())
        && !r.plainHttpHosts.contains(url.host()))
        return QStringLiteral("refusing plain http:// to %1: only loopback, or hosts the "
                              "checklist names, may be reached without TLS")
            .arg(url.host());
    return {};
}

// How long a batch of answers may hold the event loop before the rest waits for its next turn:
// a burst of 500 answers must not become one 30 ms stall of the GUI. Measured with bench_gui
// (500 in flight, answered in bursts): a 3 ms budget gave p99 lateness 10 to 13 ms, 1 ms 4.8 ms.
constexpr qint64 deliveryBudgetNs = 1'000'000;

// How long a delivery waits, awake, for the answers to the requests its receivers just started,
// when those are all the requests in flight (one at a time, or a batch answered with the next
// batch). A queued event that wakes a sleeping thread was most of what the engine added to a
// lone request on loopback; a real server's answer takes longer and the wait just ends.
constexpr std::chrono::microseconds answerWait{100};
// Above this many in flight answers come as a stream, each wake-up of the engine's thread serves a
// batch of them, and a thread waiting awake would only take a core from the worker and the server.
constexpr size_t maxAwaited = 16;

} // namespace

// One request across its attempts, as the engine's own thread sees it. The transfer itself (easy
// handle, buffers) lives on the worker thread; this side knows only what to do with its answers.
struct Pending
{
    HttpRequest request;
    QByteArray encodedUrl;
    int attempt = 0;
    // By any attempt so far: a later refused connection does not undo an earlier one that left.
    bool requestSent = false;
    bool answerLost = false;
    QElapsedTimer clock;
    std::unique_ptr<QTimer> retryTimer;
};

struct HttpEngine::Private
{
    HttpEngine *q;
    std::unordered_map<quint64, Pending> pending;
    std::deque<CurlAttempt> backlog; // answers taken from the worker, not yet delivered
    bool deliveryQueued = false;
    size_t startedInDelivery = 0; // requests started by receivers of the current batch
    quint64 nextId = 1;
    int backoffBaseMs = 250;
    int backoffCapMs = 8'000;
    // Last, so that it goes first: its thread is stopped and joined before anything it could
    // reach (its `ready` posts to q) is destroyed.
    std::unique_ptr<CurlWorker> worker;

    explicit Private(HttpEngine *engine)
        : q(engine)
    {}

    void queueDelivery();
    void deliver();
    bool deliverBatch(QElapsedTimer &spent);
    std::chrono::microseconds waitForAnswers(const QElapsedTimer &spent) const;
    void attemptDone(CurlAttempt attempt);
    void retry(quint64 id, Pending &p, const HttpResult &result, qint64 retryAfterSeconds);
    void finish(quint64 id, HttpResult result);
};

void HttpEngine::Private::queueDelivery()
{
    if (deliveryQueued)
        return;
    deliveryQueued = true;
    QMetaObject::invokeMethod(q, [this] { deliver(); }, Qt::QueuedConnection);
}

// On the engine's thread: the worker's answers, one finished() each, for at most the budget per
// turn of the event loop. A receiver may start, cancel or spin a nested loop from finished();
// each answer is taken off the backlog before it is delivered, so none is delivered twice.
void HttpEngine::Private::deliver()
{
    deliveryQueued = false;
    QElapsedTimer spent;
    spent.start();
    std::chrono::microseconds wait{0};
    for (;;) {
        for (CurlAttempt &a : worker->takeAttempts(wait))
            backlog.push_back(std::move(a));
        if (backlog.empty() || !deliverBatch(spent))
            return;
        wait = waitForAnswers(spent);
        if (wait.count() == 0)
            return;
    }
}

// False when the budget ran out (the rest is queued for the next turn of the loop).
bool HttpEngine::Private::deliverBatch(QElapsedTimer &spent)
{
    startedInDelivery = 0;
    while (!backlog.empty()) {
        if (spent.nsecsElapsed() > deliveryBudgetNs) {
            queueDelivery();
            return false;
        }
        CurlAttempt a = std::move(backlog.front());
        backlog.pop_front();
        attemptDone(std::move(a));
    }
    return true;
}

// Waits only when the receivers started every request now in flight (nothing else is coming) and
// those are few, and never past the turn's budget.
std::chrono::microseconds HttpEngine::Private::waitForAnswers(const QElapsedTimer &spent) const
{
    const size_t inFlight = pending.size();
    if (startedInDelivery == 0 || inFlight > startedInDelivery || inFlight > maxAwaited)
        return {};
    const auto left = std::chrono::microseconds((deliveryBudgetNs - spent.nsecsElapsed()) / 1000);
    return std::max(std::chrono::microseconds{0}, std::min(answerWait, left));
}

void HttpEngine::Private::attemptDone(CurlAttempt a)
{
    const auto it = pending.find(a.id);
    // Gone (cancelled) or superseded: the answer to an attempt nobody waits for.
    if (it == pending.end() || it->second.attempt != a.attempt)
        return;
    Pending &p = it->second;
    HttpResult result = std::move(a.result);
    result.attempts = p.attempt;
    result.durationMs = p.clock.elapsed();
    p.requestSent = p.requestSent || result.requestSent;
    p.answerLost = p.answerLost || (result.requestSent && !result.error.isEmpty());
    result.requestSent = p.requestSent;
    result.answerLost = p.answerLost;
    if (!a.transient || !p.request.isSafeToRetry() || p.attempt >= p.request.maxAttempts) {
        finish(a.id, std::move(result));
        return;
    }
    retry(a.id, p, result, a.retryAfterSeconds);
}

void HttpEngine::Private::retry(quint64 id, Pending &p, const HttpResult &result,
                                qint64 retryAfterSeconds)
{
    int delay = static_cast<int>(QRandomGenerator::global()->bounded(
        std::min<qint64>(backoffCapMs, qint64(backoffBaseMs) << std::min(p.attempt - 1, 20)) + 1));
    if (retryAfterSeconds > 0)
        delay = static_cast<int>(std::min<qint64>(retryAfterSeconds * 1000, 60'000));
    const QString why
        = result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(result.status) : result.error;
    p.retryTimer = std::make_unique<QTimer>();
    p.retryTimer->setSingleShot(true);
    QObject::connect(p.retryTimer.get(), &QTimer::timeout, q, [this, id] {
        const auto found = pending.find(id);
        if (found == pending.end())
            return;
        Pending &again = found->second;
        worker->start(id, ++again.attempt, again.request, again.encodedUrl);
    });
    p.retryTimer->start(delay);
    emit q->retrying(id, p.attempt, why, delay);
}

void HttpEngine::Private::finish(quint64 id, HttpResult result)
{
    const auto it = pending.find(id);
    if (it == pending.end())
        return;
    pending.erase(it);
    emit q->finished(id, result);
}

HttpEngine::HttpEngine(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    static std::once_flag initialised;
    std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    // `ready` runs on the worker thread and only posts, which is thread-safe. `this` outlives
    // the worker (~HttpEngine joins it first); a delivery still queued when the engine goes is
    // discarded with its posted events.
    Private *p = d.get();
    d->worker = std::make_unique<CurlWorker>([this, p] {
        QMetaObject::invokeMethod(this, [p] { p->deliver(); }, Qt::QueuedConnection);
    });
}

HttpEngine::~HttpEngine()
{
    // Stop the thread before the pending requests and their timers go.
    d->worker.reset();
}

quint64 HttpEngine::start(const HttpRequest &request)
{
    const quint64 id = d->nextId++;
    Pending &p = d->pending[id];
    p.request = request;
    p.clock.start();
    const QString refused = refusal(request, p.encodedUrl);
    if (!refused.isEmpty()) {
        HttpResult failed;
        failed.error = refused;
        // Reported from the event loop, like every other result, so callers see one order.
        QTimer::singleShot(0, this, [this, id, failed] { d->finish(id, failed); });
        return id;
    }
    p.attempt = 1;
    ++d->startedInDelivery;
    d->worker->start(id, p.attempt, request, p.encodedUrl);
    return id;
}

void HttpEngine::cancel(quint64 id)
{
    const auto it = d->pending.find(id);
    if (it == d->pending.end())
        return;
    d->worker->cancel(id);
    HttpResult cancelled;
    cancelled.error = QStringLiteral("cancelled");
    cancelled.attempts = it->second.attempt;
    cancelled.durationMs = it->second.clock.elapsed();
    d->finish(id, cancelled);
}

int HttpEngine::inFlight() const
{
    return static_cast<int>(d->pending.size());
}

void HttpEngine::setBackoff(int baseMs, int capMs)
{
    d->backoffBaseMs = std::max(1, baseMs);
    d->backoffCapMs = std::max(d->backoffBaseMs, capMs);
}

} // namespace warroom
