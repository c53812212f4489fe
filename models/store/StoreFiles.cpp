#include "store/StoreFiles.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace warroom {

namespace {
constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// The writers file of a database, held exclusively for as long as this lives when no other
// warroom holds it: each holds a shared lock on it (TimelineStore::takeWritersLock) before it
// writes, and the system lets go of it when the process dies. While held, no warroom writes.
class WritersProbe
{
public:
    explicit WritersProbe(const QString &path)
        : m_fd(::open(QFile::encodeName(path + QStringLiteral("-writers")).constData(),
                      O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK))
        , m_elsewhere(m_fd >= 0 && writersFileHeldElsewhere(m_fd))
    {}
    ~WritersProbe()
    {
        if (m_fd >= 0)
            ::close(m_fd); // lets go of the lock, if it was had
    }
    WritersProbe(const WritersProbe &) = delete;
    WritersProbe &operator=(const WritersProbe &) = delete;

    // Another warroom holds the writers file: a writer (shared), whose journal is its
    // transaction in progress and whose own reads roll a crashed one's back; or another open
    // making these copies (exclusive). (No writers file: none has opened it to write yet.)
    bool heldElsewhere() const { return m_elsewhere; }
    // Until no other open holds the file exclusively: one copying before its recovery must be
    // let finish before SQLite's open here rolls the journal back under it. A shared lock is
    // granted at once beside the writers' own; the file is let go on return. False when the
    // holder kept it past writersLockWaitMs() (a stopped or hung process).
    bool waitWhileAnotherCopies() const
    {
        // A file system that refuses locks altogether goes on, as before: nobody can hold it.
        return m_fd < 0 || takeSharedLock(m_fd) != SharedLock::HeldTooLong;
    }

private:
    int m_fd;
    bool m_elsewhere;
};

// SQLite rolls a journal back only if its first byte is not zero: a process killed before its
// commit began leaves one with a zeroed header, which changes nothing. Copying the whole
// database for each of those filled the folder with copies (35 after 100 kills).
bool rollsBack(const QString &journal)
{
    const QFileInfo info(journal);
    if (!info.exists() || info.size() == 0 || !info.isFile())
        return false;
    QFile j(journal);
    char first = 0;
    return j.open(QIODevice::ReadOnly) && j.getChar(&first) && first != 0;
}
} // namespace

int writersLockWaitMs()
{
    // Settable for the tests that play a stuck holder; a hostile value reads as the default.
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("WARROOM_WRITERS_WAIT_MS", &ok);
    return ok && ms >= 0 && ms <= 600'000 ? ms : 30'000;
}

SharedLock takeSharedLock(int fd)
{
    // Never a blocking flock: a holder stopped with SIGSTOP (or hung) would hang this open, and
    // with it the app's window or a command, with no word of why.
    const QDeadlineTimer deadline(writersLockWaitMs()); // the monotonic clock: not the date
    for (;;) {
        if (::flock(fd, LOCK_SH | LOCK_NB) == 0)
            return SharedLock::Taken;
        if (errno != EWOULDBLOCK && errno != EINTR)
            return SharedLock::Unlockable;
        if (deadline.hasExpired())
            return SharedLock::HeldTooLong;
        ::usleep(10'000);
    }
}

QString heldTooLong(const QString &path)
{
    return QStringLiteral("%1-writers has been held by another warroom for %2 s, longer than "
                          "an open or a recovery's copy normally takes (a stopped or hung "
                          "process, or a very large copy?); %1 was not opened, so nothing of "
                          "that process's work is touched. End that process, or try again when "
                          "it has finished")
        .arg(path)
        .arg(writersLockWaitMs() / 1000.0);
}

// An exclusive lock is granted only when no other open of the file holds one of either kind (a
// shared lock `fd` holds itself is converted).
bool writersFileHeldElsewhere(int fd)
{
    return ::flock(fd, LOCK_EX | LOCK_NB) != 0;
}

// The file is created before SQLite opens it so that it never exists, even for an instant, with
// the process umask's wider permissions. SQLite gives its journal the same mode.
bool prepareDatabaseFile(const QString &path, bool mayCreate, QString *error)
{
    const QFileInfo info(path);
    if (info.exists()) {
        // A FIFO would block the open, /dev/zero never ends, a folder is not a database.
        if (!info.isFile()) {
            if (error)
                *error = QStringLiteral("%1 is %2, not a database file")
                             .arg(path, info.isDir() ? QStringLiteral("a folder")
                                                     : QStringLiteral("not a regular file"));
            return false;
        }
        return true; // made private once it is known to be a timeline (keepOwnerOnly)
    }
    if (!mayCreate) {
        if (error)
            *error = QStringLiteral("there is no database %1 (check the --db path)").arg(path);
        return false;
    }
    if (!info.absoluteDir().exists()) {
        if (error)
            *error = QStringLiteral("cannot create the database %1: the folder %2 does not exist")
                         .arg(path, info.absolutePath());
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly)) {
        // Another warroom started at the same moment created it first: use theirs, as if it had
        // been there all along (SQLite's locks then order the two schema migrations).
        if (QFileInfo::exists(path))
            return prepareDatabaseFile(path, false, error);
        if (error)
            *error = QStringLiteral("cannot create the database %1: %2").arg(path, file.errorString());
        return false;
    }
    file.close();
    return true;
}

// A journal left beside the database is rolled back into it by the next writable open. After a
// crash mid-commit that is the right thing, but a journal that belongs to another database would
// overwrite our pages with its own; SQLite cannot tell the two apart. So before a writable open
// rolls anything back, both files are copied aside: whatever the journal was, nothing is lost.
// Not while another warroom has the database open to write: its own next read rolls a crashed
// writer's journal back, inside SQLite, before this could copy anything.
bool keepCopiesBeforeRecovery(const QString &path, QString *error)
{
    const QString journal = path + QStringLiteral("-journal");
    // Nearly every open finds no journal and asks nobody: the probe holds the writers file
    // exclusively for a moment, and a warroom asking then whether it is alone
    // (otherWritersAlive) would take itself for not alone.
    if (!rollsBack(journal))
        return true;
    // Several warrooms opening one database at once saw each other's journals and copied the
    // database each time (16 of 20 starts of eight left copies, some of a file not yet written).
    // So who else is alive is asked, and the answer held while the journal is looked at again
    // and copied: a writer gone since the first look may have committed and deleted its
    // journal, which would leave a live database copied without one (3 of 150 starts of eight
    // warrooms, the attack helper's, when the look came before the probe and was not repeated).
    const WritersProbe writers(path);
    if (writers.heldElsewhere()) {
        // Perhaps another open copying: without the wait, starts racing each other after a
        // crash rolled the journal back while the first still copied (the review helper's:
        // 5 of 40 rounds of four left a copy torn or without its journal).
        if (writers.waitWhileAnotherCopies())
            return true;
        if (error)
            *error = heldTooLong(path);
        return false;
    }
    if (!rollsBack(journal))
        return true;
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString copy = path + QStringLiteral(".before-recovery-") + stamp;
    if (QFile::copy(path, copy)) {
        QFile::setPermissions(copy, ownerOnly);
        if (QFile::copy(journal, copy + QStringLiteral("-journal.saved")))
            QFile::setPermissions(copy + QStringLiteral("-journal.saved"), ownerOnly);
    }
    return true;
}

// SQLite opens a -wal beside the database whatever the database's header says, and reads through
// it: a -wal that another database left next to ours would be read (and, by a writer, checkpointed)
// as our timeline. Ours only ever has a -wal while its header says WAL (bytes 18-19 are 2; an
// older warroom used WAL). Beside a rollback-journal database a -wal is someone else's: a reader
// refuses to look through it, a writer moves it aside (kept, never deleted) before opening.
bool setAsideForeignWal(const QString &path, bool readOnly, QString *error)
{
    const QString wal = path + QStringLiteral("-wal");
    if (!QFileInfo::exists(wal))
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return true; // SQLite's own open reports why
    const QByteArray header = file.read(20);
    if (header.size() == 20 && (header.at(18) == 2 || header.at(19) == 2))
        return true; // a WAL database: the -wal belongs to it
    if (header.size() < 20 && QFileInfo(path).size() > 0)
        return true; // not SQLite at all: the integrity check says so
    if (readOnly) {
        if (error)
            *error = QStringLiteral("%1 lies beside the database %2, which does not use one: it "
                                    "belongs to some other database and would be read as this "
                                    "timeline. Move it away (opening the database in the warroom "
                                    "app moves it aside for you)")
                         .arg(wal, path);
        return false;
    }
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString aside = wal + QStringLiteral(".foreign-") + stamp;
    if (!QFile::rename(wal, aside)) {
        if (error)
            *error = QStringLiteral("%1 lies beside the database %2, which does not use one, and "
                                    "cannot be moved aside; move it away before opening")
                         .arg(wal, path);
        return false;
    }
    QFile::remove(path + QStringLiteral("-shm")); // the index of that foreign -wal, nothing else
    return true;
}

void keepOwnerOnly(const QString &path)
{
    // Only taken away: a read-only file (0444) was made 0600 and written to, and another
    // application's database at 0664 was made 0600 before it was refused as not ours.
    // The owner's bits only: Qt's *User bits say what this process may do (all of it, as root)
    // and are set as the owner's when the process owns the file, which made 0444 into 0600.
    constexpr QFileDevice::Permissions owner
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    constexpr QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                                | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                                | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QFile file(path);
    const QFileDevice::Permissions now = file.permissions();
    if ((now & others) != 0)
        file.setPermissions(now & owner);
}

// SQLite's journal and -wal are plain files beside the database. A FIFO there blocks every open
// (readers and writers alike) forever, a folder or a device fails it with a misleading "disk I/O
// error", and a link sends the journal's writes elsewhere. None of these is ever ours.
bool refuseOddCompanions(const QString &path, QString *error)
{
    for (const QLatin1StringView suffix : {QLatin1StringView("-journal"), QLatin1StringView("-wal")}) {
        const QString companion = path + suffix;
        const QFileInfo info(companion);
        if (info.isSymLink() || (info.exists() && !info.isFile())) {
            if (error)
                *error = QStringLiteral("%1 lies beside the database %2 and is not a regular file "
                                        "(a link, a folder, a FIFO or a device): SQLite would hang "
                                        "or fail on it. Nothing was changed; move it away")
                             .arg(companion, path);
            return false;
        }
    }
    return true;
}

bool createPrivateFolder(const QString &folder, QString *error)
{
    // mkpath would give every missing level the umask's permissions; each one is made 0700.
    QStringList missing;
    for (QString level = QDir::cleanPath(QDir(folder).absolutePath());
         !QFileInfo::exists(level) && level != QDir::rootPath();
         level = QFileInfo(level).absolutePath())
        missing.prepend(level);
    for (const QString &level : std::as_const(missing)) {
        if (!QDir().mkdir(level, ownerOnly | QFileDevice::ExeOwner) && !QDir(level).exists()) {
            if (error)
                *error = QStringLiteral("cannot create the folder %1").arg(level);
            return false;
        }
    }
    return true;
}

} // namespace warroom
