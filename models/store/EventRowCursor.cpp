#include "store/EventRowCursor.h"

#include "store/StoreRows.h"

namespace warroom {

EventRowCursor::EventRowCursor() = default;

EventRowCursor::~EventRowCursor()
{
    m_stmt.reset(); // finalized before its connection closes
}

bool EventRowCursor::open(const QString &path, qint64 incidentId, QString *error)
{
    if (!m_db.open(path, SqliteDatabase::Access::ReadOnly, error))
        return false;
    m_stmt = std::make_unique<SqliteStatement>(
        m_db, QStringLiteral("SELECT seq, utc_ms, elapsed_ms, actor, kind, step_id, item_id, "
                             "payload_json, prev_hash, hash FROM events WHERE incident_id = ? "
                             "ORDER BY seq"));
    if (!m_stmt->isValid()) {
        if (error)
            *error = m_stmt->lastError();
        return false;
    }
    m_stmt->bind(1, incidentId);
    return true;
}

bool EventRowCursor::next()
{
    switch (m_stmt->step()) {
    case SqliteStatement::Step::Row:
        return true;
    case SqliteStatement::Step::Done:
        return false;
    case SqliteStatement::Step::Error:
        break;
    }
    m_error = m_stmt->lastError();
    if (m_error.isEmpty())
        m_error = QStringLiteral("%1: reading the events failed").arg(m_db.path());
    return false;
}

QString EventRowCursor::numbersProblem() const
{
    return storedNumbersProblem(*m_stmt, 0);
}

} // namespace warroom
