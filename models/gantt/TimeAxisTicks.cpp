#include "gantt/TimeAxisTicks.h"

#include <algorithm>
#include <limits>

namespace warroom {

namespace {

constexpr qint64 second = 1000;
constexpr qint64 minute = 60 * second;
constexpr qint64 hour = 60 * minute;
constexpr qint64 day = 24 * hour;

// Days go on as 1-2-5 x 10^n; 10^7 days is far past any incident, and bounds the loop.
constexpr qint64 maxDays = 10'000'000;

TimeAxisTicks::Unit unitOf(qint64 interval)
{
    if (interval < minute)
        return TimeAxisTicks::Unit::Seconds;
    if (interval < hour)
        return TimeAxisTicks::Unit::Minutes;
    if (interval < day)
        return TimeAxisTicks::Unit::Hours;
    return TimeAxisTicks::Unit::Days;
}

} // namespace

QList<qint64> TimeAxisTicks::spacingsMs()
{
    QList<qint64> out;
    for (qint64 unit : {second, minute})
        for (qint64 n : {1, 2, 5, 10, 20, 30})
            out << n * unit;
    for (qint64 n : {1, 2, 3, 6, 12})
        out << n * hour;
    for (qint64 decade = 1; decade <= maxDays; decade *= 10)
        for (qint64 n : {1, 2, 5})
            out << n * decade * day;
    return out;
}

TimeAxisTicks TimeAxisTicks::choose(qint64 minMs, qint64 maxMs, int maxIntervals)
{
    static const QList<qint64> spacings = spacingsMs();
    // Wider than a 64-bit difference holds (a forged time at either end) is the widest span.
    qint64 span = 0;
    if (__builtin_sub_overflow(maxMs, minMs, &span))
        span = std::numeric_limits<qint64>::max();
    span = std::max<qint64>(0, span);
    const qint64 intervals = std::max(1, maxIntervals);
    TimeAxisTicks t;
    t.intervalMs = spacings.constLast();
    for (qint64 s : spacings) {
        if (span <= s * intervals) {
            t.intervalMs = s;
            break;
        }
    }
    t.unit = unitOf(t.intervalMs);
    // The first multiple of the spacing at or after minMs (minMs may be negative: floor division).
    qint64 first = minMs / t.intervalMs * t.intervalMs;
    if (first < minMs)
        first += t.intervalMs;
    // Stopped before the step past maxMs, not after it: within a spacing of the largest time a
    // 64-bit integer holds (a forged event's elapsed_ms), the sum wrapped negative and the loop
    // filled memory until the export was killed.
    for (qint64 v = first; v <= maxMs;) {
        t.ticksMs << v;
        if (__builtin_add_overflow(v, t.intervalMs, &v))
            break;
    }
    return t;
}

QString TimeAxisTicks::label(qint64 ms) const
{
    if (ms == 0)
        return QStringLiteral("T+0");
    const QString sign = ms < 0 ? QStringLiteral("T\u2212") : QStringLiteral("T+");
    const qint64 a = qAbs(ms);
    const auto two = [](qint64 v) {
        return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0'));
    };
    // Past a day the day comes first, so a window late in a long incident still reads.
    const QString dayPart = a >= day ? QStringLiteral("%1 d ").arg(a / day) : QString();
    const qint64 inDay = a >= day ? a % day : a;
    switch (unit) {
    case Unit::Seconds:
        // Hours, minutes and seconds, as the timeline writes every T+: "T+0:30" beside its
        // T+00:00:30 read as half an hour (a ×100 drill's 10-second axis).
        return sign + dayPart
               + QStringLiteral("%1:%2:%3")
                     .arg(inDay / hour)
                     .arg(two(inDay % hour / minute), two(inDay % minute / second));
    case Unit::Minutes:
        if (a < hour)
            return sign + QStringLiteral("%1 min").arg(a / minute);
        if (a >= day)
            return sign + dayPart
                   + QStringLiteral("%1:%2").arg(inDay / hour).arg(two(inDay % hour / minute));
        if (a % hour == 0)
            return sign + QStringLiteral("%1 h").arg(a / hour);
        return sign + QStringLiteral("%1 h %2").arg(a / hour).arg(two(a % hour / minute));
    case Unit::Hours:
        if (a % day == 0)
            return sign + QStringLiteral("%1 d").arg(a / day);
        if (a < 2 * day)
            return sign + QStringLiteral("%1 h").arg(a / hour);
        return sign + dayPart + QStringLiteral("%1 h").arg(inDay / hour);
    case Unit::Days:
        return sign + QStringLiteral("%1 d").arg(a / day);
    }
    return {};
}

} // namespace warroom
