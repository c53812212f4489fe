#pragma once

#include "checklist/Checklist.h"
#include "history/IncidentFacts.h"

#include <QHash>
#include <QStringList>

#include <optional>

namespace warroom {

class TimelineStore;

// One incident as history counts it: its facts and the checklist it ran.
struct HistoryIncident
{
    IncidentFacts facts;
    QString checklistKey; // ChecklistHistory::key
    Checklist checklist;  // as kept at declaration
};

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
    // One incident, for load() and HistoryCache alike. Nothing when its timeline does not read
    // or its chain is broken (a step's time rewritten in the file would be counted as measured),
    // and `problem` says why.
    [[nodiscard]] static std::optional<HistoryIncident> readIncident(const TimelineStore &store,
                                                                     qint64 id, QString *problem);
};

} // namespace warroom
