// AutomationRunner: ramps. A ramp sets each traffic weight in turn (one Idempotency-Key per
// stage), holds it while its checks pass, and halts where it is when one fails.

#include "automation/AutomationRunner.h"

#include "automation/ActiveRun.h"
#include "http/HttpEngine.h"
#include "timeline/EventVocabulary.h"

#include <QJsonArray>

namespace warroom {

CommandResult AutomationRunner::startRamp(ActiveRun &run, QJsonObject payload,
                                          const QString &reason)
{
    QJsonArray weights;
    for (double w : run.def.ramp.weights)
        weights.append(w);
    payload.insert(PayloadKey::Weights, weights);
    payload.insert(PayloadKey::HoldSeconds, run.def.ramp.holdSeconds);
    const CommandResult started = recordStart(run, payload, reason);
    if (!started.ok())
        return started;
    rampStage(run.id);
    return {};
}

void AutomationRunner::rampStage(const QString &runId)
{
    ActiveRun *run = find(runId);
    if (!run)
        return;
    const RampSpec &ramp = run->def.ramp;
    const double weight = ramp.weights.at(statusOf(*run).stagesHeld);
    QMap<QString, QString> vars = m_session.textVariables();
    vars.insert(QStringLiteral("weight"), QString::number(weight));
    // One key per stage: a retried stage is recognised; the next stage is a new side effect.
    const QString key = QStringLiteral("%1-w%2").arg(runId).arg(weight);
    const BuiltRequest built = build(ramp.request, vars, key);
    if (!built.ok()) {
        finishRun(*run, EventKind::RampFinished,
                  {{PayloadKey::Outcome, RunOutcome::Halted},
                   {PayloadKey::Reason,
                    QString(QStringLiteral("cannot set the weight: ") + built.error)}});
        return;
    }
    if (!record(*run, EventKind::ActionRequested,
                {{PayloadKey::Phase, RequestPhase::Weight},
                 {PayloadKey::Weight, weight},
                 {PayloadKey::Key, key},
                 {PayloadKey::Request, built.record}}))
        return;
    send(*run, built, [this, runId, weight](const HttpResult &result) {
        onWeightResponse(runId, weight, result);
    });
}

void AutomationRunner::onWeightResponse(const QString &runId, double weight,
                                        const HttpResult &result)
{
    ActiveRun *r = find(runId);
    if (!r)
        return;
    const RampSpec &spec = r->def.ramp;
    const bool accepted = result.error.isEmpty() && spec.request.accepts(result.status);
    QJsonObject payload = responsePayload(RequestPhase::Weight, result);
    payload.insert(PayloadKey::Weight, weight);
    payload.insert(PayloadKey::Accepted, accepted);
    if (!record(*r, EventKind::ActionResponded, payload))
        return;
    if (!accepted) {
        // A request that went out and got no whole answer may have moved the traffic: the room
        // must not read "failed" as "still at the last weight". Set back is offered either way.
        const QString why
            = result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(result.status) : result.error;
        const QString reason
            = result.answerLost
                  ? QStringLiteral("no answer to setting the weight to %1 (%2): the service may "
                                   "be at %1 already; set the weight back or check it")
                        .arg(weight)
                        .arg(why)
                  : QStringLiteral("setting the weight to %1 failed: %2").arg(weight).arg(why);
        finishRun(*r, EventKind::RampFinished,
                  {{PayloadKey::Outcome, RunOutcome::Halted}, {PayloadKey::Reason, reason}});
        return;
    }
    if (!record(*r, EventKind::RampStage,
                {{PayloadKey::Weight, weight}, {PayloadKey::State, RampStageState::Holding}}))
        return;
    r->holdDeadline = QDeadlineTimer(scaled(spec.holdSeconds));
    rampHold(runId);
}

void AutomationRunner::rampHold(const QString &runId)
{
    rampCheck(runId, 0);
}

void AutomationRunner::rampCheck(const QString &runId, int index)
{
    ActiveRun *r = find(runId);
    if (!r)
        return;
    if (index >= r->def.ramp.checks.size()) {
        rampRoundPassed(runId);
        return;
    }
    measure(*r, r->def.ramp.checks.at(index),
            [this, runId, index](bool passed, const QJsonObject &sample) {
                onRampCheckSample(runId, index, passed, sample);
            });
}

void AutomationRunner::onRampCheckSample(const QString &runId, int index, bool passed,
                                         const QJsonObject &sample)
{
    ActiveRun *r = find(runId);
    if (!r)
        return;
    const double weight = r->def.ramp.weights.at(statusOf(*r).stagesHeld);
    QJsonObject s = sample;
    s.insert(PayloadKey::Weight, weight);
    if (!record(*r, EventKind::CheckSampled, s))
        return;
    if (passed) {
        rampCheck(runId, index + 1);
        return;
    }
    const QString label = r->def.ramp.checks.at(index).label;
    const QString why = s.contains(PayloadKey::Error)
                            ? s.value(PayloadKey::Error).toString()
                            : QStringLiteral("%1, threshold %2")
                                  .arg(s.value(PayloadKey::ValueText).toString(),
                                       s.value(PayloadKey::Threshold).toString());
    finishRun(*r, EventKind::RampFinished,
              {{PayloadKey::Outcome, RunOutcome::Halted},
               {PayloadKey::Weight, weight},
               {PayloadKey::Reason,
                QStringLiteral("%1 failed at weight %2: %3").arg(label).arg(weight).arg(why)}});
}

void AutomationRunner::rampRoundPassed(const QString &runId)
{
    ActiveRun *r = find(runId);
    if (!r)
        return;
    const RampSpec &spec = r->def.ramp;
    if (!r->holdDeadline.hasExpired()) {
        int every = 5;
        for (const CheckSpec &c : spec.checks)
            every = std::min(every, c.everySeconds);
        const int wait
            = static_cast<int>(std::min<qint64>(scaled(every), r->holdDeadline.remainingTime()));
        after(*r, wait, [this, runId] { rampHold(runId); });
        return;
    }
    const double weight = spec.weights.at(statusOf(*r).stagesHeld);
    if (!record(*r, EventKind::RampStage,
                {{PayloadKey::Weight, weight}, {PayloadKey::State, RampStageState::Held}}))
        return;
    // The stage just recorded as held is counted by the timeline's fold.
    if (statusOf(*r).stagesHeld < spec.weights.size()) {
        rampStage(runId);
        return;
    }
    finishRun(*r, EventKind::RampFinished,
              {{PayloadKey::Outcome, RunOutcome::Completed}, {PayloadKey::Weight, weight}});
}

CommandResult AutomationRunner::rollbackRamp(const QString &stepId, const QString &itemId)
{
    const ChecklistItem *def = definition(stepId, itemId);
    if (!def || def->kind != ItemKind::Ramp)
        return {CommandResult::Status::Refused,
                QStringLiteral("Only a ramp has a rollback weight.")};
    const AutomationStatus &status = m_session.engine().itemStatus(stepId, itemId)->automation;
    if (status.phase == AutomationStatus::Phase::Running || isActive(stepId, itemId))
        return {CommandResult::Status::Refused, QStringLiteral("The ramp is still running.")};
    if (status.runId.isEmpty())
        return {CommandResult::Status::Refused, QStringLiteral("The ramp has not run.")};
    ActiveRun &rollback = adopt(status.runId, stepId, itemId, *def);
    const double weight = def->ramp.rollbackWeight;
    QMap<QString, QString> vars = m_session.textVariables();
    vars.insert(QStringLiteral("weight"), QString::number(weight));
    const QString key = QStringLiteral("%1-rollback-%2").arg(rollback.id).arg(status.requests);
    const BuiltRequest built = build(def->ramp.request, vars, key);
    if (!built.ok()) {
        end(rollback.id);
        return {CommandResult::Status::Refused, QStringLiteral("Not sent: ") + built.error};
    }
    if (!record(rollback, EventKind::ActionRequested,
                {{PayloadKey::Phase, RequestPhase::Rollback},
                 {PayloadKey::Weight, weight},
                 {PayloadKey::Key, key},
                 {PayloadKey::Request, built.record}}))
        return {CommandResult::Status::StorageFailed, QStringLiteral("Not recorded; not sent.")};
    const QString runId = rollback.id;
    send(rollback, built, [this, runId, weight](const HttpResult &result) {
        ActiveRun *r = find(runId);
        if (!r)
            return;
        QJsonObject payload = responsePayload(RequestPhase::Rollback, result);
        payload.insert(PayloadKey::Weight, weight);
        payload.insert(PayloadKey::Accepted,
                       result.error.isEmpty() && r->def.ramp.request.accepts(result.status));
        if (record(*r, EventKind::ActionResponded, payload))
            end(runId);
    });
    return {};
}

} // namespace warroom
