// AutomationRunner: actions. An action sends one request with the run's Idempotency-Key, takes
// the values it extracts from the answer, then polls its job until the job is done.

#include "automation/AutomationRunner.h"

#include "automation/ActiveRun.h"
#include "automation/ConditionEvaluation.h"
#include "http/HttpEngine.h"
#include "timeline/EventVocabulary.h"
#include "util/JsonText.h"
#include "util/ListWords.h"
#include "util/OneLine.h"

#include <algorithm>
#include <optional>
#include <utility>

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

// The values an action takes from its answer ({{job_id}}), or why the answer gives none. A value
// is an identifier or an address for the next request: one of a megabyte (an answer may be that
// long) was recorded whole in the timeline and carried into every poll.
QString extractValues(const ActionSpec &spec, const QByteArray &body, QJsonObject *extracted)
{
    constexpr qsizetype longest = 2048; // characters: a long URL
    const QJsonValue doc = parseJsonValue(body);
    for (auto it = spec.extract.cbegin(); it != spec.extract.cend(); ++it) {
        const QJsonValue v = jsonAtPointer(doc, it.value());
        if (v.isUndefined() || v.isNull())
            return QStringLiteral("the response has no value at %1 for {{%2}}")
                .arg(it.value(), it.key());
        const QString text = plainText(v);
        if (const qsizetype n = OneLine::characterCount(text); n > longest)
            return QStringLiteral("the value at %1 for {{%2}} is %3 characters long; at most %4 "
                                  "are taken")
                .arg(it.value(), it.key())
                .arg(n)
                .arg(longest);
        extracted->insert(it.key(), text);
    }
    return {};
}

// What the answer to a re-send says about the request whose outcome was unknown. A service that
// keeps Idempotency-Keys answers a key it has seen from its record and marks the answer
// (Idempotent-Replayed, as Stripe and the drill backend do): then the first request had reached
// it. An unmarked answer means it had no record of the key.
QString resendAnswerText(const HttpResult &r, bool accepted)
{
    if (!r.error.isEmpty())
        return QStringLiteral("The re-send got no answer either; whether the first request took "
                              "effect is still not known");
    bool replayed = false;
    for (const auto &[name, value] : r.headers) {
        if (name.compare(QLatin1String("Idempotent-Replayed"), Qt::CaseInsensitive) == 0)
            replayed = value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    }
    if (replayed && accepted)
        return QStringLiteral("The service answered the re-send from its record of the first "
                              "request (HTTP %1, Idempotent-Replayed): the first request HAD taken "
                              "effect, and nothing was done twice")
            .arg(r.status);
    if (replayed)
        return QStringLiteral("The service answered the re-send from its record of the first "
                              "request: it had REFUSED the first request (HTTP %1)")
            .arg(r.status);
    return QStringLiteral("The service had no record of this key (its answer was not marked "
                          "Idempotent-Replayed): the first request had NOT taken effect, and "
                          "this re-send is the one that counts (HTTP %1)")
        .arg(r.status);
}

// Why an action's outcome is unknown: its request went out and no answer came. After a re-send,
// what that re-send showed (nothing either) says it.
QString unansweredText(const QJsonObject &sent, const QString &failure, const QString &resendAnswer)
{
    if (!resendAnswer.isEmpty())
        return QStringLiteral("%1 (%2)").arg(resendAnswer, failure);
    return QStringLiteral("%1 %2 went out and got no whole answer (last attempt: %3); whether it "
                          "took effect is not known")
        .arg(sent.value(PayloadKey::Method).toString(), sent.value(PayloadKey::Url).toString(),
             failure);
}

// The reason an action's run ends with: what the re-send showed, then what decided the end.
QString joinReasons(const QString &first, const QString &second)
{
    if (first.isEmpty())
        return second;
    return second.isEmpty() ? first : first + QStringLiteral("; ") + second;
}

// What a poll's answer says of the job: its state against `until` (and `fail_when`), and how far
// it got, into the response's payload; an outcome only once the job has ended.
void readPollAnswer(const PollSpec &spec, const QByteArray &body,
                    const QMap<QString, QString> &vars, QJsonObject &payload, QString &outcome,
                    QString &reason)
{
    const QJsonValue doc = parseJsonValue(body);
    const Evaluation until
        = evaluateCondition(spec.until, jsonAtPointer(doc, spec.until.pointer), vars);
    payload.insert(PayloadKey::ValueText, until.valueText);
    // How far the job got, when the checklist says where to read it: a number, clamped to a
    // percent; anything else is left out rather than guessed.
    const QJsonValue progress
        = spec.progressPointer.isEmpty() ? QJsonValue() : jsonAtPointer(doc, spec.progressPointer);
    if (progress.isDouble())
        payload.insert(PayloadKey::Progress, std::clamp(progress.toDouble(), 0.0, 100.0));
    if (until.passed) {
        outcome = RunOutcome::Succeeded;
        return;
    }
    if (spec.hasFailWhen) {
        const Evaluation failed
            = evaluateCondition(spec.failWhen, jsonAtPointer(doc, spec.failWhen.pointer), vars);
        if (failed.passed) {
            outcome = RunOutcome::Failed;
            reason = QStringLiteral("the job's %1 is %2 (wanted %3)")
                         .arg(Condition::pointerWords(spec.failWhen.pointer), failed.valueText,
                              spec.until.wantedText());
            return;
        }
    }
    reason = QStringLiteral("the job's %1 was still %2 (waiting for %3)")
                 .arg(Condition::pointerWords(spec.until.pointer), until.valueText,
                      spec.until.wantedText());
}

// Whether two requests built from the same template are the same on the wire.
bool sameOnTheWire(const HttpRequest &a, const HttpRequest &b)
{
    const auto header = [](const HttpHeader &x, const HttpHeader &y) {
        return x.name == y.name && x.value == y.value;
    };
    return a.method == b.method && a.url == b.url && a.body == b.body && a.caFile == b.caFile
           && std::equal(a.headers.cbegin(), a.headers.cend(), b.headers.cbegin(), b.headers.cend(),
                         header);
}

// Whether `wire`, built from `vars`, left a {{name}} as it is that `latest` has a value for: a
// variable that did not exist yet (a token an answer gave later). The record hides a secret
// header's value, so such a build matched the record and made every re-send of the request
// "more than one way"; it is not the request that went.
bool leftUnfilled(const HttpRequest &wire, const QMap<QString, QString> &vars,
                  const QMap<QString, QString> &latest)
{
    const QString body = QString::fromUtf8(wire.body);
    for (auto it = latest.cbegin(); it != latest.cend(); ++it) {
        if (vars.contains(it.key()))
            continue;
        const QString ref = QStringLiteral("{{%1}}").arg(it.key());
        const QString encoded = QStringLiteral("%7B%7B%1%7D%7D").arg(it.key());
        if (wire.url.contains(ref) || wire.url.contains(encoded, Qt::CaseInsensitive)
            || body.contains(ref)
            || std::any_of(wire.headers.cbegin(), wire.headers.cend(),
                           [&ref](const HttpHeader &h) { return h.value.contains(ref); }))
            return true;
    }
    return false;
}

// What differs between two requests' records, in words ("body", "URL and headers").
QString differingParts(const QJsonObject &a, const QJsonObject &b)
{
    QStringList parts;
    for (const auto &[key, words] : {std::pair{"method", "method"}, std::pair{"url", "URL"},
                                     std::pair{"headers", "headers"}, std::pair{"body", "body"}}) {
        const QLatin1StringView k(key);
        if (a.value(k) != b.value(k))
            parts << QLatin1StringView(words);
    }
    return parts.isEmpty() ? QStringLiteral("form") : joinAsList(parts);
}

} // namespace

BuiltRequest AutomationRunner::resendRequest(const RequestTemplate &t, const QString &runId) const
{
    // The same request under the same key, or none: another body under the old key is refused by
    // a service that checks keys and posted a second time by one that does not. It is built again
    // from the {{variables}} it was made from, which are what the timeline held at some point
    // before it: the screen that sent it had read that far, and its write took in what other
    // screens had recorded meanwhile (a handover), placed before the request but not in its body.
    // So each set of variables the timeline held before the request is tried, the latest first,
    // and the one that builds the request as recorded goes: the same record (method, URL,
    // headers and body, secrets as [redacted]) is the same request on the wire. Folded in
    // timeline order, not by time: an entry in the same ms, or from a screen whose clock runs
    // behind, was let in or left out by time.
    ChecklistEngine engine(m_session.checklist(), incidentTextVariables(m_session.incident()));
    QList<QMap<QString, QString>> held{engine.textVariables()};
    std::optional<QJsonObject> first;
    for (const TimelineEvent &e : m_session.events()) {
        if (e.kind == EventKind::ActionRequested && startsRun(e.kind, e.payload)
            && e.payload.value(PayloadKey::Run).toString() == runId) {
            first = e.payload.value(PayloadKey::Request).toObject();
            break;
        }
        engine.apply(e);
        // Kept shared with the engine's map (a handover inserts even an unchanged commander,
        // which detaches it): compared in O(1) until the variables really change.
        if (engine.textVariables() != held.constLast())
            held.append(engine.textVariables());
        else
            held.last() = engine.textVariables();
    }
    if (!first) // not in the timeline: nothing to be the same as
        return build(t, m_session.textVariables(), runId);
    BuiltRequest latest = build(t, held.constLast(), runId);
    // A request recorded without its form (none recorded) is sent as the timeline stood.
    if (first->isEmpty())
        return latest;
    // The record hides what a secret header holds, so two sets can build the same record and
    // different requests (a {{token}} in an Authorization header, extracted in between): then
    // which went out is not known, and nothing goes.
    std::optional<BuiltRequest> match;
    for (qsizetype i = held.size() - 1; i >= 0; --i) {
        BuiltRequest built = i == held.size() - 1 ? latest : build(t, held.at(i), runId);
        if (!built.ok() || built.record != *first
            || leftUnfilled(built.wire, held.at(i), held.constLast()))
            continue;
        if (!match) {
            match = std::move(built);
        } else if (!sameOnTheWire(match->wire, built.wire)) {
            latest.error = QStringLiteral(
                "built again, it matches what first went out under its key in more than one "
                "way, which differ in what the record hides (a secret), so which one went out "
                "is not known. Find out from the service whether it took effect, then confirm "
                "or skip the item by hand with that reason.");
            return latest;
        }
    }
    if (match)
        return *match;
    if (!latest.ok())
        return latest;
    latest.error = QStringLiteral(
                       "built again, this request's %1 is not what first went out under its key, "
                       "and a different request under the same key could act a second time. "
                       "Find out from the service whether the first one took effect, then confirm "
                       "or skip the item by hand with that reason.")
                       .arg(differingParts(latest.record, *first));
    return latest;
}

CommandResult AutomationRunner::resend(const QString &stepId, const QString &itemId,
                                       const QString &reason)
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
    r.resend = true;
    return startAction(r, {{PayloadKey::Run, r.id}}, reason);
}

CommandResult AutomationRunner::startAction(ActiveRun &r, const QJsonObject &startPayload,
                                            const QString &reason)
{
    const BuiltRequest built = r.resend
                                   ? resendRequest(r.def.action.request, r.id)
                                   : build(r.def.action.request, m_session.textVariables(), r.id);
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
        QJsonObject extracted;
        failure = extractValues(spec, result.body, &extracted);
        accepted = failure.isEmpty();
        if (accepted)
            payload.insert(PayloadKey::Extracted, extracted);
    }
    payload.insert(PayloadKey::Accepted, accepted);
    if (r->resend)
        r->resendAnswer = resendAnswerText(result, accepted);
    if (!record(*r, EventKind::ActionResponded, payload))
        return;
    // No whole answer to a request that went out (a timeout, a dropped connection), on this
    // attempt or an earlier one: the side effect may have happened. "action FAILED" invited a new
    // run with a new key, a second rollback; unknown offers only the re-send with this run's key,
    // or a person's decision. A re-send that did not reach the service leaves it as unknown.
    if (!accepted && (result.answerLost || (r->resend && result.status == 0))) {
        const QJsonObject sent = statusOf(*r).request;
        finishRun(*r, EventKind::ActionUnknown,
                  {{PayloadKey::Phase, RequestPhase::Send},
                   {PayloadKey::Request, sent},
                   {PayloadKey::Reason, unansweredText(sent, failure, r->resendAnswer)}});
        return;
    }
    if (!accepted) {
        finishRun(*r, EventKind::ActionFinished,
                  {{PayloadKey::Outcome, RunOutcome::Failed},
                   {PayloadKey::Reason, joinReasons(r->resendAnswer, failure)}});
        return;
    }
    if (!spec.hasPoll) {
        QJsonObject done{{PayloadKey::Outcome, RunOutcome::Succeeded}};
        if (r->resend)
            done.insert(PayloadKey::Reason, r->resendAnswer);
        finishRun(*r, EventKind::ActionFinished, done);
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
    QJsonObject payload = responsePayload(RequestPhase::Poll, result);
    const bool answered = (result.error.isEmpty() && spec.request.accepts(result.status));
    QString outcome, reason;
    if (answered)
        readPollAnswer(spec, result.body, m_session.textVariables(), payload, outcome, reason);
    else
        reason = QStringLiteral("the last poll failed: ") + failureText(spec.request, result);
    if (!record(*r, EventKind::ActionResponded, payload))
        return;
    if (outcome.isEmpty() && r->deadline.hasExpired() && result.status == 0 && result.requestSent) {
        // The last poll went out and got no answer by the deadline: the job may have finished.
        // "Failed" invited a new run, a second job. Unknown, as a stop of the app while polling
        // is (interruptedRunDrafts); a poll answered with an error, or never sent, is failed.
        finishRun(*r, EventKind::ActionUnknown,
                  {{PayloadKey::Phase, RequestPhase::Poll},
                   {PayloadKey::Reason,
                    joinReasons(r->resendAnswer,
                                QStringLiteral("the poll deadline (%1 s) passed and %2; whether "
                                               "the job finished is not known")
                                    .arg(spec.deadlineSeconds)
                                    .arg(reason))}});
        return;
    }
    if (outcome.isEmpty() && r->deadline.hasExpired()) {
        outcome = RunOutcome::Failed;
        reason = QStringLiteral("the poll deadline (%1 s) passed; %2")
                     .arg(spec.deadlineSeconds)
                     .arg(reason);
    }
    if (!outcome.isEmpty()) {
        QJsonObject done{{PayloadKey::Outcome, outcome}};
        reason = joinReasons(r->resendAnswer, reason);
        if (!reason.isEmpty())
            done.insert(PayloadKey::Reason, reason);
        finishRun(*r, EventKind::ActionFinished, done);
        return;
    }
    after(*r, scaled(spec.everySeconds), [this, runId] { poll(runId); });
}

} // namespace warroom
