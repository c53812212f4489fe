#include "util/OutputFile.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <sys/stat.h>

namespace warroom {

namespace {

bool isSqliteDatabase(const QString &path)
{
    // A regular file only: opening a FIFO to read its first bytes would wait for a writer.
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    QFile file(path);
    static const QByteArray magic("SQLite format 3", 16); // with its NUL
    return file.open(QIODevice::ReadOnly) && file.read(magic.size()) == magic;
}

// `export -o timeline.sqlite` replaced the timeline with its own postmortem and said "wrote"
// (every incident in it gone), and `-o timeline.sqlite-journal` planted a journal that made every
// reader refuse the database. A database, and the files SQLite and warroom keep beside one, are
// never an output. Links are followed: QSaveFile writes through them.
QString databaseProblem(const QString &path)
{
    const QString real = QFileInfo(path).canonicalFilePath();
    const QString target = real.isEmpty() ? path : real;
    if (isSqliteDatabase(target))
        return QStringLiteral("cannot write %1: it is an SQLite database (a timeline?); warroom "
                              "never writes an export, sheet or report over one")
            .arg(path);
    for (const char *suffix : {"-journal", "-wal", "-shm", "-writers", "-runners"}) {
        const QLatin1String s(suffix);
        if (QFileInfo(path).fileName().endsWith(s)
            && isSqliteDatabase(target.left(target.size() - s.size())))
            return QStringLiteral("cannot write %1: it belongs to the database %2 beside it; "
                                  "name another file")
                .arg(path, path.left(path.size() - s.size()));
    }
    return {};
}

} // namespace

bool OutputFile::check(const QString &path, QString *error)
{
    if (const QString problem = databaseProblem(path); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || S_ISREG(st.st_mode))
        return true; // nothing there yet (or nothing to tell): QSaveFile says why it cannot write
    const char *what = S_ISDIR(st.st_mode)                            ? "a folder"
                       : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                       : S_ISFIFO(st.st_mode)                         ? "a FIFO"
                       : S_ISSOCK(st.st_mode)                         ? "a socket"
                                                                      : "not a regular file";
    if (error)
        *error = QStringLiteral("cannot write %1: it is %2, not a regular file; name a file to "
                                "create or replace")
                     .arg(path, QLatin1String(what));
    return false;
}

bool OutputFile::write(const QString &path, const QByteArray &bytes, QString *error,
                       Readers readers)
{
    return write(
        path, [&bytes](QIODevice &file) { return file.write(bytes) == bytes.size(); }, error,
        readers);
}

bool OutputFile::write(const QString &path, const std::function<bool(QIODevice &)> &writer,
                       QString *error, Readers readers)
{
    if (!check(path, error))
        return false;
    QSaveFile file(path);
    // Why the write failed ("No space left on device"), before cancelling makes it "Unknown error".
    QString why;
    if (file.open(QIODevice::WriteOnly)) {
        // The new file beside the path, before a byte is in it: the rename keeps its mode. (A
        // file system without O_TMPFILE gives that file a name, and for that moment the
        // umask's mode.) One that refuses the mode (FAT) is said to, not "cannot write"; one
        // that takes it and ignores it (some network file systems) cannot be told from here.
        if (readers == Readers::OwnerOnly
            && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            if (error)
                *error = QStringLiteral("cannot make %1 readable by you only, and it holds the "
                                        "private notes: %2; write it to another disk")
                             .arg(path, file.errorString());
            file.cancelWriting();
            return false;
        }
        if (!writer(file)) {
            why = file.errorString();
            file.cancelWriting();
        }
        if (commit(file))
            return true;
    }
    if (error)
        *error = QStringLiteral("cannot write %1: %2")
                     .arg(path, why.isEmpty() ? file.errorString() : why);
    return false;
}

bool OutputFile::commit(QSaveFile &file)
{
    if (!file.flush())
        file.cancelWriting();
    return file.commit();
}

} // namespace warroom
