#include "InterruptedDrills.h"

#include "store/TimelineStore.h"
#include "util/Diagnostic.h"
#include "util/TimeFormat.h"

namespace warroom {

QStringList interruptedDrills(const TimelineStore &store)
{
    if (store.otherWritersAlive())
        return {}; // an open drill may be running right now in the other process
    const auto incidents = store.incidents();
    if (!incidents)
        return {}; // the drill's own open reports what is wrong with the database
    QStringList lines;
    for (const IncidentSummary &i : *incidents) {
        if (i.closed || i.mode != IncidentMode::Drill)
            continue;
        if (!i.damage().isEmpty()) { // a time it would show is not known: not shown as 1970
            // A good declared time is shown beside a damaged last activity.
            const QString declared
                = i.declaredDamage.isEmpty()
                      ? QStringLiteral(", declared %1").arg(formatUtc(i.declaredUtcMs))
                      : QString();
            lines << QStringLiteral("incident %1 (\"%2\"%3) is a drill that stopped without "
                                    "ending, and its file is damaged: %4. It stays open until "
                                    "someone mends the file (warroom verify --incident %1 says "
                                    "more) and closes it; this drill is a new "
                                    "incident.")
                         .arg(i.id)
                         .arg(printableText(i.title, 80), declared, i.damage());
            continue;
        }
        lines << QStringLiteral("incident %1 (\"%2\", declared %3) is a drill that stopped "
                                "without ending, after %4 events, the last at %5. What it "
                                "committed is kept (warroom verify --incident %1); a request it "
                                "had in flight may or may not have reached the backend. It "
                                "stays open until someone opens it in warroom and closes it; "
                                "this drill is a new incident.")
                     .arg(i.id)
                     .arg(printableText(i.title, 80), formatUtc(i.declaredUtcMs))
                     .arg(i.eventCount)
                     .arg(formatUtc(i.lastEventUtcMs));
    }
    return lines;
}

} // namespace warroom
