#pragma once

#include "chain/ChainVerifier.h"
#include "timeline/TimelineEvent.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace warroom {

// Checks events' stored hashes against their content while the rows are still being read, on a
// thread of its own: an export's read of 100,000 events kept the second core idle for about
// 100 ms after the file's integrity check, and the chain was then hashed in full beside the
// report, which waited for it. Each event is hashed against its own stored prev_hash, as
// ChainVerifier does before it walks the links; the walk stays with ChainVerifier.
//
// The reader publishes how many events of its list are complete; they must stay where they are,
// unchanged but for their parsed payload, which is not read here, until finish() or stop()
// returns. The thread starts with the first publish: a short read never starts one.
class HashAhead
{
public:
    using Prefix = CheckedPrefix;

    explicit HashAhead(const QString &incidentUuid);
    ~HashAhead(); // stop()
    HashAhead(const HashAhead &) = delete;
    HashAhead &operator=(const HashAhead &) = delete;

    // The first `complete` events at `events` are read. A later call naming another place is
    // taken as stop(): the caller must call stop() before its list moves.
    void publish(const TimelineEvent *events, qsizetype complete);
    // Returns once nothing is being read any more: after the stretch being hashed now (at most
    // 512 events; the caller waits for it). What was checked stays for finish().
    void stop();
    // Waits until every event published is hashed (or until the first changed one) and returns
    // what was checked. Nothing is read after it returns.
    Prefix finish();

private:
    void run();
    void join();

    const QString m_uuid;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    const TimelineEvent *m_events = nullptr;
    qsizetype m_published = 0;
    bool m_stopping = false; // no more events will come: hash what is published, or stop now
    bool m_now = false;      // stop after the stretch being hashed
    Prefix m_done;           // written by the thread under m_mutex
    std::thread m_thread;
};

} // namespace warroom
