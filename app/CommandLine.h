#pragma once

#include <QStringList>

#include <optional>

namespace warroom {

// What the command line asked for. Subcommands run without a window; no subcommand starts the
// war-room screen.
struct CommandLine
{
    enum class Mode {
        Gui,
        Validate,
        ListIncidents,
        Export,
        Verify,
        Import,
        Sim,
        Drill,
        History,
        Plan,
        Copy,
        Note,
        Debrief,
        Exit,
    };
    Mode mode = Mode::Gui;
    QString dbPath;
    bool dbGiven = false; // --db named the file; otherwise the default location is used
    QStringList checklists; // for Gui: offered in the declare dialog; for Validate: files to check
    std::optional<qint64> incident;
    double drillSpeed = 1.0; // Gui: DRILL runs this many times faster (tabletop walk-throughs)
    bool wall = false;       // Gui: only the wall screen, full screen (a machine for the room)
    int screen = 0;          // --screen N with --wall, 1-based; 0: the primary screen
    bool facilitator = false; // Gui: the facilitator's window too; --scenario FILE starts its drill
    // export
    QString format;
    QString output;
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
    bool includePrivate = false;
    bool allEvents = false;
    // verify
    QString exportFile; // verify FILE.json, or --against FILE.json with --db/--incident
    QString importFile; // import FILE.json
    QString copyFrom;   // copy --from DB --to DB (CopyCommand)
    QString copyTo;
    QString actor; // note --actor NAME (NoteCommand); --facilitator: the drill's commander
    QString noteText;
    // plan
    QString planChecklist; // a checklist file, or the id of one the database ran
    // sim
    quint16 port = 8787;
    QString scenario;
    // drill (and --var for the window's declaration)
    QStringList vars; // NAME=VALUE
    bool drillSpeedGiven = false;
    QString junit;
    QString json;
    bool quiet = false;
    int exitCode = 0; // for Mode::Exit (help, version, usage errors)
};

// Qt's own options (-platform offscreen, -style fusion...) are accepted and left to QApplication,
// so that the same command line can be checked before any QApplication exists.
CommandLine parseCommandLine(const QStringList &arguments);

} // namespace warroom
