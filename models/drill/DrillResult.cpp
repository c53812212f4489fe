#include "drill/DrillResult.h"

namespace warroom {

int DrillResult::failures() const
{
    int n = static_cast<int>(problems.size());
    for (const DrillStepResult &s : steps)
        n += s.failure.isEmpty() ? 0 : 1;
    for (const DrillExpectationResult &e : expectations)
        n += e.passed ? 0 : 1;
    return n;
}

bool DrillResult::passed() const
{
    return failures() == 0
           && (outcome == QLatin1String("completed") || outcome == QLatin1String("stopped"));
}

} // namespace warroom
