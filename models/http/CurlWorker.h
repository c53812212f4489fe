#pragma once

#include "http/HttpRequest.h"

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace warroom {

// One attempt of a request as the worker thread performed it. Plain values only: it is made on
// the worker thread and handed, moved, to the thread that owns the HttpEngine.
struct CurlAttempt
{
    quint64 id = 0;
    int attempt = 0;   // which attempt of request `id` this answers (stale ones are dropped)
    HttpResult result; // status, body, headers, curlCode and error of this attempt
    bool transient = false;       // a failure after which the same request may well succeed
    qint64 retryAfterSeconds = -1; // the answer's Retry-After, when it had one
};

// libcurl's multi interface on a thread of its own, so that no transfer, DNS lookup, TLS
// handshake or burst of 500 answers ever runs on the GUI thread (measured: the multi handle on
// the Qt event loop made a 2 ms timer up to 50 ms late with 500 requests in flight; see README,
// "GUI loop").
//
// Thread-safety, by ownership: the multi handle, every easy handle and every transfer's buffers
// belong to the worker thread alone, from the moment it starts until it ends. Other threads talk
// to it through two queues under one mutex (commands in, attempts out) and curl_multi_wakeup(),
// which libcurl documents as callable from any thread. Nothing else is shared.
class CurlWorker
{
public:
    // `ready` is called on the worker thread when attempts wait in takeAttempts() and none
    // waited before: once per batch, not once per answer. It must only post (never block).
    explicit CurlWorker(std::function<void()> ready);
    // Stops the thread and waits for it; transfers still under way are abandoned (their
    // connections closed), and no `ready` call follows.
    ~CurlWorker();

    CurlWorker(const CurlWorker &) = delete;
    CurlWorker &operator=(const CurlWorker &) = delete;

    // Both callable from any thread; neither blocks on the network.
    // `encodedUrl` is request.url as the engine checked it, strictly encoded.
    void start(quint64 id, int attempt, const HttpRequest &request, const QByteArray &encodedUrl);
    void cancel(quint64 id);
    // The attempts finished since the last call, in the order they finished. With a `wait` and
    // none finished yet, waits up to that long for one, awake (the caller expects an answer within
    // microseconds, and a sleeping thread takes longer than that to wake); `ready` is not called
    // for attempts that finish during the wait, since the caller takes them.
    std::vector<CurlAttempt> takeAttempts(std::chrono::microseconds wait = {});

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace warroom
