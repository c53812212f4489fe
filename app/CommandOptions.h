#pragma once

#include "CommandLine.h"

#include <QList>
#include <QString>

class QCommandLineOption;
class QCommandLineParser;

namespace warroom {

// Which of the command line's options the parsed command reads. One it does not read was taken
// without a word (`export --drill-speed 5`, `incidents --incident 2`, `--wall --checklist F`),
// and a user believed it had done something.
// The refusal names the option, the command, and the commands that do read it; empty when every
// option given is one the command reads. `command` is the subcommand as typed (empty: the window).
QString unreadOption(const QCommandLineParser &parser, const QList<QCommandLineOption> &options,
                     const CommandLine &cl, const QString &command);

// `warroom export` without one of the options it needs: which ones, then its usage. It printed
// the usage alone, and a user who had given two of three looked for the one that was wrong.
QString missingExportOptions(const CommandLine &cl);

} // namespace warroom
