#include "support/TroubleDrill.h"

#include "session/IncidentSession.h"
#include "support/DeclaredIncident.h"
#include "support/PollHelper.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"

#include <QJsonArray>

namespace warroom::test {

namespace {

constexpr qint64 second = 1000;

void ok(const CommandResult &r)
{
    if (!r.ok())
        qFatal("trouble drill: %s", qPrintable(r.message));
}

// Records what AutomationRunner records, with the payloads it writes, at times the drill sets.
class Drill
{
public:
    Drill(TimelineStore &store, qint64 &now)
        : m_store(store)
        , m_now(now)
    {}

    IncidentSession &session() { return *m_session; }
    void at(qint64 elapsedMs) { m_now = t0 + elapsedMs; }
    void as(const char *actor) { m_session->setActor(s(actor)); }

    void declare();
    void stopAndReopen(qint64 reopenAtMs);

    QJsonObject base(const QString &run) const
    {
        return {{PayloadKey::Run, run}, {PayloadKey::TimeScale, 1.0 / troubleSpeed}};
    }
    void send(const char *step, const char *item, const QString &run, const QString &method,
              const QString &url, const QString &secondPerson = {})
    {
        QJsonObject p = base(run);
        p.insert(PayloadKey::Request,
                 QJsonObject{{PayloadKey::Method, method}, {PayloadKey::Url, url}});
        if (!secondPerson.isEmpty())
            p.insert(PayloadKey::SecondPerson, secondPerson);
        ok(m_session->startRun(s(step), s(item), p));
    }
    void record(QLatin1StringView kind, const char *step, const char *item, QJsonObject p)
    {
        ok(m_session->recordRun(kind, s(step), s(item), p));
    }
    void answer(const char *step, const char *item, const QString &run, const char *phase,
                int status, QJsonObject extra = {})
    {
        extra.insert(PayloadKey::Run, run);
        extra.insert(PayloadKey::Phase, QLatin1StringView(phase));
        extra.insert(PayloadKey::Status, status);
        extra.insert(PayloadKey::DurationMs, 84);
        extra.insert(PayloadKey::Attempts, 1);
        record(EventKind::ActionResponded, step, item, extra);
    }
    void poll(const char *step, const char *item, const QString &run, const QString &url,
              const char *state, double progress)
    {
        record(EventKind::ActionRequested, step, item,
               {{PayloadKey::Run, run},
                {PayloadKey::Phase, RequestPhase::Poll},
                {PayloadKey::Request,
                 QJsonObject{{PayloadKey::Method, s("GET")}, {PayloadKey::Url, url}}}});
        answer(step, item, run, "poll", 200,
               {{PayloadKey::ValueText, s(state)}, {PayloadKey::Progress, progress}});
    }
    void finish(QLatin1StringView kind, const char *step, const char *item, const QString &run,
                QLatin1StringView outcome, const QString &reason = {})
    {
        QJsonObject p{{PayloadKey::Run, run}, {PayloadKey::Outcome, outcome}};
        if (!reason.isEmpty())
            p.insert(PayloadKey::Reason, reason);
        record(kind, step, item, p);
    }
    void startCheck(const char *step, const char *item, const QString &run,
                    const QString &threshold)
    {
        QJsonObject p = base(run);
        p.insert(PayloadKey::Threshold, threshold);
        ok(m_session->startRun(s(step), s(item), p));
    }
    void sample(const char *step, const char *item, const QString &run, const QString &threshold,
                const QJsonValue &value, bool passed, const QString &label = {},
                double weight = -1)
    {
        const QString text = value.isString() ? value.toString() : QString::number(value.toDouble());
        QJsonObject p{{PayloadKey::Run, run},    {PayloadKey::Threshold, threshold},
                      {PayloadKey::Status, 200}, {PayloadKey::DurationMs, 12},
                      {PayloadKey::Value, value}, {PayloadKey::ValueText, text},
                      {PayloadKey::Passed, passed}};
        if (!label.isEmpty()) {
            p.insert(PayloadKey::Label, label);
            p.insert(PayloadKey::Weight, weight);
        }
        record(EventKind::CheckSampled, step, item, p);
    }

private:
    TimelineStore &m_store;
    qint64 &m_now;
    std::unique_ptr<IncidentSession> m_session;
};

void Drill::declare()
{
    const Checklist checklist = shippedChecklist();
    IncidentDeclaration d
        = declarationWithDefaults(checklist, s("Checkout 5xx after v1.3.0 deploy (trouble drill)"),
                                  s("Priya Raman"), IncidentMode::Drill);
    d.uuid = s("00000000-0000-4000-8000-000000000012");
    d.variables[s("service")] = s("checkout-api");
    QString error;
    qint64 &now = m_now;
    m_session = IncidentSession::declare(m_store, checklist, d, [&now] { return now; }, &error);
    if (!m_session)
        qFatal("%s", qPrintable(error));
}

// warroom stops (the session goes away with whatever was in flight) and is started again later.
void Drill::stopAndReopen(qint64 reopenAtMs)
{
    const qint64 id = m_session->incident().id;
    m_session.reset();
    at(reopenAtMs);
    QString error;
    qint64 &now = m_now;
    m_session = IncidentSession::open(m_store, id, [&now] { return now; }, &error);
    if (!m_session)
        qFatal("%s", qPrintable(error));
}

void scopeAndNotify(Drill &d)
{
    auto confirm = [&d](const char *step, const char *item, const char *value = "",
                        const char *reason = "") {
        ok(d.session().confirmItem(s(step), s(item), s(value), s(reason)));
    };
    d.at(1 * minute);
    confirm("scope", "impact");
    ok(d.session().addNote(s("EU card payments failing, 12% of checkouts")));
    confirm("scope", "trigger");
    confirm("scope", "authority");
    confirm("scope", "class", "deploy");
    d.at(2 * minute);
    confirm("scope", "db-implications");
    // The webhook post is answered 500; the channel is told by hand.
    d.as("Sam Okafor");
    d.at(3 * minute);
    const QString hook = s("http://127.0.0.1:8765/slack/webhook");
    d.send("notify", "channel", s("run-notify-1"), s("POST"), hook);
    d.at(3 * minute + 2 * second);
    d.answer("notify", "channel", s("run-notify-1"), "send", 500);
    d.finish(EventKind::ActionFinished, "notify", "channel", s("run-notify-1"), RunOutcome::Failed,
             s("HTTP 500 from the webhook"));
    d.at(4 * minute);
    confirm("notify", "channel", "", "posted by hand in #inc-checkout after the webhook's 500");
    d.as("Priya Raman");
    ok(d.session().assignRole(s("database"), s("Lena Vogt")));
    ok(d.session().assignRole(s("app-owner"), s("Ada Mensah")));
    ok(d.session().assignRole(s("comms"), s("Sam Okafor")));
    d.as("Sam Okafor");
    confirm("notify", "roles");
    // Executives are told with the recovery update instead: deferred to step 7, done there.
    ok(d.session().deferItem(s("notify"), s("stakeholders"), s("communicate"),
                             s("executives are in the quarterly review until 09:00")));
    confirm("notify", "status-page");
}

void freeze(Drill &d)
{
    d.as("Lena Vogt");
    d.at(5 * minute);
    ok(d.session().confirmItem(s("freeze"), s("capture")));
    d.send("freeze", "freeze-writes", s("run-freeze-1"), s("POST"),
           s("http://127.0.0.1:8765/api/freeze"));
    d.answer("freeze", "freeze-writes", s("run-freeze-1"), "send", 200);
    d.finish(EventKind::ActionFinished, "freeze", "freeze-writes", s("run-freeze-1"),
             RunOutcome::Succeeded);
    d.startCheck("freeze", "write-rate", s("run-rate-1"), s("<= 0"));
    const double rates[] = {41, 17, 3, 0};
    for (int i = 0; i < 4; ++i) {
        d.at(5 * minute + (i + 1) * 2 * second);
        d.sample("freeze", "write-rate", s("run-rate-1"), s("<= 0"), rates[i], rates[i] <= 0);
    }
    d.finish(EventKind::CheckFinished, "freeze", "write-rate", s("run-rate-1"), RunOutcome::Passed);
}

// The irreversible rollback: a second person looks, the job fails; the re-run is cut short by a
// stop of warroom with its request in flight, and re-sent with its key after the restart.
void execute(Drill &d)
{
    const QString api = s("http://127.0.0.1:8765/api/rollback");
    d.at(6 * minute);
    ok(d.session().confirmItem(s("execute"), s("marker-start")));
    // The application owner holds the rollback until the canary has drained; a second poll
    // goes through half a minute later.
    d.at(6 * minute + 20 * second);
    d.as("Lena Vogt");
    ok(d.session().answerPoll(s("execute"), s("run"), s("database"), true));
    d.as("Ada Mensah");
    ok(d.session().answerPoll(s("execute"), s("run"), s("app-owner"), false,
                              s("the canary still takes 8% of traffic; drain it first")));
    d.as("Lena Vogt");
    d.at(7 * minute);
    ok(d.session().startPoll(s("execute"), s("run")));
    ok(passPoll(d.session(), s("execute"), s("run")));
    d.send("execute", "run", s("run-rollback-1"), s("POST"), api, s("Ada Mensah"));
    d.answer("execute", "run", s("run-rollback-1"), "send", 202,
             {{PayloadKey::Extracted, QJsonObject{{s("job_id"), s("job-41")}}}});
    const QString job41 = s("http://127.0.0.1:8765/api/jobs/job-41");
    const struct { const char *state; double progress; } polls41[]
        = {{"running", 10}, {"running", 25}, {"running", 40}, {"failed", 40}};
    for (int i = 0; i < 4; ++i) {
        d.at(7 * minute + (i + 1) * 2 * second);
        d.poll("execute", "run", s("run-rollback-1"), job41, polls41[i].state, polls41[i].progress);
    }
    d.finish(EventKind::ActionFinished, "execute", "run", s("run-rollback-1"), RunOutcome::Failed,
             s("the job's state is failed (wanted succeeded)"));
    ok(d.session().addNote(s("job-41 failed at 40%: two pods in CrashLoopBackOff; retrying")));
    d.at(9 * minute);
    d.send("execute", "run", s("run-rollback-2"), s("POST"), api, s("Ada Mensah"));
    // warroom stops here with the POST in flight; Lena starts it again six minutes later.
    d.stopAndReopen(15 * minute);
    d.as("Lena Vogt");
    d.at(16 * minute);
    ok(d.session().addNote(s("the rollback API shows no job for run-rollback-2; re-sending with its key")));
    d.send("execute", "run", s("run-rollback-2"), s("POST"), api, s("Ada Mensah"));
    d.answer("execute", "run", s("run-rollback-2"), "send", 202,
             {{PayloadKey::Extracted, QJsonObject{{s("job_id"), s("job-42")}}}});
    const QString job42 = s("http://127.0.0.1:8765/api/jobs/job-42");
    for (int i = 0; i < 6; ++i) {
        d.at(16 * minute + (i + 1) * 2 * second);
        d.poll("execute", "run", s("run-rollback-2"), job42, i < 5 ? "running" : "succeeded",
               (i + 1) * 20 > 100 ? 100 : (i + 1) * 20);
    }
    d.finish(EventKind::ActionFinished, "execute", "run", s("run-rollback-2"),
             RunOutcome::Succeeded);
    d.at(17 * minute);
    ok(d.session().confirmItem(s("execute"), s("telemetry")));
    d.startCheck("execute", "finished", s("run-finished-1"), s(">= 100"));
    d.sample("execute", "finished", s("run-finished-1"), s(">= 100"), 100, true);
    d.finish(EventKind::CheckFinished, "execute", "finished", s("run-finished-1"),
             RunOutcome::Passed);
}

// Latency misses its threshold until its deadline; the second run passes.
void validate(Drill &d)
{
    d.as("Ada Mensah");
    d.at(18 * minute);
    d.startCheck("validate", "version", s("run-version-1"), s("== v1.2.0"));
    d.sample("validate", "version", s("run-version-1"), s("== v1.2.0"), s("v1.2.0"), true);
    d.finish(EventKind::CheckFinished, "validate", "version", s("run-version-1"),
             RunOutcome::Passed);
    ok(d.session().confirmItem(s("validate"), s("integrity")));
    ok(d.session().confirmItem(s("validate"), s("invariants")));
    d.at(19 * minute);
    d.startCheck("validate", "thresholds", s("run-latency-1"), s("< 300"));
    const double p99[] = {412, 398, 377, 351};
    for (int i = 0; i < 4; ++i) {
        d.at(19 * minute + (i + 1) * 5 * second);
        d.sample("validate", "thresholds", s("run-latency-1"), s("< 300"), p99[i], false);
    }
    d.finish(EventKind::CheckFinished, "validate", "thresholds", s("run-latency-1"),
             RunOutcome::Failed, s("deadline passed: 351 is not < 300"));
    d.at(21 * minute);
    d.startCheck("validate", "thresholds", s("run-latency-2"), s("< 300"));
    d.at(21 * minute + 5 * second);
    d.sample("validate", "thresholds", s("run-latency-2"), s("< 300"), 288, true);
    d.finish(EventKind::CheckFinished, "validate", "thresholds", s("run-latency-2"),
             RunOutcome::Passed);
}

// The ramp holds 5 %, fails its error-rate check at 25 %, halts and sets the weight back to 0;
// the commander skips it. Communications start out of order meanwhile.
void reenable(Drill &d)
{
    const QString traffic = s("http://127.0.0.1:8765/api/traffic");
    d.as("Lena Vogt");
    d.at(22 * minute);
    ok(passPoll(d.session(), s("reenable"), s("unfreeze")));
    d.send("reenable", "unfreeze", s("run-unfreeze-1"), s("POST"),
           s("http://127.0.0.1:8765/api/freeze"));
    d.answer("reenable", "unfreeze", s("run-unfreeze-1"), "send", 200);
    d.finish(EventKind::ActionFinished, "reenable", "unfreeze", s("run-unfreeze-1"),
             RunOutcome::Succeeded);
    QJsonObject start = d.base(s("run-ramp-1"));
    start.insert(PayloadKey::Weights, QJsonArray{5, 25, 50, 100});
    start.insert(PayloadKey::HoldSeconds, 10);
    ok(d.session().startRun(s("reenable"), s("ramp"), start));
    auto weight = [&](const char *phase, double w) {
        d.record(EventKind::ActionRequested, "reenable", "ramp",
                 {{PayloadKey::Run, s("run-ramp-1")},
                  {PayloadKey::Phase, QLatin1StringView(phase)},
                  {PayloadKey::Weight, w},
                  {PayloadKey::Request,
                   QJsonObject{{PayloadKey::Method, s("POST")}, {PayloadKey::Url, traffic}}}});
        d.answer("reenable", "ramp", s("run-ramp-1"), phase, 200,
                 {{PayloadKey::Weight, w}, {PayloadKey::Accepted, true}});
    };
    auto stage = [&](double w, QLatin1StringView state) {
        d.record(EventKind::RampStage, "reenable", "ramp",
                 {{PayloadKey::Run, s("run-ramp-1")}, {PayloadKey::Weight, w},
                  {PayloadKey::State, state}});
    };
    const QString errors = s("Error rate under 1%");
    weight("weight", 5);
    stage(5, RampStageState::Holding);
    d.at(22 * minute + 1 * second);
    d.sample("reenable", "ramp", s("run-ramp-1"), s("< 0.01"), 0.004, true, errors, 5);
    // The ramp's second gate, as the shipped checklist's: a report that kept one gate a stage
    // left the error rate out of the audit evidence.
    d.sample("reenable", "ramp", s("run-ramp-1"), s("< 300"), 120, true,
             s("Latency p99 under 300 ms"), 5);
    stage(5, RampStageState::Held);
    d.at(22 * minute + 2 * second);
    weight("weight", 25);
    stage(25, RampStageState::Holding);
    d.at(22 * minute + 3 * second);
    d.sample("reenable", "ramp", s("run-ramp-1"), s("< 0.01"), 0.027, false, errors, 25);
    d.record(EventKind::RampFinished, "reenable", "ramp",
             {{PayloadKey::Run, s("run-ramp-1")},
              {PayloadKey::Outcome, RunOutcome::Halted},
              {PayloadKey::Weight, 25},
              {PayloadKey::Reason, s("Error rate under 1% failed at 25%: 0.027 (threshold < 0.01)")}});
    d.at(22 * minute + 10 * second);
    weight("rollback", 0);
    d.as("Sam Okafor");
    d.at(23 * minute);
    ok(d.session().startStep(s("communicate"),
                       s("customers are asking on social; the status page cannot wait")));
    ok(d.session().confirmItem(s("communicate"), s("status-resolved")));
    d.as("Priya Raman");
    d.at(25 * minute);
    ok(d.session().skipItem(s("reenable"), s("ramp"),
                      s("error rate at 25% came from the warming cache; traffic restored by the "
                        "load balancer's own ramp")));
    d.as("Lena Vogt");
    d.at(27 * minute);
    ok(d.session().confirmItem(s("reenable"), s("dashboards")));
    ok(d.session().confirmItem(s("reenable"), s("marker-complete")));
}

void communicateAndAudit(Drill &d)
{
    d.as("Sam Okafor");
    d.at(28 * minute);
    d.send("communicate", "internal", s("run-internal-1"), s("POST"),
           s("http://127.0.0.1:8765/slack/webhook"));
    d.answer("communicate", "internal", s("run-internal-1"), "send", 200);
    d.finish(EventKind::ActionFinished, "communicate", "internal", s("run-internal-1"),
             RunOutcome::Succeeded);
    ok(d.session().confirmItem(s("notify"), s("stakeholders")));
    ok(d.session().skipItem(s("communicate"), s("customers"), s("drill: no customers to tell")));
    // Priya's shift ends: Lena takes command for the audit and the close.
    d.as("Priya Raman");
    d.at(29 * minute);
    ok(d.session().handOver(
        s("Lena Vogt"), s("Lena Vogt"),
        {{PayloadKey::Situation, s("checkout-api back on v1.2.0, traffic restored by the load "
                                   "balancer")},
         {PayloadKey::Concerns, s("latency p99 close to its threshold")}}));
    d.at(30 * minute);
    for (const char *item : {"timeline", "evidence", "duration", "follow-ups"})
        ok(d.session().confirmItem(s("audit"), s(item)));
    ok(d.session().deferItem(s("audit"), s("checklist-update"), s("follow-ups"),
                             s("the ramp's error-rate check needs a warm-up window; the platform "
                               "team decides")));
    d.as("Lena Vogt");
    d.at(31 * minute);
    ok(d.session().close());
}

} // namespace

qint64 troubleIncident(TimelineStore &store)
{
    qint64 now = t0;
    Drill d(store, now);
    d.declare();
    scopeAndNotify(d);
    freeze(d);
    execute(d);
    validate(d);
    reenable(d);
    communicateAndAudit(d);
    return d.session().incident().id;
}

} // namespace warroom::test
