#include "store/postgres/PgConnection.h"

#include <libpq-fe.h>

#include <cerrno>
#include <chrono>
#include <thread>
#include <vector>

#include <poll.h>

namespace warroom {

namespace {

// A healthy server answers a warroom statement in milliseconds, and a long result keeps bytes
// coming: this is how long it may say nothing at all, not how long a command may take. Shorter
// than the heartbeat's 3 s plus a tick would not add anything; longer keeps a screen frozen.
constexpr int answerLimit = 4000;

qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

int PgConnection::answerLimitMs()
{
    return answerLimit;
}

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
    // lock_timeout: a writer queued behind another screen's stalled transaction is told so by
    // the server, well before answerLimit would give up on the whole link.
    const char *const values[] = {"5",       "1",    "5",
                                  "2",       "3",    "5000",
                                  "warroom", "UTF8",
                                  "-c client_min_messages=warning -c lock_timeout=3000",
                                  conninfo.constData(), nullptr};
    m_uri = uri;
    m_conn = PQconnectdbParams(keys, values, 1);
    if (m_conn && PQstatus(m_conn) == CONNECTION_OK) {
        PQsetnonblocking(m_conn, 1);
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
    PQfinish(m_abandoned);
    m_abandoned = nullptr;
    m_conn = nullptr;
    m_prepared.clear();
    m_dropped = false;
}

bool PgConnection::isHealthy() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

bool PgConnection::reset(QString *error)
{
    if (m_dropped)
        return open(m_uri, error);
    if (!m_conn)
        return false;
    m_prepared.clear();
    PQreset(m_conn);
    if (PQstatus(m_conn) == CONNECTION_OK) {
        PQsetnonblocking(m_conn, 1);
        return true;
    }
    if (error)
        *error = lastError();
    return false;
}

bool PgConnection::waitFor(short events, qint64 deadline)
{
    const int fd = PQsocket(m_conn);
    for (;;) {
        const qint64 left = deadline - steadyMs();
        if (fd < 0 || left <= 0)
            return false;
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, static_cast<int>(left));
        if (n > 0)
            return true;
        if (n < 0 && errno != EINTR)
            return true; // libpq's next read or write names the error
    }
}

void PgConnection::abandon()
{
    // The cancel request goes to the postmaster on a connection of its own, and PQcancel waits
    // for it with no limit: on a worker, which finishes whenever the server does.
    if (PGcancel *cancel = PQgetCancel(m_conn)) {
        std::thread([cancel] {
            char why[256];
            PQcancel(cancel, why, sizeof why);
            PQfreeCancel(cancel);
        }).detach();
    }
    PQfinish(m_abandoned);
    m_abandoned = m_conn;
    m_conn = nullptr;
    m_prepared.clear();
    m_dropped = true;
    m_stalled = true;
    m_dropReason = QStringLiteral("the server did not answer for %1 s").arg(m_answerLimitMs / 1000);
}

bool PgConnection::flushBy(qint64 deadline)
{
    for (;;) {
        const int left = PQflush(m_conn);
        if (left <= 0)
            return left == 0;
        // Read-ready counts too: a server busy sending may read no more until we read.
        if (!waitFor(POLLIN | POLLOUT, deadline)) {
            abandon();
            return false;
        }
        if (!PQconsumeInput(m_conn))
            return false;
    }
}

// Everything the command sent brings back, as PQexec would return it (the last result, or the
// first error), waiting only while the server keeps saying something.
PgResult PgConnection::await(bool sent)
{
    if (!sent)
        return PgResult(PQmakeEmptyPGresult(m_conn, PGRES_FATAL_ERROR));
    qint64 deadline = steadyMs() + m_answerLimitMs;
    if (!flushBy(deadline))
        return m_conn ? PgResult(PQmakeEmptyPGresult(m_conn, PGRES_FATAL_ERROR))
                      : PgResult::failure(m_dropReason);
    PGresult *kept = nullptr;
    for (;;) {
        if (!PQisBusy(m_conn)) {
            PGresult *r = PQgetResult(m_conn);
            if (!r)
                return PgResult(kept);
            if (kept && PQresultStatus(kept) == PGRES_FATAL_ERROR) {
                PQclear(r);
            } else {
                PQclear(kept);
                kept = r;
            }
            continue;
        }
        if (!waitFor(POLLIN, deadline)) {
            PQclear(kept);
            abandon();
            return PgResult::failure(m_dropReason);
        }
        // A broken link leaves libpq not busy, with the error as its next result.
        PQconsumeInput(m_conn);
        deadline = steadyMs() + m_answerLimitMs;
    }
}

bool PgConnection::takePending()
{
    m_stalled = false;
    if (!m_conn)
        return false;
    // A heartbeat sent earlier may still await its answer: libpq runs one command at a time.
    if (PQtransactionStatus(m_conn) == PQTRANS_ACTIVE)
        await(true);
    return m_conn != nullptr;
}

PgResult PgConnection::exec(const char *sql)
{
    if (!takePending())
        return PgResult::failure(m_dropReason);
    return await(PQsendQuery(m_conn, sql) == 1);
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
    if (!takePending())
        return PgResult::failure(m_dropReason);
    const Params p(params);
    return await(PQsendQueryParams(m_conn, sql, p.count(), nullptr, p.values.data(),
                                   p.lengths.data(), nullptr, 0)
                 == 1);
}

PgResult PgConnection::execPrepared(const char *name, const char *sql,
                                    const QList<QByteArray> &params)
{
    if (!takePending())
        return PgResult::failure(m_dropReason);
    if (!m_prepared.contains(QByteArray(name))) {
        PgResult prepared
            = await(PQsendPrepare(m_conn, name, sql, static_cast<int>(params.size()), nullptr) == 1);
        if (!prepared.ok())
            return prepared;
        m_prepared.insert(QByteArray(name));
    }
    const Params p(params);
    return await(PQsendQueryPrepared(m_conn, name, p.count(), p.values.data(), p.lengths.data(),
                                     nullptr, 0)
                 == 1);
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
    // Non-blocking: whatever does not fit in the socket now leaves with asyncAnswered()'s flush.
    return PQsendQueryParams(m_conn, sql, p.count(), nullptr, p.values.data(), p.lengths.data(),
                             nullptr, 0)
               == 1
           && PQflush(m_conn) >= 0;
}

bool PgConnection::asyncAnswered(std::optional<qint64> *firstValue)
{
    if (!m_conn || PQflush(m_conn) < 0 || !PQconsumeInput(m_conn))
        return false;
    if (PQisBusy(m_conn))
        return false;
    // Not busy: every result is in, so taking them never waits.
    while (PGresult *r = PQgetResult(m_conn)) {
        if (firstValue && !*firstValue && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0
            && PQnfields(r) > 0 && !PQgetisnull(r, 0, 0)) {
            bool ok = false;
            const qint64 v = QByteArray(PQgetvalue(r, 0, 0)).toLongLong(&ok);
            if (ok)
                *firstValue = v;
        }
        PQclear(r);
    }
    return true;
}

QString PgConnection::firstLine(const QString &message)
{
    // libpq's messages run over several tab-indented lines ("server closed the connection
    // unexpectedly\n\tThis probably means..."): the first says what happened.
    const QString trimmed = message.trimmed();
    return trimmed.section(QLatin1Char('\n'), 0, 0).trimmed();
}

QString PgConnection::lastError() const
{
    return firstLine(lastErrorDetail());
}

QString PgConnection::lastErrorDetail() const
{
    if (!m_conn)
        return m_dropped ? m_dropReason
                         : QStringLiteral("out of memory while connecting to the server");
    return QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
}

} // namespace warroom
