#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace warroom {

// Reads a file named by a user, who may name anything: only a regular file is read (a FIFO, a
// device such as /dev/zero or a folder is refused without blocking on it), and no more than
// maxBytes are ever read, counted as they arrive rather than trusted from the file's size. A path
// starting with ':' is a Qt resource, read through QFile.
class InputFile
{
public:
    // The contents, or nothing with the reason in `error`.
    static std::optional<QByteArray> read(const QString &path, qint64 maxBytes, QString *error);
};

} // namespace warroom
