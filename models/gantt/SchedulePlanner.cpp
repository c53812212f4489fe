#include "gantt/SchedulePlanner.h"

#include <algorithm>
#include <cmath>

namespace warroom {

qint64 SchedulePlanner::expectedMs(const ChecklistStep &step)
{
    return static_cast<qint64>(std::llround(step.expectedMinutes * 60'000.0));
}

qint64 SchedulePlanner::finishMs(const QList<PlannedStep> &plan)
{
    qint64 finish = 0;
    for (const PlannedStep &p : plan)
        finish = std::max(finish, p.endMs);
    return finish;
}

namespace {

// The steps in an order where each comes after the steps it depends on, and who depends on whom.
struct StepGraph
{
    QList<int> order;
    QList<QList<int>> dependents;
};

// The parser guarantees an acyclic graph, so a topological order exists; Kahn's algorithm keeps
// checklist order among steps that are free at the same time.
StepGraph orderSteps(const Checklist &checklist)
{
    const qsizetype n = checklist.steps.size();
    StepGraph g;
    g.dependents.resize(n);
    QList<int> indegree(n, 0);
    for (qsizetype i = 0; i < n; ++i) {
        for (const QString &dep : checklist.steps.at(i).dependsOn) {
            const int d = checklist.stepIndex(dep);
            if (d >= 0) {
                ++indegree[i];
                g.dependents[d].append(static_cast<int>(i));
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
        g.order.append(i);
        for (int d : g.dependents.at(i)) {
            if (--indegree[d] == 0)
                ready.append(d);
        }
    }
    return g;
}

// Forward pass: earliest start and end. Returns the finish of the whole checklist.
qint64 scheduleEarliest(const Checklist &checklist, const StepGraph &g,
                        const QList<qint64> &duration, QList<PlannedStep> &out)
{
    for (int i : g.order) {
        qint64 start = 0;
        for (const QString &dep : checklist.steps.at(i).dependsOn) {
            const int d = checklist.stepIndex(dep);
            if (d >= 0)
                start = std::max(start, out.at(d).endMs);
        }
        out[i].startMs = start;
        out[i].endMs = start + duration.at(i);
    }
    return SchedulePlanner::finishMs(out);
}

// Backward pass: latest end that does not move the finish; slack is the difference.
void markSlack(const StepGraph &g, const QList<qint64> &duration, qint64 finish,
               QList<PlannedStep> &out)
{
    QList<qint64> latestEnd(out.size(), finish);
    for (auto it = g.order.crbegin(); it != g.order.crend(); ++it) {
        const int i = *it;
        for (int d : g.dependents.at(i))
            latestEnd[i] = std::min(latestEnd.at(i), latestEnd.at(d) - duration.at(d));
        out[i].slackMs = latestEnd.at(i) - out.at(i).endMs;
        out[i].critical = out.at(i).slackMs == 0;
    }
}

} // namespace

QList<PlannedStep> SchedulePlanner::plan(const Checklist &checklist,
                                         const QHash<QString, qint64> &measuredMs)
{
    const auto &steps = checklist.steps;
    const qsizetype n = steps.size();
    QList<PlannedStep> out(n);
    QList<qint64> duration(n);
    for (qsizetype i = 0; i < n; ++i)
        duration[i] = measuredMs.value(steps.at(i).id, expectedMs(steps.at(i)));
    const StepGraph g = orderSteps(checklist);
    const qint64 finish = scheduleEarliest(checklist, g, duration, out);
    markSlack(g, duration, finish, out);
    return out;
}

} // namespace warroom
