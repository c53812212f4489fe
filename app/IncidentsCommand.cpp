#include "IncidentsCommand.h"

#include "Console.h"
#include "StoreOpening.h"
#include "store/TimelineStore.h"
#include "util/Diagnostic.h"
#include "util/TimeFormat.h"

#include <QStringList>

#include <unistd.h>

namespace warroom {

int runListIncidents(const QString &dbPath)
{
    TimelineStore store;
    if (!openStoreToRead(store, dbPath))
        return 1;
    QString error;
    const auto incidents = store.incidents(&error);
    if (!incidents) {
        err() << "warroom: " << error << "\n";
        return 1;
    }
    if (incidents->isEmpty())
        out() << "no incidents in " << dbPath << "\n";
    // Read at a terminal, the columns are named (a person took the mode for a state and the date
    // for a local time); piped into a script, the rows stay rows, one per incident.
    else if (isatty(STDOUT_FILENO))
        out() << "ID\tMODE\tSTATE\tDECLARED (UTC)\tIN COMMAND\tTITLE\n";
    // The list reads the records without checking their chain (`verify` does): a title edited in
    // the file to hold a terminal escape or a line break cleared the screen or forged a row.
    // A time the file does not hold as a number is not listed as the one it reads as (1970).
    int status = 0;
    for (const IncidentSummary &i : *incidents) {
        out() << i.id << "\t" << (i.mode == IncidentMode::Drill ? "DRILL" : "LIVE") << "\t"
              << (i.closed ? "closed" : "open") << "\t"
              << (i.declaredDamage.isEmpty() ? formatUtc(i.declaredUtcMs)
                                             : QStringLiteral("damaged"))
              << "\t" << printableText(i.commander, 400) << "\t" << printableText(i.title, 400)
              << "\n";
        // Without events the last activity is the declaration: its damage is said once.
        QStringList said;
        for (const QString &damage : {i.declaredDamage, i.lastEventDamage}) {
            if (!damage.isEmpty() && !said.contains(damage)) {
                said << damage;
                err() << "warroom: " << damage << " in " << dbPath << "\n";
                status = 1;
            }
        }
    }
    return status;
}

} // namespace warroom
