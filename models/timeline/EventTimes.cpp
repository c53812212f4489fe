#include "timeline/EventTimes.h"

namespace warroom {

QString EventTimes::problem(const TimelineEvent &e)
{
    if (e.utcMs < 0 || e.utcMs > latestUtcMs)
        return QStringLiteral("event %1 is stamped at utc_ms %2, out of range (0 to %3): a "
                              "damaged or forged row")
            .arg(e.seq)
            .arg(e.utcMs)
            .arg(latestUtcMs);
    if (e.elapsedMs < -latestUtcMs || e.elapsedMs > latestUtcMs)
        return QStringLiteral("event %1 has elapsed_ms %2, out of range (%3 to %4): a damaged or "
                              "forged row")
            .arg(e.seq)
            .arg(e.elapsedMs)
            .arg(-latestUtcMs)
            .arg(latestUtcMs);
    return {};
}

QString EventTimes::declaredProblem(qint64 incidentId, qint64 declaredUtcMs)
{
    if (declaredUtcMs >= 0 && declaredUtcMs <= latestUtcMs)
        return {};
    return QStringLiteral("incident %1 is declared at utc_ms %2, out of range (0 to %3): a "
                          "damaged or forged row")
        .arg(incidentId)
        .arg(declaredUtcMs)
        .arg(latestUtcMs);
}

} // namespace warroom
