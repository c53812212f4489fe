#include "drill/DrillRunner.h"

#include "session/IncidentSession.h"

namespace warroom {

// A go/no-go poll in front of an item is answered like any other question of the script: by the
// act that names it ("kind": "poll", "target": "step/item"; its "value" GO or NO-GO, a NO-GO with
// its "reason"), else GO by the default player. Only a role's holder may answer, so a role that
// nobody holds is first given to whoever answers: an event of its own, as in the room.
bool DrillRunner::answerPoll(const ChecklistStep &step, const ChecklistItem &item)
{
    const ChecklistEngine &e = session().engine();
    const int stepIndex = m_checklist.stepIndex(step.id);
    if (item.poll.isEmpty() || e.pollRefusal(stepIndex, step.itemIndex(item.id)).isEmpty())
        return true;
    const QString target = step.id + u'/' + item.id;
    const DrillAct *a = m_scenario.players.find(DrillAct::Kind::Poll, target);
    const QString actor = a && !a->actor.isEmpty() ? a->actor : m_scenario.players.actor;
    const bool go = !a || a->value.compare(QLatin1String("NO-GO"), Qt::CaseInsensitive) != 0;
    for (const QString &role : item.poll) {
        QString holder = e.crew().personFor(role);
        CommandResult r;
        if (holder.isEmpty()) {
            session().setActor(actor);
            r = session().assignRole(role, actor);
            holder = actor;
        }
        if (r.ok()) {
            session().setActor(holder);
            r = session().answerPoll(step.id, item.id, role, go, a ? a->reason : QString());
        }
        if (!r.ok() || !go) {
            const QString problem
                = !r.ok() ? QStringLiteral("the players' script could not answer the poll of %1: %2")
                                .arg(target, r.message)
                          : QStringLiteral("%1: NO-GO by %2 (%3)").arg(target, holder, a->reason);
            m_result.problems << problem;
            stop(QStringLiteral("stopped"), problem);
            return false;
        }
        say(QStringLiteral("%1 poll: %2 GO (%3)").arg(target, role, holder));
    }
    return true;
}

} // namespace warroom
