#include "http/HttpEngine.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrl>

#include <curl/curl.h>

#include <memory>
#include <mutex>
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

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

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

} // namespace

// One request across its attempts.
struct Transfer
{
    quint64 id = 0;
    HttpRequest request;
    EasyHandle easy;
    HeaderList headers;
    QByteArray body;
    QList<QPair<QString, QString>> responseHeaders;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    bool overCap = false;
    int attempt = 0;
    QElapsedTimer clock;
    std::unique_ptr<QTimer> retryTimer;
};

// The notifiers of one socket curl asked us to watch.
struct SocketWatch
{
    std::unique_ptr<QSocketNotifier> read;
    std::unique_ptr<QSocketNotifier> write;
};

struct HttpEngine::Private
{
    HttpEngine *q;
    MultiHandle multi;
    QTimer timeout;
    QHash<quint64, std::shared_ptr<Transfer>> transfers;
    QHash<CURL *, quint64> byEasy;
    std::unordered_map<curl_socket_t, std::unique_ptr<SocketWatch>> watches;
    quint64 nextId = 1;
    int backoffBaseMs = 250;
    int backoffCapMs = 8'000;

    explicit Private(HttpEngine *engine)
        : q(engine)
    {}

    static int onSocket(CURL *, curl_socket_t socket, int what, void *userp, void *socketp);
    static int onTimer(CURLM *, long timeoutMs, void *userp);
    static size_t onBody(char *data, size_t size, size_t count, void *userp);
    static size_t onHeader(char *data, size_t size, size_t count, void *userp);

    void socketAction(curl_socket_t socket, int flags);
    void collectDone();
    bool launch(Transfer &t, QString *error);
    static void setOptions(Transfer &t, const QByteArray &url);
    static void setMethodAndHeaders(Transfer &t);
    void attemptDone(quint64 id, CURLcode code);
    void finish(quint64 id, HttpResult result);
    HttpResult resultOf(Transfer &t, CURLcode code) const;
};

namespace {

void checkMulti(CURLMcode code, const char *where)
{
    // A CURLMcode other than OK is a bug on our side (a bad handle, a call out of order), not a
    // network condition: say so loudly rather than carry on silently.
    if (code != CURLM_OK)
        qWarning("libcurl multi error in %s: %s (%d)", where, curl_multi_strerror(code), int(code));
}

} // namespace

int HttpEngine::Private::onSocket(CURL *, curl_socket_t socket, int what, void *userp, void *)
{
    auto *self = static_cast<Private *>(userp);
    // Notifiers are kept per descriptor and only switched off when curl stops watching it: with
    // keep-alive, curl stops and starts watching the same connection around every request, and
    // making and deleting two QSocketNotifiers each time costs more than the request.
    std::unique_ptr<SocketWatch> &watch = self->watches[socket];
    if (!watch)
        watch = std::make_unique<SocketWatch>();
    auto ensure = [&](std::unique_ptr<QSocketNotifier> &n, QSocketNotifier::Type type, int flag,
                      bool wanted) {
        if (!n && !wanted)
            return;
        if (!n) {
            n = std::make_unique<QSocketNotifier>(static_cast<qintptr>(socket), type);
            QObject::connect(n.get(), &QSocketNotifier::activated, self->q,
                             [self, socket, flag] { self->socketAction(socket, flag); });
        }
        if (n->isEnabled() != wanted)
            n->setEnabled(wanted);
    };
    const bool remove = what == CURL_POLL_REMOVE;
    ensure(watch->read, QSocketNotifier::Read, CURL_CSELECT_IN,
           !remove && (what == CURL_POLL_IN || what == CURL_POLL_INOUT));
    ensure(watch->write, QSocketNotifier::Write, CURL_CSELECT_OUT,
           !remove && (what == CURL_POLL_OUT || what == CURL_POLL_INOUT));
    return 0;
}

int HttpEngine::Private::onTimer(CURLM *, long timeoutMs, void *userp)
{
    auto *self = static_cast<Private *>(userp);
    if (timeoutMs < 0)
        self->timeout.stop();
    else
        self->timeout.start(static_cast<int>(std::min<long>(timeoutMs, 24L * 3600 * 1000)));
    return 0;
}

size_t HttpEngine::Private::onBody(char *data, size_t size, size_t count, void *userp)
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

size_t HttpEngine::Private::onHeader(char *data, size_t size, size_t count, void *userp)
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

void HttpEngine::Private::socketAction(curl_socket_t socket, int flags)
{
    int running = 0;
    checkMulti(curl_multi_socket_action(multi.get(), socket, flags, &running), "socket_action");
    collectDone();
}

void HttpEngine::Private::collectDone()
{
    int pending = 0;
    while (CURLMsg *msg = curl_multi_info_read(multi.get(), &pending)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *easy = msg->easy_handle;
        const CURLcode code = msg->data.result;
        checkMulti(curl_multi_remove_handle(multi.get(), easy), "remove_handle");
        const auto it = byEasy.constFind(easy);
        if (it == byEasy.cend())
            continue;
        const quint64 id = *it;
        byEasy.erase(it);
        attemptDone(id, code);
    }
}

bool HttpEngine::Private::launch(Transfer &t, QString *error)
{
    const HttpRequest &r = t.request;
    const QUrl url(r.url, QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        *error = QStringLiteral("'%1' is not an http or https URL").arg(r.url);
        return false;
    }
    if (url.scheme() == QLatin1String("http") && !isLoopback(url.host())
        && !r.plainHttpHosts.contains(url.host())) {
        *error
            = QStringLiteral("refusing plain http:// to %1: only loopback, or hosts the checklist "
                             "names, may be reached without TLS")
                  .arg(url.host());
        return false;
    }
    t.easy.reset(curl_easy_init());
    if (!t.easy) {
        *error = QStringLiteral("libcurl could not create a handle");
        return false;
    }
    t.body.clear();
    t.responseHeaders.clear();
    t.overCap = false;
    t.errorBuffer[0] = 0;
    CURL *e = t.easy.get();
    setOptions(t, url.toEncoded());
    setMethodAndHeaders(t);

    ++t.attempt;
    byEasy.insert(e, t.id);
    const CURLMcode added = curl_multi_add_handle(multi.get(), e);
    if (added != CURLM_OK) {
        byEasy.remove(e);
        *error = QStringLiteral("libcurl could not start the request: %1")
                     .arg(QString::fromUtf8(curl_multi_strerror(added)));
        return false;
    }
    return true;
}

// Strings given to curl_easy_setopt are copied by libcurl, so temporaries serve.
void HttpEngine::Private::setOptions(Transfer &t, const QByteArray &url)
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
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Private::onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Private::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
}

void HttpEngine::Private::setMethodAndHeaders(Transfer &t)
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

HttpResult HttpEngine::Private::resultOf(Transfer &t, CURLcode code) const
{
    HttpResult result;
    long status = 0;
    curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &status);
    result.status = static_cast<int>(status);
    result.body = t.body;
    result.headers = t.responseHeaders;
    result.attempts = t.attempt;
    result.curlCode = static_cast<int>(code);
    result.durationMs = t.clock.elapsed();
    if (t.overCap) {
        result.error = QStringLiteral("the response was larger than the limit of %1 bytes")
                           .arg(t.request.maxResponseBytes);
    } else if (code != CURLE_OK) {
        const QString detail = QString::fromUtf8(t.errorBuffer);
        result.error = QStringLiteral("%1%2 (libcurl error %3)")
                           .arg(QString::fromUtf8(curl_easy_strerror(code)),
                                detail.isEmpty() ? QString() : QStringLiteral(": ") + detail)
                           .arg(int(code));
    }
    return result;
}

void HttpEngine::Private::attemptDone(quint64 id, CURLcode code)
{
    const auto it = transfers.constFind(id);
    if (it == transfers.cend())
        return;
    std::shared_ptr<Transfer> t = *it;
    HttpResult result = resultOf(*t, code);
    const bool transient = (code != CURLE_OK && !t->overCap && isTransient(code))
                           || (code == CURLE_OK && isTransientStatus(result.status));
    if (!transient || !t->request.isSafeToRetry() || t->attempt >= t->request.maxAttempts) {
        finish(id, result);
        return;
    }
    int delay = static_cast<int>(QRandomGenerator::global()->bounded(
        std::min<qint64>(backoffCapMs, qint64(backoffBaseMs) << std::min(t->attempt - 1, 20)) + 1));
    curl_off_t retryAfter = -1;
    if ((result.status == 429 || result.status == 503)
        && curl_easy_getinfo(t->easy.get(), CURLINFO_RETRY_AFTER, &retryAfter) == CURLE_OK
        && retryAfter > 0)
        delay = static_cast<int>(std::min<curl_off_t>(retryAfter * 1000, 60'000));
    const QString why
        = result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(result.status) : result.error;
    t->retryTimer = std::make_unique<QTimer>();
    t->retryTimer->setSingleShot(true);
    QObject::connect(t->retryTimer.get(), &QTimer::timeout, q, [this, id] {
        const auto found = transfers.constFind(id);
        if (found == transfers.cend())
            return;
        QString error;
        if (!launch(**found, &error)) {
            HttpResult failed;
            failed.error = error;
            failed.attempts = (*found)->attempt;
            failed.durationMs = (*found)->clock.elapsed();
            finish(id, failed);
        }
    });
    t->retryTimer->start(delay);
    emit q->retrying(id, t->attempt, why, delay);
}

void HttpEngine::Private::finish(quint64 id, HttpResult result)
{
    std::shared_ptr<Transfer> t = transfers.take(id);
    if (!t)
        return;
    if (t->easy)
        byEasy.remove(t->easy.get());
    emit q->finished(id, result);
}

HttpEngine::HttpEngine(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    static std::once_flag initialised;
    std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    d->multi.reset(curl_multi_init());
    curl_multi_setopt(d->multi.get(), CURLMOPT_SOCKETFUNCTION, &Private::onSocket);
    curl_multi_setopt(d->multi.get(), CURLMOPT_SOCKETDATA, d.get());
    curl_multi_setopt(d->multi.get(), CURLMOPT_TIMERFUNCTION, &Private::onTimer);
    curl_multi_setopt(d->multi.get(), CURLMOPT_TIMERDATA, d.get());
    d->timeout.setSingleShot(true);
    connect(&d->timeout, &QTimer::timeout, this,
            [this] { d->socketAction(CURL_SOCKET_TIMEOUT, 0); });
}

HttpEngine::~HttpEngine()
{
    for (const auto &t : std::as_const(d->transfers)) {
        if (t->easy)
            curl_multi_remove_handle(d->multi.get(), t->easy.get());
    }
    d->transfers.clear();
    // Cleaning up the multi handle can still call onSocket; do it while the watches exist.
    d->multi.reset();
    d->watches.clear();
}

quint64 HttpEngine::start(const HttpRequest &request)
{
    auto t = std::make_shared<Transfer>();
    t->id = d->nextId++;
    t->request = request;
    t->clock.start();
    d->transfers.insert(t->id, t);
    QString error;
    if (!d->launch(*t, &error)) {
        HttpResult failed;
        failed.error = error;
        failed.attempts = t->attempt;
        // Reported from the event loop, like every other result, so callers see one order.
        const quint64 id = t->id;
        QTimer::singleShot(0, this, [this, id, failed] { d->finish(id, failed); });
    }
    return t->id;
}

void HttpEngine::cancel(quint64 id)
{
    const auto it = d->transfers.constFind(id);
    if (it == d->transfers.cend())
        return;
    if ((*it)->easy && d->byEasy.contains((*it)->easy.get())) {
        checkMulti(curl_multi_remove_handle(d->multi.get(), (*it)->easy.get()), "remove_handle");
        d->byEasy.remove((*it)->easy.get());
    }
    HttpResult cancelled;
    cancelled.error = QStringLiteral("cancelled");
    cancelled.attempts = (*it)->attempt;
    cancelled.durationMs = (*it)->clock.elapsed();
    d->finish(id, cancelled);
}

int HttpEngine::inFlight() const
{
    return static_cast<int>(d->transfers.size());
}

void HttpEngine::setBackoff(int baseMs, int capMs)
{
    d->backoffBaseMs = std::max(1, baseMs);
    d->backoffCapMs = std::max(d->backoffBaseMs, capMs);
}

} // namespace warroom
