// Benchmark, not a test: the HTTP engine against raw libcurl multi on the same loopback server in
// the same run, and the event loop's lateness while 500 requests are in flight. The baseline is
// fair: one multi handle kept for the whole run (the engine keeps its pool), the engine's options
// on every request, the answer's body and headers kept as the engine keeps them, a warm-up round
// for both, and a server whose listen backlog exceeds the concurrency.
//   build/tests/bench/bench_http [requests]
#include "support/FaultServer.h"
#include "http/HttpEngine.h"
#include "support/BenchStats.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <curl/curl.h>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace warroom;
using warroom::test::median;
using warroom::test::percentile;

namespace {

// What the engine keeps of an answer, so that the raw side does the same work per request.
struct Received
{
    QByteArray body;
    QList<QPair<QString, QString>> headers;
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

size_t onBody(char *data, size_t size, size_t count, void *userp)
{
    static_cast<Received *>(userp)->body.append(data, static_cast<qsizetype>(size * count));
    return size * count;
}

size_t onHeader(char *data, size_t size, size_t count, void *userp)
{
    auto *r = static_cast<Received *>(userp);
    const QByteArray line = QByteArray(data, static_cast<qsizetype>(size * count)).trimmed();
    const qsizetype colon = line.indexOf(':');
    if (colon > 0)
        r->headers.append({QString::fromLatin1(line.left(colon)).trimmed(),
                           QString::fromUtf8(line.mid(colon + 1)).trimmed()});
    return size * count;
}

// Every option the engine sets for a default HttpRequest (models/http/CurlWorker.cpp), so the
// baseline does not win by skipping deadlines, protocol limits or TLS settings.
void setEngineOptions(CURL *e, const QByteArray &url, Received *r, curl_slist *headers)
{
    const HttpRequest defaults;
    curl_easy_setopt(e, CURLOPT_URL, url.constData());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errorBuffer);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, long(defaults.connectTimeoutMs));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, long(defaults.totalTimeoutMs));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, long(defaults.lowSpeedBytesPerSecond));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, long(defaults.lowSpeedTimeS));
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "warroom/bench");
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(e, CURLOPT_PRIVATE, r);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
}

// The baseline: libcurl's multi interface driven the way its own examples drive it, on one
// multi handle kept for the whole run (as the engine keeps its own, with its connection pool).
double rawCurl(CURLM *multi, const QByteArray &url, int total, int concurrency)
{
    curl_slist *headers = curl_slist_append(nullptr, "Expect:");
    int started = 0;
    int finished = 0;
    auto add = [&] {
        CURL *e = curl_easy_init();
        setEngineOptions(e, url, new Received, headers);
        curl_multi_add_handle(multi, e);
        ++started;
    };
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < std::min(concurrency, total); ++i)
        add();
    while (finished < total) {
        int running = 0;
        curl_multi_perform(multi, &running);
        int pending = 0;
        while (CURLMsg *m = curl_multi_info_read(multi, &pending)) {
            if (m->msg != CURLMSG_DONE)
                continue;
            CURL *e = m->easy_handle;
            Received *r = nullptr;
            curl_easy_getinfo(e, CURLINFO_PRIVATE, &r);
            long status = 0;
            curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
            curl_multi_remove_handle(multi, e);
            curl_easy_cleanup(e);
            delete r;
            ++finished;
            if (started < total)
                add();
        }
        if (finished < total)
            curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    }
    const double seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
    curl_slist_free_all(headers);
    return total / seconds;
}

double engine(HttpEngine &http, const QString &url, int total, int concurrency)
{
    int started = 0;
    int finished = 0;
    QEventLoop loop;
    auto startOne = [&] {
        HttpRequest r;
        r.url = url;
        http.start(r);
        ++started;
    };
    const auto connection = QObject::connect(&http, &HttpEngine::finished, &http, [&] {
        ++finished;
        if (started < total)
            startOne();
        if (finished == total)
            loop.quit();
    });
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < std::min(concurrency, total); ++i)
        startOne();
    loop.exec();
    QObject::disconnect(connection);
    return total / (static_cast<double>(t.nsecsElapsed()) / 1e9);
}

double cpuSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    const auto seconds = [](const timeval &t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// CPU time (user + system) of the client side: the whole process but the server's thread, which
// serves both sides alike. It counts the engine's worker (its short waits for the next command
// included) and is far less disturbed than wall time by the other builds on the machine.
struct ClientCpu
{
    QObject *serverAnchor;
    double serverNow() const
    {
        double s = 0;
        QMetaObject::invokeMethod(
            serverAnchor, [&s] { s = cpuSeconds(RUSAGE_THREAD); }, Qt::BlockingQueuedConnection);
        return s;
    }
    double now() const { return cpuSeconds(RUSAGE_SELF) - serverNow(); }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int total = argc > 1 ? std::max(100, std::atoi(argv[1])) : 10'000;
    curl_global_init(CURL_GLOBAL_DEFAULT);

    // The server gets a thread of its own, so that it does not compete with the engine's loop.
    QThread serverThread;
    serverThread.start();
    test::FaultServer *server = nullptr;
    QObject anchor;
    anchor.moveToThread(&serverThread);
    QMetaObject::invokeMethod(
        &anchor, [&server] { server = new test::FaultServer; }, Qt::BlockingQueuedConnection);
    const QString fast = server->url("/fast");

    HttpEngine http;
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
    std::printf("bench_http: %d requests per round, %d rounds alternating engine and raw libcurl, "
                "loopback keep-alive server in its own thread; after a warm-up round; medians\n",
                total, rounds);
    std::printf("%-12s %14s %14s %8s %18s %12s %12s %10s\n", "concurrency", "engine req/s",
                "raw curl req/s", "ratio", "ratio min..max", "engine CPU", "raw CPU", "CPU ratio");
    const ClientCpu cpu{&anchor};
    CURLM *multi = curl_multi_init();
    for (int c : {1, 10, 100}) {
        // Side by side, round after round: a busy moment on the machine hits both, and the ratio
        // of each round is taken before the median. Round -1 warms both up (connections opened,
        // caches filled) and is not counted.
        QList<double> raws, ours, ratios, rawCpus, ourCpus, cpuRatios;
        for (int round = -1; round < rounds; ++round) {
            const double cpu0 = cpu.now();
            const double raw = rawCurl(multi, fast.toLatin1(), total, c);
            const double cpu1 = cpu.now();
            const double ourRate = engine(http, fast, total, c);
            const double cpu2 = cpu.now();
            if (round < 0)
                continue;
            raws << raw;
            ours << ourRate;
            ratios << ourRate / raw;
            rawCpus << (cpu1 - cpu0) * 1e6 / total;
            ourCpus << (cpu2 - cpu1) * 1e6 / total;
            cpuRatios << rawCpus.last() / ourCpus.last();
        }
        const auto [lo, hi] = std::minmax_element(ratios.cbegin(), ratios.cend());
        std::printf("%-12d %14.0f %14.0f %8.2f %10.2f..%.2f %9.1f us %9.1f us %10.2f\n", c,
                    median(ours), median(raws), median(ratios), *lo, *hi, median(ourCpus),
                    median(rawCpus), median(cpuRatios));
    }

    curl_multi_cleanup(multi);

    // Lateness of a 2 ms timer while 500 requests wait a second each for their answers.
    QList<double> lateness;
    QElapsedTimer clock;
    clock.start();
    double expected = 2;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        const double now = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        lateness.append(std::max(0.0, now - expected));
        expected = now + 2;
    });
    int done = 0;
    QEventLoop loop;
    QObject::connect(&http, &HttpEngine::finished, &http, [&] {
        if (++done == 500)
            loop.quit();
    });
    tick.start(2);
    for (int i = 0; i < 500; ++i) {
        HttpRequest r;
        r.url = server->url("/delay");
        http.start(r);
    }
    loop.exec();
    tick.stop();
    std::printf("2 ms timer lateness with 500 requests in flight (%lld ticks): p50 %.1f ms, p99 "
                "%.1f ms, max %.1f ms\n",
                static_cast<long long>(lateness.size()), percentile(lateness, 0.5),
                percentile(lateness, 0.99), percentile(lateness, 1.0));

    QMetaObject::invokeMethod(
        &anchor, [server] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
