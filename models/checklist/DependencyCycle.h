#pragma once

#include "checklist/Checklist.h"

#include <QStringList>

namespace warroom {

// The first dependency cycle among the steps, as step ids from its first step round to that step
// again ("a", "b", "a"); empty when there is none. Ids that name no step, and a step naming
// itself, are reported apart and are not followed here.
QStringList dependencyCycle(const QList<ChecklistStep> &steps);

} // namespace warroom
