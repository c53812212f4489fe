// The commands on a shared timeline as a user runs them, against a real PostgreSQL the pg_server
// fixture starts: `warroom copy` from SQLite to the server and back (the chain verifies the same in
// both, against the first export's head), `warroom import` into the server, `warroom note` on
// either store, and all of it under the README's least-privilege role (SELECT and INSERT only).
// Unreachable and refusing servers: tst_unreachableserver.
#include "chain/ChainVerifier.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/PgTestServer.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "support/WarroomCli.h"
#include "timeline/ScreenClock.h"

#include <QDateTime>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::ProcessRun;
using warroom::test::runWarroom;
using warroom::test::s;

namespace {

// The README's least-privilege role, word for word (README.md, "Shared war room").
const char *const scribeRole = R"sql(
CREATE ROLE %1 LOGIN;
GRANT CONNECT ON DATABASE %2 TO %1;
GRANT SELECT, INSERT ON incidents, events, schema_version, app_state TO %1;
GRANT USAGE ON SEQUENCE incidents_id_seq TO %1;
)sql";

// The id a command printed after "as incident ".
qint64 idAfter(const QString &out, const QString &words)
{
    const QRegularExpression re(QRegularExpression::escape(words) + s("(\\d+)"));
    const auto m = re.match(out);
    return m.hasMatch() ? m.captured(1).toLongLong() : 0;
}

} // namespace

class TestSharedCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void copyThereAndBack();
    void copyUsage();
    void importIntoServer();
    void note_data();
    void note();
    void noteRefusals();
    void noteOnTheDrillClock();
    void leastPrivilegeRole();
    void newServerHoldsNoTimeline();

private:
    QString freshServerDb(QString *name = nullptr);
    QTemporaryDir m_dir;
    QString m_demo;   // the demo drill (35 events, open) in SQLite
    QString m_export; // its JSON export, with private notes
    QString m_uri;
};

void TestSharedCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_uri = test::pgServerUri();
    QVERIFY2(!m_uri.isEmpty(), "no PostgreSQL: the pg_server fixture did not start one");
    m_demo = m_dir.filePath(s("demo.db"));
    QProcess demo;
    demo.start(s(WARROOM_DEMO), {m_demo});
    QVERIFY(demo.waitForFinished(30000));
    m_export = m_dir.filePath(s("demo.json"));
    const ProcessRun exported
        = runWarroom({s("export"), s("--db"), m_demo, s("--incident"), s("1"), s("--format"),
                      s("json"), s("--include-private"), s("--output"), m_export});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
}

QString TestSharedCli::freshServerDb(QString *name)
{
    QString error;
    const QString db = test::pgFreshDatabase(s("cli"), &error);
    if (db.isEmpty())
        qFatal("cannot make a database: %s", qPrintable(error));
    if (name)
        *name = db;
    return test::pgUriFor(m_uri, db);
}

void TestSharedCli::copyThereAndBack()
{
    const QString server = freshServerDb();
    const ProcessRun there = runWarroom(
        {s("copy"), s("--from"), m_demo, s("--to"), server, s("--incident"), s("1")});
    QVERIFY2(there.exitCode == 0, qPrintable(there.err));
    QVERIFY2(there.out.startsWith(s("copied incident 1 (")), qPrintable(there.out));
    QVERIFY(there.out.contains(s(" to ") + server + s(" as incident ")));
    QVERIFY(there.out.contains(s("; 35 events, chain intact in both, head ")));
    QVERIFY(there.out.contains(s("is still open in ") + m_demo)); // the demo drill is mid-way
    const qint64 id = idAfter(there.out, s(" as incident "));
    QVERIFY(id > 0);

    // On the server, the chain ends where the SQLite export said it ended.
    const ProcessRun verified = runWarroom({s("verify"), s("--db"), server, s("--incident"),
                                            QString::number(id), s("--against"), m_export});
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
    QVERIFY(verified.out.contains(s("chain intact")));

    // And back into a new SQLite file, every incident of the server.
    const QString back = m_dir.filePath(s("back.db"));
    const ProcessRun returned = runWarroom({s("copy"), s("--from"), server, s("--to"), back});
    QVERIFY2(returned.exitCode == 0, qPrintable(returned.err));
    const ProcessRun again = runWarroom({s("verify"), s("--db"), back, s("--incident"),
                                         QString::number(id), s("--against"), m_export});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    const QString head = there.out.section(s("head "), 1).section(u' ', 0, 0);
    QVERIFY2(returned.out.contains(s("head ") + head), qPrintable(returned.out));

    // Twice: refused, plainly, and nothing written.
    const ProcessRun twice = runWarroom(
        {s("copy"), s("--from"), m_demo, s("--to"), server, s("--incident"), s("1")});
    QCOMPARE(twice.exitCode, 1);
    QVERIFY2(twice.err.contains(s("is already in ") + server + s(" as incident ")),
             qPrintable(twice.err));
    QVERIFY(twice.err.contains(s("with the same chain (35 events, head ")));
    QVERIFY(twice.err.endsWith(s("nothing was copied\n")));
    const ProcessRun list = runWarroom({s("incidents"), s("--db"), server});
    QCOMPARE(list.out.count(u'\n'), 1);
}

void TestSharedCli::copyUsage()
{
    const ProcessRun missing = runWarroom({s("copy"), s("--from"), m_demo});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.startsWith(s("usage: warroom copy --from DB --to DB")));
    const ProcessRun same = runWarroom({s("copy"), s("--from"), m_demo, s("--to"), m_demo});
    QCOMPARE(same.exitCode, 2);
    QVERIFY2(same.err.contains(s("are the same database")), qPrintable(same.err));
    const ProcessRun none = runWarroom({s("copy"), s("--from"), m_dir.filePath(s("nope.db")),
                                        s("--to"), m_dir.filePath(s("x.db"))});
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains(s("nope.db")), qPrintable(none.err));
    QVERIFY(none.err.endsWith(s("nothing was copied\n")));
}

void TestSharedCli::importIntoServer()
{
    const QString server = freshServerDb();
    const ProcessRun imported = runWarroom({s("import"), m_export, s("--db"), server});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    QVERIFY2(imported.out.contains(s(" into ") + server + s(" as incident 1")),
             qPrintable(imported.out));
    QVERIFY(imported.out.contains(s("chain intact")));
    const ProcessRun verified = runWarroom(
        {s("verify"), s("--db"), server, s("--incident"), s("1"), s("--against"), m_export});
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
    const ProcessRun again = runWarroom({s("import"), m_export, s("--db"), server});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(s("is already in ") + server), qPrintable(again.err));
    QVERIFY(again.err.contains(s("nothing was imported")));
}

void TestSharedCli::note_data()
{
    QTest::addColumn<bool>("server");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

void TestSharedCli::note()
{
    QFETCH(bool, server);
    const QString db = server ? freshServerDb() : m_dir.filePath(s("note.db"));
    QVERIFY(runWarroom({s("copy"), s("--from"), m_demo, s("--to"), db}).exitCode == 0);
    // Without --incident: the one open incident. The name may be given as --as too.
    const ProcessRun noted = runWarroom({s("note"), s("--db"), db, s("--as"), s("Sam Okafor"),
                                         s("EU traffic drained"), s("— 12% at 14:02")});
    QVERIFY2(noted.exitCode == 0, qPrintable(noted.err));
    QVERIFY2(noted.out.startsWith(s("note recorded in incident 1 at T+")), qPrintable(noted.out));
    QVERIFY(noted.out.endsWith(s(" as event 36 by Sam Okafor\n")));
    QProcess piped;
    piped.start(s(WARROOM_BINARY), {s("note"), s("--db"), db, s("--incident"), s("1"),
                                    s("--actor"), s("pager-bot"), s("-")});
    piped.write("from a pipe\nsecond line\n");
    piped.closeWriteChannel();
    QVERIFY(piped.waitForFinished(30000));
    QCOMPARE(piped.exitCode(), 0);

    TimelineStore store;
    QString error;
    QVERIFY2(store.openReadOnly(db, &error), qPrintable(error));
    const TimelineEvents events = store.events(1, 0, &error).value();
    QCOMPARE(events.size(), 37);
    const TimelineEvent &first = events.at(35);
    QCOMPARE(first.kind, s("note.added"));
    QCOMPARE(first.actor, s("Sam Okafor"));
    QCOMPARE(first.payload.value(s("text")).toString(), s("EU traffic drained — 12% at 14:02"));
    QCOMPARE(events.at(36).actor, s("pager-bot"));
    QCOMPARE(events.at(36).payload.value(s("text")).toString(), s("from a pipe\nsecond line"));
    const ChainReport chain = ChainVerifier::verify(store.incident(1).value(),
                                                    store.chainEvents(1).value());
    QVERIFY2(chain.intact, qPrintable(chain.summary()));
}

// A note from a script into a drill its runner has ended: the command says the T+ the room's
// screens show it at (the end's, on the drill clock), beside the real one. It said only the real
// T+00:00:06, where the timeline listed the note at T+00:00:40.
void TestSharedCli::noteOnTheDrillClock()
{
    const QString db = m_dir.filePath(s("drill-note.db"));
    {
        TimelineStore store;
        QString error;
        QVERIFY2(store.open(db, &error), qPrintable(error));
        const qint64 declared = QDateTime::currentMSecsSinceEpoch() - 10'000;
        qint64 now = declared;
        auto session
            = test::declareWithDefaults(store, test::shippedChecklist(), s("Drill"), s("Alice"),
                                        &error, IncidentMode::Drill, [&now] { return now; });
        QVERIFY2(session, qPrintable(error));
        session->setActor(ScreenClock::facilitator);
        QVERIFY(
            session
                ->recordDrillClock(s("clock"), ScreenClock::fact(DrillClockChange::Started, 0, 50))
                .ok());
        now = declared + 2'000; // real T+2 s: drill T+00:01:40, where the runner ends it
        QVERIFY(session
                    ->recordDrillClock(s("Drill timed out."),
                                       ScreenClock::fact(DrillClockChange::Ended, 2'000))
                    .ok());
    }
    const ProcessRun noted
        = runWarroom({s("note"), s("--db"), db, s("--as"), s("Sam Okafor"), s("by hand")});
    QVERIFY2(noted.exitCode == 0, qPrintable(noted.err));
    QVERIFY2(noted.out.contains(QRegularExpression(
                 s("^note recorded in incident 1 at T\\+00:01:40 on the drill clock, after the "
                   "drill's end \\(real T\\+00:00:1\\d\\) as event 4 by Sam Okafor\n$"))),
             qPrintable(noted.out));
}

void TestSharedCli::noteRefusals()
{
    const QString db = freshServerDb();
    const ProcessRun noIncident = runWarroom({s("note"), s("--db"), db, s("hello")});
    QCOMPARE(noIncident.exitCode, 1);
    QVERIFY2(noIncident.err.contains(s("no incident is open in ") + db), qPrintable(noIncident.err));
    QVERIFY(runWarroom({s("copy"), s("--from"), m_demo, s("--to"), db}).exitCode == 0);
    const ProcessRun empty
        = runWarroom({s("note"), s("--db"), db, s("--incident"), s("1"), s("   ")});
    QCOMPARE(empty.exitCode, 1);
    QVERIFY2(empty.err.contains(s("incident 1: The note is empty. Nothing was recorded.")),
             qPrintable(empty.err));
    const ProcessRun missing
        = runWarroom({s("note"), s("--db"), db, s("--incident"), s("7"), s("hello")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(s("there is no incident 7")), qPrintable(missing.err));
    const ProcessRun noFile = runWarroom(
        {s("note"), s("--db"), m_dir.filePath(s("absent.db")), s("hello")});
    QCOMPARE(noFile.exitCode, 1);
    QVERIFY2(noFile.err.contains(s("there is no timeline database at ")), qPrintable(noFile.err));
    QVERIFY(!QFile::exists(m_dir.filePath(s("absent.db"))));
    const ProcessRun usage = runWarroom({s("note"), s("--db"), db});
    QCOMPARE(usage.exitCode, 2);
    QVERIFY(usage.err.startsWith(s("usage: warroom note")));
    // The writer's name signs the note: one "Acting as" would refuse is refused here too.
    const ProcessRun hidden = runWarroom({s("note"), s("--db"), db, s("--incident"), s("1"),
                                          s("--actor"), s("Pri\u200bya"), s("hi")});
    QCOMPARE(hidden.exitCode, 2);
    QVERIFY2(hidden.err.contains(s("--actor: the name has an invisible or control character "
                                   "(U+200B) at character 4; type it plainly. Nothing was "
                                   "recorded")),
             qPrintable(hidden.err));
}

// The README's role, and nothing more, does every command's work on an existing schema.
void TestSharedCli::leastPrivilegeRole()
{
    QString name;
    const QString db = freshServerDb(&name);
    TimelineStore owner; // the schema is made once, by its owner
    QString error;
    QVERIFY2(owner.open(db, &error), qPrintable(error));
    owner.close();
    const QString role = s("scribe_") + name.section(u'_', 1);
    QVERIFY2(test::pgExec(s(scribeRole).arg(role, name), &error, name), qPrintable(error));
    const QString asScribe = test::pgUriFor(m_uri, name, role);

    const ProcessRun copied = runWarroom({s("copy"), s("--from"), m_demo, s("--to"), asScribe});
    QVERIFY2(copied.exitCode == 0, qPrintable(copied.err));
    const ProcessRun noted = runWarroom(
        {s("note"), s("--db"), asScribe, s("--actor"), s("Ana"), s("as the scribe role")});
    QVERIFY2(noted.exitCode == 0, qPrintable(noted.err));
    const ProcessRun verified
        = runWarroom({s("verify"), s("--db"), asScribe, s("--incident"), s("1")});
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
    QVERIFY(verified.out.contains(s("36 events")));
    const ProcessRun listed = runWarroom({s("incidents"), s("--db"), asScribe});
    QVERIFY2(listed.exitCode == 0 && listed.out.count(u'\n') == 1, qPrintable(listed.err));
    // A role that may connect and nothing more is told what the server said, not that the
    // timeline "holds no timeline" (its version read as 0 when it could not be read).
    const QString bare = s("bare_") + name.section(u'_', 1);
    QVERIFY2(
        test::pgExec(s("CREATE ROLE %1 LOGIN; GRANT CONNECT ON DATABASE %2 TO %1;").arg(bare, name),
                     &error, name),
        qPrintable(error));
    const ProcessRun refused
        = runWarroom({s("incidents"), s("--db"), test::pgUriFor(m_uri, name, bare)});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(s("cannot read the schema version of the shared timeline"))
                 && refused.err.contains(s("permission denied")),
             qPrintable(refused.err));
    const ProcessRun exported = runWarroom({s("export"), s("--db"), asScribe, s("--incident"),
                                            s("1"), s("--format"), s("md"), s("--output"),
                                            m_dir.filePath(s("scribe.md"))});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    // What the role may not do, the server refuses by its grants, before any trigger.
    PgConnection scribe;
    QVERIFY2(scribe.open(asScribe, &error), qPrintable(error));
    for (const char *sql : {"UPDATE events SET actor = 'x'", "DELETE FROM incidents",
                            "ALTER TABLE events DISABLE TRIGGER events_append_only"}) {
        const PgResult r = scribe.exec(sql);
        QVERIFY2(!r.ok(), sql);
        QVERIFY2(r.error().contains(s("permission denied")) || r.error().contains(s("must be owner")),
                 qPrintable(r.error()));
    }
}

// A server nothing has written to yet: the readers said "schema 0; open it once in the app to bring
// it up to 9", which read as a damaged or old timeline, and the README says the first open makes
// it.
void TestSharedCli::newServerHoldsNoTimeline()
{
    const QString server = freshServerDb();
    for (const QStringList &args :
         {QStringList{s("incidents"), s("--db"), server},
          QStringList{s("export"), s("--db"), server, s("--incident"), s("1"), s("--format"),
                      s("md"), s("--output"), m_dir.filePath(s("none.md"))},
          QStringList{s("verify"), s("--db"), server, s("--incident"), s("1")}}) {
        const ProcessRun r = runWarroom(args);
        QVERIFY2(r.exitCode == 1, qPrintable(args.first() + r.err));
        QVERIFY2(r.err.contains(s("holds no timeline: nothing has been recorded in it (the "
                                  "app's first open, warroom copy or warroom import creates it)")),
                 qPrintable(args.first() + r.err));
        QVERIFY2(!r.err.contains(s("schema 0")), qPrintable(r.err));
    }
    QVERIFY(!QFile::exists(m_dir.filePath(s("none.md"))));

    // Its tables there but schema_version dropped by hand: not "holds no timeline" (which invited
    // someone to create one over the 35 events), nor a migration failing on a table that exists.
    const QString damaged = freshServerDb();
    QCOMPARE(runWarroom({s("copy"), s("--from"), m_demo, s("--to"), damaged}).exitCode, 0);
    PgConnection owner;
    QString error;
    QVERIFY2(owner.open(damaged, &error), qPrintable(error));
    QVERIFY(owner.exec("DROP TABLE schema_version").ok());
    for (const QStringList &args :
         {QStringList{s("incidents"), s("--db"), damaged},
          QStringList{s("note"), s("--db"), damaged, s("--incident"), s("1"), s("hello")}}) {
        const ProcessRun r = runWarroom(args);
        QVERIFY2(r.exitCode == 1, qPrintable(args.first() + r.err));
        QVERIFY2(r.err.contains(s("has warroom's tables but no schema version (its "
                                  "schema_version table is missing or empty)")),
                 qPrintable(args.first() + r.err));
    }
}

QTEST_GUILESS_MAIN(TestSharedCli)
#include "tst_sharedcli.moc"
