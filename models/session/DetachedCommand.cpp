#include "session/DetachedCommand.h"

#include "store/TimelineStore.h"
#include "session/WriteFailure.h"

namespace warroom {

CommandResult DetachedCommand::run(TimelineStore &store, qint64 incidentId, qint64 utcMs,
                                   const Planner &planner, TimelineEvents *written,
                                   ScreenClock *clock)
{
    QString error;
    // Payloads parsed when first read: the chain check below vouches for every stored text.
    std::optional<IncidentSnapshot> stored
        = IncidentSnapshot::load(store, incidentId, &error, IncidentSnapshot::Payloads::OnDemand);
    if (!stored)
        return {CommandResult::Status::StorageFailed, error};
    if (const QString bad = IncidentSnapshot::onDemandProblem(stored->incident, stored->events);
        !bad.isEmpty())
        return {CommandResult::Status::Refused,
                QStringLiteral("The timeline of incident %1 in %2 is damaged (%3); warroom will "
                               "not add to it.")
                    .arg(incidentId)
                    .arg(store.path(), bad)};
    ChecklistEngine engine(std::move(stored->checklist), incidentTextVariables(stored->incident));
    engine.applyAll(stored->events);
    // By the record's mode, as IncidentSession::screenClock reads it: a LIVE incident has none.
    const bool drill = stored->incident.mode == IncidentMode::Drill;
    ScreenClock screens = drill ? ScreenClock::fromEvents(stored->events) : ScreenClock();
    const qint64 lastSeq = stored->events.isEmpty() ? 0 : stored->events.constLast().seq;
    stored->events.clear();
    EnginePlan plan;
    const auto result = store.appendPlanned(
        incidentId, lastSeq, utcMs,
        [&](const TimelineEvents &newer) {
            engine.applyAll(newer);
            plan = planner(engine);
            engine.signWithRoles(plan); // each event says as what its actor acted
            return plan.ok() ? plan.drafts : QList<EventDraft>{};
        },
        &error);
    // A row no build writes among what others wrote meanwhile: refused as at the open, not a
    // write that failed.
    if (!result && TimelineStore::isDamagedMessage(error))
        return {CommandResult::Status::Refused,
                QStringLiteral("%1; warroom will not add to it.").arg(error)};
    if (!result)
        return {CommandResult::Status::StorageFailed,
                writeFailedMessage(store, error)};
    if (written)
        *written = result->written;
    if (clock) {
        if (drill) {
            for (const TimelineEvent &e : result->newer)
                screens.add(e);
            for (const TimelineEvent &e : result->written)
                screens.add(e);
        }
        *clock = screens;
    }
    if (!plan.ok())
        return {plan.needsReason ? CommandResult::Status::NeedsReason
                                 : CommandResult::Status::Refused,
                plan.refusal};
    return {};
}

} // namespace warroom
