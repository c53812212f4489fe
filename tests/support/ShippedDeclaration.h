#pragma once

#include "control/IncidentController.h"
#include "support/TestTimeline.h"

namespace warroom::test {

// Declares an incident of the shipped checklist on `controller`, every variable at its default
// (or "x" where it has none), as the facilitation suites need one to hang their record on.
inline bool declareShipped(IncidentController &controller, const QString &title,
                           const QString &commander, IncidentMode mode, QString *error)
{
    IncidentDeclaration d;
    d.title = title;
    d.commander = commander;
    d.mode = mode;
    const Checklist checklist = shippedChecklist();
    for (const ChecklistVariable &v : checklist.variables)
        d.variables.insert(v.name, v.defaultValue.isEmpty() ? QStringLiteral("x") : v.defaultValue);
    return controller.declare(checklist, d, error);
}

} // namespace warroom::test
