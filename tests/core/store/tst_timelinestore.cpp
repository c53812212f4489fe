#include "chain/ChainVerifier.h"
#include "store/SchemaMigrations.h"
#include "support/TestTimeline.h"
#include "store/TimelineStore.h"

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
    r.checklistSha256 = QByteArray(64, 'b');
    r.checklistSource = QByteArrayLiteral("{\"x\":1}");
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
    void createsPrivateFileWithRollbackJournal();
    void writeAndReopen();
    void appendIsAllOrNothing();
    void appendOnlyEnforcedByDatabase_data();
    void appendOnlyEnforcedByDatabase();
    void migratesStepByStep();
    void refusesNewerSchema();
    void refusesNonDatabase_data();
    void refusesNonDatabase();
    void twoWritersNeverShareASequenceNumber();
    void currentIncidentSurvivesReopen();

private:
    QTemporaryDir m_dir;
};

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
    const QString path = m_dir.filePath(QStringLiteral("reopen.sqlite"));
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
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("atomic.sqlite")), &error));
    const qint64 id = *store.createIncident(sampleIncident(), declaredDraft(), &error);
    QVERIFY(!store.append(id + 99, {note(QStringLiteral("x"))}, 1, &error));
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    // A batch whose second event breaks a constraint (no kind) leaves no trace of its first.
    EventDraft broken = note(QStringLiteral("b"));
    broken.kind = QString();
    QVERIFY(!store.append(id, {note(QStringLiteral("a")), broken}, 1'700'000'000'500, &error));
    QVERIFY2(error.contains(QStringLiteral("CHECK constraint failed")), qPrintable(error));
    QCOMPARE(store.events(id).value().size(), 1);
    // And the store is still usable afterwards: the failed transaction was rolled back.
    QVERIFY2(store.append(id, {note(QStringLiteral("c"))}, 1'700'000'000'600, &error),
             qPrintable(error));
    QCOMPARE(store.events(id).value().size(), 2);
    QCOMPARE(store.events(id).value().at(1).seq, 2);
}

void TestTimelineStore::appendOnlyEnforcedByDatabase_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("message");
    QTest::newRow("edit payload") << QStringLiteral(
        "UPDATE events SET payload_json='{}' WHERE seq=2")
                                  << QStringLiteral("events cannot be changed");
    QTest::newRow("delete event") << QStringLiteral("DELETE FROM events WHERE seq=2")
                                  << QStringLiteral("events cannot be deleted");
    QTest::newRow("rewrite incident")
        << QStringLiteral("UPDATE incidents SET title='x'") << QStringLiteral("cannot be changed");
    QTest::newRow("delete incident")
        << QStringLiteral("DELETE FROM incidents") << QStringLiteral("cannot be deleted");
}

void TestTimelineStore::appendOnlyEnforcedByDatabase()
{
    QFETCH(QString, sql);
    QFETCH(QString, message);
    const QString path = m_dir.filePath(
        QStringLiteral("appendonly-%1.sqlite")
            .arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    TimelineStore store;
    QString error;
    QVERIFY(store.open(path, &error));
    const qint64 id = *store.createIncident(sampleIncident(), declaredDraft(), &error);
    QVERIFY(store.append(id, {note(QStringLiteral("keep me"))}, 1'700'000'001'000, &error));
    const QString result = test::rawSql(path, sql);
    QVERIFY2(result.contains(message), qPrintable(result));
    QCOMPARE(store.events(id).value().size(), 2);
    QCOMPARE(store.events(id).value().at(1).payload.value(QStringLiteral("text")).toString(),
             QStringLiteral("keep me"));
}

void TestTimelineStore::migratesStepByStep()
{
    const QString path = m_dir.filePath(QStringLiteral("migrate.sqlite"));
    qint64 id = 0;
    {
        TimelineStore v1;
        QString error;
        QVERIFY(v1.open(path, &error, 1));
        QCOMPARE(v1.schemaVersion(), 1);
        id = *v1.createIncident(sampleIncident(), declaredDraft(), &error);
        // Version 1 has no app_state table: remembering the current incident is a no-op there.
        v1.setCurrentIncident(id);
        QCOMPARE(v1.currentIncident(), std::nullopt);
    }
    QCOMPARE(test::rawSql(path, QStringLiteral("SELECT * FROM app_state")),
             QStringLiteral("no such table: app_state"));
    TimelineStore latest;
    QString error;
    QVERIFY2(latest.open(path, &error), qPrintable(error));
    QCOMPARE(latest.schemaVersion(), TimelineStore::latestSchemaVersion());
    QCOMPARE(latest.events(id).value().size(), 1);
    // Schema 3 chained the event written before chains existed; it verifies like a new one, and
    // a new event links to it.
    QVERIFY(!latest.events(id).value().first().hash.isEmpty());
    QVERIFY(latest.append(id, {note(QStringLiteral("after"))}, 1'700'000'009'000, &error));
    const ChainReport chain = ChainVerifier::verify(*latest.incident(id), latest.events(id).value());
    QVERIFY2(chain.intact, qPrintable(chain.summary()));
    QCOMPARE(chain.eventCount, 2);
    latest.setCurrentIncident(id);
    QCOMPARE(latest.currentIncident(), std::optional<qint64>(id));
    QCOMPARE(schemaMigrations().size(), TimelineStore::latestSchemaVersion());
}

void TestTimelineStore::refusesNewerSchema()
{
    const QString path = m_dir.filePath(QStringLiteral("future.sqlite"));
    {
        TimelineStore store;
        QString error;
        QVERIFY(store.open(path, &error));
    }
    QCOMPARE(test::rawSql(path, QStringLiteral("INSERT INTO schema_version VALUES (99, 0)")),
             QString());
    TimelineStore store;
    QString error;
    QVERIFY(!store.open(path, &error));
    QVERIFY2(error.contains(QStringLiteral("written by a newer warroom (schema 99")),
             qPrintable(error));
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
    const QString path = m_dir.filePath(QStringLiteral("two-writers.sqlite"));
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
    const QString path = m_dir.filePath(QStringLiteral("current.sqlite"));
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

QTEST_GUILESS_MAIN(TestTimelineStore)
#include "tst_timelinestore.moc"
