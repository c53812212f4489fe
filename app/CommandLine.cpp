#include "CommandLine.h"

#include "Console.h"

#include "checklist/ChecklistParser.h"
#include "sim/DrillBackend.h"
#include "util/TimeFormat.h"
#include "store/TimelineStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

namespace warroom {

namespace {

// The options QGuiApplication and QApplication take for themselves (see their documentation).
QStringList withoutQtOptions(const QStringList &arguments)
{
    static const QStringList withValue
        = {QStringLiteral("platform"),        QStringLiteral("platformpluginpath"),
           QStringLiteral("platformtheme"),   QStringLiteral("plugin"),
           QStringLiteral("qwindowgeometry"), QStringLiteral("qwindowicon"),
           QStringLiteral("qwindowtitle"),    QStringLiteral("session"),
           QStringLiteral("display"),         QStringLiteral("geometry"),
           QStringLiteral("style"),           QStringLiteral("stylesheet"),
           QStringLiteral("qmljsdebugger")};
    static const QStringList flags
        = {QStringLiteral("reverse"), QStringLiteral("widgetcount"), QStringLiteral("nograb"),
           QStringLiteral("dograb"), QStringLiteral("sync")};
    QStringList out;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (i == 0 || !a.startsWith(u'-') || a == QLatin1String("--")) {
            out << a;
            continue;
        }
        QString name = a.mid(a.startsWith(QLatin1String("--")) ? 2 : 1);
        const bool inlineValue = name.contains(u'=');
        name = name.section(u'=', 0, 0);
        if (withValue.contains(name)) {
            if (!inlineValue)
                ++i; // its value
        } else if (!flags.contains(name)) {
            out << a;
        }
    }
    return out;
}

} // namespace

CommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Rollback War Room: guides an incident commander through a rollback checklist.\n\n"
        "Commands:\n"
        "  (none)               start the war-room window\n"
        "  validate FILE...     check checklist files; exit status 1 if any has a problem\n"
        "  incidents            list the incidents in the timeline database\n"
        "  export               write a postmortem: --incident ID --format md|html|json|csv|pdf\n"
        "                       --output FILE [--from T] [--to T] [--include-private]\n"
        "  verify [FILE.json]   check the tamper-evident chain of --incident ID in the database\n"
        "                       (optionally --against an earlier JSON export), or of an export\n"
        "  sim                  run the drill backend on loopback: [--port N] [--scenario FILE];\n"
        "                       with WARROOM_SIM_TOKEN set, side effects need it as a bearer "
        "token\n"
        "\n"
        "Checklist requests read ${env:NAME} from this process's environment when they are sent."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(
        QStringLiteral("db"),
        QStringLiteral("Timeline database (default: %1).").arg(TimelineStore::defaultPath()),
        QStringLiteral("path"));
    const QCommandLineOption incident(
        QStringLiteral("incident"), QStringLiteral("Open this incident (see `warroom incidents`)."),
        QStringLiteral("id"));
    const QCommandLineOption checklist(QStringLiteral("checklist"),
                                       QStringLiteral("Offer this checklist file when declaring."),
                                       QStringLiteral("file"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Export format: md, html, json, csv or pdf."),
                                    QStringLiteral("format"));
    const QCommandLineOption output(QStringLiteral("output"),
                                    QStringLiteral("Export to this file."), QStringLiteral("file"));
    const QCommandLineOption from(QStringLiteral("from"),
                                  QStringLiteral("Export from this time since declaration "
                                                 "(T+H:MM:SS, MM:SS or minutes)."),
                                  QStringLiteral("time"));
    const QCommandLineOption to(QStringLiteral("to"),
                                QStringLiteral("Export up to this time since declaration."),
                                QStringLiteral("time"));
    const QCommandLineOption includePrivate(QStringLiteral("include-private"),
                                            QStringLiteral("Keep private notes in the export."));
    const QCommandLineOption against(QStringLiteral("against"),
                                     QStringLiteral("Verify: compare with the head hash and event "
                                                    "count of this earlier JSON export."),
                                     QStringLiteral("file"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("sim: the loopback port (default 8787)."),
                                  QStringLiteral("port"));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QStringLiteral("sim: a JSON scenario with faults to inject."),
                                      QStringLiteral("file"));
    const QCommandLineOption drillSpeed(
        QStringLiteral("drill-speed"),
        QStringLiteral("DRILL incidents only: run actions, checks and ramps this many times "
                       "faster (polls, samples, holds and deadlines divided by it), for a "
                       "tabletop walk-through. 1 to 100; LIVE incidents always run at 1."),
        QStringLiteral("factor"));
    parser.addOptions({db, incident, checklist, format, output, from, to, includePrivate, against,
                       port, scenario, drillSpeed});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("validate, incidents, export, verify or sim"),
                                 QStringLiteral("[command]"));

    CommandLine cl;
    if (!parser.parse(withoutQtOptions(arguments))) {
        err() << parser.errorText() << "\n"
              << "Try 'warroom --help'.\n";
        cl.mode = CommandLine::Mode::Exit;
        cl.exitCode = 2;
        return cl;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        cl.mode = CommandLine::Mode::Exit;
        return cl;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << "warroom " << QStringLiteral(WARROOM_VERSION) << "\n";
        cl.mode = CommandLine::Mode::Exit;
        return cl;
    }
    cl.dbGiven = parser.isSet(db);
    cl.dbPath = cl.dbGiven ? parser.value(db) : TimelineStore::defaultPath();
    cl.checklists = parser.values(checklist);
    if (parser.isSet(incident)) {
        bool ok = false;
        cl.incident = parser.value(incident).toLongLong(&ok);
        if (!ok || *cl.incident <= 0) {
            err() << "--incident needs a positive number, not '" << parser.value(incident) << "'\n";
            cl.mode = CommandLine::Mode::Exit;
            cl.exitCode = 2;
            return cl;
        }
    }
    if (parser.isSet(drillSpeed)) {
        bool ok = false;
        cl.drillSpeed = parser.value(drillSpeed).toDouble(&ok);
        if (!ok || !(cl.drillSpeed >= 1.0) || cl.drillSpeed > 100.0) {
            err() << "--drill-speed needs a factor from 1 to 100, not '" << parser.value(drillSpeed)
                  << "'\n";
            cl.mode = CommandLine::Mode::Exit;
            cl.exitCode = 2;
            return cl;
        }
    }
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return cl;
    const QString command = positional.takeFirst();
    if (command == QLatin1String("validate")) {
        cl.mode = CommandLine::Mode::Validate;
        cl.checklists = positional;
        if (positional.isEmpty()) {
            err() << "usage: warroom validate FILE...\n";
            cl.mode = CommandLine::Mode::Exit;
            cl.exitCode = 2;
        }
    } else if (command == QLatin1String("incidents") && positional.isEmpty()) {
        cl.mode = CommandLine::Mode::ListIncidents;
    } else if (command == QLatin1String("export") && positional.isEmpty()) {
        cl.mode = CommandLine::Mode::Export;
        cl.format = parser.value(format);
        cl.output = parser.value(output);
        cl.includePrivate = parser.isSet(includePrivate);
        QString problem;
        if (!cl.incident || cl.format.isEmpty() || cl.output.isEmpty())
            problem = QStringLiteral("usage: warroom export --incident ID --format "
                                     "md|html|json|csv|pdf --output FILE [--db PATH]");
        for (const auto &[option, target] :
             {std::pair{&from, &cl.fromMs}, std::pair{&to, &cl.toMs}}) {
            if (!parser.isSet(*option))
                continue;
            *target = parseElapsed(parser.value(*option));
            if (!*target)
                problem = QStringLiteral("--%1 takes a time since declaration such as T+0:10:00, "
                                         "10:00 or 10 (minutes), not '%2'")
                              .arg(option->names().first(), parser.value(*option));
        }
        if (!problem.isEmpty()) {
            err() << problem << "\n";
            cl.mode = CommandLine::Mode::Exit;
            cl.exitCode = 2;
        }
    } else if (command == QLatin1String("sim") && positional.isEmpty()) {
        cl.mode = CommandLine::Mode::Sim;
        cl.scenario = parser.value(scenario);
        if (parser.isSet(port)) {
            bool ok = false;
            const uint p = parser.value(port).toUInt(&ok);
            if (!ok || p == 0 || p > 65535) {
                err() << "--port needs a number from 1 to 65535, not '" << parser.value(port)
                      << "'\n";
                cl.mode = CommandLine::Mode::Exit;
                cl.exitCode = 2;
            }
            cl.port = static_cast<quint16>(p);
        }
    } else if (command == QLatin1String("verify") && positional.size() <= 1) {
        cl.mode = CommandLine::Mode::Verify;
        cl.exportFile = positional.isEmpty() ? parser.value(against) : positional.first();
        if (positional.isEmpty() && !cl.incident) {
            err() << "usage: warroom verify EXPORT.json, or warroom verify --incident ID [--db "
                     "PATH] [--against EXPORT.json]\n";
            cl.mode = CommandLine::Mode::Exit;
            cl.exitCode = 2;
        }
    } else {
        err() << "unknown command '" << command << "'. Try 'warroom --help'.\n";
        cl.mode = CommandLine::Mode::Exit;
        cl.exitCode = 2;
    }
    return cl;
}

int runValidate(const QStringList &files)
{
    int failures = 0;
    for (const QString &file : files) {
        const ChecklistParseResult r = ChecklistParser::parseFile(file);
        if (r.ok()) {
            // The revision is free text from the file.
            out() << printableText(file, 400) << ": ok (" << r.checklist->id << " revision "
                  << printableText(r.checklist->revision, 80) << ", " << r.checklist->steps.size()
                  << (r.checklist->steps.size() == 1 ? " step)\n" : " steps)\n");
        } else {
            ++failures;
            err() << formatDiagnostics(r.diagnostics) << "\n";
        }
    }
    out().flush();
    err().flush();
    return failures == 0 ? 0 : 1;
}

int runListIncidents(const QString &dbPath)
{
    TimelineStore store;
    QString error;
    if (!store.openReadOnly(dbPath, &error)) {
        err() << "warroom: " << error << "\n";
        return 1;
    }
    const auto incidents = store.incidents(&error);
    if (!incidents) {
        err() << "warroom: " << error << "\n";
        return 1;
    }
    if (incidents->isEmpty())
        out() << "no incidents in " << dbPath << "\n";
    for (const IncidentSummary &i : *incidents) {
        out() << i.id << "\t" << (i.mode == IncidentMode::Drill ? "DRILL" : "LIVE") << "\t"
              << (i.closed ? "closed" : "open") << "\t" << formatUtc(i.declaredUtcMs) << "\t"
              << i.commander << "\t" << i.title << "\n";
    }
    return 0;
}

int runSim(const CommandLine &cl)
{
    DrillBackend::Scenario scenario;
    if (!cl.scenario.isEmpty()) {
        QFile file(cl.scenario);
        QString error;
        if (!file.open(QIODevice::ReadOnly)) {
            err() << "warroom sim: cannot read " << cl.scenario << ": " << file.errorString()
                  << "\n";
            return 1;
        }
        if (!DrillBackend::readScenario(file.readAll(), &scenario, &error)) {
            err() << "warroom sim: " << cl.scenario << ": " << error << "\n";
            return 1;
        }
    }
    // Local, so it and its sockets are gone before the application object they rely on.
    DrillBackend backend(scenario);
    const QByteArray token = qgetenv("WARROOM_SIM_TOKEN");
    backend.setRequiredToken(token);
    if (backend.listen(cl.port) == 0) {
        err() << "warroom sim: cannot listen on 127.0.0.1:" << cl.port << " (in use?)\n";
        return 1;
    }
    out() << "warroom drill backend on http://127.0.0.1:" << backend.port() << " ("
          << scenario.service << ", deployed " << scenario.badVersion << ", known good "
          << scenario.goodVersion << ")"
          << (token.isEmpty() ? "" : "; side effects need the bearer token in WARROOM_SIM_TOKEN")
          << "; Ctrl+C stops it\n";
    out().flush();
    return QCoreApplication::exec();
}

} // namespace warroom
