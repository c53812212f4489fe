// Benchmark, not a test: the HTTP engine against raw libcurl multi on the same loopback server in
// the same run, and the event loop's lateness while 500 requests are in flight.
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

#include <algorithm>
#include <cstdio>

using namespace warroom;
using warroom::test::median;
using warroom::test::percentile;

namespace {

size_t discard(char *, size_t size, size_t count, void *)
{
    return size * count;
}

// The baseline: libcurl's multi interface driven the way its own examples drive it.
double rawCurl(const QByteArray &url, int total, int concurrency)
{
    CURLM *multi = curl_multi_init();
    int started = 0;
    int finished = 0;
    auto add = [&] {
        CURL *e = curl_easy_init();
        curl_easy_setopt(e, CURLOPT_URL, url.constData());
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &discard);
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
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
            curl_multi_remove_handle(multi, m->easy_handle);
            curl_easy_cleanup(m->easy_handle);
            ++finished;
            if (started < total)
                add();
        }
        if (finished < total)
            curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    }
    const double seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
    curl_multi_cleanup(multi);
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
                "loopback keep-alive server in its own thread; medians\n",
                total, rounds);
    std::printf("%-12s %14s %14s %8s %18s\n", "concurrency", "engine req/s", "raw curl req/s",
                "ratio", "ratio min..max");
    for (int c : {1, 10, 100}) {
        // Side by side, round after round: a busy moment on the machine hits both, and the ratio
        // of each round is taken before the median.
        QList<double> raws, ours, ratios;
        for (int round = 0; round < rounds; ++round) {
            raws << rawCurl(fast.toLatin1(), total, c);
            ours << engine(http, fast, total, c);
            ratios << ours.constLast() / raws.constLast();
        }
        const auto [lo, hi] = std::minmax_element(ratios.cbegin(), ratios.cend());
        std::printf("%-12d %14.0f %14.0f %8.2f %10.2f..%.2f\n", c, median(ours), median(raws),
                    median(ratios), *lo, *hi);
    }

    // Lateness of a 16 ms timer while 500 requests wait a second each for their answers.
    QList<double> lateness;
    QElapsedTimer clock;
    clock.start();
    double expected = 16;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        const double now = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        lateness.append(std::max(0.0, now - expected));
        expected = now + 16;
    });
    int done = 0;
    QEventLoop loop;
    QObject::connect(&http, &HttpEngine::finished, &http, [&] {
        if (++done == 500)
            loop.quit();
    });
    tick.start(16);
    for (int i = 0; i < 500; ++i) {
        HttpRequest r;
        r.url = server->url("/delay");
        http.start(r);
    }
    loop.exec();
    tick.stop();
    std::printf("16 ms timer lateness with 500 requests in flight (%lld ticks): p50 %.1f ms, p99 "
                "%.1f ms, max %.1f ms\n",
                static_cast<long long>(lateness.size()), percentile(lateness, 0.5),
                percentile(lateness, 0.99), percentile(lateness, 1.0));

    QMetaObject::invokeMethod(
        &anchor, [server] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
