#include "store/sqlite/SqliteTransaction.h"

#include "store/sqlite/SqliteDatabase.h"

namespace warroom {

SqliteTransaction::SqliteTransaction(SqliteDatabase &db)
    : m_db(db)
{
    // IMMEDIATE takes the write lock now, so a concurrent writer waits at BEGIN (busy timeout)
    // instead of failing halfway through the batch.
    m_active = m_db.exec(QStringLiteral("BEGIN IMMEDIATE"), &m_error);
}

SqliteTransaction::~SqliteTransaction()
{
    if (m_active)
        m_db.exec(QStringLiteral("ROLLBACK"), nullptr);
}

bool SqliteTransaction::commit()
{
    if (!m_active)
        return false;
    if (!m_db.exec(QStringLiteral("COMMIT"), &m_error))
        return false;
    m_active = false;
    return true;
}

} // namespace warroom
