#include "store/TimelineStore.h"

#include "chain/EventChain.h"
#include "chain/EventHasher.h"
#include "store/BesideCheck.h"
#include "store/ChainHead.h"
#include "store/SchemaMigrations.h"
#include "store/StoreBackend.h"
#include "store/StoreFiles.h"
#include "store/StoreRows.h"
#include "store/sqlite/SqliteDatabase.h"
#include "store/sqlite/SqliteStatement.h"
#include "store/sqlite/SqliteTransaction.h"

#include <QDir>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QThread>

#include <pwd.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <utility>

namespace warroom {

namespace {

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

// The seq and times first, where storedNumbersProblem reads them.
const char *const chainHeadSql = "SELECT e.seq, e.utc_ms, e.elapsed_ms, i.declared_utc_ms, "
                                 "i.uuid, e.hash "
                                 "FROM incidents i JOIN events e ON e.incident_id = i.id "
                                 "WHERE i.id = ? ORDER BY e.seq DESC LIMIT 1";

// Inserts drafts as the events after head inside the caller's transaction; head moves along
// only in the caller's copy, which it keeps once the transaction commits.
std::optional<TimelineEvents> insertEvents(SqliteStatement &insert, EventHasher &hasher,
                                           ChainHead &head, const QList<EventDraft> &drafts,
                                           qint64 utcMs, QString *error)
{
    TimelineEvents written;
    written.reserve(drafts.size());
    for (const EventDraft &d : drafts) {
        TimelineEvent e = chainNext(head, d, utcMs, &hasher);
        bindEventRow(insert, e); // binds e's texts unowned: e lives on in `written`
        if (!insert.exec()) {
            if (error)
                *error = insert.lastError();
            insert.reset();
            return std::nullopt;
        }
        written.append(std::move(e));
    }
    insert.reset(); // releases the bound copies
    return written;
}

// Whether the file was deleted, moved or replaced, and if so says that in `error` instead of
// what SQLite said about the write it refused.
bool nameStorageProblem(const TimelineStore &store, QString *error)
{
    const auto problem = store.storageProblem();
    if (problem && error)
        *error = *problem;
    return problem.has_value();
}

// HOME when it is set, else the password database's home for this user, else "/".
QString userHome()
{
    if (!qEnvironmentVariableIsEmpty("HOME"))
        return QDir::homePath();
    // getpwuid_r: another thread may be reading the password database too.
    passwd entry{};
    passwd *found = nullptr;
    std::array<char, 16384> buffer{};
    if (getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found
        && found->pw_dir && found->pw_dir[0] == '/')
        return QString::fromLocal8Bit(found->pw_dir);
    return QStringLiteral("/");
}

} // namespace

// What one connection keeps between appends: its statements, prepared once (SQLite prepares
// in tens of microseconds, a tenth of a fast commit), the hasher of the incident it last wrote
// to, and the chain head it last wrote or read, valid for as long as PRAGMA data_version says
// no other connection has committed since.
struct TimelineStore::AppendCache
{
    explicit AppendCache(SqliteDatabase &db)
        : insert(db, eventInsertSql())
        , head(db, QString::fromLatin1(chainHeadSql))
    {}
    EventHasher &hasherFor(const QString &uuid)
    {
        if (!hasher || hasherUuid != uuid) {
            hasher = std::make_unique<EventHasher>(uuid);
            hasherUuid = uuid;
        }
        return *hasher;
    }
    SqliteStatement insert;
    SqliteStatement head;
    std::unique_ptr<EventHasher> hasher;
    QString hasherUuid;
    std::optional<ChainHead> known;
    qint64 knownVersion = 0; // data_version when `known` was read or written
    bool versionUnasked = false; // knownVersion is from the last append, not yet handed out
};

TimelineStore::TimelineStore() = default;
TimelineStore::~TimelineStore() = default;

int TimelineStore::changeSocket() const
{
    return m_server ? m_server->changeSocket() : -1;
}

bool TimelineStore::isServer(const QString &db)
{
    return db.startsWith(QLatin1String("postgresql://"))
           || db.startsWith(QLatin1String("postgres://"));
}

int TimelineStore::latestSchemaVersion()
{
    return schemaMigrations().constLast().version;
}

QString TimelineStore::defaultPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    // A relative XDG_DATA_HOME is invalid (the XDG spec: ignore it), and Qt 6.4 takes it as it
    // is: the timeline would be a different file in each folder warroom is started from. Without
    // HOME (a cron job, a service) Qt's home is "/", and the timeline went to /.local/share: the
    // user's home is then the one the password database gives.
    const QString xdg = qEnvironmentVariable("XDG_DATA_HOME");
    const bool xdgUsable = !xdg.isEmpty() && QDir::isAbsolutePath(xdg);
    if (!xdgUsable && (!xdg.isEmpty() || qEnvironmentVariableIsEmpty("HOME"))) {
        const QString generic
            = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        dir = userHome() + QStringLiteral("/.local/share") + dir.mid(generic.size());
    }
    if (dir.isEmpty())
        dir = userHome() + QStringLiteral("/.warroom");
    return QDir::cleanPath(QDir(dir).filePath(QStringLiteral("timeline.sqlite")));
}

bool TimelineStore::createPrivateFolder(const QString &folder, QString *error)
{
    return warroom::createPrivateFolder(folder, error);
}

void TimelineStore::close()
{
    m_besideCheck.reset(); // waits for it: its connection goes before this one
    m_server.reset();
    m_appendCache.reset(); // its statements go before their connection
    m_db.reset();
    m_writersLock.reset(); // closing the descriptor releases the flock
    m_writersUnknown = false;
}

bool TimelineStore::otherWritersAlive() const
{
    if (m_server)
        return m_server->otherWritersAlive();
    if (m_writersUnknown)
        return true;
    if (!m_writersLock)
        return false;
    const int fd = m_writersLock->handle();
    // Let go of our own shared lock for a moment, for the probe. Then back to shared (a brief
    // exclusive holder elsewhere, doing the same test, makes us retry; so does another start
    // copying the database before its recovery, for as long as the copy takes: given up after
    // a second, this writer went on without its lock and later starts took it for dead).
    ::flock(fd, LOCK_UN);
    const bool alone = !writersFileHeldElsewhere(fd);
    for (int attempt = 0; attempt < 6000; ++attempt) {
        if (::flock(fd, LOCK_SH | LOCK_NB) == 0)
            return !alone;
        QThread::msleep(5);
    }
    // Without its lock others may take this writer for dead; it at least no longer takes
    // itself for the only one.
    m_writersUnknown = true;
    return true;
}

bool TimelineStore::isOpen() const
{
    if (m_server)
        return true;
    return m_db && m_db->isOpen();
}

QString TimelineStore::path() const
{
    if (m_server)
        return m_server->path();
    return m_db ? m_db->path() : QString();
}

int TimelineStore::schemaVersion() const
{
    if (m_server)
        return m_server->schemaVersion();
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

bool TimelineStore::isReadOnly() const
{
    if (m_server)
        return m_server->isReadOnly();
    return m_db && m_db->isReadOnly();
}

std::optional<QString> TimelineStore::storageProblem() const
{
    if (m_server)
        return m_server->storageProblem();
    if (!isOpen())
        return QStringLiteral("no database is open");
    if (m_db->hasMoved())
        return QStringLiteral("the database file %1 was deleted, moved or replaced while warroom "
                              "had it open, so new events can no longer reach it. What this "
                              "window shows is still in memory: export it now (Incident \u25B8 "
                              "Export postmortem, Ctrl+Shift+E), then find the file and open the incident again from it")
            .arg(path());
    return std::nullopt;
}

qint64 TimelineStore::dataVersion() const
{
    if (m_server)
        return m_server->dataVersion();
    // Right after an append, the version read inside its transaction answers without a read
    // transaction of its own (a lock cycle and four system calls, a quarter of a commit on a fast
    // disk). It is never newer than what the caller has: an append's caller has applied every
    // event up to its commit, and a commit by another process since then only makes the next
    // poll see a change and read again.
    if (m_appendCache && m_appendCache->versionUnasked) {
        m_appendCache->versionUnasked = false;
        return m_appendCache->knownVersion;
    }
    return m_db ? m_db->dataVersion() : 0;
}

std::unique_ptr<SqliteTransaction> TimelineStore::beginWrite(QString *error, FileCheck check)
{
    if (m_server) {
        if (error)
            *error = QStringLiteral("the shared timeline %1 has no SQLite transaction").arg(path());
        return nullptr;
    }
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return nullptr;
    }
    if (m_db->isReadOnly()) {
        if (error)
            *error = QStringLiteral("the database %1 is open for reading only").arg(path());
        return nullptr;
    }
    if (check == FileCheck::Before && nameStorageProblem(*this, error))
        return nullptr;
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
    if (m_server)
        return m_server->createIncident(incident, declaration, error);
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
    ChainHead head{id, incident.uuid, incident.declaredUtcMs, 0, EventChain::genesisHash(incident),
                   incident.declaredUtcMs};
    AppendCache &cache = appendCache();
    cache.known.reset();
    const qint64 version = m_db->dataVersion();
    if (!insertEvents(cache.insert, cache.hasherFor(head.uuid), head, {declaration},
                      incident.declaredUtcMs, error))
        return std::nullopt;
    if (!tx->commit()) {
        if (error)
            *error = tx->error();
        return std::nullopt;
    }
    cache.known = head;
    cache.knownVersion = version;
    cache.versionUnasked = true;
    return id;
}

TimelineStore::AppendCache &TimelineStore::appendCache()
{
    if (!m_appendCache)
        m_appendCache = std::make_unique<AppendCache>(*m_db);
    return *m_appendCache;
}

// The chain head, inside the caller's write transaction: the one this connection knows when no
// other connection has committed since it learnt it (PRAGMA data_version, which our own commits
// leave alone), else read from the store.
std::optional<ChainHead> TimelineStore::chainHead(qint64 incidentId, qint64 version,
                                                  QString *error)
{
    AppendCache &cache = appendCache();
    cache.versionUnasked = false;
    std::optional<ChainHead> known = std::exchange(cache.known, std::nullopt);
    if (known && known->incidentId == incidentId && cache.knownVersion == version)
        return known;
    SqliteStatement &head = cache.head;
    head.reset();
    head.bind(1, incidentId);
    const SqliteStatement::Step found = head.step();
    if (found == SqliteStatement::Step::Error) {
        if (error)
            *error = QStringLiteral("cannot read the timeline: %1").arg(head.lastError());
        head.reset();
        return std::nullopt;
    }
    if (found != SqliteStatement::Step::Row) {
        head.reset();
        // An incident whose timeline holds no event (its first is always its declaration) was
        // said not to exist; its declared time is read by the rule the head's is.
        SqliteStatement incident(
            *m_db, QStringLiteral("SELECT declared_utc_ms FROM incidents WHERE id = ?"));
        incident.bind(1, incidentId);
        const bool exists = incident.step() == SqliteStatement::Step::Row;
        QString bad = exists ? declaredNumberProblem(incident, 0, incidentId) : QString();
        if (exists && bad.isEmpty())
            bad = QStringLiteral("it holds no event, not even its declaration");
        if (error)
            *error = bad.isEmpty() ? QStringLiteral("incident %1 does not exist in %2")
                                         .arg(incidentId)
                                         .arg(path())
                                   : damagedMessage(incidentId, path(), bad);
        return std::nullopt;
    }
    // A last seq SQLite holds as a text (sorted after every number, so it is the head) read as
    // 0, and the append failed on "UNIQUE constraint failed"; a time read as 0 dated the next
    // event from 1970.
    QString bad = storedNumbersProblem(head, 0);
    if (bad.isEmpty())
        bad = declaredNumberProblem(head, 3, incidentId);
    if (!bad.isEmpty()) {
        if (error)
            *error = damagedMessage(incidentId, path(), bad);
        head.reset();
        return std::nullopt;
    }
    ChainHead chain{incidentId,          head.columnText(4), head.columnInt64(3),
                    head.columnInt64(0), head.columnBlob(5), head.columnInt64(1)};
    head.reset(); // a statement still stepping would make COMMIT fail
    return chain;
}

std::optional<TimelineStore::AppendResult>
TimelineStore::appendPlanned(qint64 incidentId, qint64 knownSeq, qint64 utcMs, const Planner &plan,
                             QString *error)
{
    if (m_server)
        return m_server->appendPlanned(incidentId, knownSeq, utcMs, plan, error);
    // No stat of the file of our own before the transaction: SQLite makes the same check
    // (SQLITE_FCNTL_HAS_MOVED) when the first write opens the journal, and refuses the write
    // with SQLITE_READONLY_DBMOVED, so nothing reaches a file that is no longer the timeline.
    // A stat is a tenth of the CPU our code adds to a commit on tmpfs.
    const auto tx = beginWrite(error, FileCheck::BySqlite);
    if (!tx)
        return std::nullopt;
    // Inside the write transaction, so two writers can never take the same sequence number,
    // and the plan below sees everything any process has committed.
    const qint64 version = m_db->dataVersion();
    std::optional<ChainHead> chain = chainHead(incidentId, version, error);
    if (!chain)
        return std::nullopt;

    AppendResult result;
    if (knownSeq >= 0 && chain->lastSeq > knownSeq) {
        auto newer = events(incidentId, knownSeq, error);
        if (!newer)
            return std::nullopt;
        result.newer = std::move(*newer);
    }
    AppendCache &cache = appendCache();
    const QList<EventDraft> drafts = plan(result.newer);
    if (drafts.isEmpty()) {
        if (nameStorageProblem(*this, error)) // nothing was written, so SQLite did not check
            return std::nullopt;
        cache.known = chain; // nothing written: the head read is still the head
        cache.knownVersion = version;
        cache.versionUnasked = true;
        return result; // the transaction rolls back
    }

    if (const QString far = stampProblem(*chain, utcMs); !far.isEmpty()) {
        if (error)
            *error = QStringLiteral("incident %1 in %2: %3").arg(incidentId).arg(path(), far);
        return std::nullopt; // the transaction rolls back
    }
    // A wall clock can step backwards (NTP); the timeline must not, or T+ would run in reverse.
    ChainHead next = *chain;
    auto written = insertEvents(cache.insert, cache.hasherFor(next.uuid), next, drafts,
                                std::max(utcMs, chain->lastUtcMs), error);
    if (!written || !tx->commit()) {
        if (written && error)
            *error = tx->error();
        nameStorageProblem(*this, error);
        return std::nullopt;
    }
    cache.known = next;
    cache.knownVersion = version;
    cache.versionUnasked = true;
    result.written = std::move(*written);
    return result;
}

std::optional<TimelineEvents> TimelineStore::append(qint64 incidentId,
                                                    const QList<EventDraft> &drafts, qint64 utcMs,
                                                    QString *error)
{
    auto result = appendPlanned(
        incidentId, -1, utcMs, [&](const TimelineEvents &) { return drafts; }, error);
    if (!result)
        return std::nullopt;
    return std::move(result->written);
}

} // namespace warroom
