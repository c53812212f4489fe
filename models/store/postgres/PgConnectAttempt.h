#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace warroom {

class PgConnection;

// One connection attempt on a worker thread, so a screen that lost its server never waits for a
// host that does not answer (libpq's connect can block for its whole connect_timeout, and a name
// lookup longer). The worker opens the connection and runs `setupSql` (the LISTENs) before it is
// handed over, so nothing committed after the hand-over goes unheard.
class PgConnectAttempt
{
public:
    PgConnectAttempt(const QString &uri, const QList<QByteArray> &setupSql);
    // Never waits: a worker still connecting finishes on its own and closes what it got.
    ~PgConnectAttempt();
    PgConnectAttempt(const PgConnectAttempt &) = delete;
    PgConnectAttempt &operator=(const PgConnectAttempt &) = delete;

    bool isFinished() const;
    // Once finished: the connection, ready to use on the caller's thread, or null and why not.
    std::unique_ptr<PgConnection> take(QString *error);

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace warroom
