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

    [[nodiscard]] static std::optional<IncidentSnapshot> load(const TimelineStore &store,
                                                              qint64 incidentId, QString *error);
};

} // namespace warroom
