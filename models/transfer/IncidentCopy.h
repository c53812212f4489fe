#pragma once

#include "chain/ChainVerifier.h"
#include "timeline/Incident.h"

#include <QList>
#include <QString>

#include <optional>

namespace warroom {

class TimelineStore;

// `warroom copy --from DB --to DB [--incident ID]`: incidents moved between stores (an SQLite
// file and a PostgreSQL server, either way, or two of a kind) exactly as they are: the events are
// written verbatim (TimelineStore::importIncident), so the chain in the target is the chain in
// the source, hash for hash, and both are verified afterwards. The uuid is an incident's
// identity: one the target already has is refused, saying whether its chain there is the same
// (copied before) or a different one, and nothing is written. Every incident is checked before
// the first is written; a chain that does not verify in the source is refused too.
//
// check() reads only the source, so a caller can refuse before it opens (and so makes) a new
// target; write() then needs nothing more from the source.
class IncidentCopy
{
public:
    // One incident as the source holds it, its chain verified there and its fields checked.
    struct Source
    {
        IncidentRecord record;
        TimelineEvents events; // verbatim: payload texts as stored, parsed beside them
        ChainReport chain;
        bool open = false;
        // What an older build wrote under the rules of its day, copied as recorded: one line
        // each, naming the field (IncidentImport::checkFields).
        QStringList recordedAsIs;
    };
    struct [[nodiscard]] Checked
    {
        QList<Source> sources; // the incidents that can be copied, in the order asked for
        QStringList refusals;  // one line for each that cannot, naming it
        bool ok() const { return refusals.isEmpty(); }
    };
    struct Copied
    {
        qint64 sourceId = 0;
        qint64 targetId = 0; // a server takes its next id; a file keeps the source's id if free
        IncidentRecord incident;
        bool open = false;   // events recorded in the source after the copy are not in the target
        ChainReport source;  // the chain read back from each store after the copy
        ChainReport target;
        QStringList recordedAsIs; // Source::recordedAsIs
    };
    struct [[nodiscard]] Result
    {
        QList<Copied> copied;
        QStringList refusals; // why nothing was written (one line each), or why the copy stopped
        bool ok() const { return refusals.isEmpty(); }
    };

    // Reads and checks these incidents of `from`: its chain, and what `warroom import` refuses.
    static Checked check(const TimelineStore &from, const QList<qint64> &ids);
    // Writes checked incidents, all or none: nothing is written when any was refused, or when
    // the target already holds one of them (by uuid).
    static Result write(TimelineStore &to, const Checked &checked);

    // check() then write(). One incident, or every incident of `from` (oldest first) when
    // incidentId is empty.
    static Result run(TimelineStore &from, TimelineStore &to, std::optional<qint64> incidentId);
    // These incidents, in this order, for a caller that has listed `from` already.
    static Result run(TimelineStore &from, TimelineStore &to, const QList<qint64> &ids);
    // The ids of every incident listed, oldest first: the order a copy of all writes them in.
    static QList<qint64> oldestFirst(const QList<IncidentSummary> &incidents);
};

} // namespace warroom
