// IncidentSession following the other screens: a file's by polling its data version, a shared
// timeline's (a PostgreSQL server) through the server's notifications, and the link's loss and
// return. While the link is down every command is refused (nothing is shown that is not
// committed); once it is back, what the others committed meanwhile is read (their notifications
// are lost by design) before the problem clears.
#include "session/IncidentSession.h"

#include "session/TimelineWatch.h"
#include "store/TimelineStore.h"

#include <QTimer>

namespace warroom {

namespace {

// The link is kept at least this often (heartbeat, reconnect attempts); news comes at once.
constexpr int longestTickMs = 250;

} // namespace

void IncidentSession::setFollowInterval(int intervalMs)
{
    watchDrillRunner(intervalMs > 0);
    if (m_store.isShared()) {
        followShared(intervalMs);
        return;
    }
    if (intervalMs <= 0) {
        delete m_followTimer;
        m_followTimer = nullptr;
        return;
    }
    if (!m_followTimer) {
        m_followTimer = new QTimer(this);
        connect(m_followTimer, &QTimer::timeout, this, &IncidentSession::refresh);
    }
    m_followTimer->start(intervalMs);
}

void IncidentSession::followShared(int tickMs)
{
    delete m_followTimer;
    m_followTimer = nullptr;
    if (tickMs <= 0) {
        delete m_watch;
        m_watch = nullptr;
        delete m_ownerTimer;
        m_ownerTimer = nullptr;
        return;
    }
    if (!m_watch) {
        m_watch = new TimelineWatch(m_store, this);
        connect(m_watch, &TimelineWatch::changed, this, [this] {
            if (m_storageProblem.isEmpty())
                readNewer();
            else if (m_problemIsLink && !m_store.storageProblem())
                onLinkChanged(true); // lost by a command and back before the watch saw it
        });
        connect(m_watch, &TimelineWatch::linkChanged, this, &IncidentSession::onLinkChanged);
        m_ownerTimer = new QTimer(this);
        connect(m_ownerTimer, &QTimer::timeout, this, &IncidentSession::checkRunOwners);
        m_ownerTimer->start(1000);
    }
    m_watch->setTickInterval(std::min(tickMs, longestTickMs));
}

void IncidentSession::onLinkChanged(bool up)
{
    if (!up) {
        checkStorage();
        return;
    }
    if (!m_problemIsLink)
        return; // a damaged timeline stays refused, server or not
    // Caught up first: the banner goes only when this screen shows what the others did.
    if (!readNewer())
        return;
    m_storageProblem.clear();
    m_problemIsLink = false;
    emit storageRestored();
}

} // namespace warroom
