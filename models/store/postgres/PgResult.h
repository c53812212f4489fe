#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

struct pg_result;

namespace warroom {

// Owns one libpq result (PQclear on destruction). Rows and columns are 0-based, as in libpq;
// values are read as text (the wire's text format), which is also how they are hashed.
class PgResult
{
public:
    PgResult() = default;
    explicit PgResult(pg_result *result);
    // No result, and why in plain words (a server that stopped answering).
    static PgResult failure(const QString &why);
    ~PgResult();
    PgResult(PgResult &&other) noexcept;
    PgResult &operator=(PgResult &&other) noexcept;
    PgResult(const PgResult &) = delete;
    PgResult &operator=(const PgResult &) = delete;

    // A command that completed, with or without rows.
    bool ok() const;
    int rows() const;
    bool isNull(int row, int column) const;
    // The value's bytes, valid while this result lives; null for NULL.
    QByteArrayView view(int row, int column) const;
    qint64 int64(int row, int column) const;
    QString text(int row, int column) const;
    // The server's message, or libpq's when the server was never reached.
    QString error() const;
    // The SQLSTATE code ("23505"...), empty when there is none.
    QByteArray sqlState() const;

private:
    pg_result *m_result = nullptr;
    QString m_failure;
};

} // namespace warroom
