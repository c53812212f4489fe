// A room keeps one time: every screen of a shared incident stamps its events and counts T+ by the
// server's clock (RoomClock, ServerClockOffset), whatever its own clock reads. A screen hours fast
// stamped the shared timeline hours ahead, and each event after it stood at that stamp, T+ still
// on every screen, until real time caught up; one hours slow showed its T+ hours short.
#include "session/IncidentSession.h"
#include "session/RoomClock.h"
#include "store/ServerClockOffset.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/PgOwnServer.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "support/WarroomCli.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace warroom;
using namespace warroom::test;

namespace {

constexpr qint64 hour = 60 * 60'000;
// How far a stamp may be from what the test expects: a loaded machine's round trips, the
// faked clock read in another process.
constexpr qint64 slackMs = 15'000;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Checklist minimal()
{
    return loadChecklist(s(WARROOM_TEST_DATA "/checklists/good/minimal.json"));
}

} // namespace

class TestRoomClock : public QObject
{
    Q_OBJECT

private slots:
    void cleanupTestCase();
    void readings_data();
    void readings();
    void skewWords_data();
    void skewWords();
    void fileKeepsThisMachinesClock();
    void slowServerKeepsTheRoomsTime();
    void commandLineSaysTheSkew();
    void clockSetBeforeAWrite();
    void watchingScreenReadsTheClockAgain();

private:
    bool startSlowServer();
    bool setServerClock(const QString &offset);
    PgOwnServer m_server;
    QTemporaryDir m_dir;
    bool m_started = false;
};

void TestRoomClock::cleanupTestCase()
{
    if (m_started)
        m_server.run(s("stop"));
}

// Readings {sent, server, answered} in turn, and the offset kept (-1: none).
void TestRoomClock::readings_data()
{
    using Readings = QList<QList<qint64>>;
    QTest::addColumn<Readings>("readings");
    QTest::addColumn<qint64>("offset"); // INT64_MIN: none known
    QTest::addColumn<qint64>("uncertainty");
    constexpr qint64 none = std::numeric_limits<qint64>::min();
    QTest::newRow("none") << Readings{} << none << qint64(0);
    QTest::newRow("one, server 3 h behind")
        << Readings{{1000, 1010 - 3 * hour, 1020}} << -3 * hour << qint64(10);
    QTest::newRow("answered before sent: dropped")
        << Readings{{1000, 5000, 900}} << none << qint64(0);
    // A later reading that agrees within the round trips leaves the kept one alone: no jitter.
    QTest::newRow("agreeing reading kept")
        << Readings{{0, 510, 20}, {100, 620, 110}} << qint64(500) << qint64(10);
    // A slow first answer (a long lock, a busy server) gives way to a closer one.
    QTest::newRow("closer replaces slow")
        << Readings{{0, 3000, 4000}, {5000, 5200, 5010}} << qint64(195) << qint64(5);
    // A clock set meanwhile (NTP stepped it by a minute): the new reading is the truth now.
    QTest::newRow("clock set meanwhile")
        << Readings{{0, 10, 20}, {1000, 61'010, 1020}} << qint64(60'000) << qint64(10);
    // Within what both round trips and a second allow: not a step, kept.
    QTest::newRow("small drift kept")
        << Readings{{0, 10, 20}, {1000, 1900, 1020}} << qint64(0) << qint64(10);
}

void TestRoomClock::readings()
{
    using Readings = QList<QList<qint64>>;
    QFETCH(Readings, readings);
    QFETCH(qint64, offset);
    QFETCH(qint64, uncertainty);
    ServerClockOffset clock;
    for (const QList<qint64> &r : std::as_const(readings))
        clock.measured(r.at(0), r.at(1), r.at(2));
    if (offset == std::numeric_limits<qint64>::min()) {
        QVERIFY(!clock.offsetMs());
        return;
    }
    QVERIFY(clock.offsetMs());
    QCOMPARE(*clock.offsetMs(), offset);
    QCOMPARE(clock.uncertaintyMs(), uncertainty);
}

void TestRoomClock::skewWords_data()
{
    QTest::addColumn<qint64>("offset"); // the server's minus this machine's; INT64_MIN: none
    QTest::addColumn<QString>("words"); // empty: nothing said
    QTest::newRow("no reading") << std::numeric_limits<qint64>::min() << QString();
    QTest::newRow("ntp close") << qint64(-120) << QString();
    QTest::newRow("just under the notice") << qint64(9'999) << QString();
    QTest::newRow("seconds ahead") << qint64(-25'000) << s("is 25 s ahead of the shared server's");
    QTest::newRow("minutes behind") << qint64(250'000) << s("is 4 min 10 s behind the shared");
    QTest::newRow("rounded as a whole") << -(3 * hour - 20'000) << s("is 3 h 00 min ahead of");
    QTest::newRow("just under an hour") << -(hour - 15'000) << s("is 1 h 00 min ahead of");
    QTest::newRow("hours ahead") << -(3 * hour + 2 * 60'000)
                                 << s("is 3 h 02 min ahead of the shared server's");
}

void TestRoomClock::skewWords()
{
    QFETCH(qint64, offset);
    QFETCH(QString, words);
    const std::optional<qint64> given
        = offset == std::numeric_limits<qint64>::min() ? std::nullopt : std::optional(offset);
    const QString said = RoomClock::skewText(given);
    if (words.isEmpty()) {
        QVERIFY2(said.isEmpty(), qPrintable(said));
        return;
    }
    QVERIFY2(said.contains(words), qPrintable(said));
    QVERIFY2(said.contains(s("(NTP)")), qPrintable(said));
}

// A file has one writer's machine: its clock is the room's, and nothing is said.
void TestRoomClock::fileKeepsThisMachinesClock()
{
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("t.sqlite")), &error), qPrintable(error));
    QVERIFY(!store.serverClockOffsetMs());
    QVERIFY(RoomClock::skewText(store).isEmpty());
    const qint64 before = now();
    const qint64 read = RoomClock::of(store)();
    QVERIFY(read >= before && read <= now());
}

bool TestRoomClock::setServerClock(const QString &offset)
{
    // Read by the server's processes, which run as the postgres user when the suite is root.
    QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                            | QFile::ReadOther | QFile::ExeOther);
    QFile file(m_dir.filePath(s("faketime")));
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(offset.toUtf8() + '\n') > 0
           && file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
}

// The server three hours slow, unless a check set it otherwise since.
bool TestRoomClock::startSlowServer()
{
    if (!setServerClock(s("-3h")))
        return false;
    if (m_started)
        return true;
    if (!m_server.shiftClock(m_dir.filePath(s("faketime")))) {
        qWarning("libfaketime is not installed (scripts/dev installs the faketime package)");
        return false;
    }
    m_started = m_server.start();
    return m_started;
}

// The server's clock three hours behind this machine's: the store measures it, a session declared
// on the room's clock stamps its declaration and its notes by the server's, and T+ counts from
// there. With this machine's clock (as every screen did before) the stamps were three hours ahead
// of the server's.
void TestRoomClock::slowServerKeepsTheRoomsTime()
{
    QVERIFY2(startSlowServer(), "scripts/pg-server could not start a PostgreSQL 3 h slow");
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_server.uri(), &error), qPrintable(error));
    QVERIFY(store.serverClockOffsetMs());
    QVERIFY2(qAbs(*store.serverClockOffsetMs() + 3 * hour) < slackMs,
             qPrintable(QString::number(*store.serverClockOffsetMs())));
    QVERIFY2(RoomClock::skewText(store).contains(s("3 h 00 min ahead of")),
             qPrintable(RoomClock::skewText(store)));

    auto session = declareWithDefaults(store, minimal(), s("Checkout 5xx"), s("Alice Chen"), &error,
                                       IncidentMode::Drill, RoomClock::of(store));
    QVERIFY2(session, qPrintable(error));
    const qint64 serverNow = now() - 3 * hour;
    QVERIFY2(qAbs(session->incident().declaredUtcMs - serverNow) < slackMs,
             qPrintable(QDateTime::fromMSecsSinceEpoch(session->incident().declaredUtcMs, Qt::UTC)
                            .toString(Qt::ISODate)));
    QVERIFY(session->addNote(s("stamped by the server's clock")).ok());
    const TimelineEvent &note = session->events().constLast();
    QVERIFY(qAbs(note.utcMs - (now() - 3 * hour)) < slackMs);
    QVERIFY2(note.elapsedMs >= 0 && note.elapsedMs < slackMs,
             qPrintable(QString::number(note.elapsedMs)));
    QVERIFY(session->elapsedMs() >= 0 && session->elapsedMs() < slackMs);

    // A second screen on the same server counts the same T+ within the slack.
    TimelineStore other;
    QVERIFY2(other.open(m_server.uri(), &error), qPrintable(error));
    auto second
        = IncidentSession::open(other, session->incident().id, RoomClock::of(other), &error);
    QVERIFY2(second, qPrintable(error));
    QVERIFY(qAbs(second->elapsedMs() - session->elapsedMs()) < slackMs);
}

// warroom note on such a server records by the server's clock and says how far this machine's is.
void TestRoomClock::commandLineSaysTheSkew()
{
    QVERIFY2(startSlowServer(), "scripts/pg-server could not start a PostgreSQL 3 h slow");
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_server.uri(), &error), qPrintable(error));
    auto session = declareWithDefaults(store, minimal(), s("Search latency"), s("Alice Chen"),
                                       &error, IncidentMode::Drill, RoomClock::of(store));
    QVERIFY2(session, qPrintable(error));
    const QString id = QString::number(session->incident().id);
    const ProcessRun run
        = runWarroom({s("note"), s("from the command line"), s("--db"), m_server.uri(),
                      s("--incident"), id, s("--actor"), s("Sam Okafor")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(
        run.err.contains(s("Clock: this machine's is 3 h 00 min ahead of the shared server's")),
        qPrintable(run.err));
    const auto events = store.events(session->incident().id, 0, &error);
    QVERIFY2(events, qPrintable(error));
    QCOMPARE(events->constLast().payload.value(s("text")).toString(), s("from the command line"));
    QVERIFY(qAbs(events->constLast().utcMs - (now() - 3 * hour)) < slackMs);
}

// The server's clock set two hours on after this screen read it (as a screen's own clock set by
// NTP since its last reading would be): the next write reads it again beside the chain's head and
// stamps by the new reading. The stamp was the one the session read with the old offset, three
// hours behind the server's, and T+ then stood still for every screen for two hours.
void TestRoomClock::clockSetBeforeAWrite()
{
    QVERIFY2(startSlowServer(), "scripts/pg-server could not start a PostgreSQL 3 h slow");
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_server.uri(), &error), qPrintable(error));
    auto session = declareWithDefaults(store, minimal(), s("Ledger lag"), s("Alice Chen"), &error,
                                       IncidentMode::Drill, RoomClock::of(store));
    QVERIFY2(session, qPrintable(error));
    QVERIFY(qAbs(*store.serverClockOffsetMs() + 3 * hour) < slackMs);

    QVERIFY(setServerClock(s("-1h")));
    QVERIFY(session->addNote(s("after the clock was set")).ok());
    const TimelineEvent &note = session->events().constLast();
    QVERIFY2(qAbs(note.utcMs - (now() - hour)) < slackMs,
             qPrintable(QDateTime::fromMSecsSinceEpoch(note.utcMs, Qt::UTC).toString(Qt::ISODate)));
    QVERIFY(qAbs(*store.serverClockOffsetMs() + hour) < slackMs);
    // T+ jumps with the clock that was set, as every screen's does once it reads it.
    QVERIFY(qAbs(session->elapsedMs() - 2 * hour) < slackMs);
}

// A screen that never writes (the wall, opened read-only) reads the server's clock with each
// heartbeat's answer, so a clock set after its open is the room's time again within seconds. It
// read the clock once, at the open, and counted T+ off by the step until it was restarted.
void TestRoomClock::watchingScreenReadsTheClockAgain()
{
    QVERIFY2(startSlowServer(), "scripts/pg-server could not start a PostgreSQL 3 h slow");
    TimelineStore wall;
    QString error;
    QVERIFY2(wall.openReadOnly(m_server.uri(), &error), qPrintable(error));
    QVERIFY(qAbs(*wall.serverClockOffsetMs() + 3 * hour) < slackMs);
    QVERIFY(setServerClock(s("-2h")));
    QElapsedTimer waited;
    waited.start();
    while (qAbs(*wall.serverClockOffsetMs() + 2 * hour) >= slackMs && waited.elapsed() < 20'000) {
        wall.serviceLink();
        QTest::qWait(50);
    }
    QVERIFY2(qAbs(*wall.serverClockOffsetMs() + 2 * hour) < slackMs,
             qPrintable(QString::number(*wall.serverClockOffsetMs())));
}

QTEST_GUILESS_MAIN(TestRoomClock)
#include "tst_roomclock.moc"
