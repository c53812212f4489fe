#include "store/postgres/PgConnection.h"

#include <libpq-fe.h>

#include <vector>

namespace warroom {

PgConnection::~PgConnection()
{
    close();
}

bool PgConnection::open(const QString &uri, QString *error)
{
    close();
    const QByteArray conninfo = uri.toUtf8();
    // Ours first, the URI last: whatever the URI says wins (libpq keeps the last value given).
    // tcp_user_timeout bounds a blocking command on a link that silently dropped while data was
    // unacknowledged (keepalives only help an idle link): 5 s, not TCP's quarter of an hour.
    const char *const keys[] = {"connect_timeout", "keepalives",       "keepalives_idle",
                                "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                                "application_name", "client_encoding", "options",
                                "dbname",           nullptr};
    // NOTICEs (an IF NOT EXISTS that found the table) would go to stderr of every command.
    const char *const values[] = {"5",       "1",    "5",
                                  "2",       "3",    "5000",
                                  "warroom", "UTF8", "-c client_min_messages=warning",
                                  conninfo.constData(), nullptr};
    m_conn = PQconnectdbParams(keys, values, 1);
    if (m_conn && PQstatus(m_conn) == CONNECTION_OK) {
        PQsetnonblocking(m_conn, 0);
        return true;
    }
    if (error)
        *error = lastError();
    close();
    return false;
}

void PgConnection::close()
{
    if (m_conn)
        PQfinish(m_conn);
    m_conn = nullptr;
    m_prepared.clear();
}

bool PgConnection::isHealthy() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

bool PgConnection::reset(QString *error)
{
    if (!m_conn)
        return false;
    m_prepared.clear();
    PQreset(m_conn);
    if (PQstatus(m_conn) == CONNECTION_OK)
        return true;
    if (error)
        *error = lastError();
    return false;
}

PgResult PgConnection::exec(const char *sql)
{
    return PgResult(m_conn ? PQexec(m_conn, sql) : nullptr);
}

namespace {

struct Params
{
    explicit Params(const QList<QByteArray> &params)
    {
        values.reserve(static_cast<std::size_t>(params.size()));
        lengths.reserve(static_cast<std::size_t>(params.size()));
        for (const QByteArray &p : params) {
            values.push_back(p.isNull() ? nullptr : p.constData());
            lengths.push_back(static_cast<int>(p.size()));
        }
    }
    int count() const { return static_cast<int>(values.size()); }
    std::vector<const char *> values;
    std::vector<int> lengths;
};

} // namespace

PgResult PgConnection::exec(const char *sql, const QList<QByteArray> &params)
{
    if (!m_conn)
        return PgResult();
    const Params p(params);
    return PgResult(PQexecParams(m_conn, sql, p.count(), nullptr, p.values.data(),
                                 p.lengths.data(), nullptr, 0));
}

PgResult PgConnection::execPrepared(const char *name, const char *sql,
                                    const QList<QByteArray> &params)
{
    if (!m_conn)
        return PgResult();
    if (!m_prepared.contains(QByteArray(name))) {
        PgResult prepared(PQprepare(m_conn, name, sql, static_cast<int>(params.size()), nullptr));
        if (!prepared.ok())
            return prepared;
        m_prepared.insert(QByteArray(name));
    }
    const Params p(params);
    return PgResult(PQexecPrepared(m_conn, name, p.count(), p.values.data(), p.lengths.data(),
                                   nullptr, 0));
}

int PgConnection::socket() const
{
    return m_conn ? PQsocket(m_conn) : -1;
}

bool PgConnection::takeNotifications(QList<Notification> *notifications)
{
    if (!m_conn || !PQconsumeInput(m_conn))
        return false;
    const int self = PQbackendPID(m_conn);
    while (PGnotify *n = PQnotifies(m_conn)) {
        if (n->be_pid != self && notifications)
            notifications->append({QByteArray(n->relname), QByteArray(n->extra)});
        PQfreemem(n);
    }
    return PQstatus(m_conn) == CONNECTION_OK;
}

bool PgConnection::sendAsync(const char *sql, const QList<QByteArray> &params)
{
    if (!m_conn)
        return false;
    const Params p(params);
    return PQsendQueryParams(m_conn, sql, p.count(), nullptr, p.values.data(), p.lengths.data(),
                             nullptr, 0)
           == 1;
}

bool PgConnection::asyncAnswered()
{
    if (!m_conn || !PQconsumeInput(m_conn))
        return false;
    if (PQisBusy(m_conn))
        return false;
    // Not busy: every result is in, so taking them never waits.
    while (PGresult *r = PQgetResult(m_conn))
        PQclear(r);
    return true;
}

QString PgConnection::lastError() const
{
    if (!m_conn)
        return QStringLiteral("out of memory while connecting to the server");
    return QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
}

} // namespace warroom
