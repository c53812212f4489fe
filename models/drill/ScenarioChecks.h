#pragma once

#include "checklist/Checklist.h"
#include "drill/Scenario.h"
#include "util/Diagnostic.h"

namespace warroom {

// What a scenario says about its checklist, checked against the checklist: the targets exist
// and fit, the ids are unique, and an inject the time counts from is there. Internal to
// ScenarioParser.
class ScenarioChecks
{
public:
    [[nodiscard]] static Diagnostics check(const Scenario &scenario, const Checklist &checklist);
};

} // namespace warroom
