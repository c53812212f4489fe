#pragma once

#include <QStringList>

class QCommandLineParser;

namespace warroom {

struct CommandLine;

// `warroom copy --from DB --to DB [--incident ID]`: incidents moved between an SQLite file and a
// PostgreSQL server, either way, chain for chain (IncidentCopy in the core does the work).
void parseCopy(const QCommandLineParser &parser, const QStringList &args, CommandLine &cl);
int runCopy(const CommandLine &cl);

} // namespace warroom
