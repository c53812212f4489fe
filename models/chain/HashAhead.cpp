#include "chain/HashAhead.h"

#include "chain/EventHasher.h"

#include <exception>

namespace warroom {

namespace {

// Events published at a time are hashed in stretches of this many before the thread looks at
// what is new or whether it must stop: stop() waits at most for one stretch.
constexpr qsizetype stretch = 512;

} // namespace

HashAhead::HashAhead(const QString &incidentUuid)
    : m_uuid(incidentUuid)
{}

HashAhead::~HashAhead()
{
    stop();
}

void HashAhead::publish(const TimelineEvent *events, qsizetype complete)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || complete <= m_published)
            return;
        if (m_events && events != m_events) {
            m_stopping = m_now = true;
        } else {
            m_events = events;
            m_published = complete;
        }
    }
    m_wake.notify_one();
    if (!m_thread.joinable() && !m_stopping) {
        try {
            m_thread = std::thread([this] { run(); });
        } catch (const std::exception &) {
            // No thread (system_error, or bad_alloc for its state): ChainVerifier hashes them
            // all, as it did before.
            std::lock_guard lock(m_mutex);
            m_stopping = m_now = true;
        }
    }
}

void HashAhead::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = m_now = true;
    }
    join();
}

HashAhead::Prefix HashAhead::finish()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    join();
    std::lock_guard lock(m_mutex);
    return m_done;
}

void HashAhead::join()
{
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void HashAhead::run()
{
    EventHasher hasher(m_uuid);
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_done.checked < m_published; });
        if (m_now || m_done.firstChanged >= 0 || m_done.checked == m_published)
            return;
        const TimelineEvent *events = m_events;
        const qsizetype from = m_done.checked;
        const qsizetype to = std::min(m_published, from + stretch);
        lock.unlock();
        qsizetype i = from;
        bool leftToVerifier = false;
        try {
            for (; i < to; ++i) {
                const TimelineEvent &e = events[i];
                // The text that was hashed; an event with only its parsed payload (an export's)
                // is left to ChainVerifier, which canonicalises it.
                if (e.payloadText.isNull()) {
                    leftToVerifier = true;
                    break;
                }
                if (!EventHasher::equalsHex(hasher.digest(e, e.payloadText, e.prevHash), e.hash))
                    break;
            }
        } catch (const std::exception &) {
            // A bad_alloc here would end the process (this thread has no caller to take it):
            // event i and the rest are left to ChainVerifier, on the thread whose caller
            // reports what goes wrong.
            leftToVerifier = true;
        }
        lock.lock();
        if (leftToVerifier) {
            m_done.checked = i;
            return;
        }
        m_done.checked = i < to ? i + 1 : to;
        m_done.firstChanged = i < to ? i : -1;
    }
}

} // namespace warroom
