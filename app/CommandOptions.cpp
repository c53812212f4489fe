#include "CommandOptions.h"

#include "util/Diagnostic.h"
#include "util/ListWords.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace warroom {

namespace {

// The options each kind of command reads (their longest names), as its run reads `CommandLine`.
QStringList readBy(CommandLine::Mode mode, bool wall, bool facilitator)
{
    using Mode = CommandLine::Mode;
    switch (mode) {
    case Mode::Gui:
        if (wall)
            return {QStringLiteral("db"), QStringLiteral("incident"), QStringLiteral("wall"),
                    QStringLiteral("screen")};
        if (facilitator)
            return {QStringLiteral("db"),        QStringLiteral("incident"),
                    QStringLiteral("checklist"), QStringLiteral("drill-speed"),
                    QStringLiteral("var"),       QStringLiteral("facilitator"),
                    QStringLiteral("scenario"),  QStringLiteral("actor")};
        return {QStringLiteral("db"),        QStringLiteral("incident"),
                QStringLiteral("checklist"), QStringLiteral("drill-speed"),
                QStringLiteral("var"),       QStringLiteral("actor")};
    case Mode::ListIncidents:
    case Mode::Import:
        return {QStringLiteral("db")};
    case Mode::Export:
        return {QStringLiteral("db"),
                QStringLiteral("incident"),
                QStringLiteral("format"),
                QStringLiteral("output"),
                QStringLiteral("from"),
                QStringLiteral("to"),
                QStringLiteral("include-private"),
                QStringLiteral("all-events")};
    case Mode::Debrief:
        return {QStringLiteral("db"), QStringLiteral("incident"), QStringLiteral("format"),
                QStringLiteral("output")};
    case Mode::Verify:
        return {QStringLiteral("db"), QStringLiteral("incident"), QStringLiteral("against")};
    case Mode::Sim:
        return {QStringLiteral("port"), QStringLiteral("scenario")};
    case Mode::Drill:
        return {QStringLiteral("db"),          QStringLiteral("checklist"), QStringLiteral("var"),
                QStringLiteral("drill-speed"), QStringLiteral("junit"),     QStringLiteral("json"),
                QStringLiteral("quiet")};
    case Mode::History:
        return {QStringLiteral("db"), QStringLiteral("checklist"), QStringLiteral("format"),
                QStringLiteral("output")};
    case Mode::Plan:
        return {QStringLiteral("db"), QStringLiteral("format"), QStringLiteral("output")};
    case Mode::Copy:
        return {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("incident")};
    case Mode::Note:
        return {QStringLiteral("db"), QStringLiteral("incident"), QStringLiteral("actor")};
    case Mode::Validate:
    case Mode::Exit:
        break;
    }
    return {};
}

QString longestName(const QCommandLineOption &option)
{
    QString name;
    for (const QString &n : option.names()) {
        if (n.size() > name.size())
            name = n;
    }
    return name;
}

// The commands that read `option`, in the order --help lists them; `postmortem`: export is
// named as the postmortem's (the command refused is a debrief through export).
QStringList readersOf(const QString &option, bool postmortem)
{
    using Mode = CommandLine::Mode;
    static const std::pair<const char *, Mode> commands[]
        = {{"export", Mode::Export},   {"verify", Mode::Verify},
           {"import", Mode::Import},   {"incidents", Mode::ListIncidents},
           {"sim", Mode::Sim},         {"drill", Mode::Drill},
           {"history", Mode::History}, {"plan", Mode::Plan},
           {"debrief", Mode::Debrief}, {"copy", Mode::Copy},
           {"note", Mode::Note}};
    QStringList who;
    for (const auto &[name, mode] : commands) {
        if (readBy(mode, false, false).contains(option))
            who << (postmortem && mode == Mode::Export ? QStringLiteral("a postmortem's export")
                                                       : QString::fromLatin1(name));
    }
    if (readBy(Mode::Gui, false, false).contains(option))
        who << QStringLiteral("the window");
    else if (readBy(Mode::Gui, false, true).contains(option))
        who << QStringLiteral("the window with --facilitator");
    else if (readBy(Mode::Gui, true, false).contains(option))
        who << QStringLiteral("the wall screen");
    return who;
}

// " (drill and the window read it)", " (note reads it)"; an option most commands read (--db) is
// not worth a list.
QString spoken(const QStringList &who)
{
    if (who.isEmpty())
        return {};
    if (who.size() > 4)
        return QStringLiteral(" (most other commands read it)");
    const QString verb = who.size() > 1 ? QStringLiteral(" read it") : QStringLiteral(" reads it");
    return QStringLiteral(" (%1%2)").arg(joinAsList(who), verb);
}

} // namespace

QString unreadOption(const QCommandLineParser &parser, const QList<QCommandLineOption> &options,
                     const CommandLine &cl, const QString &command)
{
    if (cl.mode == CommandLine::Mode::Exit)
        return {};
    QStringList read = readBy(cl.mode, cl.wall, cl.facilitator);
    if (cl.mode == CommandLine::Mode::Verify) {
        // `verify FILE.json` checks the export on its own: the database is read only for
        // --incident, and a second export given with --against was dropped without a word.
        if (!cl.incident)
            read.removeAll(QStringLiteral("db"));
        if (parser.positionalArguments().size() > 1)
            read.removeAll(QStringLiteral("against"));
    }
    for (const QCommandLineOption &option : options) {
        const QString name = longestName(option);
        if (!parser.isSet(option) || read.contains(name))
            continue;
        if (cl.mode == CommandLine::Mode::Verify && name == QLatin1String("against"))
            return QStringLiteral("warroom verify takes one export, as its argument or with "
                                  "--against, not both; nothing was done.");
        if (cl.mode == CommandLine::Mode::Verify && name == QLatin1String("db"))
            return QStringLiteral("warroom verify EXPORT.json checks the export on its own: it "
                                  "reads --db only with --incident ID, to compare the two; "
                                  "nothing was done.");
        if (cl.mode == CommandLine::Mode::Drill && name == QLatin1String("scenario"))
            return QStringLiteral("warroom drill takes its scenario as its argument: warroom "
                                  "drill %1 (--scenario is sim's and the facilitator window's); "
                                  "nothing was done.")
                .arg(printableText(parser.value(option), 200));
        QString what;
        const bool debriefByExport
            = cl.mode == CommandLine::Mode::Debrief && command == QLatin1String("export");
        if (command.isEmpty())
            what = cl.wall ? QStringLiteral("the wall (warroom --wall)")
                           : QStringLiteral("the window (warroom with no command)");
        else if (debriefByExport)
            what = QStringLiteral("warroom export --format %1").arg(printableText(cl.format, 40));
        else
            what = QStringLiteral("warroom ") + command;
        return QStringLiteral("%1 takes no --%2%3; nothing was done. Try 'warroom --help'.")
            .arg(what, name, spoken(readersOf(name, debriefByExport)));
    }
    return {};
}

QString missingExportOptions(const CommandLine &cl)
{
    QStringList missing;
    if (!cl.incident)
        missing << QStringLiteral("--incident ID (warroom incidents lists them)");
    if (cl.format.isEmpty())
        missing << QStringLiteral("--format");
    if (cl.output.isEmpty())
        missing << QStringLiteral("--output FILE");
    return QStringLiteral("warroom export needs %1\nusage: warroom export --incident ID --format "
                          "md|html|json|csv|pdf|cdevents|debrief-md|debrief-html|debrief-pdf "
                          "--output FILE [--db PATH]")
        .arg(missing.join(QStringLiteral(", ")));
}

} // namespace warroom
