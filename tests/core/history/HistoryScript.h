#pragma once

// Incidents of the shipped checklist written into a store on a fixed clock, each step taking the
// minutes the test asks for: the raw material of the history suites.

#include "store/TimelineStore.h"
#include "support/ScriptedIncident.h"
#include "timeline/Incident.h"

#include <QJsonObject>
#include <QMap>

namespace warroom::test {

struct ScriptedRun
{
    IncidentMode mode = IncidentMode::Drill;
    qint64 declaredUtcMs = 0;
    // Minutes from a step's first item to its last; a step not named takes 2 minutes.
    QMap<QString, double> stepMinutes;
    // Stop before this step (the incident stays open, the steps before it finished); empty: all.
    QString stopBefore;
    double speed = 1.0; // >1: the first check runs with time_scale 1/speed, as a drill at ×N
    bool close = true;
    QString commander = QStringLiteral("Priya Raman");
    QString executor = QStringLiteral("Lena Vogt"); // confirms the items of every step
    QJsonObject declarationPayload; // extra keys of the declaration (impact_started_at...)
};

// Declares and plays `run` in `store`; returns the incident's id (fails the test on refusal).
qint64 writeScriptedRun(TimelineStore &store, const ScriptedRun &run);

} // namespace warroom::test
