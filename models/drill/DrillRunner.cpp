#include "drill/DrillRunner.h"

#include "automation/AutomationRunner.h"
#include "control/IncidentController.h"
#include "http/HttpEngine.h"
#include "http/SecretRedactor.h"
#include "session/DrillRunnerClaim.h"
#include "session/IncidentSession.h"
#include "timeline/DrillDeclaration.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"
#include "util/TimeFormat.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimer>

namespace warroom {

namespace {

constexpr int tickMs = 20;
// Its clock notes carry the facts every screen's T+ clock reads (timeline/ScreenClock).
const QString facilitator = ScreenClock::facilitator;

} // namespace

DrillRunner::DrillRunner(IncidentController &controller, Scenario scenario, Checklist checklist,
                         QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_scenario(std::move(scenario))
    , m_checklist(std::move(checklist))
    , m_clock(m_controller.drillSpeed())
    , m_http(std::make_unique<HttpEngine>())
    , m_tick(new QTimer(this))
    , m_board(m_scenario.injects)
{
    m_result.scenarioId = m_scenario.id;
    m_result.scenarioFile = m_scenario.file;
    m_result.checklistId = m_checklist.id;
    m_result.checklistTitle = m_checklist.title;
    m_result.checklistRevision = m_checklist.revision;
    m_result.speed = m_controller.drillSpeed();
    m_result.backend = QStringLiteral("external");
    if (m_scenario.deadlineMs < 0) {
        double minutes = 0;
        for (const ChecklistStep &s : m_checklist.steps)
            minutes += s.expectedMinutes;
        m_scenario.deadlineMs = qRound64(std::max(minutes, 10.0) * 3 * 60'000);
    }
    m_tick->setInterval(tickMs);
    connect(m_tick, &QTimer::timeout, this, &DrillRunner::tick);
    connect(m_http.get(), &HttpEngine::finished, this, [this](quint64 id, const HttpResult &r) {
        onFaultAnswer(m_faultRequests.take(id), r);
    });
}

DrillRunner::~DrillRunner() = default;

void DrillRunner::setBackend(const QString &url, const QString &description)
{
    m_backendUrl = url;
    m_result.backend = description;
    if (m_scenario.bundledBackend && !url.isEmpty())
        m_scenario.faultsUrl = url + QStringLiteral("/api/faults");
}

IncidentSession &DrillRunner::session() const
{
    return *m_controller.session();
}

qint64 DrillRunner::now() const
{
    return m_clock.drillMs(session().elapsedMs());
}

qint64 DrillRunner::drillNow() const
{
    // Once the drill has ended its clock stops there: the facilitator's window kept counting a
    // ×50 clock (and an unacknowledged inject's wait) for as long as it stayed open.
    if (m_done)
        return m_result.drillMs;
    // 0 until the first tick starts it: the default clock counted from the declaration, and a
    // room that closed the incident before that tick (a loaded machine) got a drill time the
    // screens, which never saw a start, did not show.
    return m_controller.session() && m_clockStarted ? now() : 0;
}

QString DrillRunner::clockText() const
{
    // The runner's own clock (it drives the injects); the timeline's ScreenClock reads the same
    // moments from the facts the runner wrote, but a runner whose fact failed to commit still
    // knows its own state.
    using State = ScreenClock::LiveState;
    const IncidentSession *s = m_controller.session();
    const State state = s && s->engine().isClosed() ? State::Closed
                        : m_done                    ? State::Ended
                        : m_clock.isPaused()        ? State::Paused
                                                    : State::Running;
    return ScreenClock::worded(formatElapsed(drillNow()), state);
}

QString DrillRunner::clockScale() const
{
    if (!m_controller.session())
        return {};
    // Stopped with the drill clock, so that the two read the same moment.
    return ScreenClock::scaleText(m_clock.speed(), m_done ? m_endedRealMs : session().elapsedMs());
}

bool DrillRunner::hasRunningClock(const IncidentSession &session)
{
    return !session.engine().isClosed() && session.screenClock().isDrillClock();
}

bool DrillRunner::isRunning() const
{
    return m_controller.session() && !m_done;
}

void DrillRunner::say(const QString &text)
{
    // drillNow: once the drill has ended, its end ("T+00:44:18  drill stopped" was read after
    // the incident closed, a second past the T+ every screen stopped at).
    sayAt(drillNow(), text);
}

void DrillRunner::sayAt(qint64 drillMs, const QString &text)
{
    emit progress(formatElapsed(drillMs) + QStringLiteral("  ") + text);
}

void DrillRunner::asFacilitator(const std::function<CommandResult()> &record)
{
    const QString actor = session().actor();
    session().setActor(facilitator);
    (void)record();
    // Given back, in a scripted drill too: a run's samples and its halt, recorded as they came
    // after an inject's note, were signed "drill facilitator", as if a person had halted it.
    session().setActor(actor);
}

void DrillRunner::noteAsFacilitator(const QString &text)
{
    asFacilitator([&] { return session().addNote(text); });
}

void DrillRunner::clockNote(const QString &text, const QJsonObject &fact)
{
    asFacilitator([&] { return session().recordDrillClock(text, fact); });
}

IncidentDeclaration DrillRunner::declaration() const
{
    IncidentDeclaration d = declarationFor(m_scenario, m_checklist, m_backendUrl);
    // Said in the declaration, which the chain covers: history leaves a script's times out of
    // the team's number (a nightly drill in CI at ×1 would otherwise set it).
    if (m_scripted)
        d.extraPayload.insert(DrillDeclaration::playersKey,
                              QString(DrillDeclaration::scriptedPlayers));
    return d;
}

IncidentDeclaration DrillRunner::declarationFor(const Scenario &scenario,
                                                const Checklist &checklist,
                                                const QString &backendUrl)
{
    IncidentDeclaration d;
    d.title = scenario.title.isEmpty() ? QStringLiteral("Drill: %1").arg(checklist.title)
                                       : scenario.title;
    d.commander = scenario.commander;
    d.mode = IncidentMode::Drill;
    for (const ChecklistVariable &v : checklist.variables)
        d.variables.insert(v.name, scenario.variables.value(v.name, v.defaultValue));
    if (scenario.bundledBackend && !backendUrl.isEmpty()) {
        for (const QString &name : scenario.urlVariables) {
            if (d.variables.contains(name))
                d.variables.insert(name, backendUrl);
        }
    }
    return d;
}

bool DrillRunner::start(QString *error)
{
    if (!m_controller.declare(m_checklist, declaration(), error))
        return false;
    m_wallStart = QDateTime::currentMSecsSinceEpoch();
    // Provisional: T+0 is set again by the first tick (startClock()).
    m_clock = DrillClock(m_controller.drillSpeed());
    m_clock.start(session().elapsedMs());
    m_clockStarted = false;
    m_result.incidentId = session().incident().id;
    m_result.incidentUuid = session().incident().uuid;
    connect(m_controller.runner(), &AutomationRunner::runEnded, this, &DrillRunner::onRunEnded);
    say(QStringLiteral("drill started: incident %1 (DRILL) of %2 at \u00D7%3, backend %4")
            .arg(m_result.incidentId)
            .arg(m_checklist.id)
            .arg(m_clock.speed())
            .arg(m_result.backend));
    m_tick->start();
    emit clockChanged();
    return true;
}

void DrillRunner::startClock()
{
    if (m_clockStarted)
        return;
    // The drill clock starts when the runner first gets to act, not at the declaration: what
    // comes between (the declaration's and the first note's commits, a window being built and
    // shown before the event loop runs) took 0.3 to 1.7 s on a loaded machine, and at x50 an
    // inject due at T+0:00:30 then fired 17 to 84 drill seconds late on its first tick.
    m_clockStarted = true;
    m_clock = DrillClock(m_clock.speed());
    m_clock.start(session().elapsedMs());
    // The opening note carries T+0 and the speed, so every screen shows this clock (ScreenClock).
    QJsonObject fact
        = ScreenClock::fact(DrillClockChange::Started, m_clock.startReal(), m_clock.speed());
    // Claimed before the fact names its owner, so that no screen ever reads an owner unclaimed.
    m_claim = session().claimDrillRunner();
    m_beatMs = session().elapsedMs();
    m_claim->beat(m_beatMs);
    if (!m_claim->owner().isEmpty())
        fact.insert(PayloadKey::Owner, m_claim->owner());
    if (m_scripted)
        clockNote(
            QStringLiteral("Headless drill (warroom drill%1) at \u00D7%2 on the drill clock. The "
                           "players' script answers for the people: %3 after %4 unless the "
                           "script says otherwise; every answer below is signed by who gave it.")
                .arg(m_scenario.file.isEmpty() ? QString() : u' ' + m_scenario.file)
                .arg(m_clock.speed())
                .arg(m_scenario.players.actor, formatElapsed(m_scenario.players.afterMs).mid(2)),
            fact);
    else
        clockNote(QStringLiteral("Facilitated drill of scenario %1 at \u00D7%2 on the "
                                 "drill clock: the people at the console play it.")
                      .arg(m_scenario.id)
                      .arg(m_clock.speed()),
                  fact);
    emit clockChanged();
}

void DrillRunner::pause()
{
    if (!isRunning() || m_clock.isPaused())
        return;
    startClock(); // paused before the first tick: T+0 is now
    const qint64 real = session().elapsedMs();
    m_clock.pause(real);
    m_controller.runner()->hold(); // runs under way wait too: nothing sampled or sent
    // In the timeline, so that the record shows the gap and why nothing happened in it; the
    // fact carries the very moment this clock stopped, so every screen stops at the same T+.
    // People keep working in a pause (nothing stops a confirmation), and it is timed at the
    // pause's T+: the note says so where no players' script waits.
    clockNote(ScreenClock::pausedPrefix
                  + (m_scripted
                         ? QStringLiteral("%1 on the drill clock: injects and the players' script "
                                          "wait, and the pause is left out of the drill's "
                                          "durations.")
                         : QStringLiteral("%1 on the drill clock: injects and runs under way wait; "
                                          "what the room does meanwhile is timed at this T+, and "
                                          "the pause is left out of the drill's durations."))
                        .arg(formatElapsed(now())),
              ScreenClock::fact(DrillClockChange::Paused, real));
    say(QStringLiteral("drill paused"));
    emit clockChanged();
}

void DrillRunner::resume()
{
    if (!isRunning() || !m_clock.isPaused())
        return;
    const qint64 real = session().elapsedMs();
    const qint64 paused = real - m_clock.pausedSince();
    m_clock.resume(real);
    m_controller.runner()->release();
    m_result.pausedMs += paused;
    m_result.pauses += 1;
    clockNote(ScreenClock::resumedPrefix
                  + QStringLiteral("%1 on the drill clock after a pause of %2 (real time).")
                        .arg(formatElapsed(now()), formatElapsed(paused).mid(2)),
              ScreenClock::fact(DrillClockChange::Resumed, real));
    say(QStringLiteral("drill resumed after a pause of %1").arg(formatElapsed(paused).mid(2)));
    emit clockChanged();
}

QString DrillRunner::status() const
{
    if (!m_controller.session())
        return {};
    const ChecklistEngine &e = session().engine();
    QStringList active;
    for (int i = 0; i < e.stepCount(); ++i) {
        if (e.stepState(i) == StepState::Active)
            active << QStringLiteral("%1 %2").arg(i + 1).arg(m_checklist.steps.at(i).id);
    }
    return QStringLiteral("%1  \u00D7%2  %3")
        .arg(formatElapsed(now()))
        .arg(m_clock.speed())
        .arg(active.isEmpty() ? QStringLiteral("between steps")
                              : QStringLiteral("running: ") + active.join(QStringLiteral(", ")));
}

void DrillRunner::tick()
{
    if (m_done)
        return;
    // The room closed the incident before the drill ended (paused or not): the drill is over
    // there. Its runner counted on, its window's clock and a resume with it, and its verdict
    // came at the deadline, its drill time far past where every screen had stopped.
    if (session().engine().isClosed()) {
        stop(QStringLiteral("stopped"), QStringLiteral("the room closed the incident"));
        return;
    }
    // Another screen took this runner for gone and ended the drill (its server link was down
    // past the heartbeat's lapse): the drill is over there, for every screen; nothing more is
    // fired or sent.
    if (m_clockStarted && session().screenClock().hasEnded()) {
        stop(QStringLiteral("stopped"),
             QStringLiteral("another screen ended the drill, taking its runner for gone"));
        return;
    }
    // Once a second, paused or not: a screen that finds this runner gone, however much later,
    // dates the drill's end by its last beat (and a wall clock stepped back beats at once).
    const qint64 real = session().elapsedMs();
    if (m_claim && (real - m_beatMs >= 1000 || real < m_beatMs)) {
        m_beatMs = real;
        m_claim->beat(m_beatMs);
    }
    if (m_clock.isPaused())
        return;
    startClock();
    observeSteps();
    fireInjects();
    if (!m_done && m_scripted)
        play();
    if (!m_done)
        checkEnd();
}

qint64 DrillRunner::dueAt(const DrillMoment &moment) const
{
    if (moment.event == DrillMoment::Event::None)
        return moment.atMs + moment.afterMs;
    static const char *const prefixes[]
        = {"", "step-started:", "step-done:", "run-started:", "item-done:", "inject:"};
    const QString key = QLatin1String(prefixes[int(moment.event)]) + moment.target;
    const auto it = m_eventAt.constFind(key);
    return it == m_eventAt.cend() ? -1 : *it + moment.afterMs;
}

void DrillRunner::fireInjects()
{
    // An inject may wait on another: fire until nothing more is due this tick.
    for (bool firedOne = true; firedOne && !m_done;) {
        firedOne = false;
        for (const QString &id : m_board.due(now(), resolver())) {
            if (m_done)
                break;
            m_board.markFired(id, now());
            m_eventAt.insert(QStringLiteral("inject:") + id, now());
            fire(m_board.find(id)->inject);
            emit injectFired(id);
            firedOne = true;
        }
    }
}

void DrillRunner::fire(const DrillInject &inject)
{
    if (!inject.fault.isEmpty()) {
        const QString body
            = QString::fromUtf8(QJsonDocument(inject.fault).toJson(QJsonDocument::Compact));
        const QString line
            = QStringLiteral("inject %1: fault %2 to the drill backend").arg(inject.id, body);
        m_result.injects << formatElapsed(now()) + u' ' + line;
        say(line);
        // Noted before it goes: an answer that comes after the drill ended, or after the halt
        // the fault caused (another connection, unordered with the runs'), or never (warroom
        // killed), would leave the halt with no recorded cause. A refusal is noted in its turn.
        asFacilitator([&] {
            return session().recordDrillFault(
                QStringLiteral("Drill inject %1: fault %2 sent to the drill backend")
                    .arg(inject.id, body),
                inject.id);
        });
        HttpRequest request;
        request.method = QStringLiteral("POST");
        request.url = m_scenario.faultsUrl;
        request.headers.append(
            {QStringLiteral("Content-Type"), QStringLiteral("application/json")});
        if (!m_faultToken.isEmpty())
            request.headers.append({QStringLiteral("Authorization"),
                                    QStringLiteral("Bearer ") + QString::fromUtf8(m_faultToken),
                                    true});
        request.body = body.toUtf8();
        m_faultRequests.insert(m_http->start(request), inject.id);
        return;
    }
    const QString to = inject.recipient(m_checklist);
    const QString line
        = QStringLiteral("inject %1: message to %2: %3").arg(inject.id, to, inject.message);
    m_result.injects << formatElapsed(now()) + u' ' + line;
    say(line);
    noteAsFacilitator(
        QStringLiteral("Drill inject %1, to %2: %3").arg(inject.id, to, inject.message));
}

void DrillRunner::onFaultAnswer(const QString &injectId, const HttpResult &result)
{
    if (m_done || injectId.isEmpty())
        return;
    if (result.ok())
        return;
    // The backend's own words on a refusal (its status and the start of its body), else curl's,
    // with the fault token taken out: the note goes into the append-only timeline, for good.
    SecretRedactor secrets;
    secrets.add(QString::fromUtf8(m_faultToken));
    const HttpResult said = secrets.redacted(result);
    const QString why = said.error.isEmpty() ? QStringLiteral("HTTP %1 %2")
                                                   .arg(said.status)
                                                   .arg(QString::fromUtf8(said.body.left(200)))
                                                   .trimmed()
                                             : said.error;
    // A lost answer is no refusal: the backend may have taken the fault, which stays the
    // possible cause of what follows. A refusal is a key moment of its own, so the postmortem's
    // "Fault injected" is not read as the cause of what came after.
    if (result.answerLost) {
        // A fault fact too ({inject, taken: null}: nobody knows), so the room's screens keep it
        // back with the fault it is about; the fault's own note stays its key moment.
        asFacilitator([&] {
            return session().recordDrillFault(
                QStringLiteral("Drill inject %1: the drill backend's answer to its fault was lost, "
                               "so it may have taken it: %2")
                    .arg(injectId, why),
                QJsonObject{{PayloadKey::Inject, injectId}, {PayloadKey::Taken, QJsonValue()}});
        });
        m_result.problems << QStringLiteral("inject %1: the drill backend's answer was lost, so "
                                            "it may have taken it: %2")
                                 .arg(injectId, why);
    } else {
        asFacilitator([&] {
            return session().recordDrillFault(
                QStringLiteral("Drill inject %1: the drill backend did not take its fault, so "
                               "nothing after it is its doing: %2")
                    .arg(injectId, why),
                QJsonObject{{PayloadKey::Inject, injectId}, {PayloadKey::Taken, false}});
        });
        m_result.problems << QStringLiteral("inject %1 was not taken by the drill backend: %2")
                                 .arg(injectId, why);
    }
    say(QStringLiteral("PROBLEM ") + m_result.problems.constLast());
}

} // namespace warroom
