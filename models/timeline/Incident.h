#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace warroom {

enum class IncidentMode { Live, Drill };

QString incidentModeName(IncidentMode mode); // "live" / "drill", as stored
IncidentMode incidentModeFromName(const QString &name);

// The immutable facts of an incident, fixed when it is declared. Everything that happens later
// lives in the events table.
struct IncidentRecord
{
    qint64 id = 0;
    QString uuid;
    QString title;
    QString commander;
    IncidentMode mode = IncidentMode::Live;
    qint64 declaredUtcMs = 0;
    QString checklistId;
    QString checklistRevision;
    QByteArray checklistSha256;
    QByteArray checklistSource; // the checklist exactly as run
    QMap<QString, QString> variables;
};

// Values for {{name}} in checklist text: the incident's variables and the built-in names.
QMap<QString, QString> incidentTextVariables(const IncidentRecord &incident);

// A row for lists of incidents: the record plus what the events say about it now.
struct IncidentSummary
{
    qint64 id = 0;
    QString title;
    // Who holds command now: the last handover's new commander, else the one declared (the
    // lists named the declared commander after a handover, beside headers naming another).
    QString commander;
    IncidentMode mode = IncidentMode::Live;
    qint64 declaredUtcMs = 0;
    qint64 lastEventUtcMs = 0;
    qint64 eventCount = 0;
    bool closed = false;
    // Empty unless that time is stored as something other than a whole number (a file edited by
    // hand: 'today' read as 1970): then what the file holds, and the time is not to be shown.
    QString declaredDamage;
    QString lastEventDamage;
    QString damage() const { return declaredDamage.isEmpty() ? lastEventDamage : declaredDamage; }
};

} // namespace warroom
