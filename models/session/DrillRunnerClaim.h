#pragma once

#include <QString>

#include <memory>

namespace warroom {

class TimelineStore;

// A drill runner's claim on its incident, so that the screens sharing the database can tell a
// runner still at work from one whose process is gone (killed, crashed, closed mid-drill): a gone
// runner records no end, and every screen's ×N drill clock ran on for as long as the incident
// stayed open (a ×20 drill read T+13:51:47 at its close). The claim lives as long as this object.
//
// On a file the runner holds an open-file-description write lock (F_OFD_SETLK) on the incident's
// record in PATH-runners: the system lets go when the process dies, however it dies, and, unlike
// the POSIX locks SQLite uses, another descriptor of the same file closing in the same process
// does not drop it. The record is 16 bytes at 16 × the incident's id: the lock on its first byte,
// and in its last 8 the incident's elapsed ms at the runner's latest beat, so that a screen that
// finds the runner gone long after can still date its end. On a server the claim is the store's
// heartbeat (TimelineStore::instanceId), which travels with its link.
class DrillRunnerClaim
{
public:
    // What the runner's clock fact records as its owner: filePresence on a file whose lock was
    // taken, the instance on a server whose heartbeat goes out (`beats`), else empty: then nobody
    // can tell, and the drill is never taken for abandoned.
    static std::unique_ptr<DrillRunnerClaim> take(const TimelineStore &store, qint64 incidentId,
                                                  bool beats);
    ~DrillRunnerClaim();
    DrillRunnerClaim(const DrillRunnerClaim &) = delete;
    DrillRunnerClaim &operator=(const DrillRunnerClaim &) = delete;

    QString owner() const { return m_owner; }
    // The runner is at work at the incident's `elapsedMs` (a file's record keeps it; a server's
    // heartbeat says it by itself).
    void beat(qint64 elapsedMs);

    // The owner word of a file's claim.
    static constexpr QLatin1StringView filePresence{"runner-lock"};

    enum class State { Alive, Gone, Unknown };
    struct Sighting
    {
        State state = State::Unknown;
        // The incident's elapsed ms the runner was last known at work, at most `nowMs`: now on a
        // file whose lock is held, its last beat once it is not; a server's last heartbeat heard
        // (none yet by a screen that has just linked up); -1 when nobody can say.
        qint64 seenMs = -1;
    };
    // Whether the runner that recorded `owner` for incident `incidentId` still holds its claim.
    // Unknown when this store cannot tell: an owner of another kind of store (an imported or
    // copied timeline), a lock file that cannot be read, our own server link down. On a file
    // whose lock file is missing, Gone only when no other process has it open for writing (a
    // database copied elsewhere); with a writer alive, the file may have been deleted under it.
    // A claim this process holds is at work (its own session never hears its own heartbeat).
    // `mayAskWriters`: a missing lock file may be judged by asking whether any other process
    // writes (TimelineStore::otherWritersAlive, which briefly lets go of our own writers' lock).
    static Sighting look(const TimelineStore &store, qint64 incidentId, const QString &owner,
                         qint64 lapseMs, qint64 nowMs, bool mayAskWriters = true);

private:
    DrillRunnerClaim(int fd, qint64 incidentId, QString owner, QString place);
    int m_fd = -1;
    qint64 m_incidentId = 0;
    QString m_owner;
    QString m_place; // the lock file, or the server instance: this process's claims (heldHere)
};

} // namespace warroom
