// ChecklistEngine: the commands of action, check and ramp runs.

#include "engine/ChecklistEngine.h"

#include <QJsonArray>

namespace warroom {

namespace {

EnginePlan refuseRun(const QString &why)
{
    EnginePlan p;
    p.refusal = why;
    return p;
}

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

} // namespace

EnginePlan ChecklistEngine::planStartRun(const QString &stepId, const QString &itemId,
                                         const QString &actor, const QJsonObject &payload,
                                         const QString &reason) const
{
    const QString run = payload.value(QLatin1String("run")).toString();
    if (run.isEmpty())
        return refuseRun(QStringLiteral("A run needs an id."));
    int si = -1, ii = -1;
    bool outOfOrder = false;
    EnginePlan plan = planResolveItem(stepId, itemId, actor, reason, false, &si, &ii, &outOfOrder);
    if (!plan.ok())
        return plan;
    const ChecklistItem &def = m_checklist.steps.at(si).items.at(ii);
    if (!def.isAutomated())
        return refuseRun(QStringLiteral("'%1' is confirmed by a person; it has nothing to run.")
                             .arg(expandVariables(def.text, m_variables)));
    const AutomationStatus &status = m_steps.at(si).items.at(ii).automation;
    if (status.phase == AutomationStatus::Phase::Running)
        return refuseRun(
            QStringLiteral("'%1' is already running.").arg(expandVariables(def.text, m_variables)));
    // The same id again is only for an action whose outcome is unknown: re-sending it with its
    // key lets the service recognise a side effect it already performed.
    const bool resend = run == status.runId;
    // A ramp only ever sets weights, which a new run sets again; an action may not be repeatable.
    if (!resend && status.phase == AutomationStatus::Phase::Unknown && def.kind == ItemKind::Action)
        return refuseRun(QStringLiteral("Whether the last request of '%1' took effect is not "
                                        "known. Check the service, then re-send it with its "
                                        "key, or confirm the item by hand.")
                             .arg(expandVariables(def.text, m_variables)));
    if (resend && !(def.kind == ItemKind::Action && status.phase == AutomationStatus::Phase::Unknown))
        return refuseRun(QStringLiteral("Run %1 has ended; start a new run.").arg(run));
    QJsonObject p = payload;
    if (resend)
        p.insert(QLatin1String("resend"), true);
    if (outOfOrder) {
        p.insert(QLatin1String("override"), true);
        p.insert(QLatin1String("reason"), reason.trimmed());
    }
    const QLatin1StringView kind = startKind(def.kind);
    if (kind == EventKind::ActionRequested)
        p.insert(QLatin1String("phase"), QStringLiteral("send"));
    plan.drafts << EventDraft{actor, QString(kind), stepId, itemId, p};
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
        return refuseRun(QStringLiteral("There is no item '%1/%2'.").arg(stepId, itemId));
    const ItemStatus &item = m_steps.at(si).items.at(ii);
    const QString run = payload.value(QLatin1String("run")).toString();
    if (run.isEmpty() || run != item.automation.runId)
        return refuseRun(
            QStringLiteral("Run '%1' is not the current run of '%2/%3'.").arg(run, stepId, itemId));
    EnginePlan plan;
    plan.drafts << EventDraft{actor, QString(kind), stepId, itemId, payload};
    if (endsRunInSuccess(QString(kind), payload) && item.state == ItemState::Open && !m_closed
        && !m_steps.at(si).isFinished()) {
        plan.drafts << EventDraft{actor,
                                  QString(EventKind::ItemConfirmed),
                                  stepId,
                                  itemId,
                                  {{QLatin1String("run"), run}}};
        if (isLastOpenItem(si, ii))
            plan.drafts << EventDraft{actor, QString(EventKind::StepCompleted), stepId, {}, {}};
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
            if (r.phase != AutomationStatus::Phase::Running && !r.requestOpen)
                continue;
            const ItemKind kind = step.items.at(ii).kind;
            const QString why = QStringLiteral("warroom stopped while this run was under way");
            if (kind == ItemKind::Check)
                plan.drafts << EventDraft{
                    actor, QString(EventKind::CheckFinished), step.id, step.items.at(ii).id,
                    QJsonObject{{QLatin1String("run"), r.runId},
                                {QLatin1String("outcome"), QStringLiteral("interrupted")},
                                {QLatin1String("reason"), why}}};
            if (kind == ItemKind::Ramp && r.phase == AutomationStatus::Phase::Running)
                plan.drafts << EventDraft{
                    actor, QString(EventKind::RampFinished), step.id, step.items.at(ii).id,
                    QJsonObject{{QLatin1String("run"), r.runId},
                                {QLatin1String("outcome"), QStringLiteral("interrupted")},
                                {QLatin1String("weight"), r.weight},
                                {QLatin1String("reason"), why}}};
            const bool sideEffectOpen = r.requestOpen && r.requestPhase != QLatin1String("poll")
                                        && r.requestPhase != QLatin1String("probe");
            if (kind == ItemKind::Action || sideEffectOpen) {
                // An action that was sent is never sent again on its own, even if only its poll
                // was under way: a person looks, then re-sends with the same key (which the
                // service answers from its record) or confirms by hand.
                const QString method = r.request.value(QLatin1String("method")).toString();
                const QString url = r.request.value(QLatin1String("url")).toString();
                const QString reason
                    = sideEffectOpen
                          ? QStringLiteral("%1 %2 was in flight when warroom stopped; whether it "
                                           "took effect is not known")
                                .arg(method, url)
                          : QStringLiteral("warroom stopped while polling %1; the job's outcome "
                                           "is not known")
                                .arg(url);
                plan.drafts << EventDraft{actor,
                                          QString(EventKind::ActionUnknown),
                                          step.id,
                                          step.items.at(ii).id,
                                          {{QLatin1String("run"), r.runId},
                                           {QLatin1String("phase"), r.requestPhase},
                                           {QLatin1String("request"), r.request},
                                           {QLatin1String("reason"), reason}}};
            }
        }
    }
    return plan;
}

} // namespace warroom
