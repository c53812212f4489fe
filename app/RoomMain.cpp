#include "CommandLine.h"
#include "CopyCommand.h"
#include "DebriefCommand.h"
#include "DrillCommand.h"
#include "FacilitatorCommand.h"
#include "HistoryCommand.h"
#include "ImportCommand.h"
#include "IncidentsCommand.h"
#include "NoteCommand.h"
#include "PlanCommand.h"
#include "ReportCommands.h"
#include "SimCommand.h"
#include "ValidateCommand.h"
#include "checklist/ChecklistParser.h"
#include "session/RoomClock.h"
#include "store/TimelineStore.h"
#include "ui/dialogs/DeclareIncidentDialog.h"
#include "ui/history/HistoryWindow.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"
#include "ui/wall/WallStandalone.h"
#include "util/Diagnostic.h"
#include "util/PersonName.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QScreen>
#include <QTextStream>

#include <optional>

namespace {

// Subcommands must run on machines without a display, so they never need a window system.
// Empty when the command line asks for an export or the window.
std::optional<int> runWithoutWindow(const warroom::CommandLine &cl)
{
    switch (cl.mode) {
    case warroom::CommandLine::Mode::Exit:
        return cl.exitCode;
    case warroom::CommandLine::Mode::Validate:
        return warroom::runValidate(cl.checklists);
    case warroom::CommandLine::Mode::ListIncidents:
        return warroom::runListIncidents(cl.dbPath);
    case warroom::CommandLine::Mode::Verify:
        return warroom::runVerify(cl);
    case warroom::CommandLine::Mode::Import:
        return warroom::runImport(cl);
    case warroom::CommandLine::Mode::Sim:
        return warroom::runSim(cl);
    case warroom::CommandLine::Mode::Drill:
        return warroom::runDrill(cl);
    case warroom::CommandLine::Mode::History:
        return warroom::runHistory(cl);
    case warroom::CommandLine::Mode::Copy:
        return warroom::runCopy(cl);
    case warroom::CommandLine::Mode::Note:
        return warroom::runNote(cl);
    case warroom::CommandLine::Mode::Gui:
        // A mistyped path opened the window without a word until the declare dialog, which
        // offered the built-in checklist in its place: refused here, before any window.
        for (const QString &file : cl.checklists) {
            const QFileInfo info(file);
            if (!info.isFile() || !info.isReadable()) {
                QTextStream(stderr)
                    << "warroom: --checklist " << warroom::printableText(file, 400) << ": "
                    << (!info.exists() ? "there is no such file"
                        : info.isDir() ? "it is a folder"
                                       : "it is not a readable file")
                    << "; the window was not opened\n";
                return 2;
            }
            // Nor one that does not read (an empty file, a scenario, a half-saved edit): the
            // window opened and its declare dialog offered the built-in checklist beside it.
            const warroom::ChecklistParseResult parsed = warroom::ChecklistParser::parseFile(file);
            if (!parsed.ok()) {
                QTextStream(stderr)
                    << warroom::formatDiagnostics(parsed.diagnostics) << "\nwarroom: --checklist "
                    << warroom::printableText(file, 400)
                    << " does not read as a checklist (warroom validate says "
                       "the same); the window was not opened\n";
                return 2;
            }
        }
        // Who signs at this screen: refused as Acting as refuses it, before any window. The
        // facilitator's --actor is the drill's commander, checked where it starts the drill.
        if (!cl.facilitator && !cl.actor.isEmpty()) {
            const QString bad = warroom::PersonName::blank(cl.actor)
                                    ? QStringLiteral("shows nothing")
                                    : warroom::PersonName::problem(cl.actor);
            if (!bad.isEmpty()) {
                QTextStream(stderr) << "warroom: --actor: the name " << bad
                                    << "; type it plainly. The window was not opened\n";
                return 2;
            }
        }
        break;
    case warroom::CommandLine::Mode::Export:
    case warroom::CommandLine::Mode::Plan:
    case warroom::CommandLine::Mode::Debrief:
        break;
    }
    return std::nullopt;
}

// `warroom --wall [--screen N]`: only the wall, on that screen, following the incident.
int runWall(QApplication &app, warroom::TimelineStore &store, const warroom::CommandLine &cl)
{
    QScreen *screen = QGuiApplication::primaryScreen();
    if (cl.screen > 0) {
        QString error;
        screen = warroom::WallStandalone::screenFromOption(cl.screen, &error);
        if (!screen) {
            QTextStream(stderr) << "warroom: " << error << "\n";
            return 2;
        }
    }
    warroom::WallStandalone wall(store, cl.incident, warroom::RoomClock::of(store));
    wall.show(screen);
    return app.exec();
}

int runWarRoom(int &argc, char *argv[], const warroom::CommandLine &cl)
{
    QApplication app(argc, argv);
    warroom::initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/warroom.svg")));
    QFile style(QStringLiteral(":/styles/warroom.qss"));
    if (style.open(QIODevice::ReadOnly))
        app.setStyleSheet(QString::fromUtf8(style.readAll()));

    warroom::TimelineStore store;
    QString error;
    // Only the default location gets its folders made; a --db path whose folder is missing is
    // more likely a typo than a wish for a new tree of folders.
    // The wall only reads: it never writes an event nor counts as a writer of the database.
    const bool opened = cl.wall ? store.openReadOnly(cl.dbPath, &error)
                                : (cl.dbGiven
                                   || warroom::TimelineStore::createPrivateFolder(
                                       QFileInfo(cl.dbPath).absolutePath(), &error))
                                      && store.open(cl.dbPath, &error);
    if (!opened) {
        QTextStream(stderr) << "warroom: " << error << "\n";
        QMessageBox::critical(nullptr, QStringLiteral("Rollback War Room"), error);
        return 1;
    }
    if (cl.wall)
        return runWall(app, store, cl);
    QMap<QString, QString> vars; // --var NAME=VALUE prefills the declaration
    for (const QString &v : cl.vars)
        vars.insert(v.section(u'=', 0, 0), v.section(u'=', 1));
    warroom::DeclareIncidentDialog::setPrefilledVariables(vars);
    // The room's time is the shared server's, whatever this machine's clock reads (RoomClock).
    warroom::MainWindow window(store, cl.checklists, warroom::RoomClock::of(store));
    warroom::HistoryWindow::installInMenu(window, store);
    window.setDrillSpeed(cl.drillSpeed);
    window.show();
    window.start(cl.incident, cl.facilitator ? QString() : cl.actor);
    if (!warroom::installFacilitation(window, cl))
        return 2;
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("warroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WARROOM_VERSION));
    // The window is warroom's to the desktop (resources/warroom.desktop), whatever this file's
    // name.
    QGuiApplication::setDesktopFileName(QStringLiteral("warroom"));

    warroom::CommandLine cl;
    {
        QCoreApplication probe(argc, argv);
        cl = warroom::parseCommandLine(QCoreApplication::arguments());
        if (const std::optional<int> exitCode = runWithoutWindow(cl))
            return *exitCode;
    }
    if (cl.mode == warroom::CommandLine::Mode::Export)
        return warroom::runExportCommand(argc, argv, cl);
    if (cl.mode == warroom::CommandLine::Mode::Plan) {
        // The PDF lays out text, which needs fonts: a QGuiApplication, offscreen is enough.
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        return warroom::runPlan(cl);
    }
    if (cl.mode == warroom::CommandLine::Mode::Debrief) {
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        return warroom::runDebrief(cl);
    }
    return runWarRoom(argc, argv, cl);
}
