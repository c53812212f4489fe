// AutomationRunner: checks, ramps, and stopping runs whose item was resolved by other means.

#include "automation/AutomationRunner.h"

#include "automation/ActiveRun.h"
#include "http/HttpEngine.h"
#include "util/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace warroom {

void AutomationRunner::measure(ActiveRun &run, const CheckSpec &check,
                           std::function<void(bool, const QJsonObject &)> done)
{
    const QMap<QString, QString> vars = m_session.textVariables();
    const RequestTemplate t = RequestBuilder::checkRequest(check, vars);
    QJsonObject sample{{QLatin1String("threshold"), expandVariables(check.thresholdText(), vars)}};
    if (!check.label.isEmpty())
        sample.insert(QLatin1String("label"), check.label);
    const BuiltRequest built = build(t, vars);
    if (!built.ok()) {
        sample.insert(QLatin1String("error"), built.error);
        sample.insert(QLatin1String("passed"), false);
        done(false, sample);
        return;
    }
    sample.insert(QLatin1String("url"), built.record.value(QLatin1String("url")));
    if (check.source == CheckSpec::Source::Prometheus)
        sample.insert(QLatin1String("query"), expandVariables(check.query, vars));
    send(run, built, [this, check, sample, done](const HttpResult &r) mutable {
        sample.insert(QLatin1String("status"), r.status);
        sample.insert(QLatin1String("duration_ms"), r.durationMs);
        QString error;
        QJsonValue measured(QJsonValue::Undefined);
        if (!r.error.isEmpty()) {
            error = r.error;
            sample.insert(QLatin1String("curl_code"), r.curlCode);
        } else if (r.status < 200 || r.status >= 300) {
            error = QStringLiteral("HTTP %1: %2")
                        .arg(r.status)
                        .arg(QString::fromUtf8(r.body.left(200)).simplified());
        } else if (check.source == CheckSpec::Source::Prometheus) {
            prometheusSample(r.body, &measured, &error);
        } else {
            const QJsonValue doc = parseJsonValue(r.body);
            if (doc.isUndefined())
                error = QStringLiteral("the answer is not JSON");
            else
                measured = jsonAtPointer(doc, check.condition.pointer);
        }
        bool passed = false;
        if (error.isEmpty()) {
            const Evaluation e
                = evaluateCondition(check.condition, measured, m_session.textVariables());
            passed = e.passed;
            sample.insert(QLatin1String("value_text"), e.valueText);
            if (!e.value.isUndefined())
                sample.insert(QLatin1String("value"), e.value);
            error = e.error;
        }
        if (!error.isEmpty())
            sample.insert(QLatin1String("error"), error);
        sample.insert(QLatin1String("passed"), passed);
        done(passed, sample);
    });
}

void AutomationRunner::sampleCheck(const QString &runId)
{
    ActiveRun *run = find(runId);
    if (!run)
        return;
    measure(*run, run->def.check, [this, runId](bool, const QJsonObject &sample) {
        ActiveRun *r = find(runId);
        if (!r || !record(*r, EventKind::CheckSampled, sample))
            return;
        const CheckSpec &c = r->def.check;
        // How many passed in a row is the timeline's to say, folded into the item's AutomationStatus.
        const int passingInARow = m_session.engine().itemStatus(r->stepId, r->itemId)->automation.passingInARow;
        if (passingInARow >= c.consecutive) {
            finishRun(*r, EventKind::CheckFinished,
                      {{QLatin1String("outcome"), QStringLiteral("passed")},
                       {QLatin1String("value_text"), sample.value(QLatin1String("value_text"))}});
            return;
        }
        if (r->deadline.hasExpired()) {
            const QString last
                = sample.contains(QLatin1String("error"))
                      ? sample.value(QLatin1String("error")).toString()
                      : QStringLiteral("last value %1, threshold %2")
                            .arg(sample.value(QLatin1String("value_text")).toString(),
                                 sample.value(QLatin1String("threshold")).toString());
            finishRun(*r, EventKind::CheckFinished,
                      {{QLatin1String("outcome"), QStringLiteral("failed")},
                       {QLatin1String("reason"), QStringLiteral("did not pass within %1 s (%2)")
                                                     .arg(c.deadlineSeconds)
                                                     .arg(last)}});
            return;
        }
        after(*r, scaled(c.everySeconds), [this, runId] { sampleCheck(runId); });
    });
}

void AutomationRunner::rampStage(const QString &runId)
{
    ActiveRun *run = find(runId);
    if (!run)
        return;
    const RampSpec &ramp = run->def.ramp;
    const double weight = ramp.weights.at(run->stage);
    QMap<QString, QString> vars = m_session.textVariables();
    vars.insert(QStringLiteral("weight"), QString::number(weight));
    // One key per stage: a retried stage is recognised; the next stage is a new side effect.
    const QString key = QStringLiteral("%1-w%2").arg(runId).arg(weight);
    const BuiltRequest built = build(ramp.request, vars, key);
    if (!built.ok()) {
        finishRun(*run, EventKind::RampFinished,
                  {{QLatin1String("outcome"), QStringLiteral("halted")},
                   {QLatin1String("reason"),
                    QString(QStringLiteral("cannot set the weight: ") + built.error)}});
        return;
    }
    if (!record(*run, EventKind::ActionRequested,
                {{QLatin1String("phase"), QStringLiteral("weight")},
                 {QLatin1String("weight"), weight},
                 {QLatin1String("key"), key},
                 {QLatin1String("request"), built.record}}))
        return;
    send(*run, built, [this, runId, weight](const HttpResult &result) {
        onWeightResponse(runId, weight, result);
    });
}

void AutomationRunner::onWeightResponse(const QString &runId, double weight, const HttpResult &result)
{
    ActiveRun *r = find(runId);
    if (!r)
        return;
    const RampSpec &spec = r->def.ramp;
    const bool accepted = result.error.isEmpty() && spec.request.accepts(result.status);
    QJsonObject payload = responsePayload(QStringLiteral("weight"), result);
    payload.insert(QLatin1String("weight"), weight);
    payload.insert(QLatin1String("accepted"), accepted);
    if (!record(*r, EventKind::ActionResponded, payload))
        return;
    if (!accepted) {
        finishRun(*r, EventKind::RampFinished,
                  {{QLatin1String("outcome"), QStringLiteral("halted")},
                   {QLatin1String("reason"),
                    QStringLiteral("setting the weight to %1 failed: %2")
                        .arg(weight)
                        .arg(result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(result.status)
                                                    : result.error)}});
        return;
    }
    if (!record(*r, EventKind::RampStage,
                {{QLatin1String("weight"), weight},
                 {QLatin1String("state"), QStringLiteral("holding")}}))
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
    const RampSpec &spec = r->def.ramp;
    const double weight = spec.weights.at(r->stage);
    if (index < spec.checks.size()) {
        measure(
            *r, spec.checks.at(index),
            [this, runId, index, weight](bool passed, const QJsonObject &sample) {
                ActiveRun *current = find(runId);
                QJsonObject s = sample;
                s.insert(QLatin1String("weight"), weight);
                if (!current || !record(*current, EventKind::CheckSampled, s))
                    return;
                if (passed) {
                    rampCheck(runId, index + 1);
                    return;
                }
                const QString label = current->def.ramp.checks.at(index).label;
                const QString why = s.contains(QLatin1String("error"))
                                        ? s.value(QLatin1String("error")).toString()
                                        : QStringLiteral("%1, threshold %2")
                                              .arg(s.value(QLatin1String("value_text")).toString(),
                                                   s.value(QLatin1String("threshold")).toString());
                finishRun(*current, EventKind::RampFinished,
                          {{QLatin1String("outcome"), QStringLiteral("halted")},
                           {QLatin1String("weight"), weight},
                           {QLatin1String("reason"), QStringLiteral("%1 failed at weight %2: %3")
                                                         .arg(label)
                                                         .arg(weight)
                                                         .arg(why)}});
            });
        return;
    }
    // Every check passed in this round.
    if (!r->holdDeadline.hasExpired()) {
        int every = 5;
        for (const CheckSpec &c : spec.checks)
            every = std::min(every, c.everySeconds);
        const int wait
            = static_cast<int>(std::min<qint64>(scaled(every), r->holdDeadline.remainingTime()));
        after(*r, wait, [this, runId] { rampHold(runId); });
        return;
    }
    if (!record(
            *r, EventKind::RampStage,
            {{QLatin1String("weight"), weight}, {QLatin1String("state"), QStringLiteral("held")}}))
        return;
    if (++r->stage < spec.weights.size()) {
        rampStage(runId);
        return;
    }
    finishRun(*r, EventKind::RampFinished,
              {{QLatin1String("outcome"), QStringLiteral("completed")},
               {QLatin1String("weight"), weight}});
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
                {{QLatin1String("phase"), QStringLiteral("rollback")},
                 {QLatin1String("weight"), weight},
                 {QLatin1String("key"), key},
                 {QLatin1String("request"), built.record}}))
        return {CommandResult::Status::StorageFailed, QStringLiteral("Not recorded; not sent.")};
    const QString runId = rollback.id;
    send(rollback, built, [this, runId, weight](const HttpResult &result) {
        ActiveRun *r = find(runId);
        if (!r)
            return;
        QJsonObject payload = responsePayload(QStringLiteral("rollback"), result);
        payload.insert(QLatin1String("weight"), weight);
        payload.insert(QLatin1String("accepted"),
                       result.error.isEmpty() && r->def.ramp.request.accepts(result.status));
        if (record(*r, EventKind::ActionResponded, payload))
            end(runId);
    });
    return {};
}

CommandResult AutomationRunner::stop(const QString &stepId, const QString &itemId,
                                 const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return {CommandResult::Status::NeedsReason,
                QStringLiteral("Say why the run stops; it stays in the timeline.")};
    ActiveRun *run = runFor(stepId, itemId);
    if (!run)
        return {CommandResult::Status::Refused, QStringLiteral("Nothing is running here.")};
    const AutomationStatus &status = m_session.engine().itemStatus(stepId, itemId)->automation;
    if (status.requestOpen && status.requestPhase != QLatin1String("poll"))
        return {CommandResult::Status::Refused,
                QStringLiteral("A request that changes something is in flight; its answer comes "
                               "first. Stop again once it has.")};
    const QString why
        = QStringLiteral("stopped by %1: %2").arg(m_session.actor(), reason.trimmed());
    QJsonObject payload{{QLatin1String("reason"), why}};
    QLatin1StringView kind = EventKind::ActionFinished;
    if (run->def.kind == ItemKind::Ramp) {
        kind = EventKind::RampFinished;
        payload.insert(QLatin1String("outcome"), QStringLiteral("halted"));
        payload.insert(QLatin1String("weight"), status.weight);
    } else {
        kind = run->def.kind == ItemKind::Check ? EventKind::CheckFinished
                                                : EventKind::ActionFinished;
        payload.insert(QLatin1String("outcome"), QStringLiteral("stopped"));
    }
    // Nothing more is sent or sampled for it: its timer and reads end with it.
    const QString runId = run->id;
    if (!record(*run, kind, payload))
        return {CommandResult::Status::StorageFailed, QStringLiteral("Not recorded.")};
    end(runId);
    return {};
}

void AutomationRunner::onEventsAppended()
{
    // A run whose item was resolved by other means (confirmed by hand, skipped, its step skipped
    // or failed, the incident closed) has nothing left to prove. Stopped after this turn of the
    // event loop, because the event that resolved it may come from inside this runner.
    QTimer::singleShot(0, this, [this] {
        QStringList stale;
        for (const auto &[id, run] : m_runs) {
            const int si = m_session.checklist().stepIndex(run->stepId);
            const int ii = m_session.checklist().steps.at(si).itemIndex(run->itemId);
            const StepStatus &step = m_session.engine().step(si);
            const bool resolved = step.items.at(ii).state != ItemState::Open || step.isFinished()
                                  || m_session.engine().isClosed();
            const bool sideEffectInFlight = step.items.at(ii).automation.requestOpen;
            if (resolved && !sideEffectInFlight)
                stale << id;
        }
        for (const QString &id : std::as_const(stale)) {
            ActiveRun *r = find(id);
            const QLatin1StringView kind = r->def.kind == ItemKind::Check ? EventKind::CheckFinished
                                           : r->def.kind == ItemKind::Ramp
                                               ? EventKind::RampFinished
                                               : EventKind::ActionFinished;
            finishRun(*r, kind,
                      {{QLatin1String("outcome"), QStringLiteral("stopped")},
                       {QLatin1String("reason"),
                        QStringLiteral("the item was resolved without waiting for this run")}});
        }
    });
}

} // namespace warroom
