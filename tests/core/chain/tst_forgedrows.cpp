// Rows no build of warroom writes, appended with their hashes computed again as anyone who may
// append can (the chain's hash is unkeyed): no signature, a control character in a kind, a
// payload that is not a JSON object, a time out of range. Every reader refuses them, naming the
// event and the field: the whole read (exports, the wall, history), the window's open (the
// payload is parsed when first read there: a forged one read as empty), `warroom export` and
// `warroom verify`, which said "chain intact" of them (exit 0) while everything else refused the
// incident; with `--against` an export made before (the chain read whole, not streamed) too.
// What some build wrote (a line feed or a tab in an actor, a step id ending in a line feed, a
// line separator in an item) and what a newer one may write (a kind this build does not know)
// is read as before, and an export with placeholders (private notes left out) still verifies.
#include "chain/EventChain.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "support/WarroomCli.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace warroom;
using warroom::test::runWarroom;
using warroom::test::s;

class TestForgedRows : public QObject, private test::ScriptedIncidentFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void forgedRowIsRefused_data();
    void forgedRowIsRefused();
    void followedIncidentTakesNoForgedRow_data();
    void followedIncidentTakesNoForgedRow();

private:
    // Appends a copy of the last event with `set` (an SQL SET list) applied, linked to it and
    // hashed again as the chain hashes it; its seq, or 0 with a failure recorded.
    static qint64 appendForged(const QString &path, qint64 id, const QString &set);

    QString m_export; // the incident's export before any forgery: `verify --against` reads it
};

void TestForgedRows::initTestCase()
{
    QVERIFY(declareScriptedIncident(s("scripted.sqlite")));
    m_export = m_dir.filePath(s("before.json"));
    const auto run
        = runWarroom({s("export"), s("--db"), m_dir.filePath(s("scripted.sqlite")), s("--incident"),
                      QString::number(m_id), s("--format"), s("json"), s("--output"), m_export});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // Its private note is a placeholder, with no actor: that is no forged row.
    const auto verified = runWarroom({s("verify"), m_export});
    QVERIFY2(verified.exitCode == 0 && verified.out.contains(s("left out")),
             qPrintable(verified.out + verified.err));
}

qint64 TestForgedRows::appendForged(const QString &path, qint64 id, const QString &set)
{
    const QString sql
        = s("INSERT INTO events (incident_id, seq, utc_ms, elapsed_ms, actor, kind, step_id, "
            "item_id, payload_json, prev_hash, hash) SELECT incident_id, seq + 1, utc_ms + 1000, "
            "elapsed_ms + 1000, actor, 'note.added', NULL, NULL, '{\"text\":\"forged\"}', hash, "
            "'' FROM events WHERE incident_id = %1 ORDER BY seq DESC LIMIT 1; "
            "DROP TRIGGER IF EXISTS events_append_only_update; "
            "UPDATE events SET %2 WHERE incident_id = %1 AND seq = (SELECT MAX(seq) FROM events "
            "WHERE incident_id = %1)")
              .arg(id)
              .arg(set);
    if (const QString failed = test::rawSql(path, sql); !failed.isEmpty()) {
        qWarning("%s", qPrintable(failed));
        return 0;
    }
    // The row as stored, hashed as the chain hashes it: the chain's read takes it as it is.
    TimelineStore store;
    QString error;
    if (!store.openReadOnly(path, &error))
        return 0;
    const auto record = store.incident(id, &error);
    const auto events = record ? store.chainEvents(id, &error) : std::nullopt;
    if (!events) {
        qWarning("%s", qPrintable(error));
        return 0;
    }
    const TimelineEvent &last = events->constLast();
    const QByteArray hash = EventChain::eventHash(
        record->uuid, last, QString::fromUtf8(last.payloadText), last.prevHash);
    const QString rehash = s("UPDATE events SET hash = '%1' WHERE incident_id = %2 AND seq = %3")
                               .arg(QString::fromLatin1(hash))
                               .arg(id)
                               .arg(last.seq);
    return test::rawSql(path, rehash).isEmpty() ? last.seq : 0;
}

void TestForgedRows::forgedRowIsRefused_data()
{
    QTest::addColumn<QString>("set");
    QTest::addColumn<QString>("problem"); // empty: every reader takes the row
    QTest::newRow("actor of spaces") << s("actor = '   '") << s("is signed by no one");
    QTest::newRow("actor of a tab and a line separator")
        << s("actor = char(9) || char(8232)") << s("is signed by no one");
    QTest::newRow("escape in the kind") << s("kind = 'note.added' || char(27) || '[2J'")
                                        << s("'s kind holds U+001B at character 11");
    QTest::newRow("line feed in the kind")
        << s("kind = 'note.added' || char(10)") << s("'s kind holds U+000A");
    // A step's or item's id is the checklist's: its pattern took a final line feed, nothing else.
    QTest::newRow("escape in the step")
        << s("step_id = 'free' || char(27) || 'ze'") << s("'s step holds U+001B at character 5");
    QTest::newRow("carriage return and line feed ending the step")
        << s("step_id = 'freeze' || char(13) || char(10)") << s("'s step holds U+000D");
    QTest::newRow("line separator in the item")
        << s("item_id = 'a' || char(8232) || 'b'") << s("'s item holds U+2028 at character 2");
    QTest::newRow("payload not JSON")
        << s("payload_json = 'hello'")
        << s("has a payload that is not a JSON object (illegal value)");
    QTest::newRow("payload an array")
        << s("payload_json = '[1]'")
        << s("has a payload that is not a JSON object (not an object)");
    QTest::newRow("stamped past 9999")
        << s("utc_ms = 253402300800000") << s("out of range (0 to 253402300799999)");
    // What some build wrote (`note --actor` and a drill scenario's actors until 2026-12-01, a
    // checklist's ids until 2026-12-07), and a kind from a newer build: read as before.
    QTest::newRow("line feed in the actor")
        << s("actor = 'Sam Okafor' || char(10) || '| 00:00 | Mallory'") << QString();
    QTest::newRow("carriage return in the actor")
        << s("actor = 'Sam' || char(13) || 'Okafor'") << QString();
    QTest::newRow("tab in the actor") << s("actor = 'Sam' || char(9) || 'Okafor'") << QString();
    QTest::newRow("step id ending in a line feed")
        << s("step_id = 'freeze' || char(10)") << QString();

    QTest::newRow("a kind this build does not know")
        << s("kind = 'pager.acknowledged'") << QString();
}

void TestForgedRows::forgedRowIsRefused()
{
    QFETCH(QString, set);
    QFETCH(QString, problem);
    const QString path = m_dir.filePath(
        s("row-%1.sqlite").arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    QVERIFY(QFile::copy(m_dir.filePath(s("scripted.sqlite")), path));
    const qint64 seq = appendForged(path, m_id, set);
    QVERIFY(seq > 0);
    const QString event = s("event %1").arg(seq);
    const auto refused = [&](const QString &said) {
        return said.contains(event) && said.contains(problem)
               && said.contains(s("a damaged or forged row"));
    };

    TimelineStore store;
    QString error;
    QVERIFY2(store.openReadOnly(path, &error), qPrintable(error));
    // The whole read, as the window opens an incident.
    const auto events = store.events(m_id, 0, &error);
    QCOMPARE(events.has_value(), problem.isEmpty());
    if (!events)
        QVERIFY2(refused(error), qPrintable(error));
    // The window's open, payloads parsed when first read: its chain checked before it opens (a
    // short timeline), or beside its first frame (a long one), where the payloads are too.
    auto before = IncidentSession::open(store, m_id, systemClock(), &error);
    QCOMPARE(bool(before), problem.isEmpty());
    if (!before) {
        QVERIFY2(refused(error), qPrintable(error));
        // It said `warroom export` still writes what can be read: every export refuses it.
        QVERIFY2(!error.contains(s("warroom export")), qPrintable(error));
    }
    auto behind = IncidentSession::open(store, m_id, systemClock(), &error,
                                        IncidentSession::ChainCheck::InBackground);
    if (behind) {
        QSignalSpy broken(behind.get(), &IncidentSession::chainBroken);
        QSignalSpy verified(behind.get(), &IncidentSession::chainVerified);
        QTRY_VERIFY(broken.size() + verified.size() == 1);
        QCOMPARE(verified.size(), problem.isEmpty() ? 1 : 0);
        if (!broken.isEmpty())
            QVERIFY2(refused(broken.at(0).at(0).toString()),
                     qPrintable(broken.at(0).at(0).toString()));
    } else {
        QVERIFY2(!problem.isEmpty() && refused(error), qPrintable(error)); // read before it
    }

    const QString id = QString::number(m_id);
    const auto exported = runWarroom({s("export"), s("--db"), path, s("--incident"), id,
                                      s("--format"), s("json"), s("--output"), path + s(".json")});
    QCOMPARE(exported.exitCode, problem.isEmpty() ? 0 : 1);
    if (!problem.isEmpty())
        QVERIFY2(refused(exported.err), qPrintable(exported.err));

    // copy, into a file as into a server: a row every reader of the copy would refuse stays out.
    const auto copied = runWarroom(
        {s("copy"), s("--from"), path, s("--to"), path + s(".copy.sqlite"), s("--incident"), id});
    QCOMPARE(copied.exitCode, problem.isEmpty() ? 0 : 1);
    if (!problem.isEmpty())
        QVERIFY2(copied.err.contains(s("is not copied")), qPrintable(copied.err));

    // verify, streamed; then read whole, against the export made before the row was appended.
    for (const QStringList &more : {QStringList{}, QStringList{s("--against"), m_export}}) {
        const auto verified
            = runWarroom(QStringList{s("verify"), s("--db"), path, s("--incident"), id} + more);
        QVERIFY2(verified.out.contains(s("chain intact")), qPrintable(verified.out + verified.err));
        QCOMPARE(verified.exitCode, problem.isEmpty() ? 0 : 1);
        if (!problem.isEmpty()) {
            QVERIFY2(refused(verified.err), qPrintable(verified.err));
            QVERIFY2(verified.err.contains(s("the window and every export refuse this incident")),
                     qPrintable(verified.err));
        }
    }
}

// A row forged into an incident a window follows is a broken chain there, taken in and shown
// nowhere: it read as "TIMELINE STORAGE LOST" (the read of the newer rows failed), which it is not.
void TestForgedRows::followedIncidentTakesNoForgedRow_data()
{
    QTest::addColumn<bool>("command"); // found by a command's write, or by the follow's read
    QTest::newRow("read") << false;
    QTest::newRow("a note written") << true;
}

void TestForgedRows::followedIncidentTakesNoForgedRow()
{
    QFETCH(bool, command);
    const QString path = m_dir.filePath(s("followed-%1.sqlite").arg(int(command)));
    QVERIFY(QFile::copy(m_dir.filePath(s("scripted.sqlite")), path));
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    auto session = IncidentSession::open(store, m_id, systemClock(), &error);
    QVERIFY2(session, qPrintable(error));
    const qsizetype shown = session->events().size();
    QSignalSpy broken(session.get(), &IncidentSession::chainBroken);
    QSignalSpy lost(session.get(), &IncidentSession::storageLost);
    const qint64 seq = appendForged(path, m_id, s("kind = 'note.added' || char(27)"));
    QVERIFY(seq > 0);
    if (command) {
        const CommandResult r = session->addNote(s("after it"));
        QCOMPARE(r.status, CommandResult::Status::Refused);
        QVERIFY2(r.message.startsWith(s("Not recorded: ")), qPrintable(r.message));
    } else {
        session->refresh();
    }
    QCOMPARE(lost.size(), 0);
    QCOMPARE(broken.size(), 1);
    const QString said = broken.at(0).at(0).toString();
    QVERIFY2(said.contains(s("event %1's kind holds U+001B").arg(seq))
                 && said.contains(s("warroom will not add to it"))
                 && said.contains(s("no export can be written while that row is there"))
                 && said.count(s("is damaged")) == 1,
             qPrintable(said));
    QCOMPARE(session->events().size(), shown);
}

QTEST_GUILESS_MAIN(TestForgedRows)
#include "tst_forgedrows.moc"
