#include "store/sqlite/SqliteDatabase.h"

#include <sqlite3.h>

namespace warroom {

SqliteDatabase::~SqliteDatabase()
{
    close();
}

bool SqliteDatabase::open(const QString &path, Access access, QString *error)
{
    close();
    m_path = path;
    m_access = access;
    const QByteArray utf8 = path.toUtf8();
    // No SQLITE_OPEN_CREATE: the caller decides whether a missing file may be made. Read-only
    // connections cannot write, checkpoint or roll a journal back into the file, so a reader
    // never changes the evidence it reads. No mutex of SQLite's own around the connection: one
    // thread uses it at a time (a check beside a read, the history reader and the streamed chain
    // check each open their own), and with it every sqlite3_column_* call locked and unlocked
    // one, 8 % of the CPU of exporting 100,000 events (perf).
    const int flags = (access == Access::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
                      | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(utf8.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        if (error)
            *error = QStringLiteral("cannot open database %1: %2")
                         .arg(path, m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                                         : QString::fromUtf8(sqlite3_errstr(rc)));
        close();
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    // A second window or a backup tool may hold the write lock briefly; wait rather than fail.
    // Not sqlite3_busy_timeout: its sleeps grow to 100 ms, and a process committing in a loop
    // frees the lock for only microseconds between its transactions, so a writer (or a reader)
    // polling that slowly missed every gap for 5 s and failed with "database is locked" (1 note
    // in 1000 with two processes writing at once). Polling every millisecond finds the gaps.
    sqlite3_busy_handler(
        m_db,
        [](void *self, int attempt) -> int {
            auto &since = static_cast<SqliteDatabase *>(self)->m_busySince;
            if (attempt == 0)
                since.start();
            if (since.elapsed() >= busyTimeoutMs)
                return 0;
            sqlite3_sleep(1);
            return 1;
        },
        this);
    return true;
}

void SqliteDatabase::close()
{
    sqlite3_finalize(m_dataVersion);
    m_dataVersion = nullptr;
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool SqliteDatabase::exec(const QString &sql, QString *error)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        if (error)
            *error = QStringLiteral("database %1: %2")
                         .arg(m_path, QString::fromUtf8(message ? message : sqlite3_errstr(rc)));
        sqlite3_free(message);
        return false;
    }
    return true;
}

QString SqliteDatabase::lastError() const
{
    return m_db ? QStringLiteral("database %1: %2")
                      .arg(m_path, QString::fromUtf8(sqlite3_errmsg(m_db)))
                : QStringLiteral("database is not open");
}

qint64 SqliteDatabase::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

QString SqliteDatabase::fileName() const
{
    return m_db ? QString::fromUtf8(sqlite3_db_filename(m_db, "main")) : QString();
}

bool SqliteDatabase::hasMoved() const
{
    if (!m_db)
        return false;
    int moved = 0;
    if (sqlite3_file_control(m_db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
        return false;
    return moved != 0;
}

qint64 SqliteDatabase::dataVersion() const
{
    if (!m_db)
        return 0;
    if (!m_dataVersion
        && sqlite3_prepare_v3(m_db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
                              &m_dataVersion, nullptr)
               != SQLITE_OK) {
        sqlite3_finalize(m_dataVersion);
        m_dataVersion = nullptr;
        return 0;
    }
    const qint64 version = sqlite3_step(m_dataVersion) == SQLITE_ROW
                               ? sqlite3_column_int64(m_dataVersion, 0)
                               : 0;
    sqlite3_reset(m_dataVersion); // a statement left stepping would keep a read open
    return version;
}

} // namespace warroom
