// Benchmark, not a test: what one commit of one event costs, the way the app commits them, against
// raw SQLite doing the same SQLite work: the store's own schema (created by TimelineStore, with its
// triggers and foreign key), the store's INSERT statement, kept prepared, and the row the store
// wrote for the same note (same actor, kind, payload text and hash sizes), each in its own
// BEGIN IMMEDIATE ... COMMIT, under five journal settings; then IncidentSession::addNote end to end
// (plan inside the transaction, canonical payload, hash chain, apply, signal). Rounds alternate
// after a warm-up round, so the machine's mood is shared. Wall clock and CPU time (user + system of
// this thread, which a busy machine disturbs less) are both printed; then the read-only open of a
// large timeline with its quick_check.
//   build/tests/bench/bench_store [commits-per-round] [rounds] [events-for-open]
#include "session/IncidentSession.h"
#include "store/StoreRows.h"
#include "store/TimelineStore.h"
#include "support/BenchStats.h"
#include "support/DeclaredIncident.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace warroom;
using warroom::test::median;

namespace {

struct Config
{
    const char *name;
    const char *pragmas;
};

// One contender's figures for one round, microseconds per commit.
struct Sample
{
    double wallUs = 0;
    double cpuUs = 0;
};

// Times `commits` calls of `commit` by the wall clock and by this thread's CPU time.
class Timing
{
public:
    Timing()
    {
        m_cpu = cpuUs();
        m_wall.start();
    }
    Sample per(int commits) const
    {
        return {double(m_wall.nsecsElapsed()) / 1000.0 / commits, (cpuUs() - m_cpu) / commits};
    }

private:
    static double cpuUs()
    {
        rusage usage{};
        getrusage(RUSAGE_THREAD, &usage);
        return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6
               + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
    }
    QElapsedTimer m_wall;
    double m_cpu = 0;
};

const char *const noteText = "error rate back under 0.5% on every shard";

IncidentDeclaration benchDeclaration(const Checklist &checklist)
{
    return test::declarationWithDefaults(checklist, QStringLiteral("Bench"), QStringLiteral("ic"),
                                         IncidentMode::Drill);
}

// A database as the store makes it (schema, triggers, pragmas) holding one declared incident with
// one note, and that note's row as the store wrote it: what the raw side inserts again and again.
std::optional<TimelineEvent> makeStoreFile(const QString &path, const Checklist &checklist)
{
    TimelineStore store;
    QString error;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return std::nullopt;
    }
    auto session = IncidentSession::declare(store, checklist, benchDeclaration(checklist),
                                            systemClock(), &error);
    if (!session || !session->addNote(QString::fromLatin1(noteText)).ok()) {
        std::fprintf(stderr, "bench_store: cannot prepare %s %s\n", qPrintable(path),
                     qPrintable(error));
        return std::nullopt;
    }
    return session->events().constLast();
}

void bindText(sqlite3_stmt *s, int index, const QString &text, QByteArray &keep)
{
    keep = text.toUtf8();
    sqlite3_bind_text(s, index, keep.constData(), int(keep.size()), SQLITE_STATIC);
}

// One commit per event of the note row, numbered on from the last one in the file.
Sample rawCommits(const QString &path, const Config &config, const TimelineEvent &row,
                  int commits)
{
    sqlite3 *db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    sqlite3_exec(db, config.pragmas, nullptr, nullptr, nullptr);
    sqlite3_exec(db, "PRAGMA foreign_keys=ON;", nullptr, nullptr, nullptr); // as the store
    sqlite3_stmt *last = nullptr;
    sqlite3_prepare_v2(db, "SELECT MAX(seq) FROM events WHERE incident_id = ?", -1, &last,
                       nullptr);
    sqlite3_bind_int64(last, 1, row.incidentId);
    sqlite3_step(last);
    const qint64 lastSeq = sqlite3_column_int64(last, 0);
    sqlite3_finalize(last);
    sqlite3_stmt *insert = nullptr;
    const QByteArray sql = eventInsertSql().toUtf8();
    sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &insert, nullptr);
    QByteArray actor, kind;
    sqlite3_bind_int64(insert, 1, row.incidentId);
    bindText(insert, 5, row.actor, actor);
    bindText(insert, 6, row.kind, kind);
    sqlite3_bind_null(insert, 7);
    sqlite3_bind_null(insert, 8);
    sqlite3_bind_text(insert, 9, row.payloadText.constData(), int(row.payloadText.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(insert, 10, row.prevHash.constData(), int(row.prevHash.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(insert, 11, row.hash.constData(), int(row.hash.size()), SQLITE_STATIC);
    const Timing timing;
    for (int i = 0; i < commits; ++i) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_int64(insert, 2, lastSeq + 1 + i);
        sqlite3_bind_int64(insert, 3, row.utcMs + i);
        sqlite3_bind_int64(insert, 4, row.elapsedMs + i);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            std::fprintf(stderr, "bench_store: raw insert failed: %s\n", sqlite3_errmsg(db));
            std::exit(1);
        }
        sqlite3_reset(insert);
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const Sample s = timing.per(commits);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return s;
}

Sample storeCommits(IncidentSession &session, int commits)
{
    const QString text = QString::fromLatin1(noteText);
    const Timing timing;
    for (int i = 0; i < commits; ++i) {
        const CommandResult r = session.addNote(text);
        if (!r.ok()) {
            std::fprintf(stderr, "bench_store: %s\n", qPrintable(r.message));
            std::exit(1);
        }
    }
    return timing.per(commits);
}

QList<double> wall(const QList<Sample> &samples)
{
    QList<double> v;
    for (const Sample &s : samples)
        v << s.wallUs;
    return v;
}

QList<double> cpu(const QList<Sample> &samples)
{
    QList<double> v;
    for (const Sample &s : samples)
        v << s.cpuUs;
    return v;
}

// Each round's raw time over the store's (1.00: as fast as raw), the median over the rounds.
QList<double> speedRatios(const QList<Sample> &raw, const QList<Sample> &store, bool useCpu)
{
    QList<double> v;
    for (qsizetype i = 0; i < raw.size(); ++i)
        v << (useCpu ? raw[i].cpuUs / store[i].cpuUs : raw[i].wallUs / store[i].wallUs);
    return v;
}

QString loadAverage()
{
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) != 3)
        return QStringLiteral("unknown");
    return QStringLiteral("%1 %2 %3").arg(load[0], 0, 'f', 2).arg(load[1], 0, 'f', 2).arg(load[2], 0, 'f', 2);
}

// The read-only open (with its quick_check) of a timeline of openEvents events.
bool benchOpen(const QString &big, const Checklist &checklist, int openEvents, int rounds)
{
    QString error;
    {
        TimelineStore s;
        auto bigSession = s.open(big, &error)
                              ? IncidentSession::declare(s, checklist, benchDeclaration(checklist),
                                                         systemClock(), &error)
                              : nullptr;
        if (!bigSession) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return false;
        }
        QList<EventDraft> batch;
        for (int i = 0; i < 1000; ++i) {
            const QString text = QStringLiteral("note %1 ").arg(i) + QString(120, QLatin1Char('x'));
            batch << EventDraft{QStringLiteral("ic"), EventKind::NoteAdded, {}, {},
                                QJsonObject{{PayloadKey::Text, text}}};
        }
        for (int written = 1; written < openEvents; written += 1000) {
            if (!s.append(bigSession->incident().id, batch, 1'700'000'000'000, &error)) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                return false;
            }
        }
    }
    QList<double> opens;
    for (int i = 0; i < std::max(3, rounds); ++i) {
        QElapsedTimer t;
        t.start();
        TimelineStore s;
        if (!s.openReadOnly(big, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return false;
        }
        opens << double(t.nsecsElapsed()) / 1e6;
    }
    std::printf("read-only open with quick_check, %d events (%.1f MB): median %.1f ms\n",
                openEvents, double(QFileInfo(big).size()) / 1e6, median(opens));
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int commits = argc > 1 ? std::max(5, std::atoi(argv[1])) : 300;
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const int openEvents = argc > 3 ? std::max(10, std::atoi(argv[3])) : 100'000;
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-store-XXXXXX"));

    const Config configs[] = {
        {"WAL, synchronous=FULL (before)", "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"},
        {"DELETE, synchronous=FULL", "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;"},
        {"DELETE, synchronous=EXTRA (now)", "PRAGMA journal_mode=DELETE; PRAGMA synchronous=EXTRA;"},
        {"TRUNCATE, synchronous=FULL", "PRAGMA journal_mode=TRUNCATE; PRAGMA synchronous=FULL;"},
        {"PERSIST, synchronous=FULL", "PRAGMA journal_mode=PERSIST; PRAGMA synchronous=FULL;"},
    };
    constexpr int configCount = 5;
    constexpr int storeSettings = 2; // the store's own journal settings among the configs
    QList<Sample> raw[configCount];
    QList<Sample> store;
    const QString loadBefore = loadAverage();

    const Checklist checklist = test::shippedChecklist();
    std::optional<TimelineEvent> row;
    for (int c = 0; c < configCount; ++c)
        if (!(row = makeStoreFile(dir.filePath(QStringLiteral("raw-%1.sqlite").arg(c)), checklist)))
            return 1;
    TimelineStore timeline;
    QString error;
    auto session = timeline.open(dir.filePath(QStringLiteral("store.sqlite")), &error)
                       ? IncidentSession::declare(timeline, checklist,
                                                  benchDeclaration(checklist), systemClock(),
                                                  &error)
                       : nullptr;
    if (!session) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    // Warm-up round for every contender, not counted.
    for (int round = -1; round < rounds; ++round) {
        for (int c = 0; c < configCount; ++c) {
            const Sample s = rawCommits(dir.filePath(QStringLiteral("raw-%1.sqlite").arg(c)),
                                        configs[c], *row, commits);
            if (round >= 0)
                raw[c] << s;
        }
        const Sample s = storeCommits(*session, commits);
        if (round >= 0)
            store << s;
    }
    std::printf("%d commits per round, %d rounds, median microseconds per commit, wall clock and "
                "CPU (user+sys):\n",
                commits, rounds);
    const double baseline = median(wall(raw[0]));
    for (int c = 0; c < configCount; ++c)
        std::printf("  raw SQLite, %-34s %7.0f us  cpu %6.0f us  (x%.2f of WAL)\n", configs[c].name,
                    median(wall(raw[c])), median(cpu(raw[c])), median(wall(raw[c])) / baseline);
    std::printf("  TimelineStore via IncidentSession::addNote %7.0f us  cpu %6.0f us  (x%.2f of "
                "WAL)\n",
                median(wall(store)), median(cpu(store)), median(wall(store)) / baseline);
    // Issue 12's measure: commits per second of the store against raw SQLite with the store's
    // own settings (DELETE, EXTRA), as a speed ratio (1.00: as fast as raw); each round's ratio
    // is taken within that round, then the median of the rounds.
    std::printf("  store speed against raw SQLite with the same settings: x%.2f wall, x%.2f CPU\n",
                median(speedRatios(raw[storeSettings], store, false)),
                median(speedRatios(raw[storeSettings], store, true)));
    std::printf("  load average before: %s, after: %s\n", qPrintable(loadBefore),
                qPrintable(loadAverage()));
    return benchOpen(dir.filePath(QStringLiteral("big.sqlite")), checklist, openEvents, rounds)
               ? 0
               : 1;
}
