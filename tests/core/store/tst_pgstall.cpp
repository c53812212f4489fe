// Issue 16, a server that stops answering mid-incident: every process of this suite's own
// PostgreSQL stopped with SIGSTOP (a hung host or a network black hole: the sockets stay open and
// nothing comes back). No store call may wait on it for longer than the answer limit; the screen
// shows the banner in one plain line and refuses commands, and recovers by itself when the server
// answers again. A COMMIT left unanswered is resolved by reading the chain back, never guessed.
#include "chain/ChainVerifier.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "store/postgres/PgConnection.h"
#include "support/PgOwnServer.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace warroom;
using namespace warroom::test;

namespace {

int notesSaying(const TimelineEvents &events, const QString &text)
{
    int n = 0;
    for (const TimelineEvent &e : events)
        n += e.kind == s("note.added") && e.payload.value(s("text")).toString() == text ? 1 : 0;
    return n;
}

// The screen shows what the server holds, event for event.
bool sameAsShown(const TimelineEvents &stored, const TimelineEvents &shown)
{
    return !stored.isEmpty() && stored.size() == shown.size()
           && stored.constLast().hash == shown.constLast().hash;
}

// A caller may wait this long at most: the answer limit, plus room for a loaded machine.
qint64 boundMs()
{
    return PgConnection::answerLimitMs() + 2500;
}

} // namespace

class TestPgStall : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void stoppedServerAnswersInBoundedTime();
    void unansweredCommitIsReadBack_data();
    void unansweredCommitIsReadBack();

private:
    std::unique_ptr<IncidentSession> declare(TimelineStore &store, TimelineStore &reader);
    bool sql(const QString &statement);
    PgOwnServer m_server;
};

void TestPgStall::initTestCase()
{
    QVERIFY2(m_server.start(), "scripts/pg-server could not start a PostgreSQL");
}

void TestPgStall::cleanupTestCase()
{
    m_server.thaw();
    m_server.run(s("stop"));
}

void TestPgStall::cleanup()
{
    m_server.thaw(); // a failed check must not leave the server stopped for the next one
}

// `store` for the screen, `reader` to check what the server holds behind it.
std::unique_ptr<IncidentSession> TestPgStall::declare(TimelineStore &store, TimelineStore &reader)
{
    QString error;
    if (!store.open(m_server.uri(), &error) || !reader.open(m_server.uri(), &error)) {
        qWarning("open: %s", qPrintable(error));
        return nullptr;
    }
    IncidentDeclaration d;
    d.title = s("Payments 5xx");
    d.commander = s("Alice Chen");
    d.mode = IncidentMode::Drill;
    auto session = IncidentSession::declare(
        store, test::loadChecklist(s(WARROOM_TEST_DATA "/checklists/good/minimal.json")), d,
        systemClock(), &error);
    if (!session)
        qWarning("declare: %s", qPrintable(error));
    return session;
}

bool TestPgStall::sql(const QString &statement)
{
    PgConnection conn;
    QString error;
    if (!conn.open(m_server.uri(), &error))
        return false;
    conn.setAnswerLimitMs(60000); // the setup's own statements are not what is on trial
    const PgResult r = conn.exec(statement.toUtf8().constData());
    if (!r.ok())
        qWarning("%s", qPrintable(r.error()));
    return r.ok();
}

// The whole server stopped: a command on the following screen, and a read on a store without a
// screen, each come back within the bound with a plain error; the banner shows, the next command
// is refused at once, and after SIGCONT the screen is back by itself with nothing lost or doubled.
void TestPgStall::stoppedServerAnswersInBoundedTime()
{
    TimelineStore a, reader;
    QString error;
    auto console = declare(a, reader);
    QVERIFY(console);
    const qint64 id = console->incident().id;
    QVERIFY(console->addNote(s("before")).ok());
    console->setFollowInterval(100);
    QSignalSpy lost(console.get(), &IncidentSession::storageLost);
    QSignalSpy restored(console.get(), &IncidentSession::storageRestored);
    const qsizetype before = console->events().size();

    QVERIFY(m_server.freeze());
    QElapsedTimer took;
    took.start();
    const CommandResult stalled = console->addNote(s("while stopped"));
    qInfo("a command on the stopped server returned after %lld ms (limit %d ms of silence)",
          static_cast<long long>(took.elapsed()), PgConnection::answerLimitMs());
    QVERIFY2(took.elapsed() < boundMs(), qPrintable(QString::number(took.elapsed())));
    QCOMPARE(stalled.status, CommandResult::Status::StorageFailed);
    QVERIFY2(stalled.message.contains(s("did not answer")), qPrintable(stalled.message));
    QCOMPARE(console->events().size(), before);
    QCOMPARE(lost.size(), 1);
    const QString banner = console->storageProblem();
    QVERIFY2(banner.startsWith(s("shared timeline unreachable since ")), qPrintable(banner));
    QVERIFY2(!banner.contains(u'\n'), qPrintable(banner));

    took.restart();
    QCOMPARE(console->addNote(s("refused at once")).status, CommandResult::Status::StorageFailed);
    QVERIFY2(took.elapsed() < 1000, qPrintable(QString::number(took.elapsed())));

    took.restart();
    QVERIFY(!reader.events(id, 0, &error));
    QVERIFY2(took.elapsed() < boundMs(), qPrintable(QString::number(took.elapsed())));
    QVERIFY2(error.contains(s("did not answer")) && !error.contains(u'\n'), qPrintable(error));
    // The screen keeps its heartbeat and reconnect attempts going meanwhile, never blocked.
    QTest::qWait(3000);
    QCOMPARE(restored.size(), 0);

    QVERIFY(m_server.thaw());
    took.restart();
    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 30000);
    qInfo("back %lld ms after SIGCONT", static_cast<long long>(took.elapsed()));
    QVERIFY(console->storageProblem().isEmpty());
    QVERIFY(console->addNote(s("back")).ok());
    const TimelineEvents stored = reader.events(id, 0, &error).value_or(TimelineEvents{});
    QVERIFY2(sameAsShown(stored, console->events()), qPrintable(error));
    QCOMPARE(notesSaying(stored, s("while stopped")), 0);
    QCOMPARE(notesSaying(stored, s("before")), 1);
    QCOMPARE(notesSaying(stored, s("back")), 1);
    QVERIFY(ChainVerifier::verify(reader.incident(id).value(), stored).intact);
}

// The COMMIT reaches the server, whose answer comes later than the limit (a deferred trigger
// sleeps 6 s at commit). The screen cannot know whether its note was recorded and says so; what
// it shows afterwards is what the server has, read back, exactly once. `committed`: the trigger
// sleeps through the cancel request and the commit goes through; otherwise the cancel ends it.
void TestPgStall::unansweredCommitIsReadBack_data()
{
    QTest::addColumn<bool>("committed");
    QTest::newRow("commit went through") << true;
    QTest::newRow("cancel stopped it") << false;
}

void TestPgStall::unansweredCommitIsReadBack()
{
    QFETCH(bool, committed);
    const QString text = committed ? s("slow commit kept") : s("slow commit cancelled");
    const QString sleep = committed
                              ? s("BEGIN PERFORM pg_sleep(6); EXCEPTION WHEN query_canceled THEN "
                                  "PERFORM pg_sleep(2); END;")
                              : s("PERFORM pg_sleep(6);");
    QVERIFY(sql(s("CREATE OR REPLACE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS "
                  "$$ BEGIN IF NEW.payload_json LIKE '%slow commit%' THEN %1 END IF; RETURN NULL; "
                  "END $$")
                    .arg(sleep)));
    QVERIFY(sql(s("DROP TRIGGER IF EXISTS slow_commit ON events")));
    QVERIFY(sql(s("CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON events DEFERRABLE "
                  "INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()")));

    TimelineStore a, reader;
    QString error;
    auto console = declare(a, reader);
    QVERIFY(console);
    const qint64 id = console->incident().id;
    console->setFollowInterval(100);
    QSignalSpy restored(console.get(), &IncidentSession::storageRestored);

    QElapsedTimer took;
    took.start();
    const CommandResult unknown = console->addNote(text);
    QVERIFY2(took.elapsed() < boundMs(), qPrintable(QString::number(took.elapsed())));
    QCOMPARE(unknown.status, CommandResult::Status::StorageFailed);
    QVERIFY2(unknown.message.contains(s("whether it was recorded is not known")),
             qPrintable(unknown.message));
    // ... and never says "Not recorded" in front of "not known" (it may have been recorded).
    QVERIFY2(!unknown.message.contains(s("Not recorded")), qPrintable(unknown.message));
    QCOMPARE(notesSaying(console->events(), text), 0); // nothing shown that is not known

    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 30000);
    // The old transaction ends on the server within the trigger's sleep (later on a loaded
    // machine); then the screen shows what it left, by notification or by a catch-up read, once. Whether the commit went through is the
    // server's to say: on a loaded machine the cancel can come too late or too early for the
    // trigger's plan, so the row says which way it went rather than assuming it.
    const auto storedCount = [&] {
        return notesSaying(reader.events(id, 0, &error).value_or(TimelineEvents{}), text);
    };
    QTest::qWait(7000);
    QTRY_COMPARE_WITH_TIMEOUT(notesSaying(console->events(), text), storedCount(), 20000);
    QVERIFY(storedCount() <= 1);
    if (storedCount() != (committed ? 1 : 0))
        qWarning("the commit %s, not as the trigger planned (a loaded machine)",
                 storedCount() ? "went through" : "was cancelled");
    QVERIFY(sql(s("DROP TRIGGER slow_commit ON events")));
    QVERIFY(console->addNote(s("after")).ok());
    const TimelineEvents stored = reader.events(id, 0, &error).value_or(TimelineEvents{});
    QVERIFY2(sameAsShown(stored, console->events()), qPrintable(error));
    QCOMPARE(notesSaying(stored, text), notesSaying(console->events(), text));
    QVERIFY(ChainVerifier::verify(reader.incident(id).value(), stored).intact);
}

QTEST_GUILESS_MAIN(TestPgStall)
#include "tst_pgstall.moc"
