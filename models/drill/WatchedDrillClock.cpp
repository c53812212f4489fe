#include "drill/WatchedDrillClock.h"

#include "session/IncidentSession.h"
#include "timeline/ScreenClock.h"
#include "util/TimeFormat.h"

namespace warroom {

QString WatchedDrillClock::text(const IncidentSession &session)
{
    // The session's own clock: kept as events come, and none in a LIVE incident.
    const ScreenClock &clock = session.screenClock();
    const QString t = clock.shownText(clock.liveAt(session.elapsedMs()));
    return clock.isPaused()   ? t + QStringLiteral("  PAUSED")
           : clock.hasEnded() ? t + QStringLiteral("  ENDED")
                              : t;
}

QString WatchedDrillClock::scale(const IncidentSession &session)
{
    const ScreenClock &clock = session.screenClock();
    return clock.scaleText(clock.liveAt(session.elapsedMs()));
}

} // namespace warroom
