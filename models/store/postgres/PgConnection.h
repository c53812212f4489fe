#pragma once

#include "store/postgres/PgResult.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

struct pg_conn;

namespace warroom {

// Owns one libpq connection (PQfinish on destruction). Parameters travel as text; a null
// QByteArray is SQL NULL. Statements prepared through prepare() are remembered per connection
// and prepared again after a reconnect.
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
    bool isOpen() const { return m_conn != nullptr; }
    // False once the link broke (server gone, network cut): nothing can be sent until reset().
    bool isHealthy() const;
    // Reconnects with the same settings; the prepared statements go with the old session.
    bool reset(QString *error);

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
    // Sends `sql` without waiting for the answer (a heartbeat); asyncAnswered() says when it came.
    // A blocking exec() meanwhile first takes the answer itself, which counts as answered.
    bool sendAsync(const char *sql, const QList<QByteArray> &params);
    bool asyncAnswered();
    QString lastError() const;

private:
    pg_conn *m_conn = nullptr;
    QSet<QByteArray> m_prepared;
};

} // namespace warroom
