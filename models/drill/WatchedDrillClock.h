#pragma once

#include <QString>

namespace warroom {

class IncidentSession;

// The drill clock of a drill this window does not run (a second facilitator's window on the
// same database), read from the timeline's clock facts as the console and the wall read it
// (ScreenClock), so the watching window shows the room's T+, not a clock of its own at zero.
class WatchedDrillClock
{
public:
    // The room's clock in the words of every screen (ScreenClock::liveText): "T+00:10:55",
    // "…  PAUSED", or "…  ENDED" stopped at the drill's end; no word once the room closed it.
    static QString text(const IncidentSession &session);
    // "×50 drill clock · real 00:00:13", or empty.
    static QString scale(const IncidentSession &session);
};

} // namespace warroom
