#include "timeline/EventVocabulary.h"

namespace warroom {

bool isRoomEventKind(const QString &kind)
{
    return kind == EventKind::RoleAssigned || kind == EventKind::CommandHandedOver
           || kind == EventKind::PollStarted || kind == EventKind::PollAnswered
           || kind == EventKind::ItemDeferred;
}

bool isRunEventKind(const QString &kind)
{
    return kind.startsWith(QLatin1String("action.")) || kind.startsWith(QLatin1String("check."))
           || kind.startsWith(QLatin1String("ramp."));
}

bool startsRun(const QString &kind, const QJsonObject &payload)
{
    return kind == EventKind::CheckStarted || kind == EventKind::RampStarted
           || (kind == EventKind::ActionRequested
               && payload.value(PayloadKey::Phase).toString() == RequestPhase::Send);
}

bool endsRun(const QString &kind)
{
    return kind == EventKind::ActionFinished || kind == EventKind::CheckFinished
           || kind == EventKind::RampFinished;
}

bool endsRunInSuccess(const QString &kind, const QJsonObject &payload)
{
    const QString outcome = payload.value(PayloadKey::Outcome).toString();
    return (kind == EventKind::ActionFinished && outcome == RunOutcome::Succeeded)
           || (kind == EventKind::CheckFinished && outcome == RunOutcome::Passed)
           || (kind == EventKind::RampFinished && outcome == RunOutcome::Completed);
}

} // namespace warroom
