// Benchmark, not a test: how late the GUI loop runs, and what opening a big incident costs, in
// the real MainWindow, all cases side by side in one run.
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_gui [events] [runs] [seconds] [big-db]
// (big-db: where to keep case (c)'s database; reused when it exists.
//  bench_gui --breakdown DB: only the stage-by-stage figures of opening incident 1 of DB.)
// Cases: (a) a just-declared incident open; (b) the same with 500 HTTP requests in flight through
// an HttpEngine on the GUI thread, against a loopback server in a thread of its own; (c) an
// incident declared 30 days ago with `events` events, open (its per-second tick, Gantt and
// timeline live). Each case of each run is a fresh process (this program with --child), so every
// open is a first open and its memory is not flattered by what an earlier run freed. Lateness is
// that of a 2 ms PreciseTimer over `seconds` after the first frame.
#include "support/DeclaredIncident.h"
#include "support/FaultServer.h"
#include "chain/ChainVerifier.h"
#include "http/HttpEngine.h"
#include "itemmodels/ChecklistModel.h"
#include "itemmodels/TimelineModel.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/BenchStats.h"
#include "TimedApplication.h"
#include "support/TestTimeline.h"
#include "ui/gantt/GanttPanel.h"
#include "ui/main/MainWindow.h"
#include "ui/timeline/TimelineColumns.h"
#include "ui/timeline/TimelineFilterModel.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHeaderView>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTableView>
#include <QTimer>

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <functional>
#include <map>

using namespace warroom;
using warroom::test::median;
using warroom::test::percentile;
using warroom::test::TimedApplication;

namespace {

constexpr qint64 day = 24 * 3600 * 1000LL;


// CPU time of the whole process, in ms: on a machine shared with other work, the part of a wall
// time that was ours.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// CPU time of this thread (the GUI thread), in ms: a first frame's own cost, without the chain
// check running beside it on workers.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// The machine's 1-minute load average: every figure is quoted beside it (a shared machine).
double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return f.readAll().split(' ').value(0).toDouble();
}

// Runs the event loop until the open session's chain check is done (the window opens with it
// behind, commands held); ms since `since`, or the time now when it was already done.
double untilVerified(const MainWindow &window, const QElapsedTimer &since)
{
    IncidentSession *session = window.session();
    if (session && session->isVerifying()) {
        QEventLoop loop;
        QObject::connect(session, &IncidentSession::chainVerified, &loop, &QEventLoop::quit);
        QObject::connect(session, &IncidentSession::chainBroken, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return static_cast<double>(since.nsecsElapsed()) / 1e6;
}

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

// Lateness of a 2 ms timer: how long after it was due each tick ran, in ms.
QList<double> lateness(int seconds)
{
    QList<double> late;
    QElapsedTimer clock;
    clock.start();
    constexpr double interval = 2;
    double due = interval;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        const double now = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        late.append(std::max(0.0, now - due));
        due = now + interval;
    });
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    tick.start(static_cast<int>(interval));
    loop.exec();
    return late;
}

IncidentDeclaration declaration(const Checklist &checklist, const QString &title)
{
    return test::declarationWithDefaults(checklist, title, QStringLiteral("ic"),
                                         IncidentMode::Drill);
}

// An incident declared `ageDays` ago and filled with notes up to now, spread evenly over the
// span (1,000 per commit): what a long incident's timeline and chart have to carry.
bool makeIncident(const QString &path, int events, int ageDays, QString *error)
{
    TimelineStore store;
    if (!store.open(path, error))
        return false;
    const Checklist checklist = test::shippedChecklist();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 declared = now - ageDays * day;
    auto session = IncidentSession::declare(
        store, checklist, declaration(checklist, QStringLiteral("Bench")),
        [declared] { return declared; }, error);
    if (!session)
        return false;
    const int batches = std::max(1, (events - 1 + 999) / 1000);
    for (int b = 0; b < batches; ++b) {
        QList<EventDraft> batch;
        for (int i = 0; i < 1000 && b * 1000 + i < events - 1; ++i) {
            const QString text = QStringLiteral("note %1 ").arg(b * 1000 + i)
                                 + QString(100, QLatin1Char('x'));
            batch << EventDraft{QStringLiteral("ic"), EventKind::NoteAdded, {}, {},
                                QJsonObject{{PayloadKey::Text, text}}};
        }
        const qint64 at = declared + (now - 60'000 - declared) * (b + 1) / batches;
        if (!batch.isEmpty() && !store.append(session->incident().id, batch, at, error))
            return false;
    }
    return true;
}

// Keeps `count` requests in flight for as long as it lives: each answer starts the next.
class RequestLoad
{
public:
    RequestLoad(HttpEngine &http, QString url, int count)
        : m_http(http)
        , m_url(std::move(url))
    {
        QObject::connect(&http, &HttpEngine::finished, &m_context, [this] { startOne(); });
        for (int i = 0; i < count; ++i)
            startOne();
    }

private:
    void startOne()
    {
        HttpRequest r;
        r.url = m_url;
        m_http.start(r);
    }
    HttpEngine &m_http;
    QString m_url;
    QObject m_context;
};

// Runs the event loop until the window has painted a frame after open; the time it took.
double untilFirstFrame(MainWindow &window, const QElapsedTimer &since)
{
    double at = -1;
    QEventLoop loop;
    struct Filter : QObject
    {
        std::function<void()> onUpdate;
        bool eventFilter(QObject *, QEvent *e) override
        {
            if (e->type() == QEvent::UpdateRequest && onUpdate)
                onUpdate();
            return false;
        }
    } filter;
    // The repaint happens while the UpdateRequest is delivered; a zero timer posted then runs
    // after it.
    // Once only. Not by clearing onUpdate from inside itself: that destroys the closure that is
    // running, whose captures it then reads (ASan: heap-use-after-free).
    bool armed = true;
    filter.onUpdate = [&] {
        if (!armed)
            return;
        armed = false;
        QTimer::singleShot(0, &loop, [&] {
            at = static_cast<double>(since.nsecsElapsed()) / 1e6;
            loop.quit();
        });
    };
    window.installEventFilter(&filter);
    window.update();
    loop.exec();
    window.removeEventFilter(&filter);
    return at;
}

// One case in a process of its own; prints "open_ms frame_ms idle_bytes open_bytes p50 p99 max
// frame_cpu_ms frame_gui_cpu_ms verified_ms verified_bytes".
int child(const QString &caseName, const QString &db, int seconds)
{
    TimelineStore store;
    QString error;
    if (!store.open(db, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    MainWindow window(store, {});
    window.resize(1920, 1080);
    window.show();
    lateness(1); // settle: the welcome page painted, the idle footprint reached
    const qint64 idle = residentBytes();
    QElapsedTimer since;
    since.start();
    const double cpuAtOpen = cpuMs();
    const double guiCpuAtOpen = threadCpuMs();
    if (!window.openIncident(1))
        return 1;
    const double openMs = static_cast<double>(since.nsecsElapsed()) / 1e6;
    TimedApplication::mark("opened");
    const double frameMs = untilFirstFrame(window, since);
    TimedApplication::mark("first frame");
    const double frameCpuMs = cpuMs() - cpuAtOpen;
    const double frameGuiCpuMs = threadCpuMs() - guiCpuAtOpen;
    const qint64 opened = residentBytes();
    const double verifiedMs = untilVerified(window, since);
    TimedApplication::mark("verified");
    const qint64 verified = residentBytes();

    std::unique_ptr<QThread> serverThread;
    std::unique_ptr<HttpEngine> http;
    std::unique_ptr<RequestLoad> load;
    test::FaultServer *server = nullptr;
    QObject anchor;
    if (caseName == QLatin1String("http")) {
        serverThread = std::make_unique<QThread>();
        serverThread->start();
        anchor.moveToThread(serverThread.get());
        QMetaObject::invokeMethod(
            &anchor, [&server] { server = new test::FaultServer; }, Qt::BlockingQueuedConnection);
        http = std::make_unique<HttpEngine>();
        load = std::make_unique<RequestLoad>(*http, server->url("/delay"), 500);
        lateness(1); // all 500 connected and waiting
    }
    TimedApplication::mark("lateness from");
    const QList<double> late = lateness(seconds);
    TimedApplication::mark("lateness to");
    load.reset();
    http.reset();
    if (server) {
        QMetaObject::invokeMethod(
            &anchor, [server] { delete server; }, Qt::BlockingQueuedConnection);
        serverThread->quit();
        serverThread->wait();
    }
    std::printf("%.3f %.3f %lld %lld %.3f %.3f %.3f %.3f %.3f %.3f %lld\n", openMs, frameMs,
                static_cast<long long>(idle), static_cast<long long>(opened),
                percentile(late, 0.5), percentile(late, 0.99), percentile(late, 1.0), frameCpuMs,
                frameGuiCpuMs, verifiedMs, static_cast<long long>(verified));
    return 0;
}

// Where opening goes: each stage of IncidentSession::open on its own, then the session and each
// view fed from it, with the resident memory each adds. One process, stages in order.
int breakdown(const QString &db)
{
    QElapsedTimer t;
    qint64 before = residentBytes();
    double cpuBefore = cpuMs();
    auto stage = [&](const char *name) {
        const qint64 now = residentBytes();
        const double cpu = cpuMs();
        std::printf("  %-44s %8.1f ms (CPU %7.1f ms) %+9.1f MB\n", name,
                    double(t.nsecsElapsed()) / 1e6, cpu - cpuBefore, double(now - before) / 1e6);
        before = now;
        cpuBefore = cpu;
        t.start();
    };
    t.start();
    TimelineStore store;
    QString error;
    if (!store.open(db, &error))
        return 1;
    stage("TimelineStore::open (quick_check)");
    if (!store.chainEvents(1, &error))
        return 1;
    stage("TimelineStore::chainEvents (rows, no payload parse)");
    {
        std::optional<IncidentSnapshot> snapshot = IncidentSnapshot::load(store, 1, &error);
        if (!snapshot)
            return 1;
        stage("IncidentSnapshot::load (read, parse payloads)");
        const ChainReport chain = ChainVerifier::verify(snapshot->incident, snapshot->events);
        stage(chain.intact ? "ChainVerifier::verify" : "ChainVerifier::verify (BROKEN)");
        ChecklistEngine engine(snapshot->checklist, incidentTextVariables(snapshot->incident));
        engine.applyAll(snapshot->events);
        stage("ChecklistEngine::applyAll (fold)");
    }
    stage("(the above freed)");
    {
        auto behind = IncidentSession::open(store, 1, systemClock(), &error,
                                            IncidentSession::ChainCheck::InBackground);
        if (!behind)
            return 1;
        stage("IncidentSession::open, chain check behind");
        QEventLoop loop;
        QObject::connect(behind.get(), &IncidentSession::chainVerified, &loop, &QEventLoop::quit);
        QObject::connect(behind.get(), &IncidentSession::chainBroken, &loop, &QEventLoop::quit);
        if (behind->isVerifying())
            loop.exec();
        stage("  then its chain check, to verified");
    }
    stage("(the above freed)");
    auto session = IncidentSession::open(store, 1, systemClock(), &error);
    if (!session)
        return 1;
    stage("IncidentSession::open (all of the above)");
    TimelineModel timeline;
    timeline.setSession(session.get());
    stage("TimelineModel::setSession");
    ChecklistModel checklist;
    checklist.setSession(session.get());
    stage("ChecklistModel::setSession");
    GanttPanel gantt;
    gantt.resize(1200, 400);
    gantt.setSession(session.get());
    stage("GanttPanel::setSession");
    gantt.show();
    QCoreApplication::processEvents();
    stage("GanttPanel shown and painted");
    TimelineFilterModel filter;
    filter.setSourceModel(&timeline);
    QTableView table;
    table.resize(1200, 400);
    table.setModel(&filter);
    table.horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table.horizontalHeader()->setSectionResizeMode(TimelineModel::EventColumn,
                                                   QHeaderView::Stretch);
    new TimelineColumns(&table); // as IncidentView sets the table up
    table.show();
    table.scrollToBottom();
    QCoreApplication::processEvents();
    stage("timeline table as on screen, shown and painted");
    return 0;
}

struct Figures
{
    QList<double> openMs, frameMs, frameCpuMs, frameGuiCpuMs, verifiedMs, bytesPerEvent, p50, p99,
        max;
};

bool runChild(const QString &caseName, const QString &db, int seconds, int events, Figures &f)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QCoreApplication::applicationFilePath(),
            {QStringLiteral("--child"), caseName, db, QString::number(seconds)});
    if (!p.waitForFinished(600'000) || p.exitCode() != 0) {
        std::fprintf(stderr, "bench_gui: case %s failed\n", qPrintable(caseName));
        return false;
    }
    const QList<QByteArray> v = p.readAllStandardOutput().trimmed().split(' ');
    if (v.size() != 11)
        return false;
    f.frameCpuMs << v[7].toDouble();
    f.frameGuiCpuMs << v[8].toDouble();
    f.verifiedMs << v[9].toDouble();
    f.openMs << v[0].toDouble();
    f.frameMs << v[1].toDouble();
    // After the chain check, so nothing the check or the first frame still held is missed.
    f.bytesPerEvent << (std::max(v[3].toDouble(), v[10].toDouble()) - v[2].toDouble())
                           / std::max(1, events);
    f.p50 << v[4].toDouble();
    f.p99 << v[5].toDouble();
    f.max << v[6].toDouble();
    return true;
}


} // namespace

int main(int argc, char *argv[])
{
    TimedApplication app(argc, argv);
    if (argc == 5 && qstrcmp(argv[1], "--child") == 0)
        return child(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                     std::atoi(argv[4]));
    if (argc == 3 && qstrcmp(argv[1], "--breakdown") == 0)
        return breakdown(QString::fromLocal8Bit(argv[2]));
    const int events = argc > 1 ? std::max(10, std::atoi(argv[1])) : 100'000;
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const int seconds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-gui-XXXXXX"));
    const QString small = dir.filePath(QStringLiteral("small.sqlite"));
    const QString big = argc > 4 ? QString::fromLocal8Bit(argv[4])
                                 : dir.filePath(QStringLiteral("big.sqlite"));
    QString error;
    if (!makeIncident(small, 1, 0, &error)
        || (!QFile::exists(big) && !makeIncident(big, events, 30, &error))) {
        std::fprintf(stderr, "bench_gui: %s\n", qPrintable(error));
        return 1;
    }
    struct Case
    {
        const char *name;
        const char *label;
        QString db;
        int events;
    };
    const Case cases[] = {
        {"empty", "(a) just-declared incident", small, 1},
        {"http", "(b) (a) + 500 HTTP requests in flight", small, 1},
        {"big", "(c) 30-day-old incident", big, events},
    };
    std::map<QString, Figures> figures;
    const double loadBefore = loadAverage();
    for (int run = 0; run < runs; ++run) {
        for (const Case &c : cases) {
            if (!runChild(QString::fromLatin1(c.name), c.db, seconds, c.events,
                          figures[QString::fromLatin1(c.name)]))
                return 1;
        }
    }
    const double loadAfter = loadAverage();
    std::printf("bench_gui: %d runs of each case (one process each), %d s of a 2 ms timer after "
                "the first frame, MainWindow 1920x1080; medians; load average (1 min) %.1f "
                "before, %.1f after\n",
                runs, seconds, loadBefore, loadAfter);
    std::printf("%-40s %9s %9s %9s %9s %9s %9s %9s %9s\n", "case", "frame ms", "frame CPU",
                "GUI CPU", "verified", "late p50", "late p99", "late max", "B/event");
    for (const Case &c : cases) {
        const Figures &f = figures[QString::fromLatin1(c.name)];
        std::printf("%-40s %9.0f %9.0f %9.0f %9.0f %9.2f %9.2f %9.2f %9s\n", c.label,
                    median(f.frameMs), median(f.frameCpuMs), median(f.frameGuiCpuMs),
                    median(f.verifiedMs), median(f.p50), median(f.p99), median(f.max),
                    c.events > 1 ? qPrintable(QString::number(median(f.bytesPerEvent), 'f', 0))
                                 : "-");
    }
    std::printf("(c) has %d events. frame ms: openIncident to the first painted frame (wall); "
                "frame CPU: the process's CPU time meanwhile (all threads); GUI CPU: the GUI "
                "thread's alone; verified: openIncident to the chain checked and commands taken "
                "(wall); B/event: resident memory once verified minus the idle window's, per "
                "event\nwhere opening (c) goes, stage by stage:\n",
                events);
    std::fflush(stdout);
    return QProcess::execute(QCoreApplication::applicationFilePath(),
                             {QStringLiteral("--breakdown"), big});
}
