// IncidentSession: the drill runner's own facts, its clock and the faults it sends.

#include "session/IncidentSession.h"

#include "timeline/ScreenClock.h"

namespace warroom {

CommandResult IncidentSession::recordDrillFact(const QString &text, QLatin1StringView key,
                                               const QJsonValue &value, const QString &refusal,
                                               const std::function<bool()> &keyed)
{
    return execute([&] {
        if (m_incident.mode != IncidentMode::Drill) {
            EnginePlan refused;
            refused.refusal = refusal;
            return refused;
        }
        EnginePlan plan = m_engine.planNote(m_actor, text);
        if (plan.ok() && !plan.drafts.isEmpty() && (!keyed || keyed()))
            plan.drafts.first().payload.insert(key, value);
        return plan;
    });
}

CommandResult IncidentSession::recordDrillClock(const QString &text, const QJsonObject &fact)
{
    return recordDrillFact(text, PayloadKey::DrillClock, fact,
                           QStringLiteral("Only a drill has a drill clock."));
}

CommandResult IncidentSession::recordDrillEnd(const QString &text, qint64 atMs,
                                              const QJsonObject &verdict)
{
    // A drill ends once, planned on the timeline as it now stands: another screen may have ended
    // it for a runner it took for gone. The runner's words are kept, as a note.
    QJsonObject fact = ScreenClock::fact(DrillClockChange::Ended, atMs);
    if (!verdict.isEmpty())
        fact.insert(PayloadKey::Verdict, verdict);
    return recordDrillFact(text, PayloadKey::DrillClock, fact,
                           QStringLiteral("Only a drill has a drill clock."),
                           [this] { return !screenClock().hasEnded(); });
}

CommandResult IncidentSession::recordDrillFault(const QString &text, const QJsonValue &fault)
{
    return recordDrillFact(text, PayloadKey::DrillFault, fault,
                           QStringLiteral("Only a drill has faults injected."));
}

} // namespace warroom
