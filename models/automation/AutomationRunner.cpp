#include "automation/AutomationRunner.h"

#include "automation/ActiveRun.h"
#include "http/HttpEngine.h"
#include "timeline/EventVocabulary.h"
#include "util/PersonName.h"

#include <QTimer>
#include <QUrl>
#include <QUuid>

namespace warroom {

// The timeline stores libcurl's codes; the screens tell "nothing answered" by this one.
static_assert(HttpResult::couldNotConnect == CurlCodeValue::CouldNotConnect);

namespace {

QString newRunId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The event that ends a run of this kind of item.
QLatin1StringView finishKind(ItemKind kind)
{
    switch (kind) {
    case ItemKind::Check:
        return EventKind::CheckFinished;
    case ItemKind::Ramp:
        return EventKind::RampFinished;
    default:
        return EventKind::ActionFinished;
    }
}

} // namespace

QJsonObject responsePayload(const QString &phase, const HttpResult &r)
{
    QJsonObject p{{PayloadKey::Phase, phase},
                  {PayloadKey::Status, r.status},
                  {PayloadKey::DurationMs, r.durationMs},
                  {PayloadKey::Attempts, r.attempts}};
    if (!r.error.isEmpty()) {
        p.insert(PayloadKey::Error, r.error);
        p.insert(PayloadKey::CurlCode, r.curlCode);
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
    connect(&m_session, &IncidentSession::eventsAppended, this,
            &AutomationRunner::onEventsAppended);
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

const ChecklistItem *AutomationRunner::definition(const QString &stepId,
                                                  const QString &itemId) const
{
    const ChecklistStep *step = m_session.checklist().step(stepId);
    const int i = step ? step->itemIndex(itemId) : -1;
    return i < 0 ? nullptr : &step->items.at(i);
}

AutomationRunner::ActiveRun *AutomationRunner::find(const QString &runId)
{
    const auto it = m_runs.find(runId);
    return it == m_runs.end() ? nullptr : it->second.get();
}

const AutomationRunner::ActiveRun *AutomationRunner::runFor(const QString &stepId,
                                                            const QString &itemId) const
{
    for (const auto &[id, run] : m_runs) {
        if (run->stepId == stepId && run->itemId == itemId)
            return run.get();
    }
    return nullptr;
}

AutomationRunner::ActiveRun *AutomationRunner::runFor(const QString &stepId, const QString &itemId)
{
    // The runs are this object's: a non-const runner may change the run it finds.
    return const_cast<ActiveRun *>(std::as_const(*this).runFor(stepId, itemId));
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
    const bool unknownAction
        = a.phase == AutomationStatus::Phase::Unknown && def->kind == ItemKind::Action;
    can.start = open && !running && !unknownAction;
    can.resend = open && unknownAction;
    // A side effect in flight decides by its answer; only a poll may be cut short. A run whose
    // end is recorded (failed, halted) has nothing left to stop, even in the moment before the
    // runner lets it go: the screen refreshes on that last event and must not offer Stop.
    can.stop = active && a.phase == AutomationStatus::Phase::Running
               && !(a.requestOpen && a.requestPhase != RequestPhase::Poll);
    can.rollbackRamp = def->kind == ItemKind::Ramp && a.halted && !running
                       && a.weight != def->ramp.rollbackWeight;
    return can;
}

AutomationRunner::ActiveRun &AutomationRunner::adopt(const QString &runId, const QString &stepId,
                                                     const QString &itemId,
                                                     const ChecklistItem &def)
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
    if (m_held) {
        run.heldWaitMs = ms; // an answer in flight came back during a pause: wait for release
        return;
    }
    run.timer.start(ms);
}

bool AutomationRunner::record(ActiveRun &run, QLatin1StringView kind, const QJsonObject &payload)
{
    QJsonObject p = payload;
    p.insert(PayloadKey::Run, run.id);
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

BuiltRequest AutomationRunner::build(const RequestTemplate &t,
                                     const QMap<QString, QString> &variables,
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
    emit runEnded(run->stepId, run->itemId);
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
    const AutomationStatus &status = m_session.engine().itemStatus(stepId, itemId)->automation;
    switch (def->kind) {
    case ItemKind::Action:
        // After an unknown outcome the only way on is a re-send with the run's own key, so that
        // is the key shown: "(new key)" here once offered a request the runner then refused.
        // And the request it re-sends, as it first went out.
        if (status.phase == AutomationStatus::Phase::Unknown)
            return resendRequest(def->action.request, status.runId);
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

CommandResult AutomationRunner::start(const QString &stepId, const QString &itemId,
                                      const QString &reason, const QString &secondPerson)
{
    const ChecklistItem *def = definition(stepId, itemId);
    if (!def || !def->isAutomated())
        return {CommandResult::Status::Refused,
                QStringLiteral("'%1/%2' has nothing to run.").arg(stepId, itemId)};
    if (isActive(stepId, itemId))
        return {CommandResult::Status::Refused, QStringLiteral("It is already running.")};
    QJsonObject payload;
    if (def->kind == ItemKind::Action && def->action.irreversible) {
        // The same person's name with a zero-width space or a bidirectional control in it, or
        // in other case or width, is not a second person (PersonName).
        const QString second = secondPerson.trimmed();
        if (second.isEmpty() || PersonName::same(second, m_session.actor()))
            return {CommandResult::Status::Refused,
                    QStringLiteral("This action cannot be undone: a second person, other than "
                                   "%1, must look at the request and give their name.")
                        .arg(m_session.actor())};
        if (const QString bad
            = PersonName::refusal(QStringLiteral("The second person's name"), second);
            !bad.isEmpty())
            return {CommandResult::Status::Refused, bad};
        payload.insert(PayloadKey::SecondPerson, second);
    }
    ActiveRun &r = adopt(newRunId(), stepId, itemId, *def);
    payload.insert(PayloadKey::Run, r.id);
    // An accelerated drill says so in the timeline: its durations are not anyone's number.
    if (m_timeScale != 1.0)
        payload.insert(PayloadKey::TimeScale, m_timeScale);
    switch (def->kind) {
    case ItemKind::Action:
        return startAction(r, payload, reason);
    case ItemKind::Check:
        return startCheck(r, payload, reason);
    default:
        return startRamp(r, payload, reason);
    }
}

CommandResult AutomationRunner::recordStart(ActiveRun &run, const QJsonObject &payload,
                                            const QString &reason)
{
    const QString runId = run.id;
    const CommandResult started = m_session.startRun(run.stepId, run.itemId, payload, reason);
    if (!started.ok())
        end(runId);
    return started;
}

const AutomationStatus &AutomationRunner::statusOf(const ActiveRun &run) const
{
    return m_session.engine().itemStatus(run.stepId, run.itemId)->automation;
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
    if (status.requestOpen && status.requestPhase != RequestPhase::Poll)
        return {CommandResult::Status::Refused,
                QStringLiteral("A request that changes something is in flight; its answer comes "
                               "first. Stop again once it has.")};
    const QString why
        = QStringLiteral("stopped by %1: %2").arg(m_session.actor(), reason.trimmed());
    QJsonObject payload{{PayloadKey::Reason, why}};
    if (run->def.kind == ItemKind::Ramp) {
        payload.insert(PayloadKey::Outcome, RunOutcome::Halted);
        payload.insert(PayloadKey::Weight, status.weight);
    } else {
        payload.insert(PayloadKey::Outcome, RunOutcome::Stopped);
    }
    // Nothing more is sent or sampled for it: its timer and reads end with it.
    const QString runId = run->id;
    if (!record(*run, finishKind(run->def.kind), payload))
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
            // An earlier finishRun may have failed to store its event and reported it; the
            // dialog that shows it runs an event loop in which this run may have ended already.
            ActiveRun *r = find(id);
            if (!r)
                continue;
            finishRun(*r, finishKind(r->def.kind),
                      {{PayloadKey::Outcome, RunOutcome::Stopped},
                       {PayloadKey::Reason,
                        QStringLiteral("the item was resolved without waiting for this run")}});
        }
    });
}

bool AutomationRunner::isOnThisMachine(const QString &url)
{
    return HttpRequest::isLoopbackHost(QUrl(url).host());
}

} // namespace warroom
