#pragma once

#include <QStringList>

class QCommandLineParser;

namespace warroom {

struct CommandLine;

// `warroom note --db DB [--incident ID] [--actor NAME] TEXT`: a scribe's note from a terminal, a
// script or a bot, on a file or a shared server (DetachedCommand in the core writes it). TEXT `-`
// reads the note from standard input.
void parseNote(const QCommandLineParser &parser, const QStringList &args, CommandLine &cl);
int runNote(const CommandLine &cl);
// Who runs this process: $USER, else the account's name. A note's writer, and a facilitated
// drill's commander, when no --actor says who.
QString loginName();

} // namespace warroom
