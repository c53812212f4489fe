#include "gantt/SchedulePlanner.h"

#include <algorithm>
#include <cmath>

namespace warroom {

qint64 SchedulePlanner::expectedMs(const ChecklistStep &step)
{
    return static_cast<qint64>(std::llround(step.expectedMinutes * 60'000.0));
}

QList<PlannedStep> SchedulePlanner::plan(const Checklist &checklist,
                                         const QHash<QString, qint64> &measuredMs)
{
    const auto &steps = checklist.steps;
    const qsizetype n = steps.size();
    QList<PlannedStep> out(n);
    QList<qint64> duration(n);
    for (qsizetype i = 0; i < n; ++i)
        duration[i] = measuredMs.value(steps.at(i).id, expectedMs(steps.at(i)));

    // The parser guarantees an acyclic graph, so a topological order exists; Kahn's algorithm
    // keeps checklist order among steps that are free at the same time.
    QList<int> order;
    QList<int> indegree(n, 0);
    QList<QList<int>> dependents(n);
    for (qsizetype i = 0; i < n; ++i) {
        for (const QString &dep : steps.at(i).dependsOn) {
            const int d = checklist.stepIndex(dep);
            if (d >= 0) {
                ++indegree[i];
                dependents[d].append(static_cast<int>(i));
            }
        }
    }
    QList<int> ready;
    for (qsizetype i = 0; i < n; ++i) {
        if (indegree.at(i) == 0)
            ready.append(static_cast<int>(i));
    }
    while (!ready.isEmpty()) {
        std::sort(ready.begin(), ready.end());
        const int i = ready.takeFirst();
        order.append(i);
        for (int d : dependents.at(i)) {
            if (--indegree[d] == 0)
                ready.append(d);
        }
    }

    // Forward pass: earliest start and end.
    for (int i : order) {
        qint64 start = 0;
        for (const QString &dep : steps.at(i).dependsOn) {
            const int d = checklist.stepIndex(dep);
            if (d >= 0)
                start = std::max(start, out.at(d).endMs);
        }
        out[i].startMs = start;
        out[i].endMs = start + duration.at(i);
    }
    qint64 finish = 0;
    for (const PlannedStep &p : out)
        finish = std::max(finish, p.endMs);

    // Backward pass: latest end that does not move the finish; slack is the difference.
    QList<qint64> latestEnd(n, finish);
    for (auto it = order.crbegin(); it != order.crend(); ++it) {
        const int i = *it;
        for (int d : dependents.at(i))
            latestEnd[i] = std::min(latestEnd.at(i), latestEnd.at(d) - duration.at(d));
        out[i].slackMs = latestEnd.at(i) - out.at(i).endMs;
        out[i].critical = out.at(i).slackMs == 0;
    }
    return out;
}

} // namespace warroom
