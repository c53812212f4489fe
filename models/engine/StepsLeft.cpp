#include "engine/StepsLeft.h"

#include "engine/ChecklistEngine.h"
#include "util/ListWords.h"

#include <QStringList>

#include <algorithm>

namespace warroom {

StepsLeft StepsLeft::of(const ChecklistEngine &engine)
{
    StepsLeft left;
    for (int i = 0; i < engine.stepCount(); ++i) {
        const StepStatus &step = engine.step(i);
        left.lastEndMs = std::max(left.lastEndMs, step.endedElapsedMs);
        if (step.state == StepState::Failed)
            ++left.failed;
        else if (step.isInDoubt())
            ++left.inDoubt;
        else if (step.state != StepState::Done && step.state != StepState::Skipped)
            ++left.open;
    }
    return left;
}

QString StepsLeft::text(int outOf) const
{
    struct Kind
    {
        int count;
        const char *words;
    };
    const Kind kinds[]
        = {{failed, "failed"}, {inDoubt, "with an outcome unknown"}, {open, "not finished"}};
    QStringList parts;
    for (const Kind &kind : kinds) {
        if (kind.count > 0)
            parts << QStringLiteral("%1 %2").arg(kind.count).arg(QLatin1StringView(kind.words));
    }
    if (parts.isEmpty())
        return QStringLiteral("no step unfinished");
    // "step" once, after the first count: "1 step failed and 5 not finished".
    const int first = failed > 0 ? failed : inDoubt > 0 ? inDoubt : open;
    const bool one = parts.size() == 1;
    const QString noun = one && outOf > 0 ? QStringLiteral(" of %1 steps").arg(outOf)
                         : first == 1     ? QStringLiteral(" step")
                                          : QStringLiteral(" steps");
    const int space = int(parts.first().indexOf(u' '));
    parts.first().insert(space, noun);
    return joinAsList(parts);
}

} // namespace warroom
