#include "checklist/DependencyCycle.h"

#include <QHash>

namespace warroom {

namespace {

// Each step's dependencies as step indexes; `indexOf` gets each id's first definition, the one
// Checklist::step() finds (later ones are duplicates).
QList<QList<int>> dependencyEdges(const QList<ChecklistStep> &steps, QHash<QString, int> &indexOf)
{
    for (int i = 0; i < steps.size(); ++i) {
        if (!steps[i].id.isEmpty() && !indexOf.contains(steps[i].id))
            indexOf.insert(steps[i].id, i);
    }
    QList<QList<int>> edges(steps.size());
    for (int i = 0; i < steps.size(); ++i) {
        for (const QString &dep : steps[i].dependsOn) {
            const int target = indexOf.value(dep, -1);
            if (target >= 0 && dep != steps[i].id)
                edges[i].append(target);
        }
    }
    return edges;
}

} // namespace

QStringList dependencyCycle(const QList<ChecklistStep> &steps)
{
    // Depth-first search with colours; the first back edge found names the cycle. The search
    // keeps its own stack: a chain of 30,000 steps would overflow the thread's.
    QHash<QString, int> indexOf;
    const QList<QList<int>> edges = dependencyEdges(steps, indexOf);
    enum Colour : char { White, Grey, Black };
    QList<Colour> colour(steps.size(), White);
    struct Frame
    {
        int step;
        qsizetype nextEdge;
    };
    QList<Frame> stack;
    for (int root = 0; root < steps.size(); ++root) {
        if (steps[root].id.isEmpty() || colour[root] != White
            || indexOf.value(steps[root].id) != root)
            continue;
        stack.append({root, 0});
        colour[root] = Grey;
        while (!stack.isEmpty()) {
            Frame &top = stack.last();
            if (top.nextEdge == edges[top.step].size()) {
                colour[top.step] = Black;
                stack.removeLast();
                continue;
            }
            const int target = edges[top.step][top.nextEdge++];
            if (colour[target] == White) {
                colour[target] = Grey;
                stack.append({target, 0});
            } else if (colour[target] == Grey) {
                QStringList cycle;
                qsizetype from = stack.size() - 1;
                while (stack[from].step != target)
                    --from;
                for (qsizetype k = from; k < stack.size(); ++k)
                    cycle << steps[stack[k].step].id;
                cycle << steps[target].id;
                return cycle;
            }
        }
    }
    return {};
}

} // namespace warroom
