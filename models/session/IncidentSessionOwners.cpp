// IncidentSession: runs on a shared timeline. The screen that starts a run owns it: its store's
// instance is written into the run's start event, and its heartbeat travels with its link (see
// PostgresStore::serviceLink). The others show the run live from the timeline. If the owner's
// heartbeat lapses while the run is under way, the first screen to notice closes the run as a
// restart would (an action in flight becomes "outcome unknown"), planned inside the write
// transaction so a second screen noticing too writes nothing; nobody ever re-sends by itself.
#include "session/IncidentSession.h"

#include "store/TimelineStore.h"
#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <QTimer>

namespace warroom {

QJsonObject IncidentSession::withOwner(const QJsonObject &payload) const
{
    // Only a screen that keeps its heartbeat going (a watch on the shared timeline) claims a run:
    // one that does not would be taken for gone by everybody else.
    if (!m_watch || m_store.instanceId().isEmpty())
        return payload;
    QJsonObject p = payload;
    p.insert(PayloadKey::Owner, m_store.instanceId());
    return p;
}

const TimelineEvent *IncidentSession::runStart(const QString &runId) const
{
    // The run's newest start: its first, or a re-send with its key, after which the re-sending
    // screen runs it and owns it (planStartRun writes both with `owner`). Not a job's poll or a
    // ramp's weight request, which carry no owner: a job killed while polling, or a ramp while
    // holding, was never taken for gone, and every other screen showed it running for good.
    for (qsizetype i = m_events.size() - 1; i >= 0; --i) {
        const TimelineEvent &e = m_events.at(i);
        if (e.payload.value(PayloadKey::Run).toString() != runId)
            continue;
        if (startsRun(e.kind, e.payload))
            return &e;
    }
    return nullptr;
}

void IncidentSession::checkRunOwners()
{
    if (!m_storageProblem.isEmpty() || m_store.isReadOnly() || m_engine.isClosed())
        return;
    const QString self = m_store.instanceId();
    const Checklist &checklist = m_engine.checklist();
    for (int si = 0; si < checklist.steps.size(); ++si) {
        const ChecklistStep &step = checklist.steps.at(si);
        for (int ii = 0; ii < step.items.size(); ++ii) {
            const AutomationStatus &a = m_engine.step(si).items.at(ii).automation;
            if (a.phase != AutomationStatus::Phase::Running && !a.requestOpen)
                continue;
            const TimelineEvent *start = runStart(a.runId);
            const QString owner = start ? start->payload.value(PayloadKey::Owner).toString()
                                        : QString();
            if (owner.isEmpty() || owner == self || !m_store.peerLapsed(owner, m_ownerLapseMs))
                continue;
            const TimelineEvent copy = *start; // execute() may grow m_events under the pointer
            markLapsed(step.id, step.items.at(ii).id, a.runId, copy);
            return; // one per round: the timeline has moved
        }
    }
}

void IncidentSession::markLapsed(const QString &stepId, const QString &itemId,
                                 const QString &runId, const TimelineEvent &start)
{
    const QString who = QStringLiteral("%1's screen, which started this run at %2, stopped "
                                       "answering (no heartbeat for %3 s)")
                            .arg(start.actor, formatElapsed(start.elapsedMs))
                            .arg(m_ownerLapseMs / 1000.0);
    // Whether the run's side effect is still unanswered, as the timeline now stands (as
    // interruptedRunDrafts tells a stop of this screen's own).
    const auto sideEffectOpen = [this](const QString &step, const QString &item) {
        const Checklist &checklist = m_engine.checklist();
        const int si = checklist.stepIndex(step);
        const int ii = si < 0 ? -1 : checklist.steps.at(si).itemIndex(item);
        if (ii < 0)
            return false;
        const AutomationStatus &a = m_engine.step(si).items.at(ii).automation;
        return a.requestOpen && a.requestPhase != RequestPhase::Poll
               && a.requestPhase != RequestPhase::Probe;
    };
    (void)execute([&] {
        // Planned on the timeline as it now stands: if another screen was quicker, or the run
        // ended meanwhile, there is nothing left to draft.
        EnginePlan all = m_engine.planInterruptedRuns(m_actor);
        EnginePlan plan;
        for (EventDraft &d : all.drafts) {
            if (d.stepId != stepId || d.itemId != itemId
                || d.payload.value(PayloadKey::Run).toString() != runId)
                continue;
            const QJsonObject request = d.payload.value(PayloadKey::Request).toObject();
            const QString method = request.value(PayloadKey::Method).toString();
            const QString url = request.value(PayloadKey::Url).toString();
            // Only a side effect still unanswered may or may not have taken effect; a job sent
            // and accepted, then watched, was in effect, and how it ended is what is not known
            // ("whether it took effect" was said of a poll's GET, and of a POST answered 202).
            const QString unknown
                = sideEffectOpen(stepId, itemId)
                      ? QStringLiteral("%1 with %2 %3 in flight; whether it took effect is not "
                                       "known, and nothing is re-sent by itself")
                            .arg(who, method, url)
                      : QStringLiteral("%1 while it watched the job it had started (last request "
                                       "%2 %3); the job's outcome is not known, and nothing is "
                                       "re-sent by itself")
                            .arg(who, method, url);
            d.payload.insert(PayloadKey::Reason,
                             d.kind == EventKind::ActionUnknown ? unknown : who);
            plan.drafts << d;
        }
        return plan;
    });
}

} // namespace warroom
