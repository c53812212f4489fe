#include "automation/AutomationRunner.h"

#include "automation/ActiveRun.h"
#include "http/HttpEngine.h"
#include "util/JsonText.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

namespace warroom {

namespace {

QString newRunId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

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

QJsonObject responsePayload(const QString &phase, const HttpResult &r)
{
    QJsonObject p{{QLatin1String("phase"), phase},
                  {QLatin1String("status"), r.status},
                  {QLatin1String("duration_ms"), r.durationMs},
                  {QLatin1String("attempts"), r.attempts}};
    if (!r.error.isEmpty()) {
        p.insert(QLatin1String("error"), r.error);
        p.insert(QLatin1String("curl_code"), r.curlCode);
    }
    return p;
}

AutomationRunner::AutomationRunner(IncidentSession &session, HttpEngine &http, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_http(http)
{
    connect(&m_http, &HttpEngine::finished, this, [this](quint64 id, const HttpResult &r) {
        const auto it = m_requests.find(id);
        if (it == m_requests.end())
            return;
        Pending pending = std::move(it->second);
        m_requests.erase(it);
        if (ActiveRun *run = find(pending.runId)) {
            run->requests.remove(id);
            pending.callback(pending.secrets.redacted(r));
        }
    });
    connect(&m_session, &IncidentSession::eventsAppended, this, &AutomationRunner::onEventsAppended);
}

AutomationRunner::~AutomationRunner()
{
    // In-flight requests are abandoned, not cancelled into a recorded failure: the timeline says
    // they were sent, and a restart will ask a person what became of them.
    disconnect(&m_http, nullptr, this, nullptr);
    const auto requests = std::move(m_requests);
    m_requests.clear();
    for (const auto &[id, entry] : requests)
        m_http.cancel(id);
}

const ChecklistItem *AutomationRunner::definition(const QString &stepId, const QString &itemId) const
{
    const ChecklistStep *step = m_session.checklist().step(stepId);
    const int i = step ? step->itemIndex(itemId) : -1;
    return i < 0 ? nullptr : &step->items.at(i);
}

AutomationRunner::ActiveRun *AutomationRunner::find(const QString &runId) const
{
    const auto it = m_runs.find(runId);
    return it == m_runs.end() ? nullptr : it->second.get();
}

AutomationRunner::ActiveRun *AutomationRunner::runFor(const QString &stepId, const QString &itemId) const
{
    for (const auto &[id, run] : m_runs) {
        if (run->stepId == stepId && run->itemId == itemId)
            return run.get();
    }
    return nullptr;
}

bool AutomationRunner::isActive(const QString &stepId, const QString &itemId) const
{
    return runFor(stepId, itemId) != nullptr;
}

AutomationRunner::AvailableCommands AutomationRunner::availableCommands(const QString &stepId,
                                                                       const QString &itemId) const
{
    AvailableCommands can;
    const ChecklistItem *def = definition(stepId, itemId);
    const ItemStatus *item = m_session.engine().itemStatus(stepId, itemId);
    if (!def || !item || !def->isAutomated() || m_session.engine().isClosed())
        return can;
    const AutomationStatus &a = item->automation;
    const bool active = isActive(stepId, itemId);
    const bool running = a.phase == AutomationStatus::Phase::Running || active;
    const bool open = item->state == ItemState::Open;
    const bool unknownAction = a.phase == AutomationStatus::Phase::Unknown
                               && def->kind == ItemKind::Action;
    can.start = open && !running && !unknownAction;
    can.resend = open && unknownAction;
    // A side effect in flight decides by its answer; only a poll may be cut short.
    can.stop = active && !(a.requestOpen && a.requestPhase != QLatin1String("poll"));
    can.rollbackRamp = def->kind == ItemKind::Ramp && a.halted && !running
                       && a.weight != def->ramp.rollbackWeight;
    return can;
}

AutomationRunner::ActiveRun &AutomationRunner::adopt(const QString &runId, const QString &stepId,
                                       const QString &itemId, const ChecklistItem &def)
{
    auto run = std::make_unique<ActiveRun>();
    run->id = runId;
    run->stepId = stepId;
    run->itemId = itemId;
    run->def = def;
    ActiveRun &r = *run;
    m_runs[runId] = std::move(run);
    return r;
}

int AutomationRunner::scaled(int seconds) const
{
    return static_cast<int>(std::max(0.0, seconds * 1000.0 * m_timeScale));
}

void AutomationRunner::after(ActiveRun &run, int ms, std::function<void()> then)
{
    disconnect(run.timerConnection);
    run.timer.setSingleShot(true);
    run.timerConnection = connect(&run.timer, &QTimer::timeout, this, std::move(then));
    run.timer.start(ms);
}

bool AutomationRunner::record(ActiveRun &run, QLatin1StringView kind, const QJsonObject &payload)
{
    QJsonObject p = payload;
    p.insert(QLatin1String("run"), run.id);
    const CommandResult r = m_session.recordRun(kind, run.stepId, run.itemId, p);
    if (!r.ok()) {
        // Nothing more is sent for a run whose record cannot be kept.
        const QString message = r.message;
        const QString step = run.stepId, itemId = run.itemId;
        end(run.id);
        emit runError(step, itemId, message);
        return false;
    }
    return true;
}

BuiltRequest AutomationRunner::build(const RequestTemplate &t, const QMap<QString, QString> &variables,
                                 const QString &idempotencyKey) const
{
    QSet<QString> fromResponses;
    const QMap<QString, QString> &extracted = m_session.engine().extractedVariables();
    for (auto it = extracted.cbegin(); it != extracted.cend(); ++it)
        fromResponses.insert(it.key());
    return RequestBuilder::build(t, variables, idempotencyKey, fromResponses);
}

void AutomationRunner::send(ActiveRun &run, const BuiltRequest &request, Callback callback)
{
    const quint64 id = m_http.start(request.wire);
    run.requests.insert(id);
    m_requests[id] = {run.id, request.secrets, std::move(callback)};
}

void AutomationRunner::end(const QString &runId)
{
    const auto it = m_runs.find(runId);
    if (it == m_runs.end())
        return;
    std::unique_ptr<ActiveRun> run = std::move(it->second);
    m_runs.erase(it);
    for (quint64 id : std::as_const(run->requests)) {
        m_requests.erase(id);
        m_http.cancel(id);
    }
}

void AutomationRunner::finishRun(ActiveRun &run, QLatin1StringView kind, const QJsonObject &payload)
{
    const QString id = run.id;
    if (record(run, kind, payload))
        end(id);
}

BuiltRequest AutomationRunner::preview(const QString &stepId, const QString &itemId) const
{
    const ChecklistItem *def = definition(stepId, itemId);
    if (!def || !def->isAutomated()) {
        BuiltRequest b;
        b.error = QStringLiteral("'%1/%2' sends no request.").arg(stepId, itemId);
        return b;
    }
    QMap<QString, QString> vars = m_session.textVariables();
    switch (def->kind) {
    case ItemKind::Action:
        return build(def->action.request, vars, QStringLiteral("(new key)"));
    case ItemKind::Ramp:
        vars.insert(QStringLiteral("weight"),
                    QString::number(def->ramp.weights.value(0, def->ramp.rollbackWeight)));
        return build(def->ramp.request, vars, QStringLiteral("(new key)"));
    default:
        break;
    }
    return build(RequestBuilder::checkRequest(def->check, vars), vars);
}

CommandResult AutomationRunner::start(const QString &stepId, const QString &itemId, const QString &reason,
                                const QString &secondPerson)
{
    const ChecklistItem *def = definition(stepId, itemId);
    if (!def || !def->isAutomated())
        return {CommandResult::Status::Refused,
                QStringLiteral("'%1/%2' has nothing to run.").arg(stepId, itemId)};
    if (isActive(stepId, itemId))
        return {CommandResult::Status::Refused, QStringLiteral("It is already running.")};
    QJsonObject payload;
    if (def->kind == ItemKind::Action && def->action.irreversible) {
        const QString second = secondPerson.trimmed();
        if (second.isEmpty() || second.compare(m_session.actor(), Qt::CaseInsensitive) == 0)
            return {CommandResult::Status::Refused,
                    QStringLiteral("This action cannot be undone: a second person, other than "
                                   "%1, must look at the request and give their name.")
                        .arg(m_session.actor())};
        payload.insert(QLatin1String("second_person"), second);
    }
    ActiveRun &r = adopt(newRunId(), stepId, itemId, *def);
    payload.insert(QLatin1String("run"), r.id);
    // An accelerated drill says so in the timeline: its durations are not anyone's number.
    if (m_timeScale != 1.0)
        payload.insert(QLatin1String("time_scale"), m_timeScale);

    if (def->kind == ItemKind::Action)
        return startAction(r, payload, reason);

    if (def->kind == ItemKind::Check) {
        payload.insert(QLatin1String("threshold"),
                       expandVariables(def->check.thresholdText(), m_session.textVariables()));
        payload.insert(QLatin1String("source"), def->check.source == CheckSpec::Source::Prometheus
                                                    ? QStringLiteral("prometheus")
                                                    : QStringLiteral("probe"));
        payload.insert(QLatin1String("deadline_s"), def->check.deadlineSeconds);
    } else {
        QJsonArray weights;
        for (double w : def->ramp.weights)
            weights.append(w);
        payload.insert(QLatin1String("weights"), weights);
        payload.insert(QLatin1String("hold_s"), def->ramp.holdSeconds);
    }
    const CommandResult started = m_session.startRun(stepId, itemId, payload, reason);
    if (!started.ok()) {
        end(r.id);
        return started;
    }
    if (def->kind == ItemKind::Check) {
        r.deadline = QDeadlineTimer(scaled(def->check.deadlineSeconds));
        sampleCheck(r.id);
    } else {
        rampStage(r.id);
    }
    return {};
}

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
    return startAction(r, {{QLatin1String("run"), r.id}}, {});
}

CommandResult AutomationRunner::startAction(ActiveRun &r, const QJsonObject &startPayload,
                                        const QString &reason)
{
    const BuiltRequest built
        = build(r.def.action.request, m_session.textVariables(), r.id);
    if (!built.ok()) {
        end(r.id);
        return {CommandResult::Status::Refused, QStringLiteral("Not sent: ") + built.error};
    }
    QJsonObject payload = startPayload;
    payload.insert(QLatin1String("request"), built.record);
    payload.insert(QLatin1String("key"), r.id);
    // On disk before it is sent: if the app dies now, the restart knows a request may be out.
    const CommandResult started = m_session.startRun(r.stepId, r.itemId, payload, reason);
    if (!started.ok()) {
        end(r.id);
        return started;
    }
    const QString runId = r.id;
    send(r, built,
         [this, runId](const HttpResult &result) { onActionResponse(runId, result); });
    return {};
}

void AutomationRunner::onActionResponse(const QString &runId, const HttpResult &result)
{
    ActiveRun *r = find(runId);
    if (!r)
        return;
    const ActionSpec &spec = r->def.action;
    QJsonObject payload = responsePayload(QStringLiteral("send"), result);
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
            payload.insert(QLatin1String("extracted"), extracted);
    }
    payload.insert(QLatin1String("accepted"), accepted);
    if (!record(*r, EventKind::ActionResponded, payload))
        return;
    if (!accepted) {
        finishRun(*r, EventKind::ActionFinished,
                  {{QLatin1String("outcome"), QStringLiteral("failed")},
                   {QLatin1String("reason"), failure}});
        return;
    }
    if (!spec.hasPoll) {
        finishRun(*r, EventKind::ActionFinished,
                  {{QLatin1String("outcome"), QStringLiteral("succeeded")}});
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
        finishRun(
            *r, EventKind::ActionFinished,
            {{QLatin1String("outcome"), QStringLiteral("failed")},
             {QLatin1String("reason"), QString(QStringLiteral("cannot poll: ") + built.error)}});
        return;
    }
    if (!record(*r, EventKind::ActionRequested,
                {{QLatin1String("phase"), QStringLiteral("poll")},
                 {QLatin1String("request"), built.record}}))
        return;
    send(*r, built,
         [this, runId](const HttpResult &result) { onPollResponse(runId, result); });
}

void AutomationRunner::onPollResponse(const QString &runId, const HttpResult &result)
{
    ActiveRun *r = find(runId);
    if (!r)
        return;
    const PollSpec &spec = r->def.action.poll;
    const QMap<QString, QString> vars = m_session.textVariables();
    QJsonObject payload = responsePayload(QStringLiteral("poll"), result);
    const bool answered = (result.error.isEmpty() && spec.request.accepts(result.status));
    QString outcome, reason;
    if (answered) {
        const QJsonValue doc = parseJsonValue(result.body);
        const Evaluation until
            = evaluateCondition(spec.until, jsonAtPointer(doc, spec.until.pointer), vars);
        payload.insert(QLatin1String("value_text"), until.valueText);
        if (until.passed) {
            outcome = QStringLiteral("succeeded");
        } else if (spec.hasFailWhen) {
            const Evaluation failed
                = evaluateCondition(spec.failWhen, jsonAtPointer(doc, spec.failWhen.pointer), vars);
            if (failed.passed) {
                outcome = QStringLiteral("failed");
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
        outcome = QStringLiteral("failed");
        reason = QStringLiteral("the poll deadline (%1 s) passed; %2")
                     .arg(spec.deadlineSeconds)
                     .arg(reason);
    }
    if (!outcome.isEmpty()) {
        QJsonObject done{{QLatin1String("outcome"), outcome}};
        if (!reason.isEmpty())
            done.insert(QLatin1String("reason"), reason);
        finishRun(*r, EventKind::ActionFinished, done);
        return;
    }
    after(*r, scaled(spec.everySeconds), [this, runId] { poll(runId); });
}

} // namespace warroom
