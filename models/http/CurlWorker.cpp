#include "http/CurlWorker.h"

#include <curl/curl.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace warroom {

namespace {

struct EasyDeleter
{
    void operator()(CURL *easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter
{
    void operator()(CURLM *multi) const { curl_multi_cleanup(multi); }
};
struct SlistDeleter
{
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// Failures after which the same request may well succeed.
bool isTransient(CURLcode code)
{
    switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        return true;
    default:
        return false;
    }
}

bool isTransientStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

void checkMulti(CURLMcode code, const char *where)
{
    // A CURLMcode other than OK is a bug on our side (a bad handle, a call out of order), not a
    // network condition: say so loudly rather than carry on silently.
    if (code != CURLM_OK)
        qWarning("libcurl multi error in %s: %s (%d)", where, curl_multi_strerror(code), int(code));
}

// One attempt on the worker thread. Its address is the easy handle's CURLOPT_PRIVATE and the
// write and header callbacks' user data, so it never moves while the handle is in the multi.
struct Transfer
{
    quint64 id = 0;
    int attempt = 0;
    HttpRequest request;
    HeaderList headers;
    QByteArray body;
    QList<QPair<QString, QString>> responseHeaders;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    bool overCap = false;
    // Last, so it is destroyed first: the handle points at the header list, the request's body
    // and the error buffer above, and must not outlive them even inside curl_easy_cleanup.
    EasyHandle easy;
};

struct Command
{
    bool cancel = false;
    quint64 id = 0;
    int attempt = 0;
    HttpRequest request;
    QByteArray url; // the request's URL, encoded once on the caller's thread
};

// Idle easy handles kept for the next request: a handle's first use allocates its structures and
// buffers, and on this thread's malloc arena that grew and trimmed the heap (an mprotect) about
// every other request. Enough for a burst's worth; beyond it handles are freed.
constexpr size_t maxIdleHandles = 64;

size_t onBody(char *data, size_t size, size_t count, void *userp)
{
    auto *t = static_cast<Transfer *>(userp);
    const auto bytes = static_cast<qint64>(size * count);
    if (t->body.size() + bytes > t->request.maxResponseBytes) {
        t->overCap = true;
        return 0; // makes libcurl stop with CURLE_WRITE_ERROR
    }
    t->body.append(data, bytes);
    return size * count;
}

size_t onHeader(char *data, size_t size, size_t count, void *userp)
{
    auto *t = static_cast<Transfer *>(userp);
    const QByteArray line = QByteArray(data, static_cast<qsizetype>(size * count)).trimmed();
    if (line.startsWith("HTTP/"))
        t->responseHeaders.clear(); // a new response (after a redirect or a 100 Continue)
    const qsizetype colon = line.indexOf(':');
    if (colon > 0)
        t->responseHeaders.append({QString::fromLatin1(line.left(colon)).trimmed(),
                                   QString::fromUtf8(line.mid(colon + 1)).trimmed()});
    return size * count;
}

// Strings given to curl_easy_setopt are copied by libcurl, so temporaries serve.
void setOptions(Transfer &t, const QByteArray &url)
{
    const HttpRequest &r = t.request;
    CURL *e = t.easy.get();
    curl_easy_setopt(e, CURLOPT_URL, url.constData());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errorBuffer);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.connectTimeoutMs));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(r.totalTimeoutMs));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(r.lowSpeedBytesPerSecond));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(r.lowSpeedTimeS));
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, r.maxRedirects > 0 ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(r.maxRedirects));
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    const QByteArray caFile = r.caFile.toLocal8Bit();
    if (!caFile.isEmpty())
        curl_easy_setopt(e, CURLOPT_CAINFO, caFile.constData());
    curl_easy_setopt(e, CURLOPT_USERAGENT, "warroom/" WARROOM_VERSION);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
}

void setMethodAndHeaders(Transfer &t)
{
    const HttpRequest &r = t.request;
    CURL *e = t.easy.get();
    const QByteArray method = r.method.toUpper().toLatin1();
    if (method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (method != "GET") {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method.constData());
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
        curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, r.body.constData());
    }
    curl_slist *list = nullptr;
    auto add = [&list](const QByteArray &line) {
        if (curl_slist *grown = curl_slist_append(list, line.constData()))
            list = grown;
    };
    add(QByteArrayLiteral("Expect:")); // no 100-continue round trip before every POST body
    for (const HttpHeader &h : r.headers)
        add(h.name.toUtf8() + ": " + h.value.toUtf8());
    if (!r.idempotencyKey.isEmpty())
        add("Idempotency-Key: " + r.idempotencyKey.toUtf8());
    t.headers.reset(list);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, list);
}

static_assert(HttpResult::couldNotConnect == CURLE_COULDNT_CONNECT);

// Whether the request itself left: bytes of it sent (CURLINFO_REQUEST_SIZE) after libcurl was
// ready to transfer (CURLINFO_PRETRANSFER_TIME_T, set once the connection, TLS and a proxy's
// CONNECT are through: a proxy's CONNECT bytes count in the request size, and a refused CONNECT
// or a bad certificate had sent nothing to the service). When libcurl cannot say, it went out.
bool requestWentOut(CURL *e)
{
    long bytes = 0;
    curl_off_t pretransferUs = 0;
    if (curl_easy_getinfo(e, CURLINFO_REQUEST_SIZE, &bytes) != CURLE_OK
        || curl_easy_getinfo(e, CURLINFO_PRETRANSFER_TIME_T, &pretransferUs) != CURLE_OK)
        return true;
    return bytes > 0 && pretransferUs > 0;
}

CurlAttempt attemptOf(Transfer &t, CURLcode code)
{
    CurlAttempt a;
    a.id = t.id;
    a.attempt = t.attempt;
    long status = 0;
    curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &status);
    HttpResult &result = a.result;
    result.status = static_cast<int>(status);
    result.body = std::move(t.body);
    result.headers = std::move(t.responseHeaders);
    result.curlCode = static_cast<int>(code);
    result.requestSent = requestWentOut(t.easy.get());
    if (t.overCap) {
        result.error = QStringLiteral("the response was larger than the limit of %1 bytes")
                           .arg(t.request.maxResponseBytes);
    } else if (code != CURLE_OK) {
        // libcurl's words for the code, and its detail, which often ends with those words
        // ("Failed to connect to 127.0.0.1 port 8787 after 0 ms: Couldn't connect to server"):
        // then the detail alone, not the same words twice.
        const QString words = QString::fromUtf8(curl_easy_strerror(code));
        const QString detail = QString::fromUtf8(t.errorBuffer);
        const QString text = detail.isEmpty()         ? words
                             : detail.contains(words) ? detail
                                                      : words + QStringLiteral(": ") + detail;
        result.error = QStringLiteral("%1 (libcurl error %2)").arg(text).arg(int(code));
    }
    a.transient = (code != CURLE_OK && !t.overCap && isTransient(code))
                  || (code == CURLE_OK && isTransientStatus(result.status));
    curl_off_t retryAfter = -1;
    if ((result.status == 429 || result.status == 503)
        && curl_easy_getinfo(t.easy.get(), CURLINFO_RETRY_AFTER, &retryAfter) == CURLE_OK
        && retryAfter > 0)
        a.retryAfterSeconds = static_cast<qint64>(retryAfter);
    return a;
}

} // namespace

struct CurlWorker::Private
{
    std::function<void()> ready;
    // Made before the thread starts and freed after it ends; in between only the worker thread
    // uses it, except for curl_multi_wakeup(), which libcurl allows from any thread.
    MultiHandle multi;

    std::mutex mutex;
    std::vector<Command> commands; // guarded by mutex
    std::vector<CurlAttempt> done; // guarded by mutex
    bool stopping = false;         // guarded by mutex
    // The worker is looking at `commands` itself (awaitNextCommand): no wake-up is needed, and
    // one would cost a socketpair write, two reads and a wasted turn of the loop.
    bool awaiting = false; // guarded by mutex
    // The owner's thread waits in takeAttempts() for an answer: it takes it itself, and `ready`
    // (a queued event that wakes that thread) would only cost a turn of its event loop.
    bool callerWaiting = false; // guarded by mutex

    // The worker thread's alone.
    std::unordered_map<quint64, std::unique_ptr<Transfer>> transfers;
    std::vector<EasyHandle> idle; // reset, out of the multi, ready for the next transfer

    std::thread thread; // last: started once everything above exists

    void run();
    void apply(Command &command, std::vector<CurlAttempt> &finished);
    void collect(std::vector<CurlAttempt> &finished);
    void drop(quint64 id);
    EasyHandle takeHandle();
    void release(Transfer &t);
    void post(std::vector<CurlAttempt> &finished);
    void push(Command command);
    // True when a command (or the stop) came within the wait.
    bool awaitNextCommand();
};

void CurlWorker::Private::run()
{
    std::vector<Command> pending;
    std::vector<CurlAttempt> finished;
    for (;;) {
        {
            const std::lock_guard lock(mutex);
            if (stopping)
                break;
            pending.swap(commands);
        }
        for (Command &c : pending)
            apply(c, finished);
        pending.clear();
        int running = 0;
        checkMulti(curl_multi_perform(multi.get(), &running), "perform");
        collect(finished);
        const bool answered = !finished.empty();
        post(finished);
        // Only when nothing else is in flight: with transfers under way the sockets need the
        // poll, and a follow-up command rarely comes straight after one answer among many.
        // The wake-up the command also sent makes one later poll return early: harmless.
        if (answered && transfers.empty() && awaitNextCommand())
            continue;
        // Sleeps until a socket is ready, curl's next timeout, or a wake-up from start(),
        // cancel() or the destructor; the second is only a bound.
        const CURLMcode polled = curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);
        checkMulti(polled, "poll");
        // No multi handle (curl_multi_init ran out of memory): every request fails in apply(),
        // and without a poll to sleep in the loop would spin a core; wake-ups cannot reach it,
        // so commands wait at most this long.
        if (polled != CURLM_OK)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    for (const auto &[id, t] : transfers)
        curl_multi_remove_handle(multi.get(), t->easy.get());
    transfers.clear();
}

// A caller that answers one request by starting the next (one at a time) has its command picked
// up here, without a poll's wake-up through a pipe: that wake-up was most of a lone request's
// cost on top of raw libcurl. Bounded to 50 µs after an answer, so an idle worker does not spin.
bool CurlWorker::Private::awaitNextCommand()
{
    {
        const std::lock_guard lock(mutex);
        if (!commands.empty() || stopping)
            return true;
        awaiting = true;
    }
    const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(50);
    for (;;) {
        std::this_thread::yield();
        const bool last = std::chrono::steady_clock::now() >= until;
        // Checked and cleared together: a push() that saw `awaiting` sent no wake-up, so its
        // command must be seen here.
        const std::lock_guard lock(mutex);
        const bool arrived = !commands.empty() || stopping;
        if (arrived || last) {
            awaiting = false;
            return arrived;
        }
    }
}

EasyHandle CurlWorker::Private::takeHandle()
{
    if (idle.empty())
        return EasyHandle(curl_easy_init());
    EasyHandle easy = std::move(idle.back());
    idle.pop_back();
    return easy;
}

// Out of the multi already. Reset here, not at the next use: the handle points at the transfer's
// header list and error buffer, which go with the transfer.
void CurlWorker::Private::release(Transfer &t)
{
    if (!t.easy || idle.size() >= maxIdleHandles)
        return;
    curl_easy_reset(t.easy.get());
    idle.push_back(std::move(t.easy));
}

void CurlWorker::Private::apply(Command &command, std::vector<CurlAttempt> &finished)
{
    drop(command.id); // a new attempt replaces the old one; a cancel just ends it
    if (command.cancel)
        return;
    auto t = std::make_unique<Transfer>();
    t->id = command.id;
    t->attempt = command.attempt;
    t->request = std::move(command.request);
    t->easy = takeHandle();
    CURLMcode added = CURLM_OUT_OF_MEMORY;
    if (t->easy) {
        setOptions(*t, command.url);
        setMethodAndHeaders(*t);
        added = curl_multi_add_handle(multi.get(), t->easy.get());
    }
    if (added != CURLM_OK) {
        CurlAttempt failed;
        failed.id = t->id;
        failed.attempt = t->attempt;
        failed.result.error
            = t->easy ? QStringLiteral("libcurl could not start the request: %1")
                            .arg(QString::fromUtf8(curl_multi_strerror(added)))
                      : QStringLiteral("libcurl could not create a handle");
        finished.push_back(std::move(failed));
        return;
    }
    transfers[t->id] = std::move(t);
}

void CurlWorker::Private::drop(quint64 id)
{
    const auto it = transfers.find(id);
    if (it == transfers.end())
        return;
    checkMulti(curl_multi_remove_handle(multi.get(), it->second->easy.get()), "remove_handle");
    release(*it->second);
    transfers.erase(it);
}

void CurlWorker::Private::collect(std::vector<CurlAttempt> &finished)
{
    int queued = 0;
    while (CURLMsg *msg = curl_multi_info_read(multi.get(), &queued)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        Transfer *t = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
        const CURLcode code = msg->data.result;
        // msg points into the handle's own data: read all of it before the handle goes.
        checkMulti(curl_multi_remove_handle(multi.get(), msg->easy_handle), "remove_handle");
        if (!t)
            continue;
        const quint64 id = t->id; // a key that does not live in the element being erased
        finished.push_back(attemptOf(*t, code));
        release(*t);
        transfers.erase(id);
    }
}

// Hands the finished attempts over in one batch; `ready` only when the queue was empty, because
// a non-empty one already has a delivery on its way.
void CurlWorker::Private::post(std::vector<CurlAttempt> &finished)
{
    if (finished.empty())
        return;
    bool wasEmpty = false;
    {
        const std::lock_guard lock(mutex);
        wasEmpty = done.empty() && !callerWaiting;
        for (CurlAttempt &a : finished)
            done.push_back(std::move(a));
    }
    finished.clear();
    if (wasEmpty)
        ready();
}

void CurlWorker::Private::push(Command command)
{
    bool wake = false;
    {
        const std::lock_guard lock(mutex);
        wake = commands.empty() && !awaiting;
        commands.push_back(std::move(command));
    }
    // A non-empty queue has a wake-up on its way already (or a worker that looks at it): 500
    // starts in a row wake the thread about once, not 500 times.
    if (wake)
        curl_multi_wakeup(multi.get());
}

CurlWorker::CurlWorker(std::function<void()> ready)
    : d(std::make_unique<Private>())
{
    d->ready = std::move(ready);
    d->multi.reset(curl_multi_init());
    d->thread = std::thread([p = d.get()] { p->run(); });
}

CurlWorker::~CurlWorker()
{
    {
        const std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    curl_multi_wakeup(d->multi.get());
    d->thread.join();
}

void CurlWorker::start(quint64 id, int attempt, const HttpRequest &request,
                       const QByteArray &encodedUrl)
{
    d->push(Command{false, id, attempt, request, encodedUrl});
}

void CurlWorker::cancel(quint64 id)
{
    d->push(Command{true, id, 0, {}, {}});
}

std::vector<CurlAttempt> CurlWorker::takeAttempts(std::chrono::microseconds wait)
{
    std::vector<CurlAttempt> taken;
    const auto until = std::chrono::steady_clock::now() + wait;
    std::unique_lock lock(d->mutex);
    if (d->done.empty() && wait.count() > 0) {
        d->callerWaiting = true;
        while (d->done.empty() && !d->stopping && std::chrono::steady_clock::now() < until) {
            lock.unlock();
            std::this_thread::yield();
            lock.lock();
        }
        // Cleared in the same hold of the lock as the queue is taken: an attempt posted after
        // this finds the flag down and calls `ready`.
        d->callerWaiting = false;
    }
    taken.swap(d->done);
    return taken;
}

} // namespace warroom
