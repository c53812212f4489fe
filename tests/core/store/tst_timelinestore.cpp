// The store's contract, most of it table-driven over both backends (support/StoreBackends.h): an
// SQLite file and a database of its own on the real PostgreSQL the pg_server fixture starts. What
// only a file has (its permissions, its journal, a file that is not a database) stays SQLite's.
#include "chain/ChainVerifier.h"
#include "session/IncidentSession.h"
#include "store/PostgresSchema.h"
#include "store/SchemaMigrations.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/StoreBackends.h"
#include "support/TestTimeline.h"
#include "util/Sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;

namespace {

IncidentRecord sampleIncident(const QString &uuid = QStringLiteral("u-1"))
{
    IncidentRecord r;
    r.uuid = uuid;
    r.title = QStringLiteral("Payments 5xx");
    r.commander = QStringLiteral("Alice");
    r.mode = IncidentMode::Drill;
    r.declaredUtcMs = 1'700'000'000'000;
    r.checklistId = QStringLiteral("minimal");
    r.checklistRevision = QStringLiteral("1");
    r.checklistSource = QByteArrayLiteral("{\"x\":1}");
    r.checklistSha256 = sha256Hex(r.checklistSource); // the chain checks the text against it
    r.variables = {{QStringLiteral("service"), QStringLiteral("api")}};
    return r;
}

EventDraft declaredDraft()
{
    return {QStringLiteral("Alice"),
            QStringLiteral("incident.declared"),
            {},
            {},
            QJsonObject{{QStringLiteral("title"), QStringLiteral("Payments 5xx")}}};
}

EventDraft note(const QString &text)
{
    return {QStringLiteral("Bob"),
            QStringLiteral("note.added"),
            {},
            {},
            QJsonObject{{QStringLiteral("text"), text}}};
}

} // namespace

class TestTimelineStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createsPrivateFileWithRollbackJournal();
    void writeAndReopen_data() { backends(); }
    void writeAndReopen();
    void appendIsAllOrNothing_data() { backends(); }
    void appendIsAllOrNothing();
    void appendOnlyEnforcedByDatabase_data();
    void appendOnlyEnforcedByDatabase();
    void migratesStepByStep_data();
    void migratesStepByStep();
    void refusesNewerSchema_data();
    void refusesNewerSchema();
    void refusesNonDatabase_data();
    void refusesNonDatabase();
    void twoWritersNeverShareASequenceNumber_data() { backends(); }
    void twoWritersNeverShareASequenceNumber();
    void currentIncidentSurvivesReopen_data() { backends(); }
    void currentIncidentSurvivesReopen();
    void otherWritersAlive_data() { backends(); }
    void otherWritersAlive();
    void incidentsNameTheCommanderInCommand_data() { backends(); }
    void incidentsNameTheCommanderInCommand();

private:
    static void backends()
    {
        test::addBackendColumn();
        test::addBackendRows();
    }
    // A new empty store of the row's backend (a file named after `name` and the row).
    QString newStore(const QString &name) const;
    QTemporaryDir m_dir;
};

void TestTimelineStore::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(!test::pgServerUri().isEmpty(),
             "no PostgreSQL: the pg_server fixture did not start one");
}

QString TestTimelineStore::newStore(const QString &name) const
{
    QFETCH(QString, backend);
    QString error;
    const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
    const QString db = test::newStoreDb(backend, m_dir.path(), name + u'-' + tag, &error);
    if (db.isEmpty())
        qFatal("no store: %s", qPrintable(error));
    return db;
}

void TestTimelineStore::createsPrivateFileWithRollbackJournal()
{
    const QString path = m_dir.filePath(QStringLiteral("sub/dir/private.sqlite"));
    TimelineStore store;
    QString error;
    QVERIFY2(TimelineStore::createPrivateFolder(m_dir.filePath(QStringLiteral("sub/dir")), &error),
             qPrintable(error));
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), TimelineStore::latestSchemaVersion());
    const QFileInfo info(path);
    QVERIFY(info.exists());
    const auto perms = info.permissions();
    QVERIFY(perms.testFlag(QFileDevice::ReadOwner));
    QVERIFY(!perms.testFlag(QFileDevice::ReadGroup));
    QVERIFY(!perms.testFlag(QFileDevice::ReadOther));
    QVERIFY(!perms.testFlag(QFileDevice::WriteOther));
    // A rollback journal, not WAL (see TimelineStore.h): between transactions the file stands
    // alone, with no -wal or -shm that another process could delete under us.
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray header = file.read(20);
    QCOMPARE(int(header.at(18)), 1); // file format write version: 1 = rollback journal, 2 = WAL
    QCOMPARE(int(header.at(19)), 1);
}

void TestTimelineStore::writeAndReopen()
{
    const QString path = newStore(QStringLiteral("reopen"));
    qint64 id = 0;
    {
        TimelineStore store;
        QString error;
        QVERIFY(store.open(path, &error));
        const auto created = store.createIncident(sampleIncident(), declaredDraft(), &error);
        QVERIFY2(created, qPrintable(error));
        id = *created;
        const auto written
            = store.append(id, {note(QStringLiteral("one")), note(QStringLiteral("two"))},
                           1'700'000'065'000, &error);
        QVERIFY2(written, qPrintable(error));
        QCOMPARE(written->size(), 2);
        QCOMPARE(written->at(0).seq, 2);
        QCOMPARE(written->at(1).seq, 3);
        QCOMPARE(written->at(1).elapsedMs, 65'000);
    }
    TimelineStore store;
    QString error;
    QVERIFY(store.open(path, &error));
    const auto incident = store.incident(id);
    QVERIFY(incident);
    QCOMPARE(incident->title, QStringLiteral("Payments 5xx"));
    QCOMPARE(incident->mode, IncidentMode::Drill);
    QCOMPARE(incident->checklistSource, QByteArrayLiteral("{\"x\":1}"));
    QCOMPARE(incident->variables.value(QStringLiteral("service")), QStringLiteral("api"));
    const TimelineEvents events = store.events(id).value();
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).kind, QStringLiteral("incident.declared"));
    QCOMPARE(events.at(2).payload.value(QStringLiteral("text")).toString(), QStringLiteral("two"));
    QCOMPARE(events.at(2).actor, QStringLiteral("Bob"));
    QCOMPARE(store.events(id, 2).value().size(), 1);
    const auto list = store.incidents().value();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().eventCount, 3);
    QVERIFY(!list.first().closed);
}

void TestTimelineStore::appendIsAllOrNothing()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(newStore(QStringLiteral("atomic")), &error));
    const qint64 id = *store.createIncident(sampleIncident(), declaredDraft(), &error);
    QVERIFY(!store.append(id + 99, {note(QStringLiteral("x"))}, 1, &error));
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    // A batch whose second event breaks a constraint (no kind) leaves no trace of its first.
    EventDraft broken = note(QStringLiteral("b"));
    broken.kind = QString();
    QVERIFY(!store.append(id, {note(QStringLiteral("a")), broken}, 1'700'000'000'500, &error));
    // SQLite: "CHECK constraint failed"; PostgreSQL: "violates not-null constraint".
    QVERIFY2(error.contains(QStringLiteral("constraint"), Qt::CaseInsensitive),
             qPrintable(error));
    QCOMPARE(store.events(id).value().size(), 1);
    // And the store is still usable afterwards: the failed transaction was rolled back.
    QVERIFY2(store.append(id, {note(QStringLiteral("c"))}, 1'700'000'000'600, &error),
             qPrintable(error));
    QCOMPARE(store.events(id).value().size(), 2);
    QCOMPARE(store.events(id).value().at(1).seq, 2);
}

void TestTimelineStore::appendOnlyEnforcedByDatabase_data()
{
    test::addBackendColumn();
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("message");
    const QString sqlite = QStringLiteral("sqlite");
    const QString pg = QStringLiteral("postgresql");
    QTest::newRow("sqlite edit payload")
        << sqlite << QStringLiteral("UPDATE events SET payload_json='{}' WHERE seq=2")
        << QStringLiteral("events cannot be changed");
    QTest::newRow("sqlite delete event") << sqlite << QStringLiteral("DELETE FROM events WHERE seq=2")
                                         << QStringLiteral("events cannot be deleted");
    QTest::newRow("sqlite rewrite incident")
        << sqlite << QStringLiteral("UPDATE incidents SET title='x'")
        << QStringLiteral("cannot be changed");
    QTest::newRow("sqlite delete incident")
        << sqlite << QStringLiteral("DELETE FROM incidents") << QStringLiteral("cannot be deleted");
    // The server's triggers, refusing its owner too (a grant would only bind other roles).
    QTest::newRow("postgresql edit payload")
        << pg << QStringLiteral("UPDATE events SET payload_json='{}' WHERE seq=2")
        << QStringLiteral("events cannot be changed or deleted");
    QTest::newRow("postgresql delete event") << pg << QStringLiteral("DELETE FROM events WHERE seq=2")
                                             << QStringLiteral("events cannot be changed or deleted");
    QTest::newRow("postgresql truncate events")
        << pg << QStringLiteral("TRUNCATE events") << QStringLiteral("events cannot be deleted");
    QTest::newRow("postgresql rewrite incident")
        << pg << QStringLiteral("UPDATE incidents SET title='x'")
        << QStringLiteral("an incident declaration cannot be changed or deleted");
    QTest::newRow("postgresql delete incident")
        << pg << QStringLiteral("DELETE FROM incidents")
        << QStringLiteral("cannot be changed or deleted");
}

void TestTimelineStore::appendOnlyEnforcedByDatabase()
{
    QFETCH(QString, backend);
    QFETCH(QString, sql);
    QFETCH(QString, message);
    const QString path = newStore(QStringLiteral("appendonly"));
    TimelineStore store;
    QString error;
    QVERIFY(store.open(path, &error));
    const qint64 id = *store.createIncident(sampleIncident(), declaredDraft(), &error);
    QVERIFY(store.append(id, {note(QStringLiteral("keep me"))}, 1'700'000'001'000, &error));
    const QString result = test::rawStoreSql(backend, path, sql);
    QVERIFY2(result.contains(message), qPrintable(result));
    QCOMPARE(store.events(id).value().size(), 2);
    QCOMPARE(store.events(id).value().at(1).payload.value(QStringLiteral("text")).toString(),
             QStringLiteral("keep me"));
}

void TestTimelineStore::migratesStepByStep_data()
{
    test::addBackendColumn();
    QTest::addColumn<int>("from");
    for (const int from : {1, 2}) {
        for (const char *backend : {"sqlite", "postgresql"})
            QTest::addRow("%s from schema %d", backend, from) << QString::fromLatin1(backend) << from;
    }
}

// A store written at an older schema opens at the latest, one step at a time, with its incident,
// its events and its chain as they were; a new event links to the old ones.
void TestTimelineStore::migratesStepByStep()
{
    QFETCH(QString, backend);
    QFETCH(int, from);
    const QString path = newStore(QStringLiteral("migrate"));
    qint64 id = 0;
    {
        TimelineStore old;
        QString error;
        QVERIFY2(old.open(path, &error, from), qPrintable(error));
        QCOMPARE(old.schemaVersion(), from);
        id = *old.createIncident(sampleIncident(), declaredDraft(), &error);
        QVERIFY2(old.append(id, {note(QStringLiteral("before \u00e9"))}, 1'700'000'005'000, &error),
                 qPrintable(error));
        // Version 1 has no app_state table: remembering the current incident is a no-op there.
        old.setCurrentIncident(id);
        QCOMPARE(old.currentIncident(), from >= 2 ? std::optional<qint64>(id) : std::nullopt);
    }
    if (from == 1) {
        const QString noTable = test::rawStoreSql(backend, path, QStringLiteral("SELECT * FROM app_state"));
        QVERIFY2(noTable.contains(QStringLiteral("app_state")), qPrintable(noTable));
    }
    TimelineStore latest;
    QString error;
    QVERIFY2(latest.open(path, &error), qPrintable(error));
    QCOMPARE(latest.schemaVersion(), TimelineStore::latestSchemaVersion());
    const TimelineEvents events = latest.events(id).value();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(1).payload.value(QStringLiteral("text")).toString(),
             QStringLiteral("before \u00e9"));
    QCOMPARE(latest.incident(id)->variables, sampleIncident().variables);
    // SQLite's schema 3 chained the events written before chains existed; they verify like new
    // ones, and a new event links to them.
    QVERIFY(!events.first().hash.isEmpty());
    QVERIFY(latest.append(id, {note(QStringLiteral("after"))}, 1'700'000'009'000, &error));
    const ChainReport chain = ChainVerifier::verify(*latest.incident(id), latest.events(id).value());
    QVERIFY2(chain.intact, qPrintable(chain.summary()));
    QCOMPARE(chain.eventCount, 3);
    latest.setCurrentIncident(id);
    QCOMPARE(latest.currentIncident(), std::optional<qint64>(id));
    QCOMPARE(schemaMigrations().size(), TimelineStore::latestSchemaVersion());
    QCOMPARE(postgresMigrations().size(), TimelineStore::latestSchemaVersion());
    if (test::isServerBackend(backend)) {
        // One row a step, each applied in its own transaction.
        PgConnection conn;
        QVERIFY2(conn.open(path, &error), qPrintable(error));
        const PgResult r = conn.exec("SELECT string_agg(version::text, ',' ORDER BY version) "
                                     "FROM schema_version");
        QVERIFY(r.ok());
        QStringList steps;
        for (int v = 1; v <= TimelineStore::latestSchemaVersion(); ++v)
            steps << QString::number(v);
        QCOMPARE(r.text(0, 0), steps.join(u','));
    }
}

void TestTimelineStore::refusesNewerSchema_data()
{
    test::addBackendColumn();
    QTest::addColumn<bool>("readOnly");
    for (const char *backend : {"sqlite", "postgresql"}) {
        QTest::addRow("%s to write", backend) << QString::fromLatin1(backend) << false;
        QTest::addRow("%s to read", backend) << QString::fromLatin1(backend) << true;
    }
}

void TestTimelineStore::refusesNewerSchema()
{
    QFETCH(QString, backend);
    QFETCH(bool, readOnly);
    const QString path = newStore(QStringLiteral("future"));
    {
        TimelineStore store;
        QString error;
        QVERIFY(store.open(path, &error));
    }
    QCOMPARE(test::rawStoreSql(backend, path,
                               QStringLiteral("INSERT INTO schema_version VALUES (99, 0)")),
             QString());
    TimelineStore store;
    QString error;
    QVERIFY(!(readOnly ? store.openReadOnly(path, &error) : store.open(path, &error)));
    QVERIFY2(error.contains(QStringLiteral("written by a newer warroom (schema 99")),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("update warroom")), qPrintable(error));
    QVERIFY(!store.isOpen());
}

void TestTimelineStore::refusesNonDatabase_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("text file")
        << QByteArray("this is a shopping list, not a timeline\n").repeated(40)
        << QStringLiteral("file is not a database");
    QTest::newRow("folder") << QByteArray() << QStringLiteral("is a folder");
}

void TestTimelineStore::refusesNonDatabase()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QString path
        = m_dir.filePath(QStringLiteral("not-a-db-") + QString::number(content.size()));
    if (content.isEmpty()) {
        QVERIFY(QDir().mkpath(path));
    } else {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    TimelineStore store;
    QString error;
    QVERIFY(!store.open(path, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

void TestTimelineStore::twoWritersNeverShareASequenceNumber()
{
    const QString path = newStore(QStringLiteral("two-writers"));
    TimelineStore a;
    TimelineStore b;
    QString error;
    QVERIFY(a.open(path, &error));
    QVERIFY(b.open(path, &error));
    const qint64 id = *a.createIncident(sampleIncident(), declaredDraft(), &error);
    // Runs of two on a (its second append uses the chain head it kept) between b's, so a's kept
    // head is stale every third append and must be noticed (data_version) and read again.
    for (int i = 0; i < 20; ++i) {
        TimelineStore &s = i % 3 ? a : b;
        QVERIFY2(s.append(id, {note(QString::number(i))}, 1'700'000'000'000 + i, &error),
                 qPrintable(error));
    }
    const TimelineEvents events = a.events(id).value();
    QCOMPARE(events.size(), 21);
    for (int i = 0; i < events.size(); ++i)
        QCOMPARE(events.at(i).seq, i + 1);
    const ChainReport chain = ChainVerifier::verify(a.incident(id).value(), events);
    QVERIFY2(chain.intact, qPrintable(chain.summary()));
}

void TestTimelineStore::currentIncidentSurvivesReopen()
{
    const QString path = newStore(QStringLiteral("current"));
    {
        TimelineStore store;
        QString error;
        QVERIFY(store.open(path, &error));
        QCOMPARE(store.currentIncident(), std::nullopt);
        store.setCurrentIncident(7);
        store.setCurrentIncident(8);
    }
    TimelineStore store;
    QString error;
    QVERIFY(store.open(path, &error));
    QCOMPARE(store.currentIncident(), std::optional<qint64>(8));
    store.setCurrentIncident(std::nullopt);
    QCOMPARE(store.currentIncident(), std::nullopt);
}

// The list of incidents (`warroom incidents`, the Open dialog) names who holds command now: it
// named the declared commander after a handover, beside every header naming the new one.
void TestTimelineStore::incidentsNameTheCommanderInCommand()
{
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(newStore(QStringLiteral("commander")), &error), qPrintable(error));
    const Checklist checklist
        = test::loadChecklist(QStringLiteral(WARROOM_TEST_DATA "/checklists/good/minimal.json"));
    QStringList titles{QStringLiteral("Handed over"), QStringLiteral("Kept")};
    for (const QString &title : titles) {
        auto session = IncidentSession::declare(
            store, checklist,
            test::declarationWithDefaults(checklist, title, QStringLiteral("Ana One"),
                                          IncidentMode::Live),
            systemClock(), &error);
        QVERIFY2(session, qPrintable(error));
        if (title == titles.constFirst()) {
            QVERIFY(
                session->handOver(QStringLiteral("Ben Two"), QStringLiteral("Ben Two"), {}).ok());
            QVERIFY(
                session->handOver(QStringLiteral("Cy Three"), QStringLiteral("Cy Three"), {}).ok());
        }
    }
    const auto list = store.incidents(&error);
    QVERIFY2(list, qPrintable(error));
    QCOMPARE(list->size(), 2);
    for (const IncidentSummary &i : *list)
        QCOMPARE(i.commander, i.title == titles.constFirst() ? QStringLiteral("Cy Three")
                                                             : QStringLiteral("Ana One"));
}

// A run left open in the timeline is only known to be interrupted when nobody else is writing:
// a second writer counts, a reader (a wall screen) does not, and a closed one stops counting.
void TestTimelineStore::otherWritersAlive()
{
    const QString path = newStore(QStringLiteral("writers"));
    TimelineStore me;
    QString error;
    QVERIFY2(me.open(path, &error), qPrintable(error));
    QVERIFY(!me.otherWritersAlive());
    {
        TimelineStore wall;
        QVERIFY2(wall.openReadOnly(path, &error), qPrintable(error));
        QVERIFY(!me.otherWritersAlive());
        TimelineStore console;
        QVERIFY2(console.open(path, &error), qPrintable(error));
        QVERIFY(me.otherWritersAlive());
        QVERIFY(console.otherWritersAlive());
    }
    // A server ends a closed session's backend a moment after the client leaves.
    QTRY_VERIFY_WITH_TIMEOUT(!me.otherWritersAlive(), 5000);
}

QTEST_GUILESS_MAIN(TestTimelineStore)
#include "tst_timelinestore.moc"
