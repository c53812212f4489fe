#include "TimelineStore.h"

#include "EventChain.h"
#include "SchemaMigrations.h"
#include "SqliteDatabase.h"
#include "SqliteStatement.h"
#include "SqliteTransaction.h"
#include "StoreRows.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

namespace warroom {

namespace {

constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString toJsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString variablesToJson(const QMap<QString, QString> &variables)
{
    QJsonObject o;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        o.insert(it.key(), it.value());
    return toJsonText(o);
}

// The file is created before SQLite opens it so that it never exists, even for an instant, with
// the process umask's wider permissions. SQLite gives its -wal and -shm files the same mode.
bool prepareFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    QDir dir = info.absoluteDir();
    if (!dir.exists()) {
        if (!QDir().mkpath(dir.absolutePath())) {
            if (error)
                *error = QStringLiteral("cannot create the folder %1").arg(dir.absolutePath());
            return false;
        }
        QFile::setPermissions(dir.absolutePath(), ownerOnly | QFileDevice::ExeOwner);
    }
    QFile file(path);
    if (!file.exists()) {
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly)) {
            if (error)
                *error = QStringLiteral("cannot create the database %1: %2")
                             .arg(path, file.errorString());
            return false;
        }
        file.close();
    } else if (info.isDir()) {
        if (error)
            *error = QStringLiteral("%1 is a folder, not a database file").arg(path);
        return false;
    } else if ((file.permissions() & ~(ownerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser))
               != 0) {
        // Incident timelines name people and systems; keep them private to the owner.
        file.setPermissions(ownerOnly);
    }
    return true;
}

// Inserts drafts as events lastSeq+1, lastSeq+2... inside the caller's transaction.
// Where the next event attaches: the incident and the end of its chain so far.
struct ChainHead
{
    qint64 incidentId;
    QString uuid;
    qint64 declaredUtcMs;
    qint64 lastSeq;
    QByteArray lastHash;
};

std::optional<TimelineEvents> insertEvents(SqliteDatabase &db, ChainHead head,
                                           const QList<EventDraft> &drafts, qint64 utcMs,
                                           QString *error)
{
    SqliteStatement insert(db, QStringLiteral("INSERT INTO events (incident_id, seq, utc_ms, "
                                              "elapsed_ms, actor, kind, step_id, item_id, "
                                              "payload_json, prev_hash, hash) "
                                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const qint64 incidentId = head.incidentId;
    const qint64 declaredUtcMs = head.declaredUtcMs;
    qint64 lastSeq = head.lastSeq;
    TimelineEvents written;
    written.reserve(drafts.size());
    for (const EventDraft &d : drafts) {
        TimelineEvent e;
        e.incidentId = incidentId;
        e.seq = ++lastSeq;
        e.utcMs = utcMs;
        e.elapsedMs = utcMs - declaredUtcMs;
        e.actor = d.actor;
        e.kind = d.kind;
        e.stepId = d.stepId;
        e.itemId = d.itemId;
        e.payload = d.payload;
        e.payloadText = EventChain::canonicalPayload(e.payload);
        e.prevHash = head.lastHash;
        e.hash = EventChain::eventHash(head.uuid, e, e.payloadText, e.prevHash);
        head.lastHash = e.hash;
        insert.reset();
        insert.bind(1, incidentId);
        insert.bind(2, e.seq);
        insert.bind(3, e.utcMs);
        insert.bind(4, e.elapsedMs);
        insert.bind(5, e.actor);
        insert.bind(6, e.kind);
        if (e.stepId.isEmpty())
            insert.bindNull(7);
        else
            insert.bind(7, e.stepId);
        if (e.itemId.isEmpty())
            insert.bindNull(8);
        else
            insert.bind(8, e.itemId);
        insert.bind(9, e.payloadText);
        insert.bind(10, QString::fromLatin1(e.prevHash));
        insert.bind(11, QString::fromLatin1(e.hash));
        if (!insert.exec()) {
            if (error)
                *error = insert.lastError();
            return std::nullopt;
        }
        written.append(e);
    }
    return written;
}

} // namespace

TimelineStore::TimelineStore() = default;
TimelineStore::~TimelineStore() = default;

int TimelineStore::latestSchemaVersion()
{
    return schemaMigrations().constLast().version;
}

QString TimelineStore::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.warroom") : dir)
        .filePath(QStringLiteral("timeline.sqlite"));
}

bool TimelineStore::open(const QString &path, QString *error, int targetVersion)
{
    close();
    if (!prepareFile(path, error))
        return false;
    auto db = std::make_unique<SqliteDatabase>();
    if (!db->open(path, error))
        return false;
    m_db = std::move(db);

    // journal_mode answers with the mode now in force; anything but "wal" means the file is not
    // usable as we need it (a read-only medium, say), and we say so rather than run unsafely.
    {
        SqliteStatement wal(*m_db, QStringLiteral("PRAGMA journal_mode=WAL"));
        if (wal.step() != SqliteStatement::Step::Row || wal.columnText(0) != QLatin1String("wal")) {
            if (error)
                *error = QStringLiteral("%1 cannot be used as a timeline: %2")
                             .arg(path, wal.lastError());
            close();
            return false;
        }
    }
    if (!m_db->exec(QStringLiteral("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"), error)
        || !migrate(targetVersion, error)) {
        close();
        return false;
    }
    return true;
}

void TimelineStore::close()
{
    m_db.reset();
}

bool TimelineStore::isOpen() const
{
    return m_db && m_db->isOpen();
}

QString TimelineStore::path() const
{
    return m_db ? m_db->path() : QString();
}

int TimelineStore::schemaVersion() const
{
    if (!isOpen())
        return 0;
    SqliteStatement exists(*m_db, QStringLiteral("SELECT 1 FROM sqlite_master WHERE type='table' "
                                                 "AND name='schema_version'"));
    if (exists.step() != SqliteStatement::Step::Row)
        return 0;
    SqliteStatement s(*m_db,
                      QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    return s.step() == SqliteStatement::Step::Row ? static_cast<int>(s.columnInt64(0)) : 0;
}

bool TimelineStore::migrate(int targetVersion, QString *error)
{
    // A file that is not SQLite fails at its first read; this is where that happens.
    {
        SqliteStatement probe(*m_db, QStringLiteral("SELECT count(*) FROM sqlite_master"));
        if (probe.step() != SqliteStatement::Step::Row) {
            if (error)
                *error = probe.lastError();
            return false;
        }
    }
    if (!m_db->exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                   "version INTEGER PRIMARY KEY, applied_utc_ms INTEGER NOT NULL)"),
                    error))
        return false;

    const int current = schemaVersion();
    if (current > latestSchemaVersion()) {
        if (error)
            *error = QStringLiteral("the database %1 was written by a newer warroom (schema %2; "
                                    "this build knows schemas up to %3); update warroom")
                         .arg(m_db->path())
                         .arg(current)
                         .arg(latestSchemaVersion());
        return false;
    }
    for (const SchemaMigration &m : schemaMigrations()) {
        if (m.version <= current || m.version > targetVersion)
            continue;
        SqliteTransaction tx(*m_db);
        if (!tx.isActive()) {
            if (error)
                *error = tx.error();
            return false;
        }
        QString stepError;
        if (!m_db->exec(m.sql, &stepError) || (m.code && !m.code(*m_db, &stepError))) {
            if (error)
                *error = QStringLiteral("migration to schema %1 failed: %2")
                             .arg(m.version)
                             .arg(stepError);
            return false;
        }
        SqliteStatement record(*m_db, QStringLiteral("INSERT INTO schema_version (version, "
                                                     "applied_utc_ms) VALUES (?, ?)"));
        record.bind(1, static_cast<qint64>(m.version));
        record.bind(2, QDateTime::currentMSecsSinceEpoch());
        if (!record.exec() || !tx.commit()) {
            if (error)
                *error = QStringLiteral("migration to schema %1 failed: %2")
                             .arg(m.version)
                             .arg(tx.error().isEmpty() ? record.lastError() : tx.error());
            return false;
        }
    }
    return true;
}

std::unique_ptr<SqliteTransaction> TimelineStore::beginWrite(QString *error)
{
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return nullptr;
    }
    auto tx = std::make_unique<SqliteTransaction>(*m_db);
    if (!tx->isActive()) {
        if (error)
            *error = tx->error();
        return nullptr;
    }
    return tx;
}

std::optional<qint64> TimelineStore::createIncident(const IncidentRecord &incident,
                                                    const EventDraft &declaration, QString *error)
{
    const auto tx = beginWrite(error);
    if (!tx)
        return std::nullopt;
    SqliteStatement insert(
        *m_db,
        QStringLiteral(
            "INSERT INTO incidents (uuid, title, commander, mode, declared_utc_ms, checklist_id, "
            "checklist_revision, checklist_sha256, checklist_json, variables_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.bind(1, incident.uuid);
    insert.bind(2, incident.title);
    insert.bind(3, incident.commander);
    insert.bind(4, incidentModeName(incident.mode));
    insert.bind(5, incident.declaredUtcMs);
    insert.bind(6, incident.checklistId);
    insert.bind(7, incident.checklistRevision);
    insert.bind(8, QString::fromLatin1(incident.checklistSha256));
    insert.bind(9, incident.checklistSource);
    insert.bind(10, variablesToJson(incident.variables));
    if (!insert.exec()) {
        if (error)
            *error = insert.lastError();
        return std::nullopt;
    }
    const qint64 id = m_db->lastInsertRowId();
    const ChainHead head{id, incident.uuid, incident.declaredUtcMs, 0,
                         EventChain::genesisHash(incident)};
    if (!insertEvents(*m_db, head, {declaration}, incident.declaredUtcMs, error))
        return std::nullopt;
    if (!tx->commit()) {
        if (error)
            *error = tx->error();
        return std::nullopt;
    }
    return id;
}

std::optional<TimelineEvents> TimelineStore::append(qint64 incidentId,
                                                    const QList<EventDraft> &drafts, qint64 utcMs,
                                                    QString *error)
{
    const auto tx = beginWrite(error);
    if (!tx)
        return std::nullopt;
    // Read inside the write transaction, so two writers can never take the same sequence number.
    SqliteStatement head(*m_db,
                         QStringLiteral("SELECT i.declared_utc_ms, i.uuid, e.seq, e.hash "
                                        "FROM incidents i JOIN events e ON e.incident_id = i.id "
                                        "WHERE i.id = ? ORDER BY e.seq DESC LIMIT 1"));
    head.bind(1, incidentId);
    if (head.step() != SqliteStatement::Step::Row) {
        if (error)
            *error = QStringLiteral("incident %1 does not exist in %2").arg(incidentId).arg(path());
        return std::nullopt;
    }
    const ChainHead chain{incidentId, head.columnText(1), head.columnInt64(0), head.columnInt64(2),
                          head.columnBlob(3)};
    head.reset(); // a statement still stepping would make COMMIT fail

    auto written = insertEvents(*m_db, chain, drafts, utcMs, error);
    if (!written)
        return std::nullopt;
    if (!tx->commit()) {
        if (error)
            *error = tx->error();
        return std::nullopt;
    }
    return *written;
}

std::optional<IncidentRecord> TimelineStore::incident(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    SqliteStatement s(*m_db, QStringLiteral("SELECT ") + incidentRowColumns()
                                 + QStringLiteral(" FROM incidents WHERE id = ?"));
    s.bind(1, id);
    if (s.step() != SqliteStatement::Step::Row)
        return std::nullopt;
    return readIncidentRow(s);
}

QList<IncidentSummary> TimelineStore::incidents() const
{
    QList<IncidentSummary> out;
    if (!isOpen())
        return out;
    SqliteStatement s(
        *m_db, QStringLiteral("SELECT i.id, i.title, i.commander, i.mode, i.declared_utc_ms, "
                              "COALESCE(MAX(e.utc_ms), i.declared_utc_ms), COUNT(e.seq), "
                              "COALESCE(SUM(e.kind = 'incident.closed'), 0) "
                              "FROM incidents i LEFT JOIN events e ON e.incident_id = i.id "
                              "GROUP BY i.id ORDER BY i.declared_utc_ms DESC, i.id DESC"));
    while (s.step() == SqliteStatement::Step::Row) {
        IncidentSummary r;
        r.id = s.columnInt64(0);
        r.title = s.columnText(1);
        r.commander = s.columnText(2);
        r.mode = incidentModeFromName(s.columnText(3));
        r.declaredUtcMs = s.columnInt64(4);
        r.lastEventUtcMs = s.columnInt64(5);
        r.eventCount = s.columnInt64(6);
        r.closed = s.columnInt64(7) > 0;
        out.append(r);
    }
    return out;
}

TimelineEvents TimelineStore::events(qint64 incidentId, qint64 afterSeq) const
{
    TimelineEvents out;
    if (!isOpen())
        return out;
    SqliteStatement s(*m_db, QStringLiteral("SELECT ") + eventRowColumns()
                                 + QStringLiteral(" FROM events WHERE incident_id = ? AND seq > ? "
                                                  "ORDER BY seq"));
    s.bind(1, incidentId);
    s.bind(2, afterSeq);
    while (s.step() == SqliteStatement::Step::Row)
        out.append(readEventRow(s));
    return out;
}

TimelineEvents TimelineStore::chainEvents(qint64 incidentId) const
{
    TimelineEvents out;
    if (!isOpen())
        return out;
    SqliteStatement s(*m_db,
                      QStringLiteral("SELECT ") + eventRowColumns()
                          + QStringLiteral(" FROM events WHERE incident_id = ? ORDER BY seq"));
    s.bind(1, incidentId);
    while (s.step() == SqliteStatement::Step::Row)
        out.append(readEventRow(s, false));
    return out;
}

void TimelineStore::setCurrentIncident(std::optional<qint64> id)
{
    if (!isOpen() || schemaVersion() < 2)
        return;
    if (!id) {
        m_db->exec(QStringLiteral("DELETE FROM app_state WHERE key = 'current_incident'"), nullptr);
        return;
    }
    SqliteStatement s(
        *m_db, QStringLiteral("INSERT INTO app_state (key, value) VALUES ('current_incident', ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    s.bind(1, QString::number(*id));
    s.exec();
}

std::optional<qint64> TimelineStore::currentIncident() const
{
    if (!isOpen() || schemaVersion() < 2)
        return std::nullopt;
    SqliteStatement s(*m_db,
                      QStringLiteral("SELECT value FROM app_state WHERE key = 'current_incident'"));
    if (s.step() != SqliteStatement::Step::Row)
        return std::nullopt;
    bool ok = false;
    const qint64 id = s.columnText(0).toLongLong(&ok);
    return ok ? std::optional<qint64>(id) : std::nullopt;
}

} // namespace warroom
