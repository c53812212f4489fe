#pragma once

// The incident many suites start from: a checklist with every variable at its default, declared
// in a store on the system clock (the dialog, Gantt and item-model suites each wrote it out).

#include "engine/ChecklistEngine.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"

#include <memory>
#include <optional>

namespace warroom::test {

// The declaration of `checklist` as `mode`, titled and commanded as given, every variable at its
// default: for a suite that changes a variable or two before declaring.
inline IncidentDeclaration declarationWithDefaults(const Checklist &checklist, const QString &title,
                                                   const QString &commander, IncidentMode mode)
{
    IncidentDeclaration d;
    d.title = title;
    d.commander = commander;
    d.mode = mode;
    for (const ChecklistVariable &v : checklist.variables)
        d.variables.insert(v.name, v.defaultValue);
    return d;
}

// Declares `checklist` in `store` as `mode` (a DRILL unless told), titled and commanded as given,
// on `clock` (the system's unless a suite scripts the time); null with the reason in `error` when
// the session refuses it.
inline std::unique_ptr<IncidentSession>
declareWithDefaults(TimelineStore &store, const Checklist &checklist, const QString &title,
                    const QString &commander, QString *error,
                    IncidentMode mode = IncidentMode::Drill, const Clock &clock = systemClock())
{
    return IncidentSession::declare(
        store, checklist, declarationWithDefaults(checklist, title, commander, mode), clock, error);
}

// Stores `declaration` as an older build, or a tool bringing an incident from elsewhere, could
// have: without IncidentSession::declare's checks. How a suite reaches a title or a name that
// declare() now refuses (an override, a line break), which every display must still show
// safely. The incident's id, or nothing with the reason in `error`.
inline std::optional<qint64> storeUnchecked(TimelineStore &store, const Checklist &checklist,
                                            const IncidentDeclaration &declaration, qint64 utcMs,
                                            QString *error)
{
    const IncidentRecord record = IncidentSession::declaredRecord(checklist, declaration, utcMs);
    return store.createIncident(record, ChecklistEngine::declarationDraft(record), error);
}

} // namespace warroom::test
