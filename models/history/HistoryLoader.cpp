#include "history/HistoryLoader.h"

#include "history/ChecklistHistory.h"
#include "report/PostmortemReport.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"

namespace warroom {

std::optional<HistoryIncident> HistoryData::readIncident(const TimelineStore &store, qint64 id,
                                                         QString *problem)
{
    // The chain is checked on the other core while this one folds the timeline.
    auto snapshot
        = IncidentSnapshot::load(store, id, problem, IncidentSnapshot::Payloads::ParsedAndChecked);
    if (!snapshot)
        return std::nullopt;
    // The report is the one fold of an incident: the same step times and milestones as its
    // postmortem says.
    ExportOptions options;
    options.parts = ExportOptions::Parts::Data; // facts are counted, nothing laid out
    const PostmortemReport report = PostmortemReport::build(
        snapshot->incident, snapshot->checklist, snapshot->events, options, snapshot->chain);
    if (!report.chain.intact) {
        if (problem)
            *problem = report.chain.summary();
        return std::nullopt;
    }
    return HistoryIncident{IncidentFacts::fromReport(report),
                           ChecklistHistory::key(snapshot->incident.checklistId,
                                                 snapshot->incident.checklistRevision,
                                                 snapshot->incident.checklistSha256),
                           std::move(snapshot->checklist)};
}

std::optional<HistoryData> HistoryData::load(const TimelineStore &store, QString *error)
{
    const auto summaries = store.incidents(error);
    if (!summaries)
        return std::nullopt;
    HistoryData data;
    for (const IncidentSummary &summary : *summaries) {
        QString problem;
        auto incident = readIncident(store, summary.id, &problem);
        if (!incident) {
            data.problems << QStringLiteral("incident #%1 left out: %2").arg(summary.id).arg(problem);
            continue;
        }
        data.incidents << incident->facts;
        if (!data.checklists.contains(incident->checklistKey))
            data.checklists.insert(incident->checklistKey, std::move(incident->checklist));
    }
    return data;
}

} // namespace warroom
