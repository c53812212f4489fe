#pragma once

#include "checklist/Checklist.h"
#include "history/IncidentFacts.h"

#include <QHash>
#include <QStringList>

#include <optional>

namespace warroom {

class TimelineStore;

// Every incident of a database, read once for history: each incident's facts and the
// checklists they ran (as kept at declaration, keyed by ChecklistHistory::key).
struct HistoryData
{
    QList<IncidentFacts> incidents;
    QHash<QString, Checklist> checklists;
    QStringList problems; // incidents that could not be read, in words; they are left out

    // Fails only when the list of incidents cannot be read; one unreadable incident is a problem.
    [[nodiscard]] static std::optional<HistoryData> load(const TimelineStore &store,
                                                         QString *error);
};

} // namespace warroom
