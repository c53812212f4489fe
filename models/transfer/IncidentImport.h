#pragma once

#include "chain/ChainVerifier.h"
#include "report/formats/JsonExport.h"
#include "util/Diagnostic.h"

#include <optional>

namespace warroom {

class TimelineStore;

// `warroom import EXPORT.json`: an incident exported with `--format json` brought back into a
// database, for replay on another machine. The events are written as they were (their seq,
// times, actors, payloads and hashes), so the chain verifies here exactly as it did there: the
// chain hashes the incident's uuid, not its local id. The id is kept when it is free in the
// database and the next one taken when it is not; the uuid stays the incident's identity, and a
// uuid already in the database is refused (importing one export twice makes no second incident).
// Anything wrong is a Diagnostic with the file and the JSON path, and nothing is written.
class IncidentImport
{
public:
    struct [[nodiscard]] Result
    {
        std::optional<qint64> id; // the incident's id in the database; empty when refused
        bool keptId = false;      // the export's own id was free and is the id here too
        IncidentRecord incident;
        ChainReport chain;
        Diagnostics diagnostics;

        bool ok() const { return id.has_value(); }
    };

    // Everything an import refuses that the export itself shows, before a database is touched:
    // the reader's problems, placeholders (a slice or left-out private notes), control characters
    // in one-line fields, times out of range or running backwards, a checklist that does not
    // match its hash or does not parse, and a chain that does not verify.
    // `chain`, if given, receives the chain's report when the checks got that far.
    static Diagnostics check(const IncidentExport &x, const QString &fileName,
                             ChainReport *chain = nullptr);
    // The same checks of the record and the events, without the chain (and with no placeholders
    // to find): for `warroom copy`, which reads an incident from a store and verifies its chain
    // itself. A store's chain is no better warrant than an export's: a process with the
    // database's rights appends events with their hashes right. But a store may hold what an
    // older build wrote under the rules of its day (a control character in a variable's value,
    // a line separator in a title or a name, a clock that once ran fast), which the app opens and
    // shows: that is copied as recorded and listed in recordedAsIs, and only what no build
    // writes is refused. `events` must have their payloads (parsed, or EventPayload::fromText of
    // their stored text).
    struct FieldChecks
    {
        Diagnostics refusals;
        Diagnostics recordedAsIs;
    };
    static FieldChecks checkFields(const IncidentRecord &incident, const TimelineEvents &events,
                                   const QString &source);

    // An export read and checked, not yet written: a command checks the file before it opens
    // (and maybe creates) the database, so a broken file leaves no new database behind.
    struct Checked
    {
        IncidentExport x;
        QString fileName;
        ChainReport chain;
        Diagnostics diagnostics;
    };
    static Checked read(const QByteArray &data, const QString &fileName);
    // Writes (TimelineStore::importIncident, one transaction) what read() found nothing wrong in.
    static Result write(TimelineStore &store, const Checked &checked);
    // read() and write().
    static Result run(TimelineStore &store, const QByteArray &data, const QString &fileName);
};

} // namespace warroom
