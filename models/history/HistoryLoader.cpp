#include "history/HistoryLoader.h"

#include "history/ChecklistHistory.h"
#include "report/PostmortemReport.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"

namespace warroom {

std::optional<HistoryData> HistoryData::load(const TimelineStore &store, QString *error)
{
    const auto summaries = store.incidents(error);
    if (!summaries)
        return std::nullopt;
    HistoryData data;
    for (const IncidentSummary &summary : *summaries) {
        QString problem;
        const auto snapshot = IncidentSnapshot::load(store, summary.id, &problem);
        if (!snapshot) {
            data.problems << QStringLiteral("incident #%1 left out: %2").arg(summary.id).arg(problem);
            continue;
        }
        // The report is the one fold of an incident: the same step times and milestones as its
        // postmortem says.
        ExportOptions options;
        options.parts = ExportOptions::Parts::Data; // facts are counted, nothing laid out
        const PostmortemReport report = PostmortemReport::build(
            snapshot->incident, snapshot->checklist, snapshot->events, options);
        data.incidents << IncidentFacts::fromReport(report);
        const QString key = ChecklistHistory::key(snapshot->incident.checklistId,
                                                  snapshot->incident.checklistRevision);
        if (!data.checklists.contains(key))
            data.checklists.insert(key, snapshot->checklist);
    }
    return data;
}

} // namespace warroom
