#pragma once

#include "store/postgres/PgResult.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

struct pg_conn;

namespace warroom {

// Owns one libpq connection (PQfinish on destruction). Parameters travel as text; a null
// QByteArray is SQL NULL. Statements prepared through prepare() are remembered per connection
// and prepared again after a reconnect.
//
// Nothing here waits on the server without a limit: every command goes through libpq's
// asynchronous calls on a non-blocking socket, polled against a deadline. A server that stops
// answering (a stopped process, a network black hole) for answerLimitMs() gets a cancel request
// (sent on a worker thread: the postmaster that would take it may be the stopped process) and the
// connection is dropped, so the caller, often the GUI thread, hears "no answer" in bounded time.
class PgConnection
{
public:
    PgConnection() = default;
    ~PgConnection();
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    // `uri` is a libpq connection string or URI; a password comes from PGPASSWORD or ~/.pgpass
    // (libpq reads both itself), never from us. Keepalives find a silently dropped link.
    bool open(const QString &uri, QString *error);
    void close();
    // True from open() until close(), also after a command dropped a connection that stopped
    // answering (reset() then opens it again).
    bool isOpen() const { return m_conn != nullptr || m_dropped; }
    // False once the link broke (server gone, network cut): nothing can be sent until reset().
    bool isHealthy() const;
    // Reconnects with the same settings; the prepared statements go with the old session.
    bool reset(QString *error);
    // How long the server may stay silent during a command before it counts as gone: 4 s by
    // default (a screen waits no longer); longer for work that is slow by nature (creating the
    // schema, an administrator's CREATE DATABASE).
    static int answerLimitMs();
    void setAnswerLimitMs(int ms) { m_answerLimitMs = ms; }
    // Whether the last command failed because the server stopped answering (its outcome on the
    // server is not known: it may have run) rather than with an answer.
    bool lastCommandStalled() const { return m_stalled; }

    PgResult exec(const char *sql);
    PgResult exec(const char *sql, const QList<QByteArray> &params);
    // Prepares `sql` under `name` once per session, then runs it.
    PgResult execPrepared(const char *name, const char *sql, const QList<QByteArray> &params);

    // The socket to watch for notifications, or -1.
    int socket() const;
    struct Notification
    {
        QByteArray channel;
        QByteArray payload;
    };
    // Reads what the server sent and returns the notifications from other sessions (our own
    // commits notify us too; those are left out). False when the link broke.
    bool takeNotifications(QList<Notification> *notifications);
    // Sends `sql` without waiting for the answer (a heartbeat); asyncAnswered() says when it came,
    // with the answer's first value when it is a number and `firstValue` asks for it. A blocking
    // exec() meanwhile first takes the answer itself, which counts as answered (with no value).
    bool sendAsync(const char *sql, const QList<QByteArray> &params);
    bool asyncAnswered(std::optional<qint64> *firstValue = nullptr);
    // libpq's message in one plain line (its first: what happened), for a banner or a refusal.
    QString lastError() const;
    // The whole message, hints included, for the log.
    QString lastErrorDetail() const;
    static QString firstLine(const QString &message);

private:
    PgResult await(bool sent);
    bool flushBy(qint64 deadline);
    bool waitFor(short events, qint64 deadline);
    bool takePending();
    void abandon();

    pg_conn *m_conn = nullptr;
    // The connection abandoned after a silence, its socket still open until this one is closed,
    // reset or replaced: a QSocketNotifier may still watch that socket until its owner rearms.
    pg_conn *m_abandoned = nullptr;
    QSet<QByteArray> m_prepared;
    QString m_uri;
    QString m_dropReason;   // why the connection was dropped, while m_dropped
    bool m_dropped = false; // dropped after a silence, not closed: reset() opens it again
    bool m_stalled = false;
    int m_answerLimitMs = answerLimitMs();
};

} // namespace warroom
