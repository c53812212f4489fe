#include "session/RoomClock.h"

#include "store/TimelineStore.h"

#include <QDateTime>

#include <cstdlib>

namespace warroom {

Clock systemClock()
{
    return [] {
        return QDateTime::currentMSecsSinceEpoch();
    };
}

Clock RoomClock::of(const TimelineStore &store)
{
    return [&store] {
        return QDateTime::currentMSecsSinceEpoch() + store.serverClockOffsetMs().value_or(0);
    };
}

namespace {

// "3 h 02 min", "4 min 10 s", "25 s": a skew is read once and acted on, not computed with.
QString spanText(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    if (s >= 3600 - 30) {
        const qint64 minutes = (s + 30) / 60; // rounded as a whole: 2:59:40 is 3 h 00 min
        return QStringLiteral("%1 h %2 min")
            .arg(minutes / 60)
            .arg(minutes % 60, 2, 10, QLatin1Char('0'));
    }
    if (s >= 60)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 s").arg(s);
}

} // namespace

QString RoomClock::skewText(std::optional<qint64> offsetMs)
{
    if (!offsetMs || std::llabs(*offsetMs) < noticedSkewMs)
        return {};
    // The server's clock minus ours: a server behind means this screen is ahead.
    const bool ahead = *offsetMs < 0;
    return QStringLiteral("Clock: this machine's is %1 %2 the shared server's, whose time the "
                          "room keeps. If every screen says so, the server's is wrong. Set the "
                          "wrong clock right (NTP).")
        .arg(spanText(std::llabs(*offsetMs)),
             ahead ? QStringLiteral("ahead of") : QStringLiteral("behind"));
}

QString RoomClock::skewText(const TimelineStore &store)
{
    return skewText(store.serverClockOffsetMs());
}

} // namespace warroom
