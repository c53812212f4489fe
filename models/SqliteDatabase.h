#pragma once

#include <QString>

struct sqlite3;

namespace warroom {

// Owns one sqlite3 connection. Errors are reported as text that names the database file, so a
// message on screen says which file is at fault.
class SqliteDatabase
{
public:
    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const { return m_db != nullptr; }

    // Runs one or more statements that return no rows.
    bool exec(const QString &sql, QString *error);
    QString lastError() const;
    qint64 lastInsertRowId() const;
    const QString &path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
};

} // namespace warroom
