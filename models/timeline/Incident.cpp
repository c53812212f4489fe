#include "timeline/Incident.h"

namespace warroom {

QString incidentModeName(IncidentMode mode)
{
    return mode == IncidentMode::Drill ? QStringLiteral("drill") : QStringLiteral("live");
}

IncidentMode incidentModeFromName(const QString &name)
{
    return name == QLatin1String("drill") ? IncidentMode::Drill : IncidentMode::Live;
}

QMap<QString, QString> incidentTextVariables(const IncidentRecord &incident)
{
    QMap<QString, QString> vars = incident.variables;
    vars.insert(QStringLiteral("incident.title"), incident.title);
    vars.insert(QStringLiteral("incident.commander"), incident.commander);
    vars.insert(QStringLiteral("incident.mode"), incident.mode == IncidentMode::Drill
                                                     ? QStringLiteral("DRILL")
                                                     : QStringLiteral("LIVE"));
    return vars;
}

} // namespace warroom
