#pragma once

#include <QList>

#include <optional>

namespace warroom {

// One measured duration and the incident it was measured in, so every figure can name its
// incidents.
struct DurationSample
{
    qint64 incidentId = 0;
    qint64 declaredUtcMs = 0; // orders the samples: "last" and "trend" follow the declarations
    qint64 ms = 0;
};

// What a list of measured durations says. Conventions, chosen to be explainable in one line:
// the median of an even count is the mean of the two middle values (rounded down to the ms);
// p90 is the nearest rank, the ceil(0.9 n)-th smallest value (so with fewer than 10 samples it
// is the maximum); trend is the median of the later half minus the median of the earlier half
// (by declaration time; the middle sample of an odd count belongs to neither), only from 4
// samples up, as fewer say nothing.
struct DurationStats
{
    int n = 0;
    qint64 medianMs = 0;
    qint64 p90Ms = 0;
    qint64 minMs = 0;
    qint64 maxMs = 0;
    qint64 lastMs = 0; // the sample of the incident declared last
    std::optional<qint64> trendMs;
    QList<DurationSample> samples; // ordered by declaration, then incident id

    bool isEmpty() const { return n == 0; }
    QList<qint64> incidentIds() const;

    static DurationStats compute(QList<DurationSample> samples);
    // The median of values in any order; 0 for none.
    static qint64 median(QList<qint64> values);
    static qint64 nearestRank(QList<qint64> values, double fraction);
};

} // namespace warroom
