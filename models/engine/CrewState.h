#pragma once

#include "timeline/TimelineEvent.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace warroom {

// The role a checklist gives the incident commander, when it declares one: held by whoever is
// in command, changed only by a handover.
inline constexpr QLatin1StringView commanderRoleId{"commander"};

struct RoleHolder
{
    QString person;
    QString fallback; // takes the role when the person is unavailable
    qint64 sinceElapsedMs = -1;
};

// Who was in command, from when to when (toElapsedMs -1: still in command).
struct CommandPeriod
{
    QString commander;
    qint64 fromElapsedMs = 0;
    qint64 toElapsedMs = -1;
    QString handedOverBy;  // the outgoing commander; empty for the first period
    QJsonObject briefing;  // PayloadKey::Situation, Objectives, NextActions, Concerns
};

// The people on an incident, folded from its timeline like the rest of the engine's state:
// the commander and the command periods (incident.declared, command.handed_over), and who holds
// each of the checklist's roles (role.assigned).
class CrewState
{
public:
    void apply(const TimelineEvent &event);

    QString commander() const;
    const QList<CommandPeriod> &commandPeriods() const { return m_periods; }
    // Role id -> holder, for the roles assigned so far (the commander role is not among them).
    const QMap<QString, RoleHolder> &holders() const { return m_holders; }
    // The person holding a role (the commander for commanderRoleId), or empty.
    QString personFor(const QString &roleId) const;
    // May this person answer for the role: its holder or its fallback.
    bool mayActFor(const QString &roleId, const QString &person) const;
    // The roles a person holds (as holder or fallback), in role id order.
    QStringList rolesOf(const QString &person) const;
    // Everyone named on the incident so far: commanders, holders, fallbacks and actors, in the
    // order they first appeared.
    const QStringList &people() const { return m_people; }

private:
    void addPerson(const QString &person);

    QList<CommandPeriod> m_periods;
    QMap<QString, RoleHolder> m_holders;
    QStringList m_people;
};

} // namespace warroom
