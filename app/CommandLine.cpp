#include "CommandLine.h"

#include "CommandOptions.h"
#include "Console.h"
#include "CopyCommand.h"
#include "ImportCommand.h"
#include "NoteCommand.h"
#include "StoreOpening.h"

#include "store/TimelineStore.h"
#include "util/Diagnostic.h"
#include "util/TimeFormat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <limits>
#include <utility>

namespace warroom {

namespace {

// The options QGuiApplication and QApplication take for themselves (see their documentation).
const QStringList &qtOptionsWithValue()
{
    static const QStringList names
        = {QStringLiteral("platform"),        QStringLiteral("platformpluginpath"),
           QStringLiteral("platformtheme"),   QStringLiteral("plugin"),
           QStringLiteral("qwindowgeometry"), QStringLiteral("qwindowicon"),
           QStringLiteral("qwindowtitle"),    QStringLiteral("session"),
           QStringLiteral("display"),         QStringLiteral("geometry"),
           QStringLiteral("style"),           QStringLiteral("stylesheet"),
           QStringLiteral("qmljsdebugger")};
    return names;
}

const QStringList &qtFlags()
{
    static const QStringList names
        = {QStringLiteral("reverse"), QStringLiteral("widgetcount"), QStringLiteral("nograb"),
           QStringLiteral("dograb"), QStringLiteral("sync")};
    return names;
}

QStringList withoutQtOptions(const QStringList &arguments)
{
    const QStringList &withValue = qtOptionsWithValue();
    const QStringList &flags = qtFlags();
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

// The options of every command, declared once so that --help lists them all.
struct Options
{
    QCommandLineOption db{
        QStringLiteral("db"),
        QStringLiteral("Timeline database (default: %1).").arg(TimelineStore::defaultPath()),
        QStringLiteral("path")};
    QCommandLineOption incident{QStringLiteral("incident"),
                                QStringLiteral("Open this incident (see `warroom incidents`)."),
                                QStringLiteral("id")};
    QCommandLineOption checklist{QStringLiteral("checklist"),
                                 QStringLiteral("Offer this checklist file when declaring."),
                                 QStringLiteral("file")};
    QCommandLineOption format{QStringLiteral("format"),
                              QStringLiteral("Export format: md, html, json, csv, pdf or cdevents."),
                              QStringLiteral("format")};
    QCommandLineOption output{QStringList{QStringLiteral("o"), QStringLiteral("output")},
                              QStringLiteral("Export to this file."),
                              QStringLiteral("file")};
    QCommandLineOption from{QStringLiteral("from"),
                            QStringLiteral("Export from this time since declaration "
                                           "(T+H:MM:SS, MM:SS or minutes); copy: the source DB."),
                            QStringLiteral("time")};
    QCommandLineOption to{QStringLiteral("to"),
                          QStringLiteral("Export up to this time since declaration; copy: the "
                                         "target DB."),
                          QStringLiteral("time")};
    QCommandLineOption actor{{QStringLiteral("actor"), QStringLiteral("as")},
                             QStringLiteral("note: who writes it; the window: who signs; "
                                            "--facilitator --scenario: the drill's commander "
                                            "(note and the drill's default: $USER)."),
                             QStringLiteral("name")};
    QCommandLineOption includePrivate{
        QStringLiteral("include-private"),
        QStringLiteral("Keep private notes in the export (then readable by you only).")};
    QCommandLineOption allEvents{QStringLiteral("all-events"),
                                 QStringLiteral("Export: list every job poll and check sample in "
                                                "Markdown, HTML and PDF (folded by default).")};
    QCommandLineOption against{QStringLiteral("against"),
                               QStringLiteral("Verify: compare with the head hash and event "
                                              "count of this earlier JSON export."),
                               QStringLiteral("file")};
    QCommandLineOption port{QStringLiteral("port"),
                            QStringLiteral("sim: the loopback port (default 8787)."),
                            QStringLiteral("port")};
    QCommandLineOption scenario{QStringLiteral("scenario"),
                                QStringLiteral("sim: a drill scenario, or faults (JSON)."),
                                QStringLiteral("file")};
    QCommandLineOption drillSpeed{
        QStringLiteral("drill-speed"),
        QStringLiteral("DRILL incidents only: run actions, checks and ramps this many times "
                       "faster (polls, samples, holds and deadlines divided by it), for a "
                       "tabletop walk-through. 1 to 100; LIVE incidents always run at 1."),
        QStringLiteral("factor")};
    QCommandLineOption wall{QStringLiteral("wall"),
                            QStringLiteral("Show only the wall screen, full screen and read-only, "
                                           "following --incident or the incident open last.")};
    QCommandLineOption screen{QStringLiteral("screen"),
                              QStringLiteral("With --wall: the screen to fill, 1 for the first "
                                             "(the primary)."),
                              QStringLiteral("N")};

    QCommandLineOption facilitator{
        QStringLiteral("facilitator"),
        QStringLiteral("Open the facilitator's window beside the console; with --scenario FILE, "
                       "start that scenario's drill (the people at the console play it).")};

    QCommandLineOption var{QStringLiteral("var"),
                           QStringLiteral("A checklist variable, NAME=VALUE (repeatable): drill, "
                                          "or prefilled in the window's declaration."),
                           QStringLiteral("NAME=VALUE")};
    QCommandLineOption junit{QStringLiteral("junit"),
                             QStringLiteral("drill: write a JUnit XML report here."),
                             QStringLiteral("file")};
    QCommandLineOption json{QStringLiteral("json"),
                            QStringLiteral("drill: write a JSON summary here."),
                            QStringLiteral("file")};
    QCommandLineOption quiet{QStringLiteral("quiet"),
                             QStringLiteral("drill: print only failures and the result.")};

    QList<QCommandLineOption> all() const
    {
        return {db,        incident, checklist, format,   output,     from, to,     includePrivate,
                allEvents, against,  port,      scenario, drillSpeed, wall, screen, var,
                junit,     json,     quiet,     actor,    facilitator};
    }
    void addTo(QCommandLineParser &parser) const { parser.addOptions(all()); }
};

void describeCommands(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Rollback War Room: guides an incident commander through a rollback checklist.\n\n"
        "Commands:\n"
        "  (none)               start the war-room window\n"
        "  validate FILE...     check checklist files; exit status 1 if any has a problem\n"
        "  incidents            list the incidents in the timeline database\n"
        "  export               write a postmortem: --incident ID --output FILE --format\n"
        "                       md|html|json|csv|pdf|cdevents|debrief-md|debrief-html|\n"
        "                       debrief-pdf [--from T] [--to T]\n"
        "                       [--include-private] [--all-events]\n"
        "  verify [FILE.json]   check the tamper-evident chain of --incident ID in the database\n"
        "                       (optionally --against an earlier JSON export), or of an export\n"
        "  import FILE.json     bring an incident exported with --format json (and\n"
        "                       --include-private) back into --db; its chain must verify\n"
        "  history              how long each checklist step really took, from every incident:\n"
        "                       [--checklist ID] [--format text|md|json|csv] [--output FILE]\n"
        "  plan CHECKLIST       the rollback plan sheet (five questions, measured durations):\n"
        "                       [--format md|html|pdf] [--output FILE]\n"
        "  debrief              a facilitated drill's after-action report for its players:\n"
        "                       [--incident ID] [--format md|html|pdf] [-o FILE] (the format\n"
        "                       from FILE's suffix when not given, else md)\n"
        "  sim                  run the drill backend on loopback: [--port N] [--scenario FILE];\n"
        "                       with WARROOM_SIM_TOKEN set, side effects need it as a bearer "
        "token\n"
        "  drill [SCENARIO]     run a drill with no display: SCENARIO.json, or --checklist FILE\n"
        "                       [--var NAME=VALUE]...; [--drill-speed N] [--junit FILE]\n"
        "                       [--json FILE] [--quiet]; exit 0 passed, 1 broke, 2 bad input\n"
        "  copy                 --from DB --to DB [--incident ID]: incidents between SQLite and\n"
        "                       PostgreSQL, either way, the chain verified the same in both\n"
        "  note TEXT            a note in --incident ID (default: the one open) [--actor NAME]\n"
        "\n"
        "Checklist requests read ${env:NAME} from this process's environment when they are sent."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("validate, incidents, export, verify, import, "
                                                "sim, drill, history, plan, copy, note or debrief"),
                                 QStringLiteral("[command]"));
}

// Every usage error ends the same way: the message on standard error and exit status 2.
void usageError(CommandLine &cl, const QString &message)
{
    err() << message << "\n";
    cl.mode = CommandLine::Mode::Exit;
    cl.exitCode = 2;
}

QString notValid(const QString &what, const QString &value)
{
    return QStringLiteral("%1, not '%2'").arg(what, value);
}

// The options every command shares. False after a usage error.
bool parseCommonOptions(const QCommandLineParser &parser, const Options &o, CommandLine &cl)
{
    cl.dbGiven = parser.isSet(o.db);
    cl.dbPath = cl.dbGiven ? parser.value(o.db) : TimelineStore::defaultPath();
    cl.checklists = parser.values(o.checklist);
    if (parser.isSet(o.incident)) {
        bool ok = false;
        cl.incident = parser.value(o.incident).toLongLong(&ok);
        if (!ok || *cl.incident <= 0) {
            usageError(cl, notValid(QStringLiteral("--incident needs a positive number"),
                                    parser.value(o.incident)));
            return false;
        }
    }
    cl.vars = parser.values(o.var);
    if (parser.isSet(o.drillSpeed)) {
        cl.drillSpeedGiven = true;
        bool ok = false;
        cl.drillSpeed = parser.value(o.drillSpeed).toDouble(&ok);
        if (!ok || !(cl.drillSpeed >= 1.0) || cl.drillSpeed > 100.0) {
            usageError(cl, notValid(QStringLiteral("--drill-speed needs a factor from 1 to 100"),
                                    parser.value(o.drillSpeed)));
            return false;
        }
    }
    return true;
}

void parseValidate(const QCommandLineParser &, const Options &, const QStringList &files,
                   CommandLine &cl)
{
    cl.mode = CommandLine::Mode::Validate;
    cl.checklists = files;
    if (files.isEmpty())
        usageError(cl, QStringLiteral("usage: warroom validate FILE..."));
}

void parseIncidents(const QCommandLineParser &, const Options &, const QStringList &,
                    CommandLine &cl)
{
    cl.mode = CommandLine::Mode::ListIncidents;
}

void parseExport(const QCommandLineParser &parser, const Options &o, const QStringList &,
                 CommandLine &cl)
{
    cl.mode = CommandLine::Mode::Export;
    cl.format = parser.value(o.format);
    cl.output = parser.value(o.output);
    // --format debrief-md|debrief-html|debrief-pdf: a drill's debrief (as `warroom debrief`).
    if (cl.format.startsWith(QLatin1String("debrief-"), Qt::CaseInsensitive)) {
        cl.mode = CommandLine::Mode::Debrief;
        return;
    }
    cl.includePrivate = parser.isSet(o.includePrivate);
    cl.allEvents = parser.isSet(o.allEvents);
    // The last problem found is the one reported, as a bad --to says more than a missing --output.
    QString problem;
    if (!cl.incident || cl.format.isEmpty() || cl.output.isEmpty())
        problem = missingExportOptions(cl);
    for (const auto &[option, target] :
         {std::pair{&o.from, &cl.fromMs}, std::pair{&o.to, &cl.toMs}}) {
        if (!parser.isSet(*option))
            continue;
        *target = parseElapsed(parser.value(*option));
        if (!*target)
            problem = notValid(QStringLiteral("--%1 takes a time since declaration such as "
                                              "T+0:10:00, 10:00 or 10 (minutes)")
                                   .arg(option->names().first()),
                               parser.value(*option));
    }
    // A span that ends before it starts exported nothing and said "wrote".
    if (problem.isEmpty() && cl.fromMs && cl.toMs && *cl.fromMs > *cl.toMs)
        problem = QStringLiteral("--from %1 is after --to %2: the span would hold no event")
                      .arg(parser.value(o.from), parser.value(o.to));
    if (!problem.isEmpty())
        usageError(cl, problem);
}

void parseSim(const QCommandLineParser &parser, const Options &o, const QStringList &,
              CommandLine &cl)
{
    cl.mode = CommandLine::Mode::Sim;
    cl.scenario = parser.value(o.scenario);
    if (!parser.isSet(o.port))
        return;
    bool ok = false;
    const uint p = parser.value(o.port).toUInt(&ok);
    if (!ok || p == 0 || p > 65535) {
        usageError(cl, notValid(QStringLiteral("--port needs a number from 1 to 65535"),
                                parser.value(o.port)));
    }
    cl.port = static_cast<quint16>(p);
}

void parseVerify(const QCommandLineParser &parser, const Options &o, const QStringList &files,
                 CommandLine &cl)
{
    cl.mode = CommandLine::Mode::Verify;
    cl.exportFile = files.isEmpty() ? parser.value(o.against) : files.first();
    if (files.isEmpty() && !cl.incident) {
        usageError(cl, QStringLiteral("usage: warroom verify EXPORT.json, or warroom verify "
                                      "--incident ID [--db PATH] [--against EXPORT.json]"));
    }
}

void parseDrill(const QCommandLineParser &parser, const Options &o, const QStringList &files,
                CommandLine &cl)
{
    cl.mode = CommandLine::Mode::Drill;
    cl.scenario = files.isEmpty() ? QString() : files.first();
    cl.junit = parser.value(o.junit);
    cl.json = parser.value(o.json);
    cl.quiet = parser.isSet(o.quiet);
}

void parseHistory(const QCommandLineParser &parser, const Options &o, const QStringList &,
                  CommandLine &cl)
{
    cl.mode = CommandLine::Mode::History;
    cl.format = parser.value(o.format);
    cl.output = parser.value(o.output);
}

void parsePlan(const QCommandLineParser &parser, const Options &o, const QStringList &args,
               CommandLine &cl)
{
    cl.mode = CommandLine::Mode::Plan;
    cl.format = parser.value(o.format);
    cl.output = parser.value(o.output);
    if (args.isEmpty())
        usageError(cl, QStringLiteral("usage: warroom plan CHECKLIST [--db PATH] "
                                      "[--format md|html|pdf] [--output FILE]"));
    else
        cl.planChecklist = args.first();
}

void parseDebrief(const QCommandLineParser &parser, const Options &o, const QStringList &,
                  CommandLine &cl)
{
    cl.mode = CommandLine::Mode::Debrief;
    cl.format = parser.value(o.format);
    cl.output = parser.value(o.output);
}

// --wall [--screen N]. The screen's range is checked once a QApplication can count screens.
bool parseWallOptions(const QCommandLineParser &parser, const Options &o, CommandLine &cl)
{
    cl.wall = parser.isSet(o.wall);
    if (!parser.isSet(o.screen))
        return true;
    bool ok = false;
    cl.screen = parser.value(o.screen).toInt(&ok);
    if (!ok || cl.screen < 1) {
        usageError(cl, notValid(QStringLiteral("--screen needs a screen number from 1"),
                                parser.value(o.screen)));
        return false;
    }
    if (!cl.wall) {
        usageError(cl, QStringLiteral("--screen chooses the wall's screen: use it with --wall"));
        return false;
    }
    return true;
}

// A subcommand: its name, how many arguments may follow it, and the parser of its options.
struct Subcommand
{
    QLatin1String name;
    qsizetype maxArguments;
    void (*parse)(const QCommandLineParser &, const Options &, const QStringList &, CommandLine &);
};

constexpr qsizetype anyNumber = std::numeric_limits<qsizetype>::max();

// A command parsed in its own file, which reads its options by name (CopyCommand, NoteCommand).
template<void (*parse)(const QCommandLineParser &, const QStringList &, CommandLine &)>
void byName(const QCommandLineParser &parser, const Options &, const QStringList &args,
            CommandLine &cl)
{
    parse(parser, args, cl);
}

const Subcommand subcommands[] = {
    {QLatin1String("validate"), anyNumber, parseValidate},
    {QLatin1String("incidents"), 0, parseIncidents},
    {QLatin1String("export"), 0, parseExport},
    {QLatin1String("sim"), 0, parseSim},
    {QLatin1String("verify"), 1, parseVerify},
    {QLatin1String("drill"), 1, parseDrill},
    {QLatin1String("import"), 1,
     [](const QCommandLineParser &, const Options &, const QStringList &files, CommandLine &cl) {
         parseImport(files, cl);
     }},
    {QLatin1String("history"), 0, parseHistory},
    {QLatin1String("plan"), 1, parsePlan},
    {QLatin1String("copy"), 0, byName<parseCopy>},
    {QLatin1String("note"), anyNumber, byName<parseNote>},
    {QLatin1String("debrief"), 0, parseDebrief},
};

} // namespace

CommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    describeCommands(parser);
    const Options options;
    options.addTo(parser);

    CommandLine cl;
    if (!parser.parse(withoutQtOptions(arguments))) {
        usageError(cl, parser.errorText() + QStringLiteral("\nTry 'warroom --help'."));
        return cl;
    }
    // --help-all, which addHelpOption() adds for the options Qt's own, opened the window.
    const bool all = parser.isSet(QStringLiteral("help-all"));
    if (parser.isSet(QStringLiteral("help")) || all) {
        out() << parser.helpText();
        if (all) {
            QStringList names;
            for (const QString &name : qtOptionsWithValue())
                names << QStringLiteral("-%1 VALUE").arg(name);
            for (const QString &name : qtFlags())
                names << u'-' + name;
            QString text = QStringLiteral("\nQt's own options, for the window (e.g. -platform "
                                          "offscreen):\n ");
            qsizetype line = 1;
            for (const QString &name : names) {
                if (line + name.size() + 2 > 78) {
                    text += QStringLiteral("\n ");
                    line = 1;
                }
                text += u' ' + name + (&name == &names.constLast() ? u'\n' : u',');
                line += name.size() + 2;
            }
            out() << text;
        }
        cl.mode = CommandLine::Mode::Exit;
        return cl;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << "warroom " << QStringLiteral(WARROOM_VERSION) << "\n";
        cl.mode = CommandLine::Mode::Exit;
        return cl;
    }
    if (!parseCommonOptions(parser, options, cl) || !parseWallOptions(parser, options, cl))
        return cl;
    cl.facilitator = parser.isSet(options.facilitator);
    // The window's: who signs at this screen; --facilitator --scenario's: the drill's commander.
    cl.actor = parser.value(options.actor);
    if (cl.facilitator)
        cl.scenario = parser.value(options.scenario);
    QStringList positional = parser.positionalArguments();
    const QString command = positional.isEmpty() ? QString() : positional.takeFirst();
    if (!command.isEmpty()) {
        const auto *subcommand
            = std::find_if(std::cbegin(subcommands), std::cend(subcommands),
                           [&](const Subcommand &s) { return command == s.name; });
        if (subcommand == std::cend(subcommands)) {
            usageError(cl,
                       QStringLiteral("unknown command '%1'. Try 'warroom --help'.").arg(command));
            return cl;
        }
        if (positional.size() > subcommand->maxArguments) { // was "unknown command 'export'"
            usageError(
                cl, QStringLiteral("unexpected argument '%1' after 'warroom %2'. Try "
                                   "'warroom --help'.")
                        .arg(printableText(positional.at(subcommand->maxArguments), 80), command));
            return cl;
        }
        subcommand->parse(parser, options, positional, cl);
    }
    if (const QString unread = unreadOption(parser, options.all(), cl, command); !unread.isEmpty())
        usageError(cl, unread);
    return cl;
}

} // namespace warroom
