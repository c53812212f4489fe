#include "session/TimelineWatch.h"

#include "store/TimelineStore.h"

#include <QSocketNotifier>

namespace warroom {

TimelineWatch::TimelineWatch(TimelineStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_store.setReconnectInBackground(true);
    m_version = m_store.dataVersion();
    m_up = !m_store.storageProblem();
    connect(&m_tick, &QTimer::timeout, this, &TimelineWatch::service);
    m_tick.start(250);
    rearm();
}

TimelineWatch::~TimelineWatch()
{
    // Nobody keeps the link any more (the incident was closed): the store's next caller, the
    // welcome page's incident list, tries to reconnect itself again.
    m_store.setReconnectInBackground(false);
}

void TimelineWatch::setTickInterval(int ms)
{
    m_tick.start(ms);
}

void TimelineWatch::service()
{
    m_store.serviceLink();
    const bool up = !m_store.storageProblem();
    rearm();
    const qint64 version = m_store.dataVersion();
    if (up != m_up) {
        m_up = up;
        emit linkChanged(up);
    }
    if (version != m_version) {
        m_version = version;
        emit changed();
    }
}

// The notifier follows the connection: a new one after a reconnect (a new socket, perhaps with
// the old one's number), none while the link is down (a broken socket reads as ready forever).
void TimelineWatch::rearm()
{
    const bool up = !m_store.storageProblem();
    const qint64 generation = m_store.linkGeneration();
    if (generation == m_generation && (m_notifier != nullptr) == up)
        return;
    if (m_notifier) {
        // This may run inside the notifier's own signal: let it go after it returns.
        m_notifier->setEnabled(false);
        m_notifier->deleteLater();
        m_notifier = nullptr;
    }
    m_generation = generation;
    const int fd = m_store.changeSocket();
    if (!up || fd < 0)
        return;
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TimelineWatch::service);
}

} // namespace warroom
