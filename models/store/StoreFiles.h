#pragma once

#include <QString>

namespace warroom {

// What lies on disk around a timeline database, checked before SQLite opens it: the file itself,
// and the journal and -wal that SQLite would otherwise trust blindly. Each returns false and says
// why (naming the file) when it refuses.

// A regular file (never a FIFO, device or folder); created owner-only when missing and allowed.
bool prepareDatabaseFile(const QString &path, bool mayCreate, QString *error);
// Incident timelines name people and systems: a timeline opened for writing loses its group's
// and others' permissions. None is ever added.
void keepOwnerOnly(const QString &path);
// A journal or -wal beside the database that is not a regular file is refused.
bool refuseOddCompanions(const QString &path, QString *error);
// A -wal beside a rollback-journal database is another database's: refused, or moved aside.
bool setAsideForeignWal(const QString &path, bool readOnly, QString *error);
// Copies the database and a hot journal aside before a writable open rolls the journal back.
// False, saying why, when another open copying them holds on past writersLockWaitMs().
bool keepCopiesBeforeRecovery(const QString &path, QString *error);
// A shared lock on the writers file `fd`, waiting while another open holds it exclusively (a
// start copying before its recovery, or asking for a moment whether it is alone), never longer
// than writersLockWaitMs(). Unlockable: the system refuses any lock on it (not a lock's holder).
enum class SharedLock { Taken, HeldTooLong, Unlockable };
SharedLock takeSharedLock(int fd);
// 30 s, or WARROOM_WRITERS_WAIT_MS (0 to 600000) for the tests that play a stuck holder.
int writersLockWaitMs();
// The message of an open refused because the writers file of `path` stayed held.
QString heldTooLong(const QString &path);
// Whether another open of the writers file `fd` refers to holds a lock on it (each warroom holds
// a shared one while it has the database open for writing; the system lets go when the process
// dies). On a no, `fd` is left holding an exclusive lock: close it, or go back to LOCK_SH.
bool writersFileHeldElsewhere(int fd);
// The folder and any missing parents, each 0700 whatever the umask.
bool createPrivateFolder(const QString &folder, QString *error);

} // namespace warroom
