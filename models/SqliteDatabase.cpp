#include "SqliteDatabase.h"

#include <sqlite3.h>

namespace warroom {

SqliteDatabase::~SqliteDatabase()
{
    close();
}

bool SqliteDatabase::open(const QString &path, QString *error)
{
    close();
    m_path = path;
    const QByteArray utf8 = path.toUtf8();
    const int rc = sqlite3_open_v2(
        utf8.constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
        nullptr);
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
    sqlite3_busy_timeout(m_db, 5000);
    return true;
}

void SqliteDatabase::close()
{
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

} // namespace warroom
