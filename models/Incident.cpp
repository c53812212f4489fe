#include "Incident.h"

namespace warroom {

QString incidentModeName(IncidentMode mode)
{
    return mode == IncidentMode::Drill ? QStringLiteral("drill") : QStringLiteral("live");
}

IncidentMode incidentModeFromName(const QString &name)
{
    return name == QLatin1String("drill") ? IncidentMode::Drill : IncidentMode::Live;
}

} // namespace warroom
