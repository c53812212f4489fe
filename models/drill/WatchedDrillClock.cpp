#include "drill/WatchedDrillClock.h"

#include "session/IncidentSession.h"
#include "timeline/ScreenClock.h"
#include "util/TimeFormat.h"

namespace warroom {

QString WatchedDrillClock::text(const IncidentSession &session)
{
    const ScreenClock clock = ScreenClock::fromEvents(session.events());
    const QString t = clock.shownText(session.elapsedMs());
    return clock.isPaused() ? t + QStringLiteral("  PAUSED") : t;
}

QString WatchedDrillClock::scale(const IncidentSession &session)
{
    return ScreenClock::fromEvents(session.events()).scaleText(session.elapsedMs());
}

} // namespace warroom
