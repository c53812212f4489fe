#include "drill/WatchedDrillClock.h"

#include "session/IncidentSession.h"
#include "timeline/ScreenClock.h"

namespace warroom {

QString WatchedDrillClock::text(const IncidentSession &session)
{
    // The session's own clock: kept as events come, and none in a LIVE incident.
    return session.screenClock().liveText(session.elapsedMs(), session.closedAtMs());
}

QString WatchedDrillClock::scale(const IncidentSession &session)
{
    return session.screenClock().scaleText(session.clockReadingMs());
}

} // namespace warroom
