#include "session/IncidentSnapshot.h"

#include "checklist/ChecklistParser.h"
#include "store/TimelineStore.h"

namespace warroom {

std::optional<IncidentSnapshot> IncidentSnapshot::load(const TimelineStore &store,
                                                       qint64 incidentId, QString *error,
                                                       Payloads payloads)
{
    const auto record = store.incident(incidentId, error);
    if (!record)
        return std::nullopt;
    // The copy kept at declaration is what ran; the file on disk may have changed since.
    ChecklistParseResult parsed = ChecklistParser::parse(
        record->checklistSource, QStringLiteral("checklist of incident %1").arg(incidentId));
    if (!parsed.ok()) {
        if (error)
            *error = formatDiagnostics(parsed.diagnostics);
        return std::nullopt;
    }
    auto events = payloads == Payloads::Parsed ? store.events(incidentId, 0, error)
                                               : store.chainEvents(incidentId, error);
    if (!events)
        return std::nullopt;
    if (payloads == Payloads::OnDemand) {
        for (TimelineEvent &e : *events)
            e.payload = EventPayload::fromText(e.payloadText); // shares the bytes
    }
    return IncidentSnapshot{*record, *parsed.checklist, std::move(*events)};
}

} // namespace warroom
