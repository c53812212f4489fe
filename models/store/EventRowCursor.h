#pragma once

#include "store/sqlite/SqliteDatabase.h"
#include "store/sqlite/SqliteStatement.h"

#include <QByteArrayView>
#include <QString>

#include <memory>

namespace warroom {

// An incident's events straight from an SQLite file, one row at a time, as the bytes SQLite holds:
// no TimelineEvent, no QString, no parsed payload per row. For whole-incident passes that only
// copy or hash what is stored (`warroom verify`, the exports' event lists); a dump of the events
// table does no more work than this. Opens its own read-only connection on a file the caller has
// already opened (and checked) through TimelineStore. Views are valid until the next next().
class EventRowCursor
{
public:
    EventRowCursor();
    ~EventRowCursor();
    EventRowCursor(const EventRowCursor &) = delete;
    EventRowCursor &operator=(const EventRowCursor &) = delete;

    [[nodiscard]] bool open(const QString &path, qint64 incidentId, QString *error);
    // The next row; false at the end and on a read error (then error() says why).
    bool next();
    const QString &error() const { return m_error; }

    // Empty when the row holds its seq, utc_ms and elapsed_ms as integers; otherwise what
    // storedNumbersProblem says.
    QString numbersProblem() const;
    qint64 seq() const { return m_stmt->columnInt64(0); }
    qint64 utcMs() const { return m_stmt->columnInt64(1); }
    qint64 elapsedMs() const { return m_stmt->columnInt64(2); }
    QByteArrayView actor() const { return m_stmt->columnView(3); }
    QByteArrayView kind() const { return m_stmt->columnView(4); }
    QByteArrayView stepId() const { return m_stmt->columnView(5); } // empty for NULL
    QByteArrayView itemId() const { return m_stmt->columnView(6); }
    QByteArrayView payload() const { return m_stmt->columnView(7); }
    QByteArrayView prevHash() const { return m_stmt->columnView(8); }
    QByteArrayView hash() const { return m_stmt->columnView(9); }

private:
    SqliteDatabase m_db;
    std::unique_ptr<SqliteStatement> m_stmt;
    QString m_error;
};

} // namespace warroom
