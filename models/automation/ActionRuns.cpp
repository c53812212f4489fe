// AutomationRunner: actions. An action sends one request with the run's Idempotency-Key, takes
// the values it extracts from the answer, then polls its job until the job is done.

#include "automation/AutomationRunner.h"

#include "automation/ActiveRun.h"
#include "automation/ConditionEvaluation.h"
#include "http/HttpEngine.h"
#include "timeline/EventVocabulary.h"
#include "util/JsonText.h"

namespace warroom {

namespace {

QString failureText(const RequestTemplate &t, const HttpResult &r)
{
    if (!r.error.isEmpty())
        return r.error;
    QString expected = QStringLiteral("2xx");
    if (!t.expectStatus.isEmpty()) {
        QStringList s;
        for (int code : t.expectStatus)
            s << QString::number(code);
        expected = s.join(QStringLiteral(" or "));
    }
    QString excerpt = QString::fromUtf8(r.body.left(200)).simplified();
    return QStringLiteral("HTTP %1 (expected %2)%3")
        .arg(r.status)
        .arg(expected, excerpt.isEmpty() ? QString() : QStringLiteral(": ") + excerpt);
}

QString plainText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString::fromUtf8(compactJson(v));
}

} // namespace

CommandResult AutomationRunner::resend(const QString &stepId, const QString &itemId)
{
    const ChecklistItem *def = definition(stepId, itemId);
    if (!def || def->kind != ItemKind::Action)
        return {CommandResult::Status::Refused, QStringLiteral("Only an action can be re-sent.")};
    const AutomationStatus &status = m_session.engine().itemStatus(stepId, itemId)->automation;
    if (status.phase != AutomationStatus::Phase::Unknown)
        return {CommandResult::Status::Refused,
                QStringLiteral("Only an action whose outcome is unknown is re-sent with its old "
                               "key; run it again instead.")};
    ActiveRun &r = adopt(status.runId, stepId, itemId, *def);
    return startAction(r, {{PayloadKey::Run, r.id}}, {});
}

CommandResult AutomationRunner::startAction(ActiveRun &r, const QJsonObject &startPayload,
                                            const QString &reason)
{
    const BuiltRequest built = build(r.def.action.request, m_session.textVariables(), r.id);
    if (!built.ok()) {
        end(r.id);
        return {CommandResult::Status::Refused, QStringLiteral("Not sent: ") + built.error};
    }
    QJsonObject payload = startPayload;
    payload.insert(PayloadKey::Request, built.record);
    payload.insert(PayloadKey::Key, r.id);
    // On disk before it is sent: if the app dies now, the restart knows a request may be out.
    const CommandResult started = m_session.startRun(r.stepId, r.itemId, payload, reason);
    if (!started.ok()) {
        end(r.id);
        return started;
    }
    const QString runId = r.id;
    send(r, built, [this, runId](const HttpResult &result) { onActionResponse(runId, result); });
    return {};
}

void AutomationRunner::onActionResponse(const QString &runId, const HttpResult &result)
{
    ActiveRun *r = find(runId);
    if (!r)
        return;
    const ActionSpec &spec = r->def.action;
    QJsonObject payload = responsePayload(RequestPhase::Send, result);
    bool accepted = (result.error.isEmpty() && spec.request.accepts(result.status));
    QString failure = accepted ? QString() : failureText(spec.request, result);
    if (accepted && !spec.extract.isEmpty()) {
        const QJsonValue doc = parseJsonValue(result.body);
        QJsonObject extracted;
        for (auto it = spec.extract.cbegin(); it != spec.extract.cend(); ++it) {
            const QJsonValue v = jsonAtPointer(doc, it.value());
            if (v.isUndefined() || v.isNull()) {
                accepted = false;
                failure = QStringLiteral("the response has no value at %1 for {{%2}}")
                              .arg(it.value(), it.key());
                break;
            }
            extracted.insert(it.key(), plainText(v));
        }
        if (accepted)
            payload.insert(PayloadKey::Extracted, extracted);
    }
    payload.insert(PayloadKey::Accepted, accepted);
    if (!record(*r, EventKind::ActionResponded, payload))
        return;
    if (!accepted) {
        finishRun(*r, EventKind::ActionFinished,
                  {{PayloadKey::Outcome, RunOutcome::Failed}, {PayloadKey::Reason, failure}});
        return;
    }
    if (!spec.hasPoll) {
        finishRun(*r, EventKind::ActionFinished, {{PayloadKey::Outcome, RunOutcome::Succeeded}});
        return;
    }
    r->deadline = QDeadlineTimer(scaled(spec.poll.deadlineSeconds));
    after(*r, scaled(spec.poll.everySeconds), [this, runId] { poll(runId); });
}

void AutomationRunner::poll(const QString &runId)
{
    ActiveRun *r = find(runId);
    if (!r)
        return;
    const PollSpec &spec = r->def.action.poll;
    const BuiltRequest built = build(spec.request, m_session.textVariables());
    if (!built.ok()) {
        finishRun(*r, EventKind::ActionFinished,
                  {{PayloadKey::Outcome, RunOutcome::Failed},
                   {PayloadKey::Reason, QString(QStringLiteral("cannot poll: ") + built.error)}});
        return;
    }
    if (!record(*r, EventKind::ActionRequested,
                {{PayloadKey::Phase, RequestPhase::Poll}, {PayloadKey::Request, built.record}}))
        return;
    send(*r, built, [this, runId](const HttpResult &result) { onPollResponse(runId, result); });
}

void AutomationRunner::onPollResponse(const QString &runId, const HttpResult &result)
{
    ActiveRun *r = find(runId);
    if (!r)
        return;
    const PollSpec &spec = r->def.action.poll;
    const QMap<QString, QString> vars = m_session.textVariables();
    QJsonObject payload = responsePayload(RequestPhase::Poll, result);
    const bool answered = (result.error.isEmpty() && spec.request.accepts(result.status));
    QString outcome, reason;
    if (answered) {
        const QJsonValue doc = parseJsonValue(result.body);
        const Evaluation until
            = evaluateCondition(spec.until, jsonAtPointer(doc, spec.until.pointer), vars);
        payload.insert(PayloadKey::ValueText, until.valueText);
        if (until.passed) {
            outcome = RunOutcome::Succeeded;
        } else if (spec.hasFailWhen) {
            const Evaluation failed
                = evaluateCondition(spec.failWhen, jsonAtPointer(doc, spec.failWhen.pointer), vars);
            if (failed.passed) {
                outcome = RunOutcome::Failed;
                reason = QStringLiteral("%1 is %2").arg(spec.failWhen.pointer, failed.valueText);
            }
        }
        if (outcome.isEmpty())
            reason = QStringLiteral("%1 was still %2 (waiting for %3 %4)")
                         .arg(spec.until.pointer, until.valueText,
                              Condition::opSymbol(spec.until.op), plainText(spec.until.value));
    } else {
        reason = QStringLiteral("the last poll failed: ") + failureText(spec.request, result);
    }
    if (!record(*r, EventKind::ActionResponded, payload))
        return;
    if (outcome.isEmpty() && r->deadline.hasExpired()) {
        outcome = RunOutcome::Failed;
        reason = QStringLiteral("the poll deadline (%1 s) passed; %2")
                     .arg(spec.deadlineSeconds)
                     .arg(reason);
    }
    if (!outcome.isEmpty()) {
        QJsonObject done{{PayloadKey::Outcome, outcome}};
        if (!reason.isEmpty())
            done.insert(PayloadKey::Reason, reason);
        finishRun(*r, EventKind::ActionFinished, done);
        return;
    }
    after(*r, scaled(spec.everySeconds), [this, runId] { poll(runId); });
}

} // namespace warroom
