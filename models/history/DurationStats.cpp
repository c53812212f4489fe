#include "history/DurationStats.h"

#include <algorithm>
#include <cmath>

namespace warroom {

QList<qint64> DurationStats::incidentIds() const
{
    QList<qint64> ids;
    for (const DurationSample &s : samples)
        ids << s.incidentId;
    return ids;
}

qint64 DurationStats::median(QList<qint64> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    if (n % 2 == 1)
        return values.at(n / 2);
    return (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

qint64 DurationStats::nearestRank(QList<qint64> values, double fraction)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<qsizetype>(std::ceil(fraction * static_cast<double>(values.size())));
    return values.at(std::clamp<qsizetype>(rank, 1, values.size()) - 1);
}

DurationStats DurationStats::compute(QList<DurationSample> samples)
{
    std::stable_sort(samples.begin(), samples.end(),
                     [](const DurationSample &a, const DurationSample &b) {
                         return a.declaredUtcMs != b.declaredUtcMs
                                    ? a.declaredUtcMs < b.declaredUtcMs
                                    : a.incidentId < b.incidentId;
                     });
    DurationStats s;
    s.samples = samples;
    s.n = static_cast<int>(samples.size());
    if (samples.isEmpty())
        return s;
    QList<qint64> values;
    for (const DurationSample &d : samples)
        values << d.ms;
    s.medianMs = median(values);
    s.p90Ms = nearestRank(values, 0.9);
    s.minMs = *std::min_element(values.cbegin(), values.cend());
    s.maxMs = *std::max_element(values.cbegin(), values.cend());
    s.lastMs = values.constLast();
    if (s.n >= 4) {
        const qsizetype half = values.size() / 2;
        s.trendMs = median(values.mid(values.size() - half)) - median(values.first(half));
    }
    return s;
}

} // namespace warroom
