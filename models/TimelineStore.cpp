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
#include <QThread>

#include <sqlite3.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

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
// the process umask's wider permissions. SQLite gives its journal the same mode.
bool prepareFile(const QString &path, bool mayCreate, QString *error)
{
    const QFileInfo info(path);
    if (info.exists()) {
        // A FIFO would block the open, /dev/zero never ends, a folder is not a database.
        if (!info.isFile()) {
            if (error)
                *error = QStringLiteral("%1 is %2, not a database file")
                             .arg(path, info.isDir() ? QStringLiteral("a folder")
                                                     : QStringLiteral("not a regular file"));
            return false;
        }
        QFile file(path);
        if (mayCreate
            && (file.permissions() & ~(ownerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser))
                   != 0) {
            // Incident timelines name people and systems; keep them private to the owner.
            file.setPermissions(ownerOnly);
        }
        return true;
    }
    if (!mayCreate) {
        if (error)
            *error = QStringLiteral("there is no database %1 (check the --db path)").arg(path);
        return false;
    }
    if (!info.absoluteDir().exists()) {
        if (error)
            *error = QStringLiteral("cannot create the database %1: the folder %2 does not exist")
                         .arg(path, info.absolutePath());
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly)) {
        if (error)
            *error = QStringLiteral("cannot create the database %1: %2").arg(path, file.errorString());
        return false;
    }
    file.close();
    return true;
}

// A journal left beside the database is rolled back into it by the next writable open. After a
// crash mid-commit that is the right thing, but a journal that belongs to another database would
// overwrite our pages with its own; SQLite cannot tell the two apart. So before a writable open
// rolls anything back, both files are copied aside: whatever the journal was, nothing is lost.
void keepCopiesBeforeRecovery(const QString &path)
{
    const QString journal = path + QStringLiteral("-journal");
    const QFileInfo info(journal);
    if (!info.exists() || info.size() == 0 || !info.isFile())
        return;
    // SQLite rolls a journal back only if its first byte is not zero: a process killed before its
    // commit began leaves one with a zeroed header, which changes nothing. Copying the whole
    // database for each of those filled the folder with copies (35 after 100 kills).
    {
        QFile j(journal);
        char first = 0;
        if (!j.open(QIODevice::ReadOnly) || !j.getChar(&first) || first == 0)
            return;
    }
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString copy = path + QStringLiteral(".before-recovery-") + stamp;
    if (QFile::copy(path, copy)) {
        QFile::setPermissions(copy, ownerOnly);
        if (QFile::copy(journal, copy + QStringLiteral("-journal.saved")))
            QFile::setPermissions(copy + QStringLiteral("-journal.saved"), ownerOnly);
    }
}

// SQLite opens a -wal beside the database whatever the database's header says, and reads through
// it: a -wal that another database left next to ours would be read (and, by a writer, checkpointed)
// as our timeline. Ours only ever has a -wal while its header says WAL (bytes 18-19 are 2; an
// older warroom used WAL). Beside a rollback-journal database a -wal is someone else's: a reader
// refuses to look through it, a writer moves it aside (kept, never deleted) before opening.
bool setAsideForeignWal(const QString &path, bool readOnly, QString *error)
{
    const QString wal = path + QStringLiteral("-wal");
    if (!QFileInfo::exists(wal))
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return true; // SQLite's own open reports why
    const QByteArray header = file.read(20);
    if (header.size() == 20 && (header.at(18) == 2 || header.at(19) == 2))
        return true; // a WAL database: the -wal belongs to it
    if (header.size() < 20 && QFileInfo(path).size() > 0)
        return true; // not SQLite at all: the integrity check says so
    if (readOnly) {
        if (error)
            *error = QStringLiteral("%1 lies beside the database %2, which does not use one: it "
                                    "belongs to some other database and would be read as this "
                                    "timeline. Move it away (opening the database in the warroom "
                                    "app moves it aside for you)")
                         .arg(wal, path);
        return false;
    }
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString aside = wal + QStringLiteral(".foreign-") + stamp;
    if (!QFile::rename(wal, aside)) {
        if (error)
            *error = QStringLiteral("%1 lies beside the database %2, which does not use one, and "
                                    "cannot be moved aside; move it away before opening")
                         .arg(wal, path);
        return false;
    }
    QFile::remove(path + QStringLiteral("-shm")); // the index of that foreign -wal, nothing else
    return true;
}

// SQLite's journal and -wal are plain files beside the database. A FIFO there blocks every open
// (readers and writers alike) forever, a folder or a device fails it with a misleading "disk I/O
// error", and a link sends the journal's writes elsewhere. None of these is ever ours.
bool refuseOddCompanions(const QString &path, QString *error)
{
    for (const QLatin1StringView suffix : {QLatin1StringView("-journal"), QLatin1StringView("-wal")}) {
        const QString companion = path + suffix;
        const QFileInfo info(companion);
        if (info.isSymLink() || (info.exists() && !info.isFile())) {
            if (error)
                *error = QStringLiteral("%1 lies beside the database %2 and is not a regular file "
                                        "(a link, a folder, a FIFO or a device): SQLite would hang "
                                        "or fail on it. Nothing was changed; move it away")
                             .arg(companion, path);
            return false;
        }
    }
    return true;
}

// Steps a read to its end. A read that stops on an error (a damaged page, a busy file) fails as a
// whole instead of looking like a shorter result.
template<typename OnRow>
bool readRows(SqliteStatement &s, QString *error, OnRow &&onRow)
{
    for (;;) {
        switch (s.step()) {
        case SqliteStatement::Step::Row:
            if (!onRow())
                return false;
            continue;
        case SqliteStatement::Step::Done:
            return true;
        case SqliteStatement::Step::Error:
            if (error)
                *error = QStringLiteral("cannot read the timeline: %1").arg(s.lastError());
            return false;
        }
    }
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

bool TimelineStore::createPrivateFolder(const QString &folder, QString *error)
{
    // mkpath would give every missing level the umask's permissions; each one is made 0700.
    QStringList missing;
    for (QString level = QDir::cleanPath(QDir(folder).absolutePath());
         !QFileInfo::exists(level) && level != QDir::rootPath();
         level = QFileInfo(level).absolutePath())
        missing.prepend(level);
    for (const QString &level : std::as_const(missing)) {
        if (!QDir().mkdir(level, ownerOnly | QFileDevice::ExeOwner) && !QDir(level).exists()) {
            if (error)
                *error = QStringLiteral("cannot create the folder %1").arg(level);
            return false;
        }
    }
    return true;
}

bool TimelineStore::open(const QString &path, QString *error, int targetVersion)
{
    return openAs(path, false, targetVersion, error);
}

bool TimelineStore::openReadOnly(const QString &path, QString *error)
{
    return openAs(path, true, latestSchemaVersion(), error);
}

bool TimelineStore::openAs(const QString &path, bool readOnly, int targetVersion, QString *error)
{
    close();
    if (!prepareFile(path, !readOnly, error))
        return false;
    // SQLite resolves a symbolic link and keeps its journal and -wal beside the file it names, so
    // that is where they are looked for (and where the writers' lock lives, so that two windows
    // reaching one database by different paths still see each other).
    const QString real = QFileInfo(path).canonicalFilePath();
    if (!refuseOddCompanions(real, error) || !setAsideForeignWal(real, readOnly, error))
        return false;
    if (!readOnly)
        keepCopiesBeforeRecovery(real);
    auto db = std::make_unique<SqliteDatabase>();
    if (!db->open(path,
                  readOnly ? SqliteDatabase::Access::ReadOnly : SqliteDatabase::Access::ReadWrite,
                  error))
        return false;
    m_db = std::move(db);

    if (!checkIntegrity(error)) {
        close();
        return false;
    }
    // Another application's SQLite file (--db pointed at the wrong file) is not migrated into a
    // timeline: tables added and its journal mode changed would be damage done to someone else's
    // data. An empty file is a new timeline.
    if (schemaVersion() == 0) {
        SqliteStatement objects(*m_db, QStringLiteral("SELECT count(*) FROM sqlite_master "
                                                          "WHERE name <> 'schema_version'"));
        if (objects.step() == SqliteStatement::Step::Row && objects.columnInt64(0) > 0) {
            if (error)
                *error = QStringLiteral("%1 is an SQLite database of some other application (it "
                                        "has tables but no warroom schema); warroom will not "
                                        "touch it. Check the --db path")
                             .arg(path);
            close();
            return false;
        }
    }
    if (readOnly) {
        const int version = schemaVersion();
        if (version != latestSchemaVersion()) {
            if (error)
                *error = version > latestSchemaVersion()
                             ? QStringLiteral("the database %1 was written by a newer warroom "
                                              "(schema %2; this build knows schemas up to %3); "
                                              "update warroom")
                                   .arg(path)
                                   .arg(version)
                                   .arg(latestSchemaVersion())
                             : QStringLiteral("the database %1 has schema %2 (an older warroom); "
                                              "open it once in the app to bring it up to %3")
                                   .arg(path)
                                   .arg(version)
                                   .arg(latestSchemaVersion());
            close();
            return false;
        }
        return true;
    }

    // journal_mode answers with the mode now in force. Leaving WAL needs every other connection
    // gone; if one (an older warroom) still holds the file in WAL mode, we say so rather than run
    // in the mode that can lose events.
    {
        SqliteStatement mode(*m_db, QStringLiteral("PRAGMA journal_mode=DELETE"));
        if (mode.step() != SqliteStatement::Step::Row
            || mode.columnText(0) != QLatin1String("delete")) {
            if (error)
                *error = QStringLiteral("%1 cannot be used as a timeline: it stays in journal "
                                        "mode '%2' (is an older warroom still using it?) %3")
                             .arg(path, mode.columnText(0), mode.lastError());
            close();
            return false;
        }
    }
    // Never through a link (it would create or chmod whatever file it names), only a regular
    // file. When the lock cannot be had (a folder, a FIFO or an immutable file in its place),
    // nobody can tell who else is alive, and otherWritersAlive() then assumes someone is: closing
    // a live window's runs as interrupted could send their side effects twice.
    m_writersUnknown = false;
    const int fd = ::open(QFile::encodeName(real + QStringLiteral("-writers")).constData(),
                          O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
    struct stat st {};
    if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::flock(fd, LOCK_SH) == 0) {
        ::fchmod(fd, 0600);
        m_writersLock = std::make_unique<QFile>();
        m_writersLock->open(fd, QIODevice::ReadWrite, QFileDevice::AutoCloseHandle);
    } else {
        if (fd >= 0)
            ::close(fd);
        m_writersUnknown = true;
    }
    // EXTRA: the folder is synced after the journal is deleted, the moment a commit happens in
    // DELETE mode, so a power cut right after a commit cannot bring the journal back and undo it.
    if (!m_db->exec(QStringLiteral("PRAGMA synchronous=EXTRA; PRAGMA foreign_keys=ON;"), error)
        || !migrate(targetVersion, error)) {
        close();
        return false;
    }
    return true;
}

bool TimelineStore::checkIntegrity(QString *error)
{
    // A file that is not SQLite, or whose pages are damaged, fails here, before anything reads it
    // as a (shorter) timeline. quick_check reads every page once: milliseconds for a timeline.
    SqliteStatement check(*m_db, QStringLiteral("PRAGMA quick_check(5)"));
    QStringList problems;
    QString readError;
    const bool read = readRows(check, &readError, [&] {
        const QString line = check.columnText(0);
        if (line != QLatin1String("ok"))
            problems << line;
        return true;
    });
    if (read && problems.isEmpty()) {
        // quick_check walks the pages SQLite knows of, and SQLite reads the missing tail of a
        // file cut short in the middle of a page as zeros: the last events' hashes and payloads
        // silently became other bytes and `incidents`/`export` succeeded. SQLite only ever writes
        // whole pages, so a file that does not end on a page boundary has lost its tail. Measured
        // under a read lock, so no writer is extending the file meanwhile.
        if (!m_db->exec(QStringLiteral("BEGIN"), error))
            return false;
        SqliteStatement pageSize(*m_db, QStringLiteral("PRAGMA page_size"));
        const qint64 page = pageSize.step() == SqliteStatement::Step::Row ? pageSize.columnInt64(0)
                                                                          : 0;
        pageSize.reset();
        SqliteStatement lock(*m_db, QStringLiteral("SELECT count(*) FROM sqlite_master"));
        const bool locked = lock.step() == SqliteStatement::Step::Row;
        const qint64 size = QFileInfo(m_db->path()).size();
        lock.reset();
        const QString lockError = lock.lastError();
        m_db->exec(QStringLiteral("COMMIT"), nullptr);
        if (!locked) {
            if (error)
                *error = QStringLiteral("cannot read the database %1: %2").arg(m_db->path(), lockError);
            return false;
        }
        if (page <= 0 || size % page == 0)
            return true;
        problems << QStringLiteral("the file is %1 bytes, not a whole number of %2-byte pages: "
                                   "its end was cut off")
                        .arg(size)
                        .arg(page);
    }
    if (!read && (sqlite3_extended_errcode(m_db->handle()) & 0xff) == SQLITE_BUSY) {
        // Busy is not damage: nothing here says the file is bad, only that it was not our turn.
        if (error)
            *error = QStringLiteral("the database %1 is busy: another warroom process kept it "
                                    "locked for more than 5 seconds. Nothing was read or "
                                    "changed; try again")
                         .arg(m_db->path());
        return false;
    }
    if (!error)
        return false;
    const QString journal = m_db->path() + QStringLiteral("-journal");
    if (!read && m_db->isReadOnly() && QFileInfo::exists(journal)) {
        // Not damage: a writer stopped in the middle of a commit (a crash, a kill). Only a
        // writable open may roll that back; a reader must not show the half-written state.
        *error = QStringLiteral("the database %1 has an unfinished transaction in %2, left by a "
                                "warroom that stopped in the middle of a commit. Nothing was read "
                                "or changed. Open the database once in the warroom app, which "
                                "rolls it back (keeping copies of both files first), then run "
                                "this again")
                     .arg(m_db->path(), journal);
        return false;
    }
    const QString why = read ? problems.join(QStringLiteral("; ")) : check.lastError();
    *error = QStringLiteral("the database %1 cannot be read as a timeline: %2. Nothing was "
                            "changed. Keep a copy of the file; restore it from a backup or "
                            "an export, or salvage its rows with `sqlite3 FILE .recover`")
                 .arg(m_db->path(), why);
    return false;
}

void TimelineStore::close()
{
    m_db.reset();
    m_writersLock.reset(); // closing the descriptor releases the flock
    m_writersUnknown = false;
}

bool TimelineStore::otherWritersAlive() const
{
    if (m_writersUnknown)
        return true;
    if (!m_writersLock)
        return false;
    const int fd = m_writersLock->handle();
    // Let go of our own shared lock for a moment: an exclusive one is granted only when no other
    // process holds a shared one. Then back to shared (a brief exclusive holder elsewhere, doing
    // the same test, makes us retry).
    ::flock(fd, LOCK_UN);
    const bool alone = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    for (int attempt = 0; attempt < 200; ++attempt) {
        if (::flock(fd, LOCK_SH | LOCK_NB) == 0)
            break;
        QThread::msleep(5);
    }
    return !alone;
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

bool TimelineStore::isReadOnly() const
{
    return m_db && m_db->isReadOnly();
}

std::optional<QString> TimelineStore::storageProblem() const
{
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
    return m_db ? m_db->dataVersion() : 0;
}

std::unique_ptr<SqliteTransaction> TimelineStore::beginWrite(QString *error)
{
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
    if (const auto problem = storageProblem()) {
        if (error)
            *error = *problem;
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

std::optional<TimelineStore::AppendResult>
TimelineStore::appendPlanned(qint64 incidentId, qint64 knownSeq, qint64 utcMs, const Planner &plan,
                             QString *error)
{
    const auto tx = beginWrite(error);
    if (!tx)
        return std::nullopt;
    // Read inside the write transaction, so two writers can never take the same sequence number,
    // and the plan below sees everything any process has committed.
    SqliteStatement head(*m_db,
                         QStringLiteral("SELECT i.declared_utc_ms, i.uuid, e.seq, e.hash, e.utc_ms "
                                        "FROM incidents i JOIN events e ON e.incident_id = i.id "
                                        "WHERE i.id = ? ORDER BY e.seq DESC LIMIT 1"));
    head.bind(1, incidentId);
    const SqliteStatement::Step found = head.step();
    if (found != SqliteStatement::Step::Row) {
        if (error)
            *error = found == SqliteStatement::Step::Error
                         ? QStringLiteral("cannot read the timeline: %1").arg(head.lastError())
                         : QStringLiteral("incident %1 does not exist in %2")
                               .arg(incidentId)
                               .arg(path());
        return std::nullopt;
    }
    const ChainHead chain{incidentId, head.columnText(1), head.columnInt64(0), head.columnInt64(2),
                          head.columnBlob(3)};
    const qint64 lastUtcMs = head.columnInt64(4);
    head.reset(); // a statement still stepping would make COMMIT fail

    AppendResult result;
    if (knownSeq >= 0 && chain.lastSeq > knownSeq) {
        auto newer = events(incidentId, knownSeq, error);
        if (!newer)
            return std::nullopt;
        result.newer = std::move(*newer);
    }
    const QList<EventDraft> drafts = plan(result.newer);
    if (drafts.isEmpty())
        return result; // the transaction rolls back: nothing was written

    // A wall clock can step backwards (NTP); the timeline must not, or T+ would run in reverse.
    auto written = insertEvents(*m_db, chain, drafts, std::max(utcMs, lastUtcMs), error);
    if (!written)
        return std::nullopt;
    if (!tx->commit()) {
        if (error)
            *error = tx->error();
        return std::nullopt;
    }
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

std::optional<IncidentRecord> TimelineStore::incident(qint64 id, QString *error) const
{
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return std::nullopt;
    }
    SqliteStatement s(*m_db, QStringLiteral("SELECT ") + incidentRowColumns()
                                 + QStringLiteral(" FROM incidents WHERE id = ?"));
    s.bind(1, id);
    switch (s.step()) {
    case SqliteStatement::Step::Row:
        return readIncidentRow(s);
    case SqliteStatement::Step::Done:
        if (error)
            *error = QStringLiteral("there is no incident %1 in %2").arg(id).arg(path());
        return std::nullopt;
    case SqliteStatement::Step::Error:
        break;
    }
    if (error)
        *error = QStringLiteral("cannot read incident %1: %2").arg(id).arg(s.lastError());
    return std::nullopt;
}

std::optional<QList<IncidentSummary>> TimelineStore::incidents(QString *error) const
{
    QList<IncidentSummary> out;
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return std::nullopt;
    }
    SqliteStatement s(
        *m_db, QStringLiteral("SELECT i.id, i.title, i.commander, i.mode, i.declared_utc_ms, "
                              "COALESCE(MAX(e.utc_ms), i.declared_utc_ms), COUNT(e.seq), "
                              "COALESCE(SUM(e.kind = 'incident.closed'), 0) "
                              "FROM incidents i LEFT JOIN events e ON e.incident_id = i.id "
                              "GROUP BY i.id ORDER BY i.declared_utc_ms DESC, i.id DESC"));
    const bool ok = readRows(s, error, [&] {
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
        return true;
    });
    if (!ok)
        return std::nullopt;
    return out;
}

std::optional<TimelineEvents> TimelineStore::events(qint64 incidentId, qint64 afterSeq,
                                                    QString *error) const
{
    TimelineEvents out;
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return std::nullopt;
    }
    SqliteStatement s(*m_db, QStringLiteral("SELECT ") + eventRowColumns()
                                 + QStringLiteral(" FROM events WHERE incident_id = ? AND seq > ? "
                                                  "ORDER BY seq"));
    s.bind(1, incidentId);
    s.bind(2, afterSeq);
    qint64 expected = afterSeq + 1;
    const bool ok = readRows(s, error, [&] {
        QString problem;
        TimelineEvent e = readEventRow(s, true, &problem);
        // Every reader folds these events into a state; a gap or an unreadable payload would
        // quietly become a different state, so it stops the read instead.
        if (problem.isEmpty() && e.seq != expected)
            problem = QStringLiteral("event %1 is missing (the next stored one is %2)")
                          .arg(expected)
                          .arg(e.seq);
        if (!problem.isEmpty()) {
            if (error)
                *error = QStringLiteral("the timeline of incident %1 in %2 is damaged: %3")
                             .arg(incidentId)
                             .arg(path(), problem);
            return false;
        }
        ++expected;
        out.append(std::move(e));
        return true;
    });
    if (!ok)
        return std::nullopt;
    return out;
}

std::optional<TimelineEvents> TimelineStore::chainEvents(qint64 incidentId, QString *error) const
{
    TimelineEvents out;
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return std::nullopt;
    }
    SqliteStatement s(*m_db,
                      QStringLiteral("SELECT ") + eventRowColumns()
                          + QStringLiteral(" FROM events WHERE incident_id = ? ORDER BY seq"));
    s.bind(1, incidentId);
    const bool ok = readRows(s, error, [&] {
        out.append(readEventRow(s, false));
        return true;
    });
    if (!ok)
        return std::nullopt;
    return out;
}

void TimelineStore::setCurrentIncident(std::optional<qint64> id)
{
    if (!isOpen() || isReadOnly() || schemaVersion() < 2)
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
