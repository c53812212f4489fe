#include "store/postgres/PgConnectAttempt.h"

#include "store/postgres/PgConnection.h"

#include <atomic>
#include <mutex>
#include <thread>

namespace warroom {

// Shared by the caller and the worker, so either may go first.
struct PgConnectAttempt::State
{
    std::atomic<bool> finished{false};
    std::mutex mutex;
    std::unique_ptr<PgConnection> connection;
    QString error;
};

PgConnectAttempt::PgConnectAttempt(const QString &uri, const QList<QByteArray> &setupSql)
    : m_state(std::make_shared<State>())
{
    std::thread([state = m_state, uri, setupSql] {
        auto connection = std::make_unique<PgConnection>();
        QString error;
        bool ok = connection->open(uri, &error);
        for (const QByteArray &sql : setupSql) {
            if (!ok)
                break;
            const PgResult r = connection->exec(sql.constData());
            ok = r.ok();
            if (!ok)
                error = r.error().isEmpty() ? connection->lastError() : r.error();
        }
        // libpq allows a connection to change threads as long as one thread uses it at a time:
        // from here on only the caller does.
        std::lock_guard lock(state->mutex);
        if (ok)
            state->connection = std::move(connection);
        state->error = error;
        state->finished = true;
    }).detach();
}

PgConnectAttempt::~PgConnectAttempt() = default;

bool PgConnectAttempt::isFinished() const
{
    return m_state->finished;
}

std::unique_ptr<PgConnection> PgConnectAttempt::take(QString *error)
{
    if (!m_state->finished)
        return nullptr;
    std::lock_guard lock(m_state->mutex);
    if (!m_state->connection && error)
        *error = m_state->error;
    return std::move(m_state->connection);
}

} // namespace warroom
