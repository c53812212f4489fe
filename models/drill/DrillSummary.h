#pragma once

#include "drill/DrillResult.h"

#include <QByteArray>

namespace warroom {

// A drill as JSON for scripts and dashboards (README "Drills in CI" documents every field;
// checklists/drill-summary.schema.json is its JSON Schema).
class DrillSummary
{
public:
    static constexpr int version = 1;
    static QByteArray render(const DrillResult &result, qint64 startedUtcMs);
};

} // namespace warroom
