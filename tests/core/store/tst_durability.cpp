// The promise everything else rests on: a committed event is never lost or misread, whatever the
// app's own process or another process does. Real processes where the hazard is between processes
// (POSIX locks are per process), real SIGKILL. Files damaged or laid beside the database:
// tst_hostilefiles; the same rules inside one process: tst_storefiles.
#include "StoreTrials.h"

#include "automation/AutomationRunner.h"
#include "chain/ChainVerifier.h"
#include "http/HttpEngine.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/FaultServer.h"
#include "support/StoreBackends.h"
#include "support/TestStrings.h"
#include "support/WarroomCli.h"
#include "support/WriterProcess.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <unistd.h>

using namespace warroom;
using namespace warroom::test; // StoreTrials' helpers, runWarroom and s()

namespace {

using Writer = test::WriterProcess;

qint64 seqOf(const QString &okLine)
{
    return okLine.section(QLatin1Char(' '), 1, 1).toLongLong();
}

using Run = test::ProcessRun;

} // namespace


class TestDurability : public QObject
{
    Q_OBJECT

private slots:
    void eventSurvivesKilledProcess_data() { backendRows(); }
    void eventSurvivesKilledProcess();
    void fileAccessInTheAppLosesNothing();
    void secondProcessNeverRepeatsASideEffect_data() { backendRows(); }
    void secondProcessNeverRepeatsASideEffect();
    void secondProcessSeesEventsWithinASecond_data() { backendRows(); }
    void secondProcessSeesEventsWithinASecond();
    void secondWindowLeavesLiveRunsAlone();
    void killedInFlightComesBackUnknownAndResendsWithItsKey();
    void killedAtRandomLosesNothing_data() { backendRows(); }
    void killedAtRandomLosesNothing();

private:
    // The hazards that are a process's, not a file's, on both backends (support/StoreBackends.h):
    // an SQLite file, and a database of its own on the pg_server fixture's PostgreSQL. File only:
    // fileAccessInTheAppLosesNothing (a -wal unlinked under a writer: a server has no such file),
    // and the two restarts that decide from the SQLite writers' lock that nobody else is running
    // (secondWindowLeavesLiveRunsAlone, killedInFlightComesBackUnknownAndResendsWithItsKey): on a
    // server that decision is the owner's heartbeat lapsing, which tst_pglive tests
    // (ownerGoneWithRequestInFlightIsUnknown, headlessDrillOwnsItsRuns).
    static void backendRows()
    {
        test::addBackendColumn();
        test::addBackendRows();
    }
    // A new store for this row's backend, or empty (the test fails with why).
    QString newDb(const QString &name)
    {
        QFETCH(QString, backend);
        QString error;
        const QString db = test::newStoreDb(backend, m_dir.path(), name, &error);
        if (db.isEmpty())
            qWarning("no store for %s: %s", qPrintable(backend), qPrintable(error));
        return db;
    }
    QTemporaryDir m_dir;
};

// The smallest case: a process killed right after its commit (store_crash_helper).
void TestDurability::eventSurvivesKilledProcess()
{
    const QString path = newDb(s("killed"));
    QVERIFY(!path.isEmpty());
    QProcess helper;
    helper.start(QStringLiteral(WARROOM_CRASH_HELPER), {path});
    QVERIFY(helper.waitForFinished(30000));
    QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
    const QByteArray said = helper.readAllStandardOutput();
    QVERIFY2(said.startsWith("committed "), said.constData());
    const qint64 id = said.mid(10).trimmed().toLongLong();

    TimelineStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    const TimelineEvents events = store.events(id).value();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(1).payload.value(QStringLiteral("text")).toString(),
             QStringLiteral("last words"));
    QCOMPARE(events.at(1).elapsedMs, 1234);
    const ChainReport chain = ChainVerifier::verify(*store.incident(id), events);
    QVERIFY2(chain.intact, qPrintable(chain.summary()));
}

// Issue 9 §1, exactly: the app writes; something in its own process opens and closes the database
// file (a file dialog does); another warroom process reads the database; the app writes more and
// is killed. Under WAL the reader took itself for the last user, checkpointed and deleted the -wal
// the app was still writing, and everything after it was gone.
void TestDurability::fileAccessInTheAppLosesNothing()
{
    const QString db = m_dir.filePath(s("poked.sqlite"));
    Writer app({db, checklistPath("minimal.json")});
    const QString declared = app.next({s("incident"), s("error")});
    QVERIFY2(declared.startsWith(s("incident")), qPrintable(declared));
    const qint64 id = declared.section(QLatin1Char(' '), 1, 1).toLongLong();
    QStringList shown;
    qint64 lastShown = 0;
    for (int i = 0; i < 5; ++i) {
        const QString r = app.ask(QStringLiteral("note before %1").arg(i));
        QVERIFY2(r.startsWith(s("ok")), qPrintable(r));
        lastShown = seqOf(r);
    }
    QCOMPARE(app.ask(s("poke")), s("poked"));
    const Run listed = runWarroom({s("incidents"), s("--db"), db});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    QVERIFY(listed.out.contains(s("Durability trial")));
    // And a second window that opens the incident, writes, and closes: under WAL, the last
    // connection to close (as it believes) checkpoints and deletes the -wal.
    {
        Writer second({db, checklistPath("minimal.json"), QString::number(id)});
        QVERIFY(second.next({s("incident")}).startsWith(s("incident")));
        const QString r = second.ask(s("note from a second window"));
        QVERIFY2(r.startsWith(s("ok")), qPrintable(r));
        second.closeInput();
        QVERIFY(second.waitForExit());
    }
    QVERIFY(app.ask(s("refresh")).startsWith(s("ok")));
    for (int i = 0; i < 5; ++i) {
        const QString r = app.ask(QStringLiteral("note after %1").arg(i));
        QVERIFY2(r.startsWith(s("ok")), qPrintable(r));
        lastShown = seqOf(r);
    }
    // Nothing the app writes to may have been unlinked under it.
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(app.pid()));
    for (const QFileInfo &fd : fds.entryInfoList(QDir::System | QDir::NoDotAndDotDot)) {
        const QString target = fd.symLinkTarget();
        QVERIFY2(!(target.startsWith(db) && target.endsWith(s("(deleted)"))), qPrintable(target));
    }
    app.killHard();

    TimelineStore store;
    QString error;
    QVERIFY2(store.open(db, &error), qPrintable(error));
    const auto events = store.events(id, 0, &error);
    QVERIFY2(events, qPrintable(error));
    QCOMPARE(events->size(), lastShown);
    QCOMPARE(events->constLast().payload.value(s("text")).toString(), s("after 4"));
    QVERIFY(ChainVerifier::verify(*store.incident(id), *events).intact);
}

// Once, two windows on one database each ran the same webhook step, 3.5 s apart, with different
// idempotency keys: the side effect happened twice. The second must see the first's run inside
// its own write transaction and refuse, before anything is sent.
void TestDurability::secondProcessNeverRepeatsASideEffect()
{
    test::FaultServer server;
    const QString db = newDb(s("race"));
    QVERIFY(!db.isEmpty());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(s("WARROOM_VAR_BASE"), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    env.insert(s("WARROOM_TEST_SECRET"), s("s3cret"));
    Writer first({db, checklistPath("one-action.json")}, env);
    const QString declared = first.next({s("incident"), s("error")});
    QVERIFY2(declared.startsWith(s("incident")), qPrintable(declared));
    const QString id = declared.section(QLatin1Char(' '), 1, 1);
    // The second window opened the incident before the first ran anything: its state is stale.
    Writer second({db, checklistPath("one-action.json"), id}, env);
    QVERIFY(second.next({s("incident"), s("error")}).startsWith(s("incident")));

    QVERIFY(first.ask(s("run send post")).startsWith(s("ok")));
    QTRY_COMPARE_WITH_TIMEOUT(server.count("/ok"), 1, 10000);
    QVERIFY(first.next({s("event")}).contains(s("action.")));

    const QString again = second.ask(s("run send post"));
    QVERIFY2(again.startsWith(s("refused")), qPrintable(again));
    QTest::qWait(300);
    QCOMPARE(server.count("/ok"), 1);
}

void TestDurability::secondProcessSeesEventsWithinASecond()
{
    const QString db = newDb(s("follow"));
    QVERIFY(!db.isEmpty());
    Writer commander({db, checklistPath("minimal.json")});
    const QString declared = commander.next({s("incident"), s("error")});
    const QString id = declared.section(QLatin1Char(' '), 1, 1);
    Writer wall({db, checklistPath("minimal.json"), id, s("--follow"), s("200")});
    QVERIFY(wall.next({s("incident")}).startsWith(s("incident")));
    const QString r = commander.ask(s("note from the commander"));
    QVERIFY(r.startsWith(s("ok")));
    const QString seen = wall.next({s("event ") + QString::number(seqOf(r))}, 1000);
    QVERIFY2(seen.endsWith(s("note.added")), qPrintable(seen));
}

// A window that opens an incident another live process is working on must not declare that
// process's runs interrupted (their answers would then be refused); once the other process is
// gone, the next open does.
void TestDurability::secondWindowLeavesLiveRunsAlone()
{
    test::FaultServer server;
    const QString db = m_dir.filePath(s("live-runs.sqlite"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(s("WARROOM_VAR_BASE"), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    env.insert(s("WARROOM_VAR_PATH"), s("/stall"));
    env.insert(s("WARROOM_TEST_SECRET"), s("s3cret"));
    Writer first({db, checklistPath("one-action.json")}, env);
    const QString declared = first.next({s("incident"), s("error")});
    const qint64 id = declared.section(QLatin1Char(' '), 1, 1).toLongLong();
    QVERIFY(first.ask(s("run send post")).startsWith(s("ok")));
    QTRY_COMPARE_WITH_TIMEOUT(server.count("/stall"), 1, 10000);

    auto kindsAfterOpen = [&] {
        TimelineStore store;
        QString error;
        [&] { QVERIFY2(store.open(db, &error), qPrintable(error)); }();
        const qsizetype before = store.events(id, 0, &error).value().size();
        auto session = IncidentSession::open(store, id, systemClock(), &error);
        QStringList kinds;
        if (!session)
            return QStringList{s("error: ") + error};
        for (qsizetype i = before; i < session->events().size(); ++i)
            kinds << session->events().at(i).kind;
        return kinds;
    };
    QCOMPARE(kindsAfterOpen(), QStringList());
    first.killHard();
    const QStringList afterDeath = kindsAfterOpen();
    QVERIFY2(afterDeath.contains(s("incident.resumed")) && afterDeath.contains(s("action.unknown")),
             qPrintable(afterDeath.join(QLatin1Char(','))));
}

// The app killed with a request in flight: reopened, the run is unknown, nothing is resent by
// itself, and a person's resend carries the recorded idempotency key.
void TestDurability::killedInFlightComesBackUnknownAndResendsWithItsKey()
{
    const QByteArray secret = "s3cr3t-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    qputenv("WARROOM_TEST_SECRET", secret); // the checklist's X-Api-Key, read by the helper
    test::FaultServer server;
    const QString dbPath = m_dir.filePath(s("killed.db"));
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(s(WARROOM_RUNNER_CRASH_HELPER),
                 {dbPath, s(WARROOM_TEST_DATA "/checklists/good/one-action.json"),
                  s("http://127.0.0.1:%1").arg(server.port())});
    QVERIFY(helper.waitForStarted());
    // The request reaches the server (which never answers), then the app dies.
    QTRY_COMPARE_WITH_TIMEOUT(server.count("/stall"), 1, 10'000);
    QVERIFY(helper.readAllStandardOutput().startsWith("sent "));
    helper.kill();
    QVERIFY(helper.waitForFinished());
    const QByteArray key = server.seen().first().headers.value("idempotency-key");
    QVERIFY(!key.isEmpty());
    QCOMPARE(server.seen().first().headers.value("x-api-key"), secret);

    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dbPath, &error), qPrintable(error));
    const auto id = store.currentIncident();
    QVERIFY(id);
    auto session = IncidentSession::open(store, *id, systemClock(), &error);
    QVERIFY2(session, qPrintable(error));
    const AutomationStatus &run
        = session->engine().itemStatus(s("send"), s("post"))->automation;
    QCOMPARE(run.phase, AutomationStatus::Phase::Unknown);
    QCOMPARE(QByteArray(run.runId.toLatin1()), key);
    QVERIFY2(run.reason.contains(s("was in flight when warroom stopped")), qPrintable(run.reason));
    const TimelineEvent &last = session->events().constLast();
    QCOMPARE(last.kind, QString(EventKind::ActionUnknown));

    // Reopening sent nothing; a person decides.
    HttpEngine http;
    AutomationRunner runner(*session, http);
    QTest::qWait(300);
    QCOMPARE(server.count("/stall"), 1);
    QCOMPARE(runner.start(s("send"), s("post")).status, CommandResult::Status::Refused);
    QCOMPARE(server.count("/stall"), 1);

    // Re-sending uses the recorded key, so a service that did it already can say so.
    QVERIFY(runner.resend(s("send"), s("post")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(server.count("/stall"), 2, 10'000);
    QCOMPARE(server.seen().at(1).headers.value("idempotency-key"), key);
    QCOMPARE(session->events().constLast().payload.value(s("resend")).toBool(), true);
}

// Random SIGKILLs during a stream of commits and side effects. Every trial: what the process said
// was committed is there, the chain verifies, and no request reached the server without its run on
// record, none twice. WARROOM_KILL_TRIALS sets the count (CI runs a few; hundreds by hand).
void TestDurability::killedAtRandomLosesNothing()
{
    const int trials = qEnvironmentVariableIsSet("WARROOM_KILL_TRIALS")
                           ? qEnvironmentVariableIntValue("WARROOM_KILL_TRIALS")
                           : 6;
    test::FaultServer server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(s("WARROOM_VAR_BASE"), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    env.insert(s("WARROOM_TEST_SECRET"), s("s3cret"));
    const quint32 seed = qEnvironmentVariableIsSet("WARROOM_KILL_SEED")
                             ? qEnvironmentVariable("WARROOM_KILL_SEED").toUInt()
                             : QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    qsizetype seenBefore = 0;
    qInfo("kill trials: %d, seed %u (WARROOM_KILL_SEED repeats them)", trials, seed);
    for (int trial = 0; trial < trials; ++trial) {
        const QString db = newDb(QStringLiteral("trial-%1").arg(trial));
        QVERIFY(!db.isEmpty());
        Writer app({db, checklistPath("one-action.json")}, env);
        const QString declared = app.next({s("incident"), s("error")});
        QVERIFY2(declared.startsWith(s("incident")), qPrintable(declared));
        const qint64 id = declared.section(QLatin1Char(' '), 1, 1).toLongLong();
        const int notes = 20 + static_cast<int>(random.bounded(200));
        app.write(QByteArrayLiteral("run send post\n"));
        app.write(QStringLiteral("notes %1\n").arg(notes).toUtf8());
        QTest::qWait(static_cast<int>(random.bounded(400)));
        app.killHard();
        // Bytes the dead process had already handed to the kernel still reach the server: let it
        // read them now, so they count for this trial and not the next.
        QTest::qWait(300);
        qint64 acknowledged = 0;
        for (const QString &line : app.seen()) {
            if (line.startsWith(s("ok ")))
                acknowledged = std::max(acknowledged, seqOf(line));
        }
        // Lines still in the pipe when it died were written after their commit, too.
        while (true) {
            const QString line = app.next({s("ok ")}, 50);
            if (!line.startsWith(s("ok ")))
                break;
            acknowledged = std::max(acknowledged, seqOf(line));
        }

        TimelineStore store;
        QString error;
        QVERIFY2(store.open(db, &error), qPrintable(error));
        const auto events = store.events(id, 0, &error);
        QVERIFY2(events, qPrintable(error));
        QVERIFY2(events->size() >= acknowledged,
                 qPrintable(QStringLiteral("trial %1: %2 acknowledged, %3 stored")
                                .arg(trial)
                                .arg(acknowledged)
                                .arg(events->size())));
        const ChainReport chain = ChainVerifier::verify(*store.incident(id), *events);
        QVERIFY2(chain.intact, qPrintable(chain.summary()));
        QSet<QString> recordedKeys;
        for (const TimelineEvent &e : *events) {
            if (e.kind == QLatin1String("action.requested"))
                recordedKeys.insert(e.payload.value(s("key")).toString());
        }
        // Every request this trial's process sent carries its run's key, which was on disk
        // before the request left, and no key was sent twice.
        QSet<QString> sentKeys;
        for (qsizetype i = seenBefore; i < server.seen().size(); ++i) {
            const QString key = QString::fromUtf8(server.seen().at(i).headers.value("idempotency-key"));
            QVERIFY2(!key.isEmpty(), "a request without its idempotency key");
            QVERIFY2(recordedKeys.contains(key),
                     qPrintable(QStringLiteral("trial %1: %2 was sent but its run is not on record")
                                    .arg(trial)
                                    .arg(key)));
            QVERIFY2(!sentKeys.contains(key), qPrintable(key));
            sentKeys.insert(key);
        }
        seenBefore = server.seen().size();
    }
}

QTEST_MAIN(TestDurability)
#include "tst_durability.moc"
