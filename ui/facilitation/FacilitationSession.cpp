#include "ui/facilitation/FacilitationSession.h"

#include "control/IncidentController.h"
#include "drill/ScenarioParser.h"
#include "session/IncidentSession.h"
#include "util/Diagnostic.h"
#include "util/PersonName.h"
#include "util/TimeFormat.h"

#include <algorithm>

namespace warroom {

FacilitationSession::FacilitationSession(IncidentController &controller, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
{
    // Another incident opened on the console ends the drill's hand on it: the runner drives
    // whatever session the controller holds, so it must not outlive its own.
    connect(&controller, &IncidentController::sessionChanged, this, [this] {
        IncidentSession *s = m_controller.session();
        if (m_runner && (!s || s->incident().id != m_incidentId))
            end();
    });
}

FacilitationSession::~FacilitationSession() = default;

QString FacilitationSession::consoleActor() const
{
    const IncidentSession *open = m_controller.session();
    return open ? open->actor() : QString();
}

QString FacilitationSession::commanderProblem(const QString &name)
{
    if (PersonName::blank(name))
        return tr("A drill played in the room needs its commander's name.");
    // Counted in the name as typed, which is what the field shows; said as the declaration says it.
    return PersonName::commanderRefusal(name);
}

QString FacilitationSession::scenarioProblem(const QString &scenarioPath)
{
    const ScenarioParseResult parsed = ScenarioParser::parseFile(scenarioPath);
    return parsed.ok() ? QString() : formatDiagnostics(parsed.diagnostics);
}

bool FacilitationSession::start(const QString &scenarioPath, const QString &commander,
                                QString *error)
{
    ScenarioParseResult parsed = ScenarioParser::parseFile(scenarioPath);
    if (!parsed.ok()) {
        *error = formatDiagnostics(parsed.diagnostics);
        return false;
    }
    Scenario scenario = *parsed.scenario;
    // The people at the console play it, so one of them commands it: declared with the scenario's
    // commander, every facilitated drill's room, postmortem and debrief named "drill bot".
    if (const QString bad = commanderProblem(commander); !bad.isEmpty()) {
        *error = bad;
        return false;
    }
    scenario.commander = commander.trimmed();
    // Refused before anything changes: a name the declaration would refuse (a control character,
    // too long) had ended the running drill and replaced its backend first. The declaration is
    // checked whole too, for what else in the scenario it would refuse.
    if (const QString bad = IncidentSession::declarationProblem(
            *parsed.checklist, DrillRunner::declarationFor(scenario, *parsed.checklist,
                                                           QStringLiteral("http://127.0.0.1:1")));
        !bad.isEmpty()) {
        *error = bad;
        return false;
    }
    // The drill runs at this window's speed (--drill-speed, else real time), not at the
    // scenario's `drill_speed`: that one is for `warroom drill`, whose players' script answers at
    // once. Here the people at the console play, and at the shipped scenarios' ×50 the drill
    // passed its hour's deadline 72 real seconds in, before anyone had read the first item.
    const double asked = scenario.drillSpeed;
    QString url;
    QByteArray token;
    if (scenario.bundledBackend && m_starter
        && !m_starter(scenario, m_controller.drillSpeed(), &url, &token, error))
        return false;
    end();
    m_log = FacilitatorLog();
    m_lines.clear();
    // Held here until it has declared: the declaration changes the controller's session, which
    // would otherwise end the drill that is starting.
    auto runner = std::make_unique<DrillRunner>(m_controller, scenario, *parsed.checklist);
    runner->setScripted(false);
    runner->setBackend(url, url.isEmpty() ? QStringLiteral("external")
                                          : QStringLiteral("bundled ") + url);
    runner->setFaultToken(token);
    connect(runner.get(), &DrillRunner::progress, this, &FacilitationSession::record);
    connect(runner.get(), &DrillRunner::injectFired, this, &FacilitationSession::changed);
    connect(runner.get(), &DrillRunner::finished, this, &FacilitationSession::changed);
    // Made before the runner starts, so the record has the drill from its first moment.
    auto recorder = std::make_unique<FacilitationRecorder>(m_controller.store(), *runner, scenario,
                                                           QStringLiteral("facilitator"));
    connect(recorder.get(), &FacilitationRecorder::problem, this, [this](const QString &message) {
        record(QStringLiteral("facilitation record: ") + message);
    });
    if (!runner->start(error))
        return false;
    m_runner = std::move(runner);
    m_recorder = std::move(recorder);
    m_incidentId = m_controller.session()->incident().id;
    // A scenario that names a commander of its own is told it was not used, in the log the
    // facilitator reads: its author may have meant that person to command the room.
    if (const QString named = parsed.scenario->commander;
        !PersonName::same(named, Scenario().commander) && !PersonName::same(named, commander))
        record(
            QStringLiteral("The scenario names %1 as its commander, for warroom drill's players' "
                           "script; %2 commands this drill, as named when it started.")
                .arg(named, scenario.commander));
    if (asked > m_controller.drillSpeed())
        record(QStringLiteral("The scenario's drill_speed is \u00D7%1, for warroom drill; the "
                              "people here play at \u00D7%2, this window's speed (start warroom "
                              "with --drill-speed %1 to run the drill that fast).")
                   .arg(asked)
                   .arg(m_controller.drillSpeed()));
    emit started();
    emit changed();
    return true;
}

void FacilitationSession::end()
{
    if (!m_runner)
        return;
    m_log = m_recorder->log(); // the notes stay on the window after the drill
    m_recorder.reset();
    m_runner.reset();
    m_incidentId = 0;
    emit ended();
    emit changed();
}

const IncidentSession *FacilitationSession::watchedSession() const
{
    const IncidentSession *s = m_controller.session();
    return !m_runner && s && DrillRunner::hasRunningClock(*s) ? s : nullptr;
}

QString FacilitationSession::noDrillReason() const
{
    const IncidentSession *s = watchedSession();
    // A second facilitator's window (another warroom on this database, `--facilitator` twice)
    // shows the drill but cannot drive it: its runner, clock and record are the first one's.
    if (s)
        return QStringLiteral("this drill (incident %1) is run by the facilitator's window that "
                              "started it, in another warroom on this database: pause, fire, "
                              "observe and rate there; this window only watches")
            .arg(s->incident().id);
    return QStringLiteral("no drill is running: start one from a scenario first");
}

void FacilitationSession::record(const QString &line)
{
    m_lines.append(line);
    emit changed();
}

bool FacilitationSession::togglePause(QString *error)
{
    if (!canInject(error))
        return false;
    if (m_runner->clock().isPaused())
        m_runner->resume();
    else
        m_runner->pause();
    emit changed();
    return true;
}

bool FacilitationSession::endDrill(QString *error)
{
    if (m_runner && m_runner->isFinished()) {
        *error = QStringLiteral("the drill has already ended (%1)").arg(m_runner->result().outcome);
        return false;
    }
    if (!canInject(error))
        return false;
    m_runner->endNow(QStringLiteral("the facilitator ended it"));
    emit changed();
    return true;
}

namespace {

bool noDrill(const QString &reason, QString *error)
{
    *error = reason;
    return false;
}

} // namespace

bool FacilitationSession::canInject(QString *error) const
{
    if (!m_runner)
        return noDrill(noDrillReason(), error);
    // The runner keeps its board after the end (the window still rates and notes the drill),
    // and the board would take an inject no tick will ever fire: "queued" would be a lie.
    if (m_runner->isFinished())
        return noDrill(QStringLiteral("the drill has ended (%1): nothing goes out to the room "
                                      "or the backend any more")
                           .arg(m_runner->result().outcome),
                       error);
    return true;
}

bool FacilitationSession::fireNow(const QString &injectId, QString *error)
{
    if (!canInject(error))
        return false;
    const bool ok = m_runner->injects().fireNow(injectId, error);
    emit changed();
    return ok;
}

bool FacilitationSession::skip(const QString &injectId, QString *error)
{
    if (!canInject(error))
        return false;
    const bool ok = m_runner->injects().skip(injectId, error);
    emit changed();
    return ok;
}

bool FacilitationSession::delay(const QString &injectId, qint64 spanMs, QString *error)
{
    if (!canInject(error))
        return false;
    const bool ok = m_runner->injects().delay(injectId, spanMs, error);
    emit changed();
    return ok;
}

bool FacilitationSession::sendMessage(const QString &roleId, const QString &text, QString *error)
{
    if (!canInject(error))
        return false;
    if (text.trimmed().isEmpty()) {
        *error = QStringLiteral("the message is empty");
        return false;
    }
    DrillInject inject;
    inject.id = QStringLiteral("unscheduled-%1").arg(++m_unscheduled);
    inject.when.atMs = m_runner->drillNow();
    inject.message = text.trimmed();
    inject.toRole = roleId;
    // An unscheduled inject is due at once: the runner fires it on its next tick.
    const bool ok = m_runner->injects().addUnscheduled(inject, error);
    emit changed();
    return ok;
}

bool FacilitationSession::sendFault(const QJsonObject &fault, QString *error)
{
    if (!canInject(error))
        return false;
    DrillInject inject;
    inject.id = QStringLiteral("unscheduled-%1").arg(++m_unscheduled);
    inject.when.atMs = m_runner->drillNow();
    inject.fault = fault;
    // An unscheduled inject is due at once: the runner fires it on its next tick.
    const bool ok = m_runner->injects().addUnscheduled(inject, error);
    emit changed();
    return ok;
}

bool FacilitationSession::observe(const QString &text, const QString &stepId, QString *error)
{
    if (!m_runner)
        return noDrill(noDrillReason(), error);
    // Written to the database first, then shown: what the window shows survives a restart.
    const bool ok = m_recorder->observe(stepId.isEmpty() ? currentStepId() : stepId,
                                        text.trimmed(), error);
    emit changed();
    return ok;
}

bool FacilitationSession::rate(const QString &stepId, PerformanceRating rating,
                               const QString &note, QString *error)
{
    if (!m_runner)
        return noDrill(noDrillReason(), error);
    const bool ok = m_recorder->rate(stepId, rating, note, error);
    emit changed();
    return ok;
}

bool FacilitationSession::acknowledgeOldest(QString *error)
{
    const QList<PendingAnnouncement> pending = pendingAnnouncements();
    if (pending.isEmpty()) {
        *error = QStringLiteral("no announcement waits for an acknowledgement");
        return false;
    }
    const QString who = m_controller.session() ? m_controller.session()->actor() : QString();
    const bool ok = m_runner->acknowledge(pending.first().injectId, who, error);
    emit changed();
    return ok;
}

std::optional<Debrief> FacilitationSession::debrief(QString *error) const
{
    if (!m_runner) {
        noDrill(noDrillReason(), error);
        return std::nullopt;
    }
    return Debrief::load(m_controller.store(), m_runner->result().incidentId, error);
}

QList<PendingAnnouncement> FacilitationSession::pendingAnnouncements() const
{
    QList<PendingAnnouncement> out;
    if (!m_runner || m_runner->isFinished())
        return out;
    for (const InjectState &s : m_runner->injects().injects()) {
        if (s.state != InjectState::State::Fired || s.acknowledgedAtMs >= 0
            || s.inject.message.isEmpty())
            continue;
        out.append({s.inject.id, s.inject.message, s.inject.recipient(m_runner->checklist()),
                    s.firedAtMs});
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.firedAtMs < b.firedAtMs;
    });
    return out;
}

QString FacilitationSession::endedLine() const
{
    if (!m_runner || !m_runner->isFinished())
        return {};
    const DrillResult &r = m_runner->result();
    const IncidentSession *s = m_controller.session();
    return QStringLiteral("DRILL ENDED at %1: %2%3; %4. %5")
        .arg(formatElapsed(r.drillMs), r.outcome,
             r.stopReason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.stopReason),
             r.verdictText(),
             s && s->engine().isClosed()
                 ? QStringLiteral("The room has closed the incident.")
                 : QStringLiteral("The incident stays open until the room closes it."));
}

QList<LiveExpectation> FacilitationSession::expectations() const
{
    if (!m_runner)
        return {};
    return LiveExpectations::judge(m_runner->scenario().expectations, m_runner->facts());
}

QString FacilitationSession::currentStepId() const
{
    if (!m_runner || !m_controller.session())
        return {};
    const DrillFacts f = m_runner->facts();
    QString ready;
    for (const ChecklistStep &step : m_runner->checklist().steps) {
        const QString state = f.stepState.value(step.id);
        if (state == QLatin1String("active"))
            return step.id;
        if (ready.isEmpty() && state == QLatin1String("ready"))
            ready = step.id;
    }
    return ready;
}

} // namespace warroom
