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

namespace warroom {

namespace {

constexpr qint64 heartbeatEveryMs = 1000;
// A heartbeat unanswered this long means the link dropped silently (a cable, a VPN, a sleeping
// laptop): nothing else would tell before TCP gives up, minutes later.
constexpr qint64 heartbeatAnswerMs = 3000;
constexpr qint64 firstRetryMs = 250;
constexpr qint64 longestRetryMs = 4000;

// With the server's clock: a screen that never writes (a wall, a window that watches) reads it
// again each second, so a clock set on either side after the open (NTP catching up with a kiosk
// started before it, a laptop woken from sleep) is the room's time again within a second.
const char *const heartbeatSql = "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint, "
                                 "pg_notify('warroom_alive', $1)";

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
        // is heard (a screen's is a UUID).
        if (n.payload.size() != 36 || QUuid::fromString(QLatin1String(n.payload)).isNull())
            continue;
        const QString id = QString::fromLatin1(n.payload);
        if (const auto it = m_peerSeen.find(id); it != m_peerSeen.end())
            *it = now;
        else if (m_peerSeen.size() < maxPeersHeard || m_peersAsked.contains(id))
            m_peerSeen.insert(id, now);
        else
            m_heartbeatsDropped = now;
    }
    if (m_peerSeen.size() >= maxPeersHeard)
        forgetPeersHeardLongAgo(now);
}

// Made-up ids fill the map; a screen already in it is never pushed out (each beat finds its
// entry), and one a run or a drill names is kept for good (peerLapsed). Pushing out the ones
// heard longest ago let a flood of new ids evict a live screen between two of its beats, and
// every other screen then wrote that it had stopped answering.
void PostgresStore::forgetPeersHeardLongAgo(qint64 now) const
{
    for (auto it = m_peerSeen.begin(); it != m_peerSeen.end();) {
        if (now - it.value() > peerForgetMs && !m_peersAsked.contains(it.key()))
            it = m_peerSeen.erase(it);
        else
            ++it;
    }
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
        std::optional<qint64> serverMs;
        if (m_conn->asyncAnswered(&serverMs)) {
            if (serverMs)
                m_serverClock.measured(m_beatSentUtcMs, *serverMs,
                                       QDateTime::currentMSecsSinceEpoch());
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
        // Read before it goes: the server may read its clock before sendAsync returns.
        const qint64 sentUtcMs = QDateTime::currentMSecsSinceEpoch();
        if (!m_conn->sendAsync(heartbeatSql, {m_instance.toUtf8()})) {
            noteLost();
            return;
        }
        m_beatSent = now;
        m_beatSentUtcMs = sentUtcMs;
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
    // Heard from now on whatever fills the map. Never heard: counted from when this link came
    // up, as before, unless heartbeats were being dropped when it was first asked about (a flood:
    // its own may have been among them), then from that moment.
    auto asked = m_peersAsked.constFind(instance);
    if (asked == m_peersAsked.cend())
        asked = m_peersAsked.insert(
            instance,
            m_heartbeatsDropped > 0 && now - m_heartbeatsDropped < peerForgetMs ? now : m_upSince);
    const qint64 heard = std::max(m_upSince, m_peerSeen.value(instance, *asked));
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
