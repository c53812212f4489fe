#pragma once

#include <QList>
#include <QString>

namespace warroom {

// Where the Gantt chart's time axis puts its ticks, for any span from seconds to months: the
// spacing is the smallest "nice" one (1, 2, 5, 10, 20, 30 s; 1, 2, 5, 10, 20, 30 min; 1, 2, 3, 6,
// 12 h; 1, 2, 5 x 10^n days) that keeps the number of intervals at or under `maxIntervals`.
// Neighbouring spacings differ by at most 2.5x, so a span always gets between maxIntervals / 2.5
// and maxIntervals intervals: the axis never lays out thousands of labels (an incident declared
// days ago had ~2,000 with the old table, which stopped at 240 minutes).
struct TimeAxisTicks
{
    enum class Unit { Seconds, Minutes, Hours, Days };

    qint64 intervalMs = 1000;
    Unit unit = Unit::Seconds;
    QList<qint64> ticksMs; // the ticks inside [minMs, maxMs], multiples of intervalMs

    static TimeAxisTicks choose(qint64 minMs, qint64 maxMs, int maxIntervals);
    // "T+0", "T+1:30" (seconds), "T+20 min", "T+1 h 30", "T+6 h", "T+2 d 12 h", "T+10 d"; past a
    // day, finer spacings lead with the day: "T+29 d 3:10".
    QString label(qint64 ms) const;
    // The candidate spacings in ascending order, for tests and documentation.
    static QList<qint64> spacingsMs();
};

} // namespace warroom
