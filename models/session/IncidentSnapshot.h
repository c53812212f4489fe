#pragma once

#include "chain/ChainVerifier.h"
#include "checklist/Checklist.h"
#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

#include <future>
#include <optional>

namespace warroom {

class TimelineStore;

// An incident as stored: its record, the checklist it ran and its whole timeline. The one loader
// of an incident: the session reopens from it, exports and the command line read it.
struct IncidentSnapshot
{
    IncidentRecord incident;
    Checklist checklist; // parsed from the copy kept at declaration, not the file on disk
    TimelineEvents events;
    // Loaded with Payloads::ParsedAndChecked: the chain of the events as read, being checked on
    // a thread of its own from the read on (get() waits for it).
    std::shared_future<ChainReport> chain;

    // Parsed: every payload parsed as it is read, and a read fails on a gap in the sequence or a
    // payload that is not JSON (exports, the command line). OnDemand: payloads parsed when first
    // read, and neither checked while reading; only for a caller that verifies the chain before
    // it trusts the events (IncidentSession::open), since a gap or any text other than the one
    // written breaks the chain. It halves the memory of a long incident's events.
    // ParsedAndChecked: as Parsed, and the chain checked on a second core from when the rows are
    // read: beside the payloads' parse, which left that core idle, and then beside what the
    // caller does with them (an export's report, which need not check it again).
    enum class Payloads { Parsed, OnDemand, ParsedAndChecked };
    [[nodiscard]] static std::optional<IncidentSnapshot>
    load(const TimelineStore &store, qint64 incidentId, QString *error,
         Payloads payloads = Payloads::Parsed);
    // For a reader following an incident (the wall, a window): whether the events read after
    // `held` carry its chain on (ChainVerifier::continuationProblem): the chain's summary if
    // not, else empty.
    static QString followProblem(const IncidentRecord &incident, const TimelineEvents &held,
                                 const TimelineEvents &newer);
    // For events read with payloads on demand: what keeps them from being shown and added to,
    // the chain's summary when it is broken, else the first payload text that is not a JSON
    // object (EventRowRules::firstPayloadProblem); empty when neither. The chain vouches for
    // the texts, but an unkeyed hash is computed by whoever may append: a forged "hello" read
    // as an empty payload.
    static QString onDemandProblem(const IncidentRecord &incident, const TimelineEvents &events);
};

} // namespace warroom
