#pragma once

#include <QString>

namespace warroom {

class SqliteDatabase;

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() succeeded: an early
// return or an exception can never leave half a batch of events behind.
class SqliteTransaction
{
public:
    explicit SqliteTransaction(SqliteDatabase &db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction &) = delete;
    SqliteTransaction &operator=(const SqliteTransaction &) = delete;

    bool isActive() const { return m_active; }
    const QString &error() const { return m_error; }
    bool commit();

private:
    SqliteDatabase &m_db;
    bool m_active = false;
    QString m_error;
};

} // namespace warroom
