#include "engine/CrewState.h"

#include "timeline/EventVocabulary.h"

namespace warroom {

void CrewState::apply(const TimelineEvent &e)
{
    // The payload is read only for the kinds that carry crew facts: reading it parses it, and a
    // long incident's notes stay unparsed until shown (EventPayload; about 450 B an event).
    const EventPayload &p = e.payload;
    if (e.kind == EventKind::IncidentDeclared) {
        CommandPeriod first;
        first.commander = p.value(PayloadKey::Commander).toString();
        first.fromElapsedMs = e.elapsedMs;
        m_periods = {first};
        addPerson(first.commander);
    } else if (e.kind == EventKind::CommandHandedOver) {
        if (!m_periods.isEmpty())
            m_periods.last().toElapsedMs = e.elapsedMs;
        CommandPeriod next;
        next.commander = p.value(PayloadKey::To).toString();
        next.fromElapsedMs = e.elapsedMs;
        next.handedOverBy = p.value(PayloadKey::From).toString();
        next.briefing = p.value(PayloadKey::Briefing).toObject();
        m_periods << next;
        addPerson(next.commander);
    } else if (e.kind == EventKind::RoleAssigned) {
        const QString role = p.value(PayloadKey::Role).toString();
        RoleHolder h{p.value(PayloadKey::Person).toString(), p.value(PayloadKey::Fallback).toString(),
                     e.elapsedMs};
        if (h.person.isEmpty()) {
            m_holders.remove(role);
        } else {
            addPerson(h.person);
            addPerson(h.fallback);
            m_holders.insert(role, h);
        }
    }
    addPerson(e.actor);
}

void CrewState::addPerson(const QString &person)
{
    // Every event's actor comes here, and is nearly always a name already known (kept trimmed):
    // found as it is, without trimming a copy of it first for each of 100,000 events.
    if (m_people.contains(person))
        return;
    const QString p = person.trimmed();
    if (!p.isEmpty() && !m_people.contains(p))
        m_people << p;
}

QString CrewState::commander() const
{
    return m_periods.isEmpty() ? QString() : m_periods.constLast().commander;
}

QString CrewState::personFor(const QString &roleId) const
{
    if (roleId == commanderRoleId)
        return commander();
    return m_holders.value(roleId).person;
}

bool CrewState::mayActFor(const QString &roleId, const QString &person) const
{
    if (person.trimmed().isEmpty())
        return false;
    if (roleId == commanderRoleId)
        return person == commander();
    const auto it = m_holders.constFind(roleId);
    return it != m_holders.cend() && (it->person == person || it->fallback == person);
}

QStringList CrewState::rolesOf(const QString &person) const
{
    QStringList roles;
    if (!person.isEmpty() && person == commander())
        roles << QString(commanderRoleId);
    for (auto it = m_holders.cbegin(); it != m_holders.cend(); ++it) {
        if (it->person == person || it->fallback == person)
            roles << it.key();
    }
    return roles;
}

} // namespace warroom
