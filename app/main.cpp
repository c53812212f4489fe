// `warroom`: the command people type. Exports, verify and the list of incidents of a database file
// run here. Every other command (the window, the wall, drills, the drill backend, notes, …), and
// these three on a PostgreSQL server, run in the room's program beside this one, `warroom-room`,
// which this process becomes (execv: the same process, arguments and environment).
//
// Why two programs: a process pays at its start for every library it is linked with, whether it
// uses them or not. The room's program needs Qt Widgets, Qt Charts, Qt's HTTP server, libcurl and
// libpq, 84 libraries with theirs, and reached main 20 to 50 ms after it started; an export needs
// 50 of them. The postmortem of 100,000 events is held to twice a `sqlite3` dump of its events,
// which starts in 2 ms (README, "Export and verify"). tst_lightcommand holds this program to its
// libraries.
#include "CommandLine.h"
#include "IncidentsCommand.h"
#include "ReportCommands.h"
#include "store/TimelineStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace {

using Mode = warroom::CommandLine::Mode;

// Becomes the room's program with the same arguments; returns only if it could not.
int runInTheRoom(const QString &room, char *argv[])
{
    const QByteArray path = QFile::encodeName(room);
    std::fflush(nullptr);
    ::execv(path.constData(), argv);
    const int error = errno;
    QTextStream(stderr) << "warroom: cannot start " << room << " (" << std::strerror(error)
                        << "), which runs every command but the export, verify and list of "
                           "incidents of a database file; nothing was done\n";
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("warroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WARROOM_VERSION));

    warroom::CommandLine cl;
    QString room;
    {
        QCoreApplication probe(argc, argv);
        cl = warroom::parseCommandLine(QCoreApplication::arguments());
        if (cl.mode == Mode::Exit)
            return cl.exitCode;
        // A shared incident's server is read with libpq, which this program does without.
        const bool here
            = (cl.mode == Mode::Export || cl.mode == Mode::Verify || cl.mode == Mode::ListIncidents)
              && !warroom::TimelineStore::isServer(cl.dbPath);
        if (!here)
            room = QCoreApplication::applicationDirPath() + QStringLiteral("/warroom-room");
        else if (cl.mode == Mode::Verify)
            return warroom::runVerify(cl);
        else if (cl.mode == Mode::ListIncidents)
            return warroom::runListIncidents(cl.dbPath);
    }
    if (!room.isEmpty())
        return runInTheRoom(room, argv);
    return warroom::runExportCommand(argc, argv, cl);
}
