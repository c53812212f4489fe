#pragma once

// Passes an item's go/no-go poll for suites that drive the shipped checklist past its polls
// (execute/run, reenable/unfreeze): each polled role without a holder goes to the person at the
// screen, and each holder answers GO in the poll's order. The actor is restored afterwards.

#include "session/IncidentSession.h"
#include "support/TestTimeline.h"

namespace warroom::test {

inline CommandResult passPoll(IncidentSession &session, const QString &stepId,
                              const QString &itemId)
{
    const QString actor = session.actor();
    const ChecklistStep *step = session.checklist().step(stepId);
    const int index = step ? step->itemIndex(itemId) : -1;
    if (index < 0)
        return {CommandResult::Status::Refused, QStringLiteral("no such item")};
    if (session.engine().pollRefusal(session.checklist().stepIndex(stepId), index).isEmpty())
        return {}; // no poll, or already all GO
    for (const QString &role : step->items.at(index).poll) {
        QString holder = session.engine().crew().personFor(role);
        if (holder.isEmpty()) {
            if (CommandResult r = session.assignRole(role, actor); !r.ok())
                return r;
            holder = actor;
        }
        session.setActor(holder);
        const CommandResult r = session.answerPoll(stepId, itemId, role, true);
        session.setActor(actor);
        if (!r.ok())
            return r;
    }
    return {};
}

// The same on an engine with an in-memory timeline; `person` takes the roles nobody holds.
inline bool passPoll(TestTimeline &t, const QString &stepId, const QString &itemId,
                     const QString &person)
{
    ChecklistEngine &e = t.engine();
    const int si = e.checklist().stepIndex(stepId);
    const int ii = si >= 0 ? e.checklist().steps.at(si).itemIndex(itemId) : -1;
    if (ii < 0 || e.pollRefusal(si, ii).isEmpty())
        return ii >= 0;
    for (const QString &role : e.checklist().steps.at(si).items.at(ii).poll) {
        if (e.crew().personFor(role).isEmpty()
            && !t.commit(e.planAssignRole(role, person, {}, person)))
            return false;
        if (!t.commit(e.planAnswerPoll(stepId, itemId, role, true, e.crew().personFor(role))))
            return false;
    }
    return true;
}

} // namespace warroom::test
