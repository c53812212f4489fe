// IncidentSession: the drill runner's own record of its clock.

#include "session/IncidentSession.h"

#include "timeline/ScreenClock.h"

namespace warroom {

CommandResult IncidentSession::recordDrillClock(const QString &text, const QJsonObject &fact)
{
    return execute([&] {
        if (m_incident.mode != IncidentMode::Drill) {
            EnginePlan refused;
            refused.refusal = QStringLiteral("Only a drill has a drill clock.");
            return refused;
        }
        EnginePlan plan = m_engine.planNote(m_actor, text);
        if (plan.ok() && !plan.drafts.isEmpty())
            plan.drafts.first().payload.insert(PayloadKey::DrillClock, fact);
        return plan;
    });
}

CommandResult IncidentSession::recordDrillFault(const QString &text, const QString &injectId)
{
    return execute([&] {
        if (m_incident.mode != IncidentMode::Drill) {
            EnginePlan refused;
            refused.refusal = QStringLiteral("Only a drill has faults injected.");
            return refused;
        }
        EnginePlan plan = m_engine.planNote(m_actor, text);
        if (plan.ok() && !plan.drafts.isEmpty())
            plan.drafts.first().payload.insert(PayloadKey::DrillFault, injectId);
        return plan;
    });
}

} // namespace warroom
