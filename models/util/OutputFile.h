#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

class QIODevice;
class QSaveFile;

namespace warroom {

// A file a command or a window writes whole (an export, a sheet, a debrief, a chart): written
// through QSaveFile, all or nothing, and never in the place of anything but a regular file.
// QSaveFile writes beside the path and renames its file over it: run as root,
// `warroom export --output /dev/null` replaced the device with a regular file (seen here), and a
// FIFO became a file; QPdfWriter, writing to the path itself, waits forever on a FIFO nobody reads.
class OutputFile
{
public:
    // Who may read the file written. A postmortem with the private notes in it is the owner's
    // alone, as the timeline is (0600): it was made 0644 under the usual umask, and a file it
    // replaced kept its wider mode. Otherwise the umask decides, or the replaced file's mode.
    enum class Readers { AsUsual, OwnerOnly };

    // False, and why, when `path` already names something that is not a regular file (a folder,
    // a device, a FIFO or a socket; links are followed). A new path, or a file to replace, is fine.
    [[nodiscard]] static bool check(const QString &path, QString *error);
    // `bytes` written to `path` whole, or nothing and why ("cannot write PATH: ...").
    [[nodiscard]] static bool write(const QString &path, const QByteArray &bytes, QString *error,
                                    Readers readers = Readers::AsUsual);
    // The same for a file made as it is written: `writer` writes into the file and says whether
    // all went well. A file that is written all or nothing, whatever the disk says.
    [[nodiscard]] static bool write(const QString &path,
                                    const std::function<bool(QIODevice &)> &writer, QString *error,
                                    Readers readers = Readers::AsUsual);
    // QSaveFile::commit, but false when the last of the file's buffer could not be written.
    // QSaveFile (Qt 6.4) writes what it buffered when it commits and ignores an error there: with
    // the disk full in the last 16 KiB, a file cut short replaced the good one and the command
    // said "wrote" (seen with `ulimit -f`). Its buffer is flushed here first, and a failure
    // cancels the commit.
    [[nodiscard]] static bool commit(QSaveFile &file);
};

} // namespace warroom
