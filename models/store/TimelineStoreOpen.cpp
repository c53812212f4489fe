// Opening a timeline database: the files around it checked first (StoreFiles), then SQLite's own
// integrity check, the journal mode, the writers' lock and the stepwise schema migrations.
#include "store/TimelineStore.h"

#include "store/BesideCheck.h"
#include "store/SchemaMigrations.h"
#include "store/ServerStoreFactory.h"
#include "store/StoreBackend.h"
#include "store/StoreFiles.h"
#include "store/StoreRows.h"
#include "store/sqlite/SqliteDatabase.h"
#include "store/sqlite/SqliteStatement.h"
#include "store/sqlite/SqliteTransaction.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <system_error>

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace warroom {

bool TimelineStore::open(const QString &path, QString *error, int targetVersion)
{
    return openAs(path, false, targetVersion, error);
}

bool TimelineStore::openReadOnly(const QString &path, QString *error)
{
    return openAs(path, true, latestSchemaVersion(), error);
}

bool TimelineStore::openReadOnlyCheckingBeside(const QString &path, QString *error)
{
    return openAs(path, true, latestSchemaVersion(), error, Check::Beside);
}

// The check on a connection of its own, on a thread of its own: the same check with the same
// messages. Only the connection: the opening thread has made the file's other tests (what it is,
// what lies beside it), and a QFile opened and closed here on the database would drop the POSIX
// locks the opening thread's connection holds on it, which belong to the process (a -wal beside
// an older database made setAsideForeignWal do just that, and a writer committed mid-read).
void TimelineStore::startCheckBeside(const QString &path)
{
    auto check = std::make_unique<BesideCheck>();
    try {
        check->verdict = std::async(std::launch::async, [path] {
            BesideCheck::Verdict verdict;
            auto db = std::make_unique<SqliteDatabase>();
            if (!db->open(path, SqliteDatabase::Access::ReadOnly, &verdict.error))
                return verdict;
            verdict.checker = std::make_unique<TimelineStore>();
            verdict.checker->m_db = std::move(db);
            verdict.ok = verdict.checker->checkIntegrity(&verdict.error);
            return verdict;
        });
    } catch (const std::system_error &) {
        return; // no thread to be had: checked first, as openReadOnly does
    }
    m_besideCheck = std::move(check);
}

// The check passed on the file being read, not on another put in its place between the two
// opens (a rename or a link moved over the path): both connections name the same file, and the
// path still leads to what each has open, asked of the reading one again after the checker's.
bool TimelineStore::checkedTheFileRead(const TimelineStore &checker) const
{
    const SqliteDatabase &checked = *checker.m_db;
    return m_db && checked.fileName() == m_db->fileName() && !m_db->hasMoved()
           && !checked.hasMoved() && !m_db->hasMoved();
}

bool TimelineStore::integrityVerdict(QString *error)
{
    if (!m_besideCheck)
        return true;
    BesideCheck::Verdict verdict = m_besideCheck->verdict.get();
    m_besideCheck.reset();
    if (verdict.ok && !checkedTheFileRead(*verdict.checker)) {
        verdict.ok = false;
        verdict.error = QStringLiteral("the database file %1 was moved or replaced while it was "
                                       "being read; nothing was written. Run the command again")
                            .arg(m_db ? m_db->path() : QString());
    }
    verdict.checker.reset();
    if (!verdict.ok) {
        if (error)
            *error = verdict.error;
        close(); // a database that failed its check is not read from
    }
    return verdict.ok;
}

bool TimelineStore::openAs(const QString &path, bool readOnly, int targetVersion, QString *error,
                           Check check)
{
    close();
    if (isServer(path)) {
        std::unique_ptr<StoreBackend> server
            = openServerStore(path, readOnly, targetVersion, error);
        if (!server)
            return false;
        m_server = std::move(server);
        return true;
    }
    if (!prepareDatabaseFile(path, !readOnly, error))
        return false;
    // SQLite resolves a symbolic link and keeps its journal and -wal beside the file it names, so
    // that is where they are looked for (and where the writers' lock lives, so that two windows
    // reaching one database by different paths still see each other).
    const QString real = QFileInfo(path).canonicalFilePath();
    if (!refuseOddCompanions(real, error) || !setAsideForeignWal(real, readOnly, error))
        return false;
    if (!readOnly && !keepCopiesBeforeRecovery(real, error))
        return false;
    auto db = std::make_unique<SqliteDatabase>();
    if (!db->open(path,
                  readOnly ? SqliteDatabase::Access::ReadOnly : SqliteDatabase::Access::ReadWrite,
                  error))
        return false;
    m_db = std::move(db);

    if (check == Check::Beside && readOnly)
        startCheckBeside(path);
    const bool opened = (m_besideCheck || checkIntegrity(error)) && isOurs(path, error)
                        && (readOnly ? isLatestSchema(path, error)
                                     : setUpForWriting(path, real, targetVersion, error));
    if (opened && !readOnly)
        keepOwnerOnly(real);
    if (!opened) {
        // A damaged file says so, as when it is checked first, not what reading it then found.
        QString damage;
        if (!integrityVerdict(&damage) && error)
            *error = damage;
        close();
    }
    return opened;
}

// Another application's SQLite file (--db pointed at the wrong file) is not migrated into a
// timeline: tables added and its journal mode changed would be damage done to someone else's
// data. An empty file is a new timeline.
bool TimelineStore::isOurs(const QString &path, QString *error)
{
    if (schemaVersion() != 0)
        return true;
    // Busy is not "no schema": with the check beside the read, nothing has waited for the lock
    // yet, and two more waits of 5 s would follow before the check's verdict is asked.
    if ((sqlite3_extended_errcode(m_db->handle()) & 0xff) == SQLITE_BUSY)
        return explainUnreadable(false, QString(), m_db->lastError(), error);
    SqliteStatement objects(*m_db, QStringLiteral("SELECT count(*) FROM sqlite_master "
                                                  "WHERE name <> 'schema_version'"));
    if (objects.step() != SqliteStatement::Step::Row || objects.columnInt64(0) <= 0)
        return true;
    // Tables and their version row are committed together: tables seen now with no version
    // read a moment ago mean another warroom, opening the new file too, has just migrated it.
    if (schemaVersion() != 0)
        return true;
    if (error)
        *error = QStringLiteral("%1 is an SQLite database of some other application (it "
                                "has tables but no warroom schema); warroom will not "
                                "touch it. Check the --db path")
                     .arg(path);
    return false;
}

// A reader migrates nothing, so it reads only the schema this build writes.
bool TimelineStore::isLatestSchema(const QString &path, QString *error)
{
    const int version = schemaVersion();
    if (version == latestSchemaVersion())
        return true;
    if (error && version == 0) {
        *error = QStringLiteral("the database %1 holds no timeline: nothing has been recorded "
                                "in it")
                     .arg(path);
        return false;
    }
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
    return false;
}

bool TimelineStore::setUpForWriting(const QString &path, const QString &real, int targetVersion,
                                    QString *error)
{
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
            return false;
        }
    }
    if (!takeWritersLock(real, error))
        return false;
    // EXTRA: the folder is synced after the journal is deleted, the moment a commit happens in
    // DELETE mode, so a power cut right after a commit cannot bring the journal back and undo it.
    return m_db->exec(QStringLiteral("PRAGMA synchronous=EXTRA; PRAGMA foreign_keys=ON;"), error)
           && migrate(targetVersion, error);
}

// Never through a link (it would create or chmod whatever file it names), only a regular
// file. When the lock cannot be had (a folder, a FIFO or an immutable file in its place),
// nobody can tell who else is alive, and otherWritersAlive() then assumes someone is: closing
// a live window's runs as interrupted could send their side effects twice.
bool TimelineStore::takeWritersLock(const QString &real, QString *error)
{
    m_writersUnknown = false;
    const int fd = ::open(QFile::encodeName(real + QStringLiteral("-writers")).constData(),
                          O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
    struct stat st {};
    const SharedLock lock = fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
                                ? takeSharedLock(fd)
                                : SharedLock::Unlockable;
    if (lock == SharedLock::Taken) {
        ::fchmod(fd, 0600);
        m_writersLock = std::make_unique<QFile>();
        m_writersLock->open(fd, QIODevice::ReadWrite, QFileDevice::AutoCloseHandle);
        return true;
    }
    if (fd >= 0)
        ::close(fd);
    // Held too long: writing unseen by that process could let it, or a later start, take this
    // one's runs for abandoned and send their side effects again. Not opened.
    if (lock == SharedLock::HeldTooLong) {
        if (error)
            *error = heldTooLong(real);
        return false;
    }
    m_writersUnknown = true;
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
        const std::optional<QString> cut = cutOffTail(error);
        if (!cut)
            return false;
        if (cut->isEmpty())
            return true;
        problems << *cut;
    }
    return explainUnreadable(read, problems.join(QStringLiteral("; ")), check.lastError(), error);
}

// quick_check walks the pages SQLite knows of, and SQLite reads the missing tail of a file cut
// short in the middle of a page as zeros: the last events' hashes and payloads silently became
// other bytes and `incidents`/`export` succeeded. SQLite only ever writes whole pages, so a file
// that does not end on a page boundary has lost its tail. Measured under a read lock, so no
// writer is extending the file meanwhile. Empty when the file is whole; nothing when it could
// not be read (then `error` says why).
std::optional<QString> TimelineStore::cutOffTail(QString *error)
{
    if (!m_db->exec(QStringLiteral("BEGIN"), error))
        return std::nullopt;
    SqliteStatement pageSize(*m_db, QStringLiteral("PRAGMA page_size"));
    const qint64 page = pageSize.step() == SqliteStatement::Step::Row ? pageSize.columnInt64(0) : 0;
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
        return std::nullopt;
    }
    if (page <= 0 || size % page == 0)
        return QString();
    return QStringLiteral("the file is %1 bytes, not a whole number of %2-byte pages: "
                          "its end was cut off")
        .arg(size)
        .arg(page);
}

// Why a file that failed its check cannot be opened: busy, half-committed or damaged. Always
// false.
bool TimelineStore::explainUnreadable(bool read, const QString &problems, const QString &readError,
                                      QString *error) const
{
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
    const QString why = read ? problems : readError;
    *error = QStringLiteral("the database %1 cannot be read as a timeline: %2. Nothing was "
                            "changed. Keep a copy of the file; restore it from a backup or "
                            "an export, or salvage its rows with `sqlite3 FILE .recover`")
                 .arg(m_db->path(), why);
    return false;
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
        // Read again under the write lock: another warroom opening the same new file may have
        // made this step while we waited for the lock.
        if (m.version <= schemaVersion())
            continue;
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

} // namespace warroom
