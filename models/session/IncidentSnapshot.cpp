#include "session/IncidentSnapshot.h"

#include "chain/HashAhead.h"
#include "checklist/ChecklistParser.h"
#include "store/TimelineStore.h"
#include "timeline/EventRowRules.h"

#include <system_error>

namespace warroom {

namespace {

// The chain of `events` checked on one core (the caller keeps the other busy), on a thread of its
// own that keeps a copy of the list (sharing the events, which it only reads), whatever their
// number: a short timeline's check was hidden behind the report's fold before, and must not now
// come before the parse. Here and now only on a machine that cannot start a thread.
// The events HashAhead checked as they were read are not hashed again.
std::shared_future<ChainReport> checkedBeside(const IncidentRecord &incident,
                                              const TimelineEvents &events,
                                              const std::shared_ptr<HashAhead> &ahead)
{
    const auto check = [incident, events, ahead] {
        return ChainVerifier::verifyOnOneCore(incident, events, ahead->finish());
    };
    try {
        return std::async(std::launch::async, check).share();
    } catch (const std::system_error &) {
    }
    std::promise<ChainReport> done;
    done.set_value(check());
    return done.get_future().share();
}

} // namespace

std::optional<IncidentSnapshot> IncidentSnapshot::load(const TimelineStore &store,
                                                       qint64 incidentId, QString *error,
                                                       Payloads payloads)
{
    const auto record = store.incident(incidentId, error);
    if (!record)
        return std::nullopt;
    // The copy kept at declaration is what ran; the file on disk may have changed since.
    ChecklistParseResult parsed = ChecklistParser::parse(
        record->checklistSource, QStringLiteral("checklist of incident %1").arg(incidentId),
        ChecklistParser::Origin::Recorded);
    if (!parsed.ok()) {
        // A checklist emptied or cut short after the declaration read as a parse error alone
        // ("the file is empty"), as if warroom had written it so: the damage is said first.
        if (error) {
            const QString changed = ChainVerifier::checklistMismatch(*record);
            *error = changed.isEmpty()
                         ? formatDiagnostics(parsed.diagnostics)
                         : QStringLiteral("the timeline of incident %1 is damaged (chain BROKEN: "
                                          "%2), and that checklist cannot be read: %3")
                               .arg(QString::number(incidentId), changed,
                                    formatDiagnostics(parsed.diagnostics));
        }
        return std::nullopt;
    }
    std::shared_future<ChainReport> chain;
    TimelineStore::BeforeParse checkChain;
    TimelineStore::RowsRead hashAhead;
    if (payloads == Payloads::ParsedAndChecked) {
        // The hashes checked from the first rows on, on the core the file's integrity check
        // leaves idle while the rows are read; the rest and the links beside the parse.
        auto ahead = std::make_shared<HashAhead>(record->uuid);
        hashAhead.read = [ahead](const TimelineEvent *rows, qsizetype complete) {
            ahead->publish(rows, complete);
        };
        hashAhead.moving = [ahead] {
            ahead->stop();
        };
        checkChain = [&chain, &recorded = *record, ahead](const TimelineEvents &read) {
            chain = checkedBeside(recorded, read, ahead);
        };
    }
    auto events = payloads == Payloads::OnDemand
                      ? store.chainEvents(incidentId, error)
                      : store.events(incidentId, 0, error, checkChain, hashAhead);
    if (!events)
        return std::nullopt;
    if (payloads == Payloads::OnDemand) {
        for (TimelineEvent &e : *events) {
            // The chain's read leaves the rows unchecked (verify reads them as stored); what is
            // shown and exported from them is drawn, summed and printed. A payload is parsed
            // when first read: the chain check vouches for its text, and a text that is not a
            // JSON object is refused beside it (EventRowRules::firstPayloadProblem).
            if (const QString bad = EventRowRules::problem(e); !bad.isEmpty()) {
                if (error)
                    *error = TimelineStore::damagedMessage(incidentId, store.path(), bad);
                return std::nullopt;
            }
            e.payload = EventPayload::fromText(e.payloadText); // shares the bytes
        }
    }
    return IncidentSnapshot{*record, *parsed.checklist, std::move(*events), std::move(chain)};
}

QString IncidentSnapshot::followProblem(const IncidentRecord &incident, const TimelineEvents &held,
                                        const TimelineEvents &newer)
{
    return ChainVerifier::continuationProblem(incident,
                                              held.isEmpty() ? nullptr : &held.constLast(), newer);
}

QString IncidentSnapshot::onDemandProblem(const IncidentRecord &incident,
                                          const TimelineEvents &events)
{
    const ChainReport chain = ChainVerifier::verify(incident, events);
    if (!chain.intact)
        return chain.summary();
    return EventRowRules::firstPayloadProblem(events);
}

} // namespace warroom
