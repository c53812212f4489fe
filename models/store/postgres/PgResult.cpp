#include "store/postgres/PgResult.h"

#include "store/postgres/PgConnection.h"

#include <libpq-fe.h>

#include <utility>

namespace warroom {

PgResult::PgResult(pg_result *result)
    : m_result(result)
{}

PgResult PgResult::failure(const QString &why)
{
    PgResult r;
    r.m_failure = why;
    return r;
}

PgResult::~PgResult()
{
    PQclear(m_result);
}

PgResult::PgResult(PgResult &&other) noexcept
    : m_result(std::exchange(other.m_result, nullptr))
    , m_failure(std::move(other.m_failure))
{}

PgResult &PgResult::operator=(PgResult &&other) noexcept
{
    if (this != &other) {
        PQclear(m_result);
        m_result = std::exchange(other.m_result, nullptr);
        m_failure = std::move(other.m_failure);
    }
    return *this;
}

bool PgResult::ok() const
{
    const ExecStatusType status = m_result ? PQresultStatus(m_result) : PGRES_FATAL_ERROR;
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

int PgResult::rows() const
{
    return m_result ? PQntuples(m_result) : 0;
}

bool PgResult::isNull(int row, int column) const
{
    return !m_result || PQgetisnull(m_result, row, column);
}

QByteArrayView PgResult::view(int row, int column) const
{
    if (isNull(row, column))
        return {};
    return QByteArrayView(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

qint64 PgResult::int64(int row, int column) const
{
    return isNull(row, column) ? 0 : view(row, column).toByteArray().toLongLong();
}

QString PgResult::text(int row, int column) const
{
    const QByteArrayView v = view(row, column);
    return v.isNull() ? QString() : QString::fromUtf8(v);
}

QString PgResult::error() const
{
    if (!m_result)
        return m_failure.isEmpty() ? QStringLiteral("no answer from the server") : m_failure;
    const char *primary = PQresultErrorField(m_result, PG_DIAG_MESSAGE_PRIMARY);
    return PgConnection::firstLine(
        QString::fromUtf8(primary ? primary : PQresultErrorMessage(m_result)));
}

QByteArray PgResult::sqlState() const
{
    const char *state = m_result ? PQresultErrorField(m_result, PG_DIAG_SQLSTATE) : nullptr;
    return state ? QByteArray(state) : QByteArray();
}

} // namespace warroom
