#include "store/sqlite/SqliteStatement.h"

#include "store/sqlite/SqliteDatabase.h"

#include <sqlite3.h>

namespace warroom {

SqliteStatement::SqliteStatement(SqliteDatabase &db, const QString &sql)
    : m_db(db)
{
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(db.handle(), utf8.constData(), static_cast<int>(utf8.size()), &m_stmt,
                           nullptr)
        != SQLITE_OK) {
        m_prepareError = db.lastError();
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()),
                      SQLITE_TRANSIENT);
}

void SqliteStatement::bind(int index, const QByteArray &blob)
{
    if (blob.isNull()) {
        sqlite3_bind_null(m_stmt, index);
        return;
    }
    sqlite3_bind_blob(m_stmt, index, blob.constData(), static_cast<int>(blob.size()),
                      SQLITE_TRANSIENT);
}

void SqliteStatement::bindText(int index, QByteArrayView utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.data() ? utf8.data() : "", static_cast<int>(utf8.size()),
                      SQLITE_TRANSIENT);
}

void SqliteStatement::bindTextUnowned(int index, QByteArrayView utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.data() ? utf8.data() : "", static_cast<int>(utf8.size()),
                      SQLITE_STATIC);
}

void SqliteStatement::bindKept(int index, const QString &value)
{
    // The QByteArray may move when the list grows; its bytes do not.
    m_kept.append(value.toUtf8());
    bindTextUnowned(index, m_kept.constLast());
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

SqliteStatement::Step SqliteStatement::step()
{
    if (!m_stmt)
        return Step::Error;
    switch (sqlite3_step(m_stmt)) {
    case SQLITE_ROW:
        return Step::Row;
    case SQLITE_DONE:
        return Step::Done;
    default:
        return Step::Error;
    }
}

bool SqliteStatement::exec()
{
    const Step s = step();
    return s != Step::Error;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_kept.clear(); // after the unbinding: nothing points at them now
}

qint64 SqliteStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString SqliteStatement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray SqliteStatement::columnBlob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    if (!data)
        return {};
    return QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::columnUtf8(int column) const
{
    const QByteArrayView view = columnView(column);
    if (view.isNull())
        return {};
    return view.isEmpty() ? QByteArray("", 0) : view.toByteArray();
}

QByteArrayView SqliteStatement::columnView(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(m_stmt, column)) : QByteArrayView();
}

bool SqliteStatement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

bool SqliteStatement::columnIsInteger(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_INTEGER;
}

QString SqliteStatement::lastError() const
{
    return m_stmt ? m_db.lastError() : m_prepareError;
}

} // namespace warroom
