// Benchmark, not a test: what leaving WAL costs. One commit per event, as the app commits them,
// with the same rows and the same statement under three journal settings in one run, rounds
// alternating so that the disk's mood is shared; then TimelineStore::append end to end (hash
// chain, payload canonical form, the planner's read inside the transaction) and the integrity
// check that every open now runs.
//   build/tests/bench/bench_store [commits-per-round] [rounds] [events-for-open]
#include "session/IncidentSession.h"
#include "timeline/EventVocabulary.h"
#include "support/TestTimeline.h"
#include "store/TimelineStore.h"
#include "support/BenchStats.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>

using namespace warroom;
using warroom::test::median;

namespace {

struct Config
{
    const char *name;
    const char *pragmas;
};

// Microseconds per commit of one event-sized row, each in its own transaction.
double rawCommits(const QString &path, const Config &config, int commits)
{
    sqlite3 *db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    sqlite3_exec(db, config.pragmas, nullptr, nullptr, nullptr);
    sqlite3_exec(db,
                 "CREATE TABLE IF NOT EXISTS events (incident_id INTEGER, seq INTEGER, utc_ms "
                 "INTEGER, actor TEXT, kind TEXT, payload_json TEXT, prev_hash TEXT, hash TEXT, "
                 "PRIMARY KEY (incident_id, seq))",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt *insert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO events VALUES (1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM "
                       "events WHERE incident_id = 1), ?, 'Sam Okafor', 'note.added', "
                       "'{\"text\":\"error rate back under 0.5% on every shard\"}', "
                       "'8b1f0c5e2a7d4f6e9c3b1a0d5e7f2c4b6a8d0e1f3a5c7e9b2d4f6a8c0e2b4d6f', "
                       "'1a3c5e7f9b2d4f6a8c0e2b4d6f8a1c3e5f7b9d2f4a6c8e0b2d4f6a8c1e3f5b7d')",
                       -1, &insert, nullptr);
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < commits; ++i) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_int64(insert, 1, 1'700'000'000'000 + i);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double us = double(t.nsecsElapsed()) / 1000.0 / commits;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return us;
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
    QList<double> raw[configCount];
    QList<double> store;

    TimelineStore timeline;
    QString error;
    if (!timeline.open(dir.filePath(QStringLiteral("store.sqlite")), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d{QStringLiteral("Bench"), QStringLiteral("ic"), IncidentMode::Drill, {}, {}, {}, {}};
    for (const ChecklistVariable &v : checklist.variables)
        d.variables.insert(v.name, v.defaultValue);
    auto session = IncidentSession::declare(timeline, checklist, d, systemClock(),
                                            &error);
    if (!session) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    // Warm-up round for every contender, not counted.
    for (int round = -1; round < rounds; ++round) {
        for (int c = 0; c < configCount; ++c) {
            const double us = rawCommits(dir.filePath(QStringLiteral("raw-%1.sqlite").arg(c)),
                                         configs[c], commits);
            if (round >= 0)
                raw[c] << us;
        }
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < commits; ++i) {
            const CommandResult r
                = session->addNote(QStringLiteral("error rate back under 0.5% on every shard"));
            if (!r.ok()) {
                std::fprintf(stderr, "bench_store: %s\n", qPrintable(r.message));
                return 1;
            }
        }
        if (round >= 0)
            store << double(t.nsecsElapsed()) / 1000.0 / commits;
    }
    std::printf("%d commits per round, %d rounds, median microseconds per commit:\n", commits,
                rounds);
    const double baseline = median(raw[0]);
    for (int c = 0; c < configCount; ++c)
        std::printf("  raw SQLite, %-34s %9.0f us  (x%.2f of WAL)\n", configs[c].name,
                    median(raw[c]), median(raw[c]) / baseline);
    std::printf("  TimelineStore via IncidentSession::addNote %7.0f us  (x%.2f of WAL)\n",
                median(store), median(store) / baseline);
    // Issue 12's measure: commits per second of the store against raw SQLite with the store's
    // own settings (DELETE, EXTRA), as a speed ratio (1.00: as fast as raw).
    std::printf("  store speed against raw SQLite with the same settings: x%.2f\n",
                median(raw[2]) / median(store));

    // The integrity check every open now runs, on a timeline of openEvents events.
    const QString big = dir.filePath(QStringLiteral("big.sqlite"));
    {
        TimelineStore s;
        if (!s.open(big, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        auto bigSession = IncidentSession::declare(s, checklist, d, systemClock(), &error);
        if (!bigSession) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
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
                return 1;
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
            return 1;
        }
        opens << double(t.nsecsElapsed()) / 1e6;
    }
    std::printf("read-only open with quick_check, %d events (%.1f MB): median %.1f ms\n",
                openEvents, double(QFileInfo(big).size()) / 1e6, median(opens));
    return 0;
}
