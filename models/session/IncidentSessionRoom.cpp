// IncidentSession: the commands about the people in the room.

#include "session/IncidentSession.h"

namespace warroom {

CommandResult IncidentSession::assignRole(const QString &roleId, const QString &person,
                                          const QString &fallback)
{
    return execute([&] { return m_engine.planAssignRole(roleId, person, fallback, m_actor); });
}

CommandResult IncidentSession::handOver(const QString &newCommander, const QString &acceptedBy,
                                        const QJsonObject &briefing)
{
    const CommandResult r
        = execute([&] { return m_engine.planHandOver(newCommander, acceptedBy, briefing); });
    // The new commander is at this screen now: they accepted here.
    if (r.ok())
        setActor(acceptedBy.trimmed());
    return r;
}

CommandResult IncidentSession::startPoll(const QString &stepId, const QString &itemId)
{
    return execute([&] { return m_engine.planStartPoll(stepId, itemId, m_actor); });
}

CommandResult IncidentSession::answerPoll(const QString &stepId, const QString &itemId,
                                          const QString &roleId, bool go, const QString &reason)
{
    return execute(
        [&] { return m_engine.planAnswerPoll(stepId, itemId, roleId, go, m_actor, reason); });
}

CommandResult IncidentSession::deferItem(const QString &stepId, const QString &itemId,
                                         const QString &target, const QString &reason)
{
    return execute(
        [&] { return m_engine.planDeferItem(stepId, itemId, target, m_actor, reason); });
}

} // namespace warroom
