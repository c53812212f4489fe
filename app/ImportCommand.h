#pragma once

#include <QStringList>

namespace warroom {

struct CommandLine;

// `warroom import EXPORT.json [--db PATH]`: an incident exported with --format json brought back
// into a database (IncidentImport in the core does the work; this is the wiring).
void parseImport(const QStringList &files, CommandLine &cl);
int runImport(const CommandLine &cl);

} // namespace warroom
