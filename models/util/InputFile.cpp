#include "util/InputFile.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace warroom {

namespace {

class FileDescriptor
{
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd)
    {}
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;

    int get() const { return m_fd; }

private:
    int m_fd;
};

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QString sizeText(qint64 bytes)
{
    if (bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    return QStringLiteral("%1 bytes").arg(bytes);
}

QString tooLarge(qint64 maxBytes)
{
    return QStringLiteral("the file is larger than %1, the limit for this input")
        .arg(sizeText(maxBytes));
}

// A Qt resource (the built-in checklist): compiled into the program, not a user's file.
std::optional<QByteArray> readResource(const QString &path, qint64 maxBytes, QString *error)
{
    QFile resource(path);
    if (!resource.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the file: ") + resource.errorString();
        return std::nullopt;
    }
    QByteArray data = resource.read(maxBytes + 1);
    if (data.size() > maxBytes) {
        *error = tooLarge(maxBytes);
        return std::nullopt;
    }
    return data;
}

// The size in the inode can lie (a file still growing, /proc); count what read() returns.
std::optional<QByteArray> readAll(int fd, qint64 maxBytes, QString *error)
{
    QByteArray data;
    qint64 total = 0;
    constexpr qint64 chunk = 64 * 1024;
    for (;;) {
        const qint64 want = std::min(chunk, maxBytes + 1 - total);
        data.resize(static_cast<qsizetype>(total + want));
        const ssize_t n = ::read(fd, data.data() + total, static_cast<size_t>(want));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *error = QStringLiteral("cannot read the file: ") + systemError();
            return std::nullopt;
        }
        if (n == 0)
            break;
        total += n;
        if (total > maxBytes) {
            *error = tooLarge(maxBytes);
            return std::nullopt;
        }
    }
    data.resize(static_cast<qsizetype>(total));
    return data;
}

} // namespace

std::optional<QByteArray> InputFile::read(const QString &path, qint64 maxBytes, QString *error)
{
    if (path.startsWith(u':'))
        return readResource(path, maxBytes, error);
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    const FileDescriptor fd(
        ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) {
        *error = QStringLiteral("cannot read the file: ") + systemError();
        return std::nullopt;
    }
    struct stat info = {};
    if (::fstat(fd.get(), &info) != 0) {
        *error = QStringLiteral("cannot read the file: ") + systemError();
        return std::nullopt;
    }
    if (!S_ISREG(info.st_mode)) {
        *error = S_ISDIR(info.st_mode)
                     ? QStringLiteral("cannot read the file: it is a folder")
                     : QStringLiteral("cannot read the file: not a regular file (a device, a "
                                      "pipe or a socket)");
        return std::nullopt;
    }
    return readAll(fd.get(), maxBytes, error);
}

} // namespace warroom
