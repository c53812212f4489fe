#pragma once

#include "session/IncidentSession.h"

#include <functional>

namespace warroom {

// One command from a process that does not keep the incident open: `warroom note` from a script
// or a bot, on an SQLite file or a shared server. As IncidentSession::execute, the command is
// planned inside the store's write transaction against everything any screen has committed, so
// it is refused (the incident closed meanwhile) rather than written against an old state; unlike
// opening a session, nothing else is written: no resumption, no run closed as interrupted (the
// incident's screens are still working it). A timeline whose chain does not verify is not added to.
class DetachedCommand
{
public:
    // Plans the command on the engine as it stands after every committed event.
    using Planner = std::function<EnginePlan(const ChecklistEngine &engine)>;

    // `written` (if given) receives the events the command wrote; `clock` (if given) the clock
    // the incident's screens show, those events included, so that a script is told the T+ the
    // room reads (a drill's, stopped at its end), not only the real one.
    [[nodiscard]] static CommandResult run(TimelineStore &store, qint64 incidentId, qint64 utcMs,
                                           const Planner &plan, TimelineEvents *written = nullptr,
                                           ScreenClock *clock = nullptr);
};

} // namespace warroom
