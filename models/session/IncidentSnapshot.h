#pragma once

#include "checklist/Checklist.h"
#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

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

    // Parsed: every payload parsed as it is read, and a read fails on a gap in the sequence or a
    // payload that is not JSON (exports, the command line). OnDemand: payloads parsed when first
    // read, and neither checked while reading; only for a caller that verifies the chain before
    // it trusts the events (IncidentSession::open), since a gap or any text other than the one
    // written breaks the chain. It halves the memory of a long incident's events.
    enum class Payloads { Parsed, OnDemand };
    [[nodiscard]] static std::optional<IncidentSnapshot>
    load(const TimelineStore &store, qint64 incidentId, QString *error,
         Payloads payloads = Payloads::Parsed);
};

} // namespace warroom
