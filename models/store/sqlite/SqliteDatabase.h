#pragma once

#include <QElapsedTimer>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace warroom {

// Owns one sqlite3 connection. Errors are reported as text that names the database file, so a
// message on screen says which file is at fault. One thread at a time may use it: SQLite's own
// mutex is left off (SQLITE_OPEN_NOMUTEX), so a thread that needs the file opens its own.
class SqliteDatabase
{
public:
    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    enum class Access { ReadWrite, ReadOnly };
    // Never creates the file: the store creates it itself, with owner-only permissions, so that a
    // mistyped path is an error rather than a new empty database.
    bool open(const QString &path, Access access, QString *error);
    void close();
    bool isOpen() const { return m_db != nullptr; }

    // Runs one or more statements that return no rows.
    bool exec(const QString &sql, QString *error);
    QString lastError() const;
    qint64 lastInsertRowId() const;
    bool isReadOnly() const { return m_access == Access::ReadOnly; }
    // True when the path no longer names the file this connection has open: deleted, renamed or
    // replaced behind our back. SQLite answers this itself (SQLITE_FCNTL_HAS_MOVED).
    bool hasMoved() const;
    // Changes whenever another connection commits (PRAGMA data_version); 0 if it cannot be read.
    // Asked before every append and after it, so its statement is prepared once per connection.
    qint64 dataVersion() const;
    const QString &path() const { return m_path; }
    // The file SQLite has open, its links resolved (sqlite3_db_filename).
    QString fileName() const;
    // Non-const: whoever holds the raw connection can change the database through it.
    sqlite3 *handle() { return m_db; }

private:
    static constexpr qint64 busyTimeoutMs = 5000;
    sqlite3 *m_db = nullptr;
    mutable sqlite3_stmt *m_dataVersion = nullptr; // finalized in close(), before the connection
    QElapsedTimer m_busySince; // when the current wait for a lock began
    QString m_path;
    Access m_access = Access::ReadWrite;
};

} // namespace warroom
