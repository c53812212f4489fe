// The store's contract run against both backends, table-driven: an SQLite file and a real
// PostgreSQL server that CTest starts for this test (scripts/pg-server, fixture `pg_server`).
#include "chain/ChainVerifier.h"
#include "store/TimelineStore.h"
#include "support/PgTestServer.h"
#include "util/Sha256.h"

#include <QDateTime>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace warroom;

namespace {

IncidentRecord sampleIncident()
{
    IncidentRecord r;
    r.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.title = QStringLiteral("Payments 5xx");
    r.commander = QStringLiteral("Alice");
    r.mode = IncidentMode::Drill;
    r.declaredUtcMs = 1'700'000'000'000;
    r.checklistId = QStringLiteral("minimal");
    r.checklistRevision = QStringLiteral("1");
    r.checklistSource = QByteArrayLiteral("{\"x\":1,\"\xc3\xa9\":\"\\u0000\"}");
    r.checklistSha256 = sha256Hex(r.checklistSource); // the chain checks the text against it
    r.variables = {{QStringLiteral("service"), QStringLiteral("api")}};
    return r;
}

EventDraft draft(const QString &kind, const QString &text)
{
    return {QStringLiteral("Bob"), kind, {}, {}, QJsonObject{{QStringLiteral("text"), text}}};
}

// The URI of the server the fixture started (its state file's third line).
QString serverUri()
{
    QFile state(QString::fromLocal8Bit(qgetenv("WARROOM_PG_STATE")));
    if (!state.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = state.readAll().split('\n');
    return lines.size() >= 3 ? QString::fromUtf8(lines.at(2)) : QString();
}

} // namespace

class TestSharedStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writeReadAndVerify_data();
    void writeReadAndVerify();
    void twoWritersOneChain_data();
    void twoWritersOneChain();
    void planSeesOthersFirst_data();
    void planSeesOthersFirst();
    void serverRefusesPasswordInUri();
    void serverStoppedAndRestarted();
    void byteaOutputEscapeReadsTheSameChecklist();
    void fastClockWritesNothing_data();
    void fastClockWritesNothing();
    void facilitationWithoutSubject_data() { backends(); }
    void facilitationWithoutSubject();
    void duplicateSequenceIsNamed();

private:
    void backends();
    QString db(const QString &backend, const QString &name) const;
    QTemporaryDir m_dir;
    QString m_uri;
};

void TestSharedStore::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_uri = serverUri();
    QVERIFY2(!m_uri.isEmpty(), "no PostgreSQL: the pg_server fixture did not start one");
}

void TestSharedStore::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

QString TestSharedStore::db(const QString &backend, const QString &name) const
{
    if (backend == QLatin1String("postgresql"))
        return m_uri;
    const QString path = m_dir.filePath(name + QStringLiteral(".sqlite"));
    QFile f(path);
    if (!f.exists() && f.open(QIODevice::WriteOnly))
        f.close();
    return path;
}

void TestSharedStore::writeReadAndVerify_data()
{
    backends();
}

void TestSharedStore::writeReadAndVerify()
{
    QFETCH(QString, backend);
    const QString where = db(backend, QStringLiteral("write"));
    QString error;
    qint64 id = 0;
    const IncidentRecord incident = sampleIncident();
    {
        TimelineStore store;
        QVERIFY2(store.open(where, &error), qPrintable(error));
        QCOMPARE(store.schemaVersion(), TimelineStore::latestSchemaVersion());
        id = store.createIncident(incident, draft(QStringLiteral("incident.declared"), {}), &error)
                 .value_or(0);
        QVERIFY2(id > 0, qPrintable(error));
        QVERIFY2(store.append(id, {draft(QStringLiteral("note.added"), QStringLiteral("a")),
                                   draft(QStringLiteral("note.added"), QStringLiteral("b \u00e9"))},
                              1'700'000'001'000, &error),
                 qPrintable(error));
    }
    TimelineStore reader;
    QVERIFY2(reader.openReadOnly(where, &error), qPrintable(error));
    const IncidentRecord read = reader.incident(id, &error).value();
    QCOMPARE(read.uuid, incident.uuid);
    QCOMPARE(read.checklistSource, incident.checklistSource);
    QCOMPARE(read.variables, incident.variables);
    const TimelineEvents events = reader.events(id, 0, &error).value();
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(2).payload.value(QStringLiteral("text")).toString(),
             QStringLiteral("b \u00e9"));
    QCOMPARE(events.at(2).elapsedMs, 1000);
    const ChainReport chain = ChainVerifier::verify(read, reader.chainEvents(id).value());
    QVERIFY2(chain.intact, qPrintable(chain.summary()));
    QVERIFY(!reader.append(id, {draft(QStringLiteral("note.added"), {})}, 0, &error));
}

void TestSharedStore::twoWritersOneChain_data()
{
    backends();
}

void TestSharedStore::twoWritersOneChain()
{
    QFETCH(QString, backend);
    const QString where = db(backend, QStringLiteral("two"));
    TimelineStore a;
    TimelineStore b;
    QString error;
    QVERIFY2(a.open(where, &error), qPrintable(error));
    QVERIFY2(b.open(where, &error), qPrintable(error));
    const qint64 id
        = a.createIncident(sampleIncident(), draft(QStringLiteral("incident.declared"), {}), &error)
              .value_or(0);
    QVERIFY2(id > 0, qPrintable(error));
    for (int i = 0; i < 30; ++i) {
        TimelineStore &s = i % 3 ? a : b;
        QVERIFY2(s.append(id, {draft(QStringLiteral("note.added"), QString::number(i))},
                          1'700'000'000'000 + i, &error),
                 qPrintable(error));
    }
    const TimelineEvents events = b.events(id, 0, &error).value();
    QCOMPARE(events.size(), 31);
    for (int i = 0; i < events.size(); ++i)
        QCOMPARE(events.at(i).seq, i + 1);
    QVERIFY(ChainVerifier::verify(b.incident(id).value(), events).intact);
}

void TestSharedStore::planSeesOthersFirst_data()
{
    backends();
}

// The planner runs inside the write transaction and is handed what the other writer committed:
// the rule that makes a second confirmation of one item a refusal instead of a duplicate.
void TestSharedStore::planSeesOthersFirst()
{
    QFETCH(QString, backend);
    const QString where = db(backend, QStringLiteral("plan"));
    TimelineStore a;
    TimelineStore b;
    QString error;
    QVERIFY2(a.open(where, &error) && b.open(where, &error), qPrintable(error));
    const qint64 id
        = a.createIncident(sampleIncident(), draft(QStringLiteral("incident.declared"), {}), &error)
              .value_or(0);
    const qint64 before = b.dataVersion();
    QVERIFY(a.append(id, {draft(QStringLiteral("item.confirmed"), QStringLiteral("x"))}, 0, &error));
    QTRY_VERIFY(b.dataVersion() != before);
    TimelineEvents seen;
    const auto result = b.appendPlanned(
        id, 1, 0,
        [&](const TimelineEvents &newer) {
            seen = newer;
            return QList<EventDraft>{}; // refused: someone else already did it
        },
        &error);
    QVERIFY2(result, qPrintable(error));
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.at(0).kind, QStringLiteral("item.confirmed"));
    QVERIFY(result->written.isEmpty());
    QCOMPARE(a.events(id, 0, &error)->size(), 2);
}

void TestSharedStore::serverRefusesPasswordInUri()
{
    TimelineStore store;
    QString error;
    QVERIFY(!store.open(QStringLiteral("postgresql://warroom:s3cret@127.0.0.1:1/warroom"), &error));
    QVERIFY2(error.contains(QLatin1String("PGPASSWORD")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("s3cret")), qPrintable(error));
}

// The server stopped under an open store: appends are refused in plain words, nothing is lost,
// and the store reconnects by itself once the server is back.
void TestSharedStore::serverStoppedAndRestarted()
{
    const QString script = QStringLiteral(WARROOM_PG_SERVER);
    const QString state = QString::fromLocal8Bit(qgetenv("WARROOM_PG_STATE"));
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_uri, &error), qPrintable(error));
    const qint64 id
        = store.createIncident(sampleIncident(), draft(QStringLiteral("incident.declared"), {}), &error)
              .value_or(0);
    QVERIFY2(id > 0, qPrintable(error));
    QCOMPARE(QProcess::execute(script, {QStringLiteral("halt"), state}), 0);
    QVERIFY(!store.append(id, {draft(QStringLiteral("note.added"), QStringLiteral("lost?"))}, 0,
                          &error));
    QVERIFY2(error.contains(QLatin1String("unreachable")) || error.contains(QLatin1String("shared timeline")),
             qPrintable(error));
    const std::optional<QString> problem = store.storageProblem();
    QVERIFY(problem);
    QVERIFY2(problem->contains(QLatin1String("nothing can be recorded")), qPrintable(*problem));
    QCOMPARE(QProcess::execute(script, {QStringLiteral("start"), state}), 0);
    QVERIFY2(!store.storageProblem(), qPrintable(store.storageProblem().value_or(QString())));
    QVERIFY2(store.append(id, {draft(QStringLiteral("note.added"), QStringLiteral("back"))}, 0,
                          &error),
             qPrintable(error));
    const TimelineEvents events = store.events(id, 0, &error).value();
    QCOMPARE(events.size(), 2);
    QVERIFY(ChainVerifier::verify(store.incident(id).value(), events).intact);
}

// The checklist's bytes are read back as written whatever the server's bytea_output: with an
// administrator's 'escape' (ALTER DATABASE ... SET) the old read decoded other bytes, and the
// chain check called the untouched incident tampered with.
void TestSharedStore::byteaOutputEscapeReadsTheSameChecklist()
{
    QString error;
    const QString name = test::pgFreshDatabase(QStringLiteral("bytea"), &error);
    QVERIFY2(!name.isEmpty(), qPrintable(error));
    const QString where = test::pgUriFor(m_uri, name);
    const IncidentRecord incident = sampleIncident();
    qint64 id = 0;
    {
        TimelineStore store;
        QVERIFY2(store.open(where, &error), qPrintable(error));
        id = store.createIncident(incident, draft(QStringLiteral("incident.declared"), {}), &error)
                 .value_or(0);
        QVERIFY2(id > 0, qPrintable(error));
    }
    QVERIFY2(test::pgExec(QStringLiteral("ALTER DATABASE %1 SET bytea_output = 'escape'").arg(name),
                          &error),
             qPrintable(error));
    TimelineStore reader;
    QVERIFY2(reader.openReadOnly(where, &error), qPrintable(error));
    const IncidentRecord read = reader.incident(id, &error).value();
    QCOMPARE(read.checklistSource, incident.checklistSource);
    const ChainReport chain = ChainVerifier::verify(read, reader.chainEvents(id).value());
    QVERIFY2(chain.intact, qPrintable(chain.summary()));
}

void TestSharedStore::fastClockWritesNothing_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<qint64>("aheadMs");  // of this machine's clock (the server runs on it)
    QTest::addColumn<QString>("refusal"); // empty: written
    const qint64 minute = 60'000;
    const qint64 day = 24 * 60 * minute;
    QTest::newRow("server, two hours fast")
        << QStringLiteral("postgresql") << 120 * minute << QString();
    QTest::newRow("server, six days fast") << QStringLiteral("postgresql") << 6 * day << QString();
    QTest::newRow("server, eight days fast")
        << QStringLiteral("postgresql") << 8 * day
        << QStringLiteral("8 days ahead of the shared server's");
    // One machine's processes share its clock: there is no other to judge by.
    QTest::newRow("file, two hours fast") << QStringLiteral("sqlite") << 120 * minute << QString();
}

// A screen whose clock runs fast stamps its event so, and every event after it from any screen
// is stamped no earlier: a screen eight days fast wrote, and every correct screen of the room
// was then refused ("its last event … more than a week after this machine's clock"). A server's
// clock is the one the room shares: a screen more than a week ahead of it writes nothing and is
// told why, and the others go on; so does its declaration. Less is written as before: a server
// whose own clock is hours wrong must not lock out every screen that is right (an hour's bound
// did).
void TestSharedStore::fastClockWritesNothing()
{
    QFETCH(QString, backend);
    QFETCH(qint64, aheadMs);
    QFETCH(QString, refusal);
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(db(backend, QStringLiteral("fast")), &error), qPrintable(error));
    IncidentRecord incident = sampleIncident();
    incident.declaredUtcMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 id
        = store.createIncident(incident, draft(QStringLiteral("incident.declared"), {}), &error)
              .value_or(0);
    QVERIFY2(id > 0, qPrintable(error));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto fast = store.append(
        id, {draft(QStringLiteral("note.added"), QStringLiteral("fast"))}, now + aheadMs, &error);
    QCOMPARE(fast.has_value(), refusal.isEmpty());
    if (!fast) {
        QVERIFY2(error.contains(refusal) && error.contains(QStringLiteral("nothing was recorded")),
                 qPrintable(error));
        QCOMPARE(store.events(id).value().size(), 1);
    }
    // A screen with the right time writes as before, stamped at its own time when the fast
    // screen was refused.
    const qint64 later = QDateTime::currentMSecsSinceEpoch();
    const auto right = store.append(
        id, {draft(QStringLiteral("note.added"), QStringLiteral("right"))}, later, &error);
    QVERIFY2(right, qPrintable(error));
    const TimelineEvents events = store.events(id).value();
    QCOMPARE(events.constLast().utcMs, refusal.isEmpty() ? now + aheadMs : later);

    // A declaration from that screen: no incident.
    IncidentRecord ahead = sampleIncident();
    ahead.declaredUtcMs = QDateTime::currentMSecsSinceEpoch() + aheadMs;
    const auto declared
        = store.createIncident(ahead, draft(QStringLiteral("incident.declared"), {}), &error);
    QCOMPARE(declared.has_value(), refusal.isEmpty());
    if (!declared)
        QVERIFY2(error.contains(refusal)
                     && error.contains(QStringLiteral("no incident was declared")),
                 qPrintable(error));
}

// A facilitation entry with no subject (the drill clock's, a facilitator's note): an empty text
// went to the server as NULL, and every such entry of a drill on a server was refused.
void TestSharedStore::facilitationWithoutSubject()
{
    QFETCH(QString, backend);
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(db(backend, QStringLiteral("facilitation")), &error), qPrintable(error));
    const qint64 id = store
                          .createIncident(sampleIncident(),
                                          draft(QStringLiteral("incident.declared"), {}), &error)
                          .value_or(0);
    QVERIFY2(id > 0, qPrintable(error));
    FacilitationEntry entry;
    entry.incidentId = id;
    entry.utcMs = 1'700'000'001'000;
    entry.drillMs = 1'000;
    entry.author = QStringLiteral("drill facilitator");
    entry.kind = QStringLiteral("clock");
    entry.payload = QJsonObject{{QStringLiteral("change"), QStringLiteral("started")}};
    QVERIFY2(store.appendFacilitation(entry, &error), qPrintable(error));
    const FacilitationEntries read = store.facilitation(id, &error).value();
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.at(0).subject, QString());
    QCOMPARE(read.at(0).kind, entry.kind);
}

// A server whose key was dropped by hand holds an event's number twice: the read names that
// event as stored twice, as verify says it ("event 2 appears where event 3 should be"). It said
// "event 3 is missing (the next stored one is 2)".
void TestSharedStore::duplicateSequenceIsNamed()
{
    QString error;
    const QString name = test::pgFreshDatabase(QStringLiteral("twice"), &error);
    QVERIFY2(!name.isEmpty(), qPrintable(error));
    const QString where = test::pgUriFor(m_uri, name);
    TimelineStore store;
    QVERIFY2(store.open(where, &error), qPrintable(error));
    const qint64 id = store
                          .createIncident(sampleIncident(),
                                          draft(QStringLiteral("incident.declared"), {}), &error)
                          .value_or(0);
    QVERIFY2(id > 0, qPrintable(error));
    QVERIFY2(store.append(id,
                          {draft(QStringLiteral("note.added"), QStringLiteral("a")),
                           draft(QStringLiteral("note.added"), QStringLiteral("b"))},
                          sampleIncident().declaredUtcMs + 1000, &error),
             qPrintable(error));
    QVERIFY2(test::pgExec(QStringLiteral("ALTER TABLE events DROP CONSTRAINT events_pkey; "
                                         "INSERT INTO events SELECT * FROM events WHERE "
                                         "incident_id = %1 AND seq = 2")
                              .arg(id),
                          &error, name),
             qPrintable(error));
    TimelineStore reader;
    QVERIFY2(reader.openReadOnly(where, &error), qPrintable(error));
    QVERIFY(!reader.events(id, 0, &error));
    QVERIFY2(error.contains(QStringLiteral(
                 "event 2 is stored twice (a second row 2 stands where event 3 should be)")),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSharedStore)
#include "tst_sharedstore.moc"
