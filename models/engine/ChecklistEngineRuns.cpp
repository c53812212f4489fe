// ChecklistEngine: the commands of action, check and ramp runs.

#include "engine/ChecklistEngine.h"

#include "engine/PlanDrafts.h"
#include "timeline/EventVocabulary.h"

#include <QJsonArray>

namespace warroom {

using planning::draft;
using planning::refuse;

namespace {

QLatin1StringView startKind(ItemKind kind)
{
    switch (kind) {
    case ItemKind::Check:
        return EventKind::CheckStarted;
    case ItemKind::Ramp:
        return EventKind::RampStarted;
    default:
        return EventKind::ActionRequested;
    }
}

// The events that close a run cut short by a stop of the app (see planInterruptedRuns).
QList<EventDraft> interruptedRunDrafts(const QString &actor, const QString &stepId,
                                       const ChecklistItem &item, const AutomationStatus &r)
{
    QList<EventDraft> drafts;
    const QString why = QStringLiteral("warroom stopped while this run was under way");
    if (item.kind == ItemKind::Check)
        drafts << draft(actor, EventKind::CheckFinished, stepId, item.id,
                        {{PayloadKey::Run, r.runId},
                         {PayloadKey::Outcome, RunOutcome::Interrupted},
                         {PayloadKey::Reason, why}});
    if (item.kind == ItemKind::Ramp && r.phase == AutomationStatus::Phase::Running)
        drafts << draft(actor, EventKind::RampFinished, stepId, item.id,
                        {{PayloadKey::Run, r.runId},
                         {PayloadKey::Outcome, RunOutcome::Interrupted},
                         {PayloadKey::Weight, r.weight},
                         {PayloadKey::Reason, why}});
    const bool sideEffectOpen = r.requestOpen && r.requestPhase != RequestPhase::Poll
                                && r.requestPhase != RequestPhase::Probe;
    if (item.kind != ItemKind::Action && !sideEffectOpen)
        return drafts;
    // An action that was sent is never sent again on its own, even if only its poll was under
    // way: a person looks, then re-sends with the same key (which the service answers from its
    // record) or confirms by hand.
    const QString method = r.request.value(PayloadKey::Method).toString();
    const QString url = r.request.value(PayloadKey::Url).toString();
    const QString reason
        = sideEffectOpen ? QStringLiteral("%1 %2 was in flight when warroom stopped; whether it "
                                          "took effect is not known")
                               .arg(method, url)
                         : QStringLiteral("warroom stopped while polling %1; the job's outcome "
                                          "is not known")
                               .arg(url);
    drafts << draft(actor, EventKind::ActionUnknown, stepId, item.id,
                    {{PayloadKey::Run, r.runId},
                     {PayloadKey::Phase, r.requestPhase},
                     {PayloadKey::Request, r.request},
                     {PayloadKey::Reason, reason}});
    return drafts;
}

} // namespace

EnginePlan ChecklistEngine::planStartRun(const QString &stepId, const QString &itemId,
                                         const QString &actor, const QJsonObject &payload,
                                         const QString &reason) const
{
    const QString run = payload.value(PayloadKey::Run).toString();
    if (run.isEmpty())
        return refuse(QStringLiteral("A run needs an id."));
    int si = -1, ii = -1;
    bool outOfOrder = false;
    EnginePlan plan = planResolveItem(stepId, itemId, actor, reason, false, &si, &ii, &outOfOrder);
    if (!plan.ok())
        return plan;
    if (const QString why = pollRefusal(si, ii); !why.isEmpty())
        return refuse(why);
    const ChecklistItem &def = m_checklist.steps.at(si).items.at(ii);
    if (!def.isAutomated())
        return refuse(QStringLiteral("'%1' is confirmed by a person; it has nothing to run.")
                          .arg(expandVariables(def.text, m_textVariables)));
    const AutomationStatus &status = m_steps.at(si).items.at(ii).automation;
    if (status.phase == AutomationStatus::Phase::Running)
        return refuse(QStringLiteral("'%1' is already running.")
                          .arg(expandVariables(def.text, m_textVariables)));
    // The same id again is only for an action whose outcome is unknown: re-sending it with its
    // key lets the service recognise a side effect it already performed.
    const bool resend = run == status.runId;
    // A ramp only ever sets weights, which a new run sets again; an action may not be repeatable.
    if (!resend && status.phase == AutomationStatus::Phase::Unknown && def.kind == ItemKind::Action)
        return refuse(QStringLiteral("Whether the last request of '%1' took effect is not "
                                     "known. Check the service, then re-send it with its "
                                     "key, or confirm the item by hand.")
                          .arg(expandVariables(def.text, m_textVariables)));
    if (resend
        && !(def.kind == ItemKind::Action && status.phase == AutomationStatus::Phase::Unknown))
        return refuse(QStringLiteral("Run %1 has ended; start a new run.").arg(run));
    QJsonObject p = payload;
    if (resend)
        p.insert(PayloadKey::Resend, true);
    if (outOfOrder) {
        p.insert(PayloadKey::Override, true);
        p.insert(PayloadKey::Reason, reason.trimmed());
    }
    const QLatin1StringView kind = startKind(def.kind);
    if (kind == EventKind::ActionRequested)
        p.insert(PayloadKey::Phase, RequestPhase::Send);
    plan.drafts << draft(actor, kind, stepId, itemId, p);
    return plan;
}

EnginePlan ChecklistEngine::planRunEvent(QLatin1StringView kind, const QString &stepId,
                                         const QString &itemId, const QString &actor,
                                         const QJsonObject &payload) const
{
    // A run keeps recording after the incident closes or the item is resolved by hand: the
    // responses to requests already sent are facts the postmortem needs.
    const int si = m_checklist.stepIndex(stepId);
    const int ii = si >= 0 ? m_checklist.steps.at(si).itemIndex(itemId) : -1;
    if (ii < 0)
        return refuse(QStringLiteral("There is no item '%1/%2'.").arg(stepId, itemId));
    const ItemStatus &item = m_steps.at(si).items.at(ii);
    const QString run = payload.value(PayloadKey::Run).toString();
    if (run.isEmpty() || run != item.automation.runId)
        return refuse(
            QStringLiteral("Run '%1' is not the current run of '%2/%3'.").arg(run, stepId, itemId));
    EnginePlan plan;
    plan.drafts << draft(actor, kind, stepId, itemId, payload);
    if (endsRunInSuccess(QString(kind), payload) && item.state == ItemState::Open && !m_closed
        && !m_steps.at(si).isFinished()) {
        plan.drafts << draft(actor, EventKind::ItemConfirmed, stepId, itemId,
                             {{PayloadKey::Run, run}});
        if (isLastOpenItem(si, ii))
            plan.drafts << draft(actor, EventKind::StepCompleted, stepId);
    }
    return plan;
}

EnginePlan ChecklistEngine::planInterruptedRuns(const QString &actor) const
{
    EnginePlan plan;
    for (int si = 0; si < m_steps.size(); ++si) {
        const ChecklistStep &step = m_checklist.steps.at(si);
        for (int ii = 0; ii < step.items.size(); ++ii) {
            const AutomationStatus &r = m_steps.at(si).items.at(ii).automation;
            // A request can also be out after its run ended: a halted ramp's weight being set
            // back.
            if (r.phase == AutomationStatus::Phase::Running || r.requestOpen)
                plan.drafts += interruptedRunDrafts(actor, step.id, step.items.at(ii), r);
        }
    }
    return plan;
}

} // namespace warroom
