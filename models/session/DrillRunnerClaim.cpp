#include "session/DrillRunnerClaim.h"

#include "store/TimelineStore.h"

#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QtEndian>

#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace warroom {

namespace {

constexpr qint64 recordBytes = 16;
constexpr qint64 beatOffset = 8;
// Past this an id has no record (16 × id would overflow the offset).
constexpr qint64 largestId = std::numeric_limits<qint64>::max() / recordBytes - 1;

QString lockPath(const TimelineStore &store)
{
    // Beside the file SQLite writes (a link resolved), as the writers' lock is, so that two
    // screens reaching one database by different paths find the same lock.
    const QString real = QFileInfo(store.path()).canonicalFilePath();
    return (real.isEmpty() ? store.path() : real) + QStringLiteral("-runners");
}

// The first byte of the incident's record; a lock past the end of the file is allowed.
struct flock recordLock(qint64 incidentId, short type)
{
    struct flock fl
    {
    };
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = static_cast<off_t>(incidentId * recordBytes);
    fl.l_len = 1;
    return fl;
}

// The claims this process holds, "place:id" (the lock file's path, or the server instance): a
// runner here is at work whatever its lock file or heartbeat says. Its own session never hears
// its own heartbeat (the server does not echo it), and a lock file deleted under it reads as
// missing; either made the runner's own console end its live drill.
QMutex heldLock;
QSet<QString> &heldHere()
{
    static QSet<QString> held;
    return held;
}

QString heldKey(const QString &place, qint64 incidentId)
{
    return place + u':' + QString::number(incidentId);
}

bool isHeldHere(const QString &place, qint64 incidentId)
{
    const QMutexLocker locker(&heldLock);
    return heldHere().contains(heldKey(place, incidentId));
}

bool isRegular(int fd)
{
    struct stat st
    {
    };
    return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// The runner's last beat in the record, within [0, nowMs] (the file is anybody's to damage: a
// beat from the future would date the end after now), or -1.
qint64 lastBeat(int fd, qint64 incidentId, qint64 nowMs)
{
    uchar bytes[8];
    if (::pread(fd, bytes, sizeof bytes, incidentId * recordBytes + beatOffset)
        != static_cast<ssize_t>(sizeof bytes))
        return -1;
    const qint64 ms = qFromLittleEndian<qint64>(bytes);
    return ms <= 0 ? -1 : std::min(ms, nowMs);
}

} // namespace

DrillRunnerClaim::DrillRunnerClaim(int fd, qint64 incidentId, QString owner, QString place)
    : m_fd(fd)
    , m_incidentId(incidentId)
    , m_owner(std::move(owner))
    , m_place(std::move(place))
{
    if (!m_owner.isEmpty()) {
        const QMutexLocker locker(&heldLock);
        heldHere().insert(heldKey(m_place, m_incidentId));
    }
}

DrillRunnerClaim::~DrillRunnerClaim()
{
    if (!m_owner.isEmpty()) {
        const QMutexLocker locker(&heldLock);
        heldHere().remove(heldKey(m_place, m_incidentId));
    }
    if (m_fd >= 0)
        ::close(m_fd); // lets go of the lock
}

void DrillRunnerClaim::beat(qint64 elapsedMs)
{
    if (m_fd < 0)
        return;
    uchar bytes[8];
    qToLittleEndian<qint64>(elapsedMs, bytes);
    // Not synced: a beat lost to a power cut dates the end a second or so earlier, no more.
    (void)::pwrite(m_fd, bytes, sizeof bytes, m_incidentId * recordBytes + beatOffset);
}

std::unique_ptr<DrillRunnerClaim> DrillRunnerClaim::take(const TimelineStore &store,
                                                         qint64 incidentId, bool beats)
{
    if (store.isShared()) {
        const QString instance = beats ? store.instanceId() : QString();
        return std::unique_ptr<DrillRunnerClaim>(
            new DrillRunnerClaim(-1, incidentId, instance, instance));
    }
    if (store.isReadOnly() || incidentId <= 0 || incidentId > largestId)
        return std::unique_ptr<DrillRunnerClaim>(new DrillRunnerClaim(-1, incidentId, {}, {}));
    // Never through a link, only a regular file, owner-only like the database beside it (made
    // so again if it was not). A folder, a FIFO or a file system without locks leaves the drill
    // unclaimed, as before.
    const QString path = lockPath(store);
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
    if (fd >= 0 && isRegular(fd)) {
        ::fchmod(fd, 0600);
        struct flock fl = recordLock(incidentId, F_WRLCK);
        if (::fcntl(fd, F_OFD_SETLK, &fl) == 0)
            return std::unique_ptr<DrillRunnerClaim>(
                new DrillRunnerClaim(fd, incidentId, QString(filePresence), path));
    }
    if (fd >= 0)
        ::close(fd);
    return std::unique_ptr<DrillRunnerClaim>(new DrillRunnerClaim(-1, incidentId, {}, {}));
}

DrillRunnerClaim::Sighting DrillRunnerClaim::look(const TimelineStore &store, qint64 incidentId,
                                                  const QString &owner, qint64 lapseMs,
                                                  qint64 nowMs, bool mayAskWriters)
{
    if (owner.isEmpty())
        return {};
    if (store.isShared()) {
        if (owner == filePresence)
            return {};
        if (isHeldHere(owner, incidentId))
            return {State::Alive, nowMs};
        // Silence while our own link is down is ours: peerLapsed says no then.
        if (store.peerLapsed(owner, lapseMs))
            return {State::Gone, -1};
        const qint64 ago = store.peerHeardAgoMs(owner);
        return {State::Alive, ago >= 0 ? nowMs - ago : -1};
    }
    if (owner != filePresence || incidentId <= 0 || incidentId > largestId)
        return {};
    const QString path = lockPath(store);
    if (isHeldHere(path, incidentId))
        return {State::Alive, nowMs};
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        // Asking whether anybody else writes lets go of our writers' lock for a moment (and may
        // wait on a stuck holder): not every second.
        if (errno != ENOENT || store.isReadOnly() || !mayAskWriters || store.otherWritersAlive())
            return {};
        return {State::Gone, -1};
    }
    Sighting out;
    // Asked, not taken: a watching screen must never hold the runner's record, even for a moment
    // (the runner's own claim, taken at its first tick, would then fail).
    struct flock fl = recordLock(incidentId, F_WRLCK);
    if (isRegular(fd) && ::fcntl(fd, F_OFD_GETLK, &fl) == 0) {
        out.state = fl.l_type == F_UNLCK ? State::Gone : State::Alive;
        out.seenMs = out.state == State::Alive ? nowMs : lastBeat(fd, incidentId, nowMs);
    }
    ::close(fd);
    return out;
}

} // namespace warroom
