#include "drill/WatchedDrillClock.h"

#include "session/IncidentSession.h"
#include "timeline/ScreenClock.h"
#include "util/TimeFormat.h"

namespace warroom {

QString WatchedDrillClock::text(const IncidentSession &session)
{
    // The session's own clock: kept as events come, and none in a LIVE incident.
    const ScreenClock &clock = session.screenClock();
    const QString t = clock.shownText(session.elapsedMs());
    return clock.isPaused() ? t + QStringLiteral("  PAUSED") : t;
}

QString WatchedDrillClock::scale(const IncidentSession &session)
{
    return session.screenClock().scaleText(session.elapsedMs());
}

} // namespace warroom
