// The server store's link: finding it lost (a broken socket, a heartbeat left unanswered), saying
// so, and coming back without blocking the screen. Reconnection runs on a worker thread
// (PgConnectAttempt) with backoff; the new connection LISTENs before it is handed over, and
// dataVersion() moves so every reader reads again: notifications sent meanwhile are lost by
// design, so catching up is a read, never a replay.
#include "store/PostgresStore.h"

#include "store/postgres/PgConnectAttempt.h"
#include "store/postgres/PgConnection.h"

#include <QDateTime>
#include <QUuid>

#include <algorithm>
#include <utility>
#include <vector>

namespace warroom {

namespace {

constexpr qint64 heartbeatEveryMs = 1000;
// A heartbeat unanswered this long means the link dropped silently (a cable, a VPN, a sleeping
// laptop): nothing else would tell before TCP gives up, minutes later.
constexpr qint64 heartbeatAnswerMs = 3000;
constexpr qint64 firstRetryMs = 250;
constexpr qint64 longestRetryMs = 4000;

const char *const heartbeatSql = "SELECT pg_notify('warroom_alive', $1)";

} // namespace

// A reader (a wall screen, `warroom export`) is not a writer: it must not keep a restarted console
// from recording that its runs were interrupted. Sessions are told apart by application name.
QList<QByteArray> PostgresStore::linkSql() const
{
    QList<QByteArray> sql{QByteArrayLiteral("LISTEN warroom_events"),
                          QByteArrayLiteral("LISTEN warroom_alive")};
    if (m_readOnly)
        sql.append(QByteArrayLiteral("SET application_name = 'warroom-reader'"));
    return sql;
}

void PostgresStore::noteLost() const
{
    if (m_lostSinceMs == 0) {
        m_lostSinceMs = QDateTime::currentMSecsSinceEpoch();
        // The banner takes one plain line; libpq's hints go to the log.
        m_lostReason = m_conn->lastError();
        qWarning("warroom: shared timeline %s unreachable: %s", qPrintable(m_display),
                 qPrintable(m_conn->lastErrorDetail()));
        // A command may have dropped the connection (no answer in time): its socket is gone, so
        // whoever watched it must let go.
        ++m_generation;
    }
}

std::optional<QString> PostgresStore::storageProblem() const
{
    if (m_lostSinceMs == 0 && !m_conn->isOpen())
        return QStringLiteral("no database is open");
    if (!m_conn->isHealthy())
        noteLost();
    if (m_lostSinceMs == 0)
        return std::nullopt;
    // Without a watch (a command-line tool) coming back is tried here, at the caller's pace.
    if (!m_background && ensureConnected(nullptr))
        return std::nullopt;
    return QStringLiteral("shared timeline unreachable since %1 \u2014 nothing can be recorded "
                          "(%2; warroom keeps trying)")
        .arg(QDateTime::fromMSecsSinceEpoch(m_lostSinceMs).toString(QStringLiteral("HH:mm:ss")),
             m_lostReason.isEmpty() ? m_display : m_lostReason);
}

bool PostgresStore::ensureConnected(QString *error) const
{
    if (m_conn->isHealthy() && m_lostSinceMs == 0)
        return true;
    noteLost();
    QString why = m_lostReason;
    // A screen never waits here: serviceLink() reconnects on a worker thread.
    bool back = false;
    if (!m_background && m_conn->isOpen() && m_conn->reset(&why)) {
        back = true;
        for (const QByteArray &listen : linkSql())
            back = back && m_conn->exec(listen.constData()).ok();
    }
    if (!back) {
        if (error)
            *error = QStringLiteral("the shared timeline %1 is unreachable: %2")
                         .arg(m_display, PgConnection::firstLine(why));
        return false;
    }
    // Back: notifications sent meanwhile are lost by design, so every reader reads again.
    m_lostSinceMs = 0;
    m_lostReason.clear();
    ++m_changes;
    return true;
}

void PostgresStore::drainNotifications() const
{
    QList<PgConnection::Notification> notes;
    if (!m_conn->takeNotifications(&notes))
        noteLost();
    const qint64 now = m_steady.elapsed();
    for (const PgConnection::Notification &n : std::as_const(notes)) {
        if (n.channel != "warroom_alive") {
            ++m_changes;
            continue;
        }
        // Any role that may connect may NOTIFY, with no right on a table: 200,000 heartbeats of
        // 7,900 bytes each grew every window by 3 GB, kept for good. Only an instance id's shape
        // is heard (a screen's is a UUID), and the map is kept to the screens heard lately.
        if (n.payload.size() != 36 || QUuid::fromString(QLatin1String(n.payload)).isNull())
            continue;
        m_peerSeen.insert(QString::fromLatin1(n.payload), now);
    }
    if (m_peerSeen.size() > maxPeersHeard)
        forgetPeersHeardLongest();
}

// Down to half the cap, keeping the ones heard last: a room's screens beat every few seconds, so
// only a flood of made-up ids within that time could push one of them out (its runs would then be
// judged by when this screen came up, as a peer never heard is).
void PostgresStore::forgetPeersHeardLongest() const
{
    std::vector<std::pair<qint64, QString>> heard;
    heard.reserve(static_cast<std::size_t>(m_peerSeen.size()));
    for (auto it = m_peerSeen.cbegin(); it != m_peerSeen.cend(); ++it)
        heard.emplace_back(it.value(), it.key());
    // By count, not by a time: a flood read in one drain was all heard at the same moment.
    const auto forget = static_cast<std::ptrdiff_t>(heard.size()) - maxPeersHeard / 2;
    std::nth_element(heard.begin(), heard.begin() + forget, heard.end());
    for (auto it = heard.cbegin(); it != heard.cbegin() + forget; ++it)
        m_peerSeen.remove(it->second);
}

qint64 PostgresStore::dataVersion() const
{
    if (m_lostSinceMs == 0)
        drainNotifications();
    return m_changes;
}

void PostgresStore::serviceLink()
{
    const qint64 now = m_steady.elapsed();
    if (m_lostSinceMs == 0 && m_conn->isHealthy())
        drainNotifications();
    else
        noteLost();
    if (m_lostSinceMs == 0)
        beat(now);
    if (m_lostSinceMs != 0)
        reconnectStep(now);
}

void PostgresStore::beat(qint64 now)
{
    if (m_beatSent >= 0) {
        if (m_conn->asyncAnswered()) {
            m_beatSent = -1;
        } else if (!m_conn->isHealthy() || now - m_beatSent > heartbeatAnswerMs) {
            noteLost();
            if (m_conn->isHealthy())
                m_lostReason = QStringLiteral("the server has not answered for %1 s")
                                   .arg(heartbeatAnswerMs / 1000);
            // Closed at once, so its socket is watched no more; a new one is being made.
            m_conn->close();
            ++m_generation;
            m_beatSent = -1;
            return;
        }
    }
    if (m_beatSent < 0 && (m_lastBeat < 0 || now - m_lastBeat >= heartbeatEveryMs)) {
        if (!m_conn->sendAsync(heartbeatSql, {m_instance.toUtf8()})) {
            noteLost();
            return;
        }
        m_beatSent = now;
        m_lastBeat = now;
    }
}

void PostgresStore::reconnectStep(qint64 now)
{
    if (m_attempt) {
        if (!m_attempt->isFinished())
            return;
        QString why;
        std::unique_ptr<PgConnection> connection = m_attempt->take(&why);
        m_attempt.reset();
        if (connection) {
            adopt(std::move(connection), now);
            return;
        }
        if (!why.isEmpty())
            m_lostReason = PgConnection::firstLine(why);
        m_backoff = std::clamp(m_backoff * 2, firstRetryMs, longestRetryMs);
        m_nextAttempt = now + m_backoff;
        return;
    }
    if (now >= m_nextAttempt)
        m_attempt = std::make_unique<PgConnectAttempt>(m_display, linkSql());
}

void PostgresStore::adopt(std::unique_ptr<PgConnection> connection, qint64 now)
{
    m_conn = std::move(connection);
    ++m_generation;
    m_lostSinceMs = 0;
    m_lostReason.clear();
    m_upSince = now;
    m_backoff = 0;
    m_beatSent = -1;
    m_lastBeat = -1;
    // Every reader reads again: what was committed while away came with no notification.
    ++m_changes;
}

bool PostgresStore::peerLapsed(const QString &instance, qint64 lapseMs) const
{
    // Away ourselves, we cannot tell who else is: silence is ours, not theirs.
    if (m_lostSinceMs != 0 || !m_conn->isHealthy())
        return false;
    const qint64 now = m_steady.elapsed();
    const qint64 heard = std::max(m_upSince, m_peerSeen.value(instance, m_upSince));
    return now - heard > lapseMs;
}

qint64 PostgresStore::peerHeardAgoMs(const QString &instance) const
{
    if (m_lostSinceMs != 0 || !m_conn->isHealthy())
        return -1;
    const auto heard = m_peerSeen.constFind(instance);
    return heard == m_peerSeen.cend() ? -1 : m_steady.elapsed() - *heard;
}

} // namespace warroom
