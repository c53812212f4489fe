// Benchmark, not a test: a commit on one screen, seen on another, through a shared timeline on
// PostgreSQL (issue 16). The other screen is another process (this program as `write`), as in a
// war room: it commits notes one at a time, a gap apart, and prints when it began each commit on
// the machine's monotonic clock; this process follows the incident with an IncidentSession (the
// TimelineWatch: LISTEN, the notification socket, a read) and notes when each event is applied.
// Then the commit rate of one screen, on the server and on an SQLite file.
//   build/tests/bench/bench_pglive [notes] [gap-ms] [postgresql://URI]
// Without a URI it starts a server of its own with scripts/pg-server (and stops it).
#include "checklist/ChecklistParser.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/BenchStats.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <cstdio>

using namespace warroom;

namespace {

qint64 monotonicUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

Checklist minimal()
{
    QFile file(QStringLiteral(WARROOM_TEST_DATA "/checklists/good/minimal.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return ChecklistParser::parse(file.readAll(), file.fileName()).checklist.value_or(Checklist{});
}

std::unique_ptr<IncidentSession> declare(TimelineStore &store)
{
    IncidentDeclaration d;
    d.title = QStringLiteral("Latency bench");
    d.commander = QStringLiteral("Sam Okafor");
    d.mode = IncidentMode::Drill;
    QString error;
    return IncidentSession::declare(store, minimal(), d, systemClock(), &error);
}

// The other screen: `bench_pglive write URI ID NOTES GAP`.
int writer(const QStringList &args)
{
    TimelineStore store;
    QString error;
    if (!store.open(args.at(2), &error))
        return 1;
    auto session = IncidentSession::open(store, args.at(3).toLongLong(), systemClock(), &error);
    if (!session)
        return 1;
    const int notes = args.at(4).toInt();
    const int gap = args.at(5).toInt();
    for (int i = 0; i < notes; ++i) {
        QThread::msleep(static_cast<unsigned long>(gap));
        const qint64 began = monotonicUs();
        if (!session->addNote(QStringLiteral("note %1").arg(i)).ok())
            return 1;
        std::printf("%lld %lld\n", static_cast<long long>(session->events().constLast().seq),
                    static_cast<long long>(began));
        std::fflush(stdout);
    }
    return 0;
}

// Notes per second from one session, one commit each.
double commitRate(TimelineStore &store, int notes)
{
    auto session = declare(store);
    if (!session)
        return 0;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < notes; ++i) {
        if (!session->addNote(QStringLiteral("note %1").arg(i)).ok())
            return 0;
    }
    return notes * 1000.0 / static_cast<double>(std::max<qint64>(1, t.elapsed()));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.value(1) == QLatin1String("write"))
        return writer(args);
    const int notes = args.size() > 1 ? args.at(1).toInt() : 500;
    const int gap = args.size() > 2 ? args.at(2).toInt() : 20;
    QString uri = args.value(3);
    QTemporaryDir dir;
    const QString state = dir.filePath(QStringLiteral("pg.state"));
    const QString script = QStringLiteral(WARROOM_PG_SERVER);
    if (uri.isEmpty()) {
        QProcess start;
        start.start(script, {QStringLiteral("start"), state});
        if (!start.waitForFinished(60000) || start.exitCode() != 0) {
            std::fprintf(stderr, "bench_pglive: scripts/pg-server could not start a server\n");
            return 1;
        }
        uri = QString::fromUtf8(start.readAllStandardOutput()).trimmed();
    }
    auto stop = qScopeGuard([&] {
        if (args.value(3).isEmpty())
            QProcess::execute(script, {QStringLiteral("stop"), state});
    });

    TimelineStore store;
    QString error;
    if (!store.open(uri, &error)) {
        std::fprintf(stderr, "bench_pglive: %s\n", qPrintable(error));
        return 1;
    }
    auto wall = declare(store);
    if (!wall)
        return 1;
    wall->setFollowInterval(250);
    QHash<qint64, qint64> seenUs;
    QObject::connect(wall.get(), &IncidentSession::eventsAppended, wall.get(),
                     [&](const TimelineEvents &events) {
                         const qint64 now = monotonicUs();
                         for (const TimelineEvent &e : events)
                             seenUs.insert(e.seq, now);
                     });
    QProcess other;
    other.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("write"), uri, QString::number(wall->incident().id),
                 QString::number(notes), QString::number(gap)});
    QHash<qint64, qint64> beganUs;
    QTimer::singleShot(0, &app, [&] {
        while (other.state() != QProcess::NotRunning || other.canReadLine()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            while (other.canReadLine()) {
                const QList<QByteArray> w = other.readLine().trimmed().split(' ');
                if (w.size() == 2)
                    beganUs.insert(w.at(0).toLongLong(), w.at(1).toLongLong());
            }
            other.waitForReadyRead(1);
        }
        // The last notifications may still be on their way.
        QElapsedTimer settle;
        settle.start();
        while (seenUs.size() < beganUs.size() && settle.elapsed() < 2000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        app.quit();
    });
    app.exec();
    QList<double> latencies;
    for (auto it = beganUs.cbegin(); it != beganUs.cend(); ++it) {
        if (seenUs.contains(it.key()))
            latencies << static_cast<double>(seenUs.value(it.key()) - it.value()) / 1000.0;
    }
    std::printf("commit on one screen -> applied on another (separate processes, %s):\n",
                qPrintable(uri));
    std::printf("  %lld of %d notes seen; median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                static_cast<long long>(latencies.size()), notes, test::median(latencies),
                test::percentile(latencies, 0.99), test::percentile(latencies, 1.0));
    TimelineStore file;
    if (!file.open(dir.filePath(QStringLiteral("rate.sqlite")), &error))
        return 1;
    std::printf("commit rate of one screen, a note a commit: PostgreSQL %.0f/s, SQLite %.0f/s\n",
                commitRate(store, notes), commitRate(file, notes));
    return latencies.size() == notes ? 0 : 1;
}
