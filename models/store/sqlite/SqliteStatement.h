#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

struct sqlite3_stmt;

namespace warroom {

class SqliteDatabase;

// One prepared statement, finalized on destruction. Bind indexes are 1-based as in SQLite;
// column indexes are 0-based, also as in SQLite.
class SqliteStatement
{
public:
    SqliteStatement(SqliteDatabase &db, const QString &sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    void bind(int index, qint64 value);
    void bind(int index, const QString &value);
    void bind(int index, const QByteArray &blob);
    // UTF-8 bytes bound as TEXT (not BLOB), without a round trip through QString.
    void bindText(int index, QByteArrayView utf8);
    // Binds without SQLite's copy (SQLITE_STATIC): `utf8`'s bytes must stay alive and unchanged
    // until the next reset(), which unbinds them. For rows bound and inserted at once (every
    // append binds its event's payload and hashes: three copies of ~300 bytes a commit saved).
    void bindTextUnowned(int index, QByteArrayView utf8);
    // A QString bound the same way: its UTF-8 is kept by the statement until the next reset().
    void bindKept(int index, const QString &value);
    void bindNull(int index);

    enum class Step { Row, Done, Error };
    Step step();
    // Runs a statement that returns no rows; false (with lastError()) on failure.
    bool exec();
    void reset();

    qint64 columnInt64(int column) const;
    QString columnText(int column) const;
    QByteArray columnBlob(int column) const;
    // A text's UTF-8 bytes as stored: null only for NULL (an empty text is empty, not null).
    QByteArray columnUtf8(int column) const;
    // The same bytes without a copy: valid only until the next step() or reset.
    QByteArrayView columnView(int column) const;
    bool columnIsNull(int column) const;
    // Whether SQLite holds the column as an integer (not a real, a text, a blob or NULL).
    bool columnIsInteger(int column) const;

    QString lastError() const;

private:
    SqliteDatabase &m_db;
    sqlite3_stmt *m_stmt = nullptr;
    QString m_prepareError;
    QList<QByteArray> m_kept; // bindKept's texts, until reset()
};

} // namespace warroom
