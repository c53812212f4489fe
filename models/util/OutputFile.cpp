#include "util/OutputFile.h"

#include <QFile>
#include <QSaveFile>

#include <sys/stat.h>

namespace warroom {

bool OutputFile::check(const QString &path, QString *error)
{
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

bool OutputFile::write(const QString &path, const QByteArray &bytes, QString *error)
{
    return write(
        path, [&bytes](QIODevice &file) { return file.write(bytes) == bytes.size(); }, error);
}

bool OutputFile::write(const QString &path, const std::function<bool(QIODevice &)> &writer,
                       QString *error)
{
    if (!check(path, error))
        return false;
    QSaveFile file(path);
    // Why the write failed ("No space left on device"), before cancelling makes it "Unknown error".
    QString why;
    if (file.open(QIODevice::WriteOnly)) {
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
