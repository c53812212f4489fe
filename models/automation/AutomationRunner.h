#pragma once

#include "automation/RequestBuilder.h"
#include "session/IncidentSession.h"

#include <QObject>

#include <functional>
#include <map>
#include <memory>

namespace warroom {

class HttpEngine;
struct HttpResult;

// Runs the automated items of an incident: sends an action's request and polls its job, samples
// a check until it passes or its deadline passes, walks a ramp through its weights. Everything it
// does goes through the session, so each request is on disk (with its Idempotency-Key) before it
// is sent and each answer before anyone sees it. It never sends anything on its own after a
// restart: runs that were under way come back as "outcome unknown" for a person to decide.
class AutomationRunner : public QObject
{
    Q_OBJECT

public:
    // The session and the engine must outlive the runner: whoever owns all three destroys the
    // runner first (IncidentController declares it last).
    AutomationRunner(IncidentSession &session, HttpEngine &http, QObject *parent = nullptr);
    ~AutomationRunner() override;

    // The exact request an item would send now, secrets redacted; error says why it cannot be
    // sent (an environment variable that is not set...). For a ramp, its first stage.
    BuiltRequest preview(const QString &stepId, const QString &itemId) const;

    // Starts a new run. An action marked irreversible needs secondPerson: a name other than the
    // session's actor. reason is for overrides (out of order, dependencies not done).
    CommandResult start(const QString &stepId, const QString &itemId, const QString &reason = {},
                        const QString &secondPerson = {});
    // An action whose outcome is unknown: send it again with the same run and Idempotency-Key,
    // so a service that already performed it answers from its record instead of doing it twice.
    // reason is for a re-send out of order, as for start().
    CommandResult resend(const QString &stepId, const QString &itemId, const QString &reason = {});
    // Stops a running check, ramp or job poll at a person's word (a ramp is then halted where it
    // is, and may be set back). Refused while a side effect is in flight: its answer decides.
    CommandResult stop(const QString &stepId, const QString &itemId, const QString &reason);
    // A halted ramp: set the traffic weight back to the ramp's rollback weight.
    CommandResult rollbackRamp(const QString &stepId, const QString &itemId);
    bool isActive(const QString &stepId, const QString &itemId) const;

    // What a person may do with an automated item now, asked by the UI to enable its commands.
    struct AvailableCommands
    {
        bool start = false;        // a new run, or a run again after a failure
        bool resend = false;       // an action whose outcome is unknown
        bool stop = false;         // a running check, ramp or poll with no side effect in flight
        bool rollbackRamp = false; // a halted ramp not back at its rollback weight
    };
    [[nodiscard]] AvailableCommands availableCommands(const QString &stepId,
                                                      const QString &itemId) const;
    int activeRuns() const { return static_cast<int>(m_runs.size()); }
    // Whether `url` names this machine (loopback, as the HTTP engine tells it), for words that
    // only hold there (the drill backend listens on this machine only).
    static bool isOnThisMachine(const QString &url);

    // Every interval and deadline of the checklist is multiplied by this. For tests, and for a
    // tabletop walk-through that should not wait out real hold times.
    void setTimeScale(double scale) { m_timeScale = scale; }
    double timeScale() const { return m_timeScale; }

    // A facilitator's pause (RunHold.cpp): the runs under way wait where they are. Nothing
    // scheduled is sent while held (a job poll, a check's next sample, a ramp's next hold round
    // or stage); what was already in flight is answered and recorded as usual. Their waits and
    // deadlines stand still, and on release each goes on with the time it had left.
    void hold();
    void release();
    bool isHeld() const { return m_held; }

signals:
    // A run could not go on (its event could not be stored, a request could not be built).
    void runError(const QString &stepId, const QString &itemId, const QString &message);
    // A run is no longer active. Its finishing event is stored (and shown) before that, so
    // whoever enables commands from availableCommands() asks again here.
    void runEnded(const QString &stepId, const QString &itemId);

private:
    struct ActiveRun;
    using Callback = std::function<void(const HttpResult &)>;

    // Shared machinery (AutomationRunner.cpp).
    const ChecklistItem *definition(const QString &stepId, const QString &itemId) const;
    ActiveRun *find(const QString &runId);
    const ActiveRun *runFor(const QString &stepId, const QString &itemId) const;
    ActiveRun *runFor(const QString &stepId, const QString &itemId);
    // What the timeline says of the run's item: its phase, samples, stages held.
    const AutomationStatus &statusOf(const ActiveRun &run) const;
    // Takes charge of a run of `def` under `runId` (new, or one the timeline already knows).
    ActiveRun &adopt(const QString &runId, const QString &stepId, const QString &itemId,
                     const ChecklistItem &def);
    // Records the event that starts the run; a run whose start cannot be recorded is let go.
    CommandResult recordStart(ActiveRun &run, const QJsonObject &payload, const QString &reason);
    [[nodiscard]] bool record(ActiveRun &run, QLatin1StringView kind, const QJsonObject &payload);
    // The request a re-send of `runId` sends (ActionRuns.cpp): built again from the {{variables}}
    // it first went out with, or refused (its error set) when none builds the request recorded.
    BuiltRequest resendRequest(const RequestTemplate &t, const QString &runId) const;
    // The request built with the incident's variables, those extracted from answers marked.
    BuiltRequest build(const RequestTemplate &t, const QMap<QString, QString> &variables,
                       const QString &idempotencyKey = {}) const;
    // The callback sees the answer with the request's secrets already taken out.
    void send(ActiveRun &run, const BuiltRequest &request, Callback callback);
    void end(const QString &runId);
    // Records the event that ends a run, then lets the run go.
    void finishRun(ActiveRun &run, QLatin1StringView kind, const QJsonObject &payload);
    int scaled(int seconds) const;
    void after(ActiveRun &run, int ms, std::function<void()> then);
    void onEventsAppended();

    // Actions (ActionRuns.cpp): send, then poll the job until it is done.
    CommandResult startAction(ActiveRun &run, const QJsonObject &startPayload,
                              const QString &reason);
    void onActionResponse(const QString &runId, const HttpResult &r);
    void poll(const QString &runId);
    void onPollResponse(const QString &runId, const HttpResult &result);

    // Checks (CheckRuns.cpp): sample until enough pass in a row or the deadline passes.
    CommandResult startCheck(ActiveRun &run, QJsonObject payload, const QString &reason);
    void sampleCheck(const QString &runId);
    // Measures one check and reports the evaluation (with the request's outcome) to `done`.
    void measure(ActiveRun &run, const CheckSpec &check,
                 std::function<void(bool passed, const QJsonObject &sample)> done);

    // Ramps (RampRuns.cpp): set each weight, hold while the checks pass.
    CommandResult startRamp(ActiveRun &run, QJsonObject payload, const QString &reason);
    void rampStage(const QString &runId);
    void rampHold(const QString &runId);
    // One round of a ramp's hold samples its checks in turn, from `index`; a failure halts.
    void rampCheck(const QString &runId, int index);
    void onRampCheckSample(const QString &runId, int index, bool passed, const QJsonObject &sample);
    // Every check passed this round: hold on, move to the next weight, or complete.
    void rampRoundPassed(const QString &runId);
    void onWeightResponse(const QString &runId, double weight, const HttpResult &result);

    IncidentSession &m_session;
    HttpEngine &m_http;
    std::map<QString, std::unique_ptr<ActiveRun>> m_runs;
    struct Pending
    {
        QString runId;
        SecretRedactor secrets;
        Callback callback;
    };
    std::map<quint64, Pending> m_requests; // by the HTTP engine's id
    double m_timeScale = 1.0;
    bool m_held = false;
    qint64 m_heldSinceMs = 0; // steady clock (QDeadlineTimer::current) when the hold began
};

} // namespace warroom
