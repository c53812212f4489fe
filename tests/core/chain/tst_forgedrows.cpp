// Rows no build of warroom writes, appended with their hashes computed again as anyone who may
// append can (the chain's hash is unkeyed): a line break in the actor, a control character in a
// kind, step or item, no signature, a payload that is not a JSON object, a time out of range.
// Every reader refuses them, naming the event and the field: the whole read (the window, the
// wall, history), the exports' read with payloads on demand, `warroom export` and `warroom
// verify`, which said "chain intact" of them (exit 0) while everything else refused the incident;
// with `--against` an export made before (the chain read whole, not streamed) too. What an older
// build wrote (a tab in a name) and what a newer one may write (a kind this build does not know)
// is read as before.
#include "chain/EventChain.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "support/WarroomCli.h"

#include <QFile>
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

private:
    // Appends a copy of the last event with `set` (an SQL SET list) applied, linked to it and
    // hashed again as the chain hashes it; its seq, or 0 with a failure recorded.
    static qint64 appendForged(const QString &path, qint64 id, const QString &set);

    QString m_export; // the incident's export before any forgery: `verify --against` reads it
};

void TestForgedRows::initTestCase()
{
    QVERIFY(declareScriptedIncident(s("forged.sqlite")));
    m_export = m_dir.filePath(s("before.json"));
    const auto run
        = runWarroom({s("export"), s("--db"), m_dir.filePath(s("forged.sqlite")), s("--incident"),
                      QString::number(m_id), s("--format"), s("json"), s("--output"), m_export});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
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
    QTest::newRow("line feed in the actor")
        << s("actor = 'Sam Okafor' || char(10) || '| 00:00 | Mallory'")
        << s("'s actor holds control character U+000A at character 11");
    QTest::newRow("carriage return in the actor") << s("actor = 'Sam' || char(13) || 'Okafor'")
                                                  << s("'s actor holds control character U+000D");
    QTest::newRow("actor of spaces") << s("actor = '   '") << s("is signed by no one");
    QTest::newRow("escape in the kind") << s("kind = 'note.added' || char(27) || '[2J'")
                                        << s("'s kind holds control character U+001B");
    QTest::newRow("line feed in the step") << s("step_id = 'freeze' || char(10) || 'x'")
                                           << s("'s step holds control character U+000A");
    QTest::newRow("line separator in the item")
        << s("item_id = 'a' || char(8232) || 'b'") << s("'s item holds control character U+2028");
    QTest::newRow("payload not JSON")
        << s("payload_json = 'hello'") << s("has a payload that is not a JSON object");
    QTest::newRow("payload an array")
        << s("payload_json = '[1]'")
        << s("has a payload that is not a JSON object (not an object)");
    QTest::newRow("stamped past 9999")
        << s("utc_ms = 253402300800000") << s("out of range (0 to 253402300799999)");
    // What builds before 2026-12-01 let into a name, and a kind from a newer build: as before.
    QTest::newRow("tab in the actor (older builds)")
        << s("actor = 'Sam' || char(9) || 'Okafor'") << QString();
    QTest::newRow("a kind this build does not know")
        << s("kind = 'pager.acknowledged'") << QString();
}

void TestForgedRows::forgedRowIsRefused()
{
    QFETCH(QString, set);
    QFETCH(QString, problem);
    const QString path = m_dir.filePath(
        s("forged-%1.sqlite")
            .arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    QVERIFY(QFile::copy(m_dir.filePath(s("forged.sqlite")), path));
    const qint64 seq = appendForged(path, m_id, set);
    QVERIFY(seq > 0);
    const QString event = s("event %1").arg(seq);
    const auto refused = [&](const QString &said) {
        return said.contains(event) && said.contains(problem) && said.contains(s("forged"));
    };

    TimelineStore store;
    QString error;
    QVERIFY2(store.openReadOnly(path, &error), qPrintable(error));
    // The whole read, as the window opens an incident.
    const auto events = store.events(m_id, 0, &error);
    QCOMPARE(events.has_value(), problem.isEmpty());
    if (!events)
        QVERIFY2(refused(error), qPrintable(error));
    // The exports' read, payloads parsed on demand.
    const auto snapshot
        = IncidentSnapshot::load(store, m_id, &error, IncidentSnapshot::Payloads::OnDemand);
    QCOMPARE(snapshot.has_value(), problem.isEmpty());
    if (!snapshot)
        QVERIFY2(refused(error), qPrintable(error));

    const QString id = QString::number(m_id);
    const auto exported = runWarroom({s("export"), s("--db"), path, s("--incident"), id,
                                      s("--format"), s("json"), s("--output"), path + s(".json")});
    QCOMPARE(exported.exitCode, problem.isEmpty() ? 0 : 1);
    if (!problem.isEmpty())
        QVERIFY2(refused(exported.err), qPrintable(exported.err));

    // verify, streamed; then read whole, against the export made before the row was appended.
    for (const QStringList &more : {QStringList{}, QStringList{s("--against"), m_export}}) {
        const auto verified
            = runWarroom(QStringList{s("verify"), s("--db"), path, s("--incident"), id} + more);
        QVERIFY2(verified.out.contains(s("chain intact")), qPrintable(verified.out + verified.err));
        QCOMPARE(verified.exitCode, problem.isEmpty() ? 0 : 1);
        if (!problem.isEmpty()) {
            QVERIFY2(refused(verified.err), qPrintable(verified.err));
            QVERIFY2(verified.err.contains(s("the window, the exports and warroom copy refuse")),
                     qPrintable(verified.err));
        }
    }
}

QTEST_GUILESS_MAIN(TestForgedRows)
#include "tst_forgedrows.moc"
