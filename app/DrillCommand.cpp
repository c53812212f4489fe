#include "DrillCommand.h"

#include "CommandLine.h"
#include "Console.h"
#include "InterruptedDrills.h"
#include "checklist/ChecklistParser.h"

#include "control/IncidentController.h"
#include "drill/DrillRunner.h"
#include "drill/DrillSummary.h"
#include "drill/JUnitReport.h"
#include "drill/ScenarioParser.h"
#include "facilitation/FacilitationRecorder.h"
#include "session/IncidentSession.h"
#include "session/RoomClock.h"
#include "sim/DrillBackend.h"
#include "store/TimelineStore.h"
#include "ui/main/Resources.h"
#include "util/Diagnostic.h"
#include "util/InputFile.h"
#include "util/OutputFile.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <utility>

namespace warroom {

namespace {

constexpr int badInput = 2;

// The other kind of file where one kind was asked for, said in one line: a scenario given as
// --checklist got a diagnostic for each of its keys (14), a checklist given as the scenario 9.
QString otherKindOfFile(const CommandLine &cl)
{
    const QString file = cl.scenario.isEmpty() ? cl.checklists.first() : cl.scenario;
    const QString shown = printableText(file, 400);
    if (cl.scenario.isEmpty()) {
        QString error;
        const auto data = InputFile::read(file, ScenarioParser::maxFileBytes, &error);
        if (!data || !ScenarioParser::looksLikeScenario(*data))
            return {};
        return QStringLiteral("warroom drill: %1 is a scenario, not a checklist: run 'warroom "
                              "drill %1'\n")
            .arg(shown);
    }
    if (!ChecklistParser::parseFile(file).ok())
        return {};
    return QStringLiteral("warroom drill: %1 is a checklist, not a scenario: run 'warroom drill "
                          "--checklist %1'\n")
        .arg(shown);
}

// The scenario the command line asks for, with its checklist; empty after a message on stderr.
std::optional<ScenarioParseResult> loadScenario(const CommandLine &cl)
{
    QMap<QString, QString> vars;
    for (const QString &v : cl.vars) {
        const qsizetype eq = v.indexOf(u'=');
        if (eq <= 0) {
            err() << "warroom drill: --var takes NAME=VALUE, not '" << printableText(v) << "'\n";
            return std::nullopt;
        }
        vars.insert(v.left(eq), v.mid(eq + 1));
    }
    if (cl.scenario.isEmpty() == cl.checklists.isEmpty()) {
        err() << "usage: warroom drill SCENARIO.json, or warroom drill --checklist FILE "
                 "[--var NAME=VALUE]...; with [--drill-speed N] [--db PATH] [--junit FILE] "
                 "[--json FILE] [--quiet]\n";
        return std::nullopt;
    }
    ScenarioParseResult r = cl.scenario.isEmpty()
                                ? ScenarioParser::fromChecklist(cl.checklists.first(), vars)
                                : ScenarioParser::parseFile(cl.scenario);
    if (r.ok() && !cl.scenario.isEmpty() && !vars.isEmpty()) {
        // --var over a scenario's own variables, checked as the scenario's would be.
        for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
            if (!std::any_of(r.checklist->variables.cbegin(), r.checklist->variables.cend(),
                             [&](const ChecklistVariable &cv) { return cv.name == it.key(); }))
                r.diagnostics.append({QStringLiteral("--var"),
                                      0,
                                      0,
                                      {},
                                      QStringLiteral("checklist %1 declares no variable '%2'")
                                          .arg(r.checklist->id, printableText(it.key()))});
            r.scenario->variables.insert(it.key(), it.value());
        }
    }
    if (!r.ok()) {
        if (const QString other = otherKindOfFile(cl); !other.isEmpty()) {
            err() << other;
            return std::nullopt;
        }
    }
    if (!r.diagnostics.isEmpty() || !r.ok()) {
        err() << formatDiagnostics(r.diagnostics) << "\n";
        return std::nullopt;
    }
    // Naming a URL the bundled backend would fill means a backend of one's own.
    for (const QString &name : r.scenario->urlVariables)
        r.scenario->bundledBackend = r.scenario->bundledBackend && !vars.contains(name);
    return r;
}

// The bundled backend's scenario: the initial faults, and a rollback job as fast as the drill.
std::unique_ptr<DrillBackend> startBackend(const Scenario &s, double speed, const QByteArray &token,
                                           QString *error)
{
    DrillScenario play;
    play.jobSeconds = std::max(1, int(std::lround(play.jobSeconds / speed)));
    if (!s.initialFaults.isEmpty()
        && !DrillBackend::readScenario(QJsonDocument(s.initialFaults).toJson(), &play, error))
        return nullptr;
    auto backend = std::make_unique<DrillBackend>(play);
    backend->setRequiredToken(token);
    backend->setDrillSpeed(speed);
    if (backend->listen(0) == 0) {
        *error = QStringLiteral("the drill backend could not listen on 127.0.0.1");
        return nullptr;
    }
    return backend;
}

// On a shared timeline a headless drill is a screen like the others from its declaration on,
// before it starts any run: its heartbeat says it is alive and its runs carry it as their owner,
// so if it dies with a request in flight another screen marks the outcome unknown
// (IncidentSessionOwners.cpp).
void followIfShared(IncidentController &controller, const TimelineStore &store)
{
    if (!store.isShared())
        return;
    QObject::connect(&controller, &IncidentController::sessionChanged, &controller,
                     [&controller] {
                         if (IncidentSession *session = controller.session())
                             session->setFollowInterval(250);
                     });
}

bool openStore(TimelineStore &store, const CommandLine &cl)
{
    QString error;
    if ((cl.dbGiven
         || TimelineStore::createPrivateFolder(QFileInfo(cl.dbPath).absolutePath(), &error))
        && store.open(cl.dbPath, &error))
        return true;
    err() << "warroom drill: " << error << "\n";
    return false;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QString error;
    if (OutputFile::write(path, data, &error))
        return true;
    err() << "warroom drill: " << error << "\n";
    return false;
}

// Progress lines for a CI log; on a terminal, a status line under them that keeps time.
class Progress
{
public:
    Progress(DrillRunner &runner, bool quiet)
        : m_quiet(quiet)
        , m_live(!quiet && isatty(STDOUT_FILENO))
    {
        QObject::connect(&runner, &DrillRunner::progress, &m_timer,
                         [this](const QString &line) { print(line); });
        if (m_live) {
            QObject::connect(&m_timer, &QTimer::timeout, &runner, [&runner] {
                out() << "\r\033[K" << runner.status();
                out().flush();
            });
            m_timer.start(250);
        }
    }
    ~Progress() { clear(); }

    void print(const QString &line)
    {
        const bool worth = line.contains(QLatin1String("FAILED"))
                           || line.contains(QLatin1String("OUTCOME UNKNOWN"))
                           || line.contains(QLatin1String("PROBLEM"))
                           || line.contains(QLatin1String("  drill "));
        if (m_quiet && !worth)
            return;
        clear();
        // Names and titles come from the scenario and the checklist: shown, never obeyed (a CR,
        // LF or ESC in one would forge a line of this log or drive the terminal).
        out() << printableText(line, line.size()) << "\n";
        out().flush();
    }
    void clear()
    {
        if (m_live)
            out() << "\r\033[K";
    }

private:
    bool m_quiet;
    bool m_live;
    QTimer m_timer;
};

// A value that cannot be declared (a --var on two lines, a title too long) is bad input, as the
// same fault in the scenario's file is, not a drill that broke: said before a backend starts or a
// database is made. (A URL variable gets the bundled backend's loopback address.)
bool declarable(const Scenario &scenario, const Checklist &checklist)
{
    const QString bad = IncidentSession::declarationProblem(
        checklist,
        DrillRunner::declarationFor(scenario, checklist, QStringLiteral("http://127.0.0.1:1")));
    if (!bad.isEmpty())
        err() << "warroom drill: cannot declare the drill: " << printableText(bad, 400) << "\n";
    return bad.isEmpty();
}

// The report files, looked at before the drill: one that could not be written was found only
// after the drill had run its course (a minute of real time, a CI job's verdict lost).
bool reportPathsUsable(const CommandLine &cl)
{
    for (const auto &[option, path] : {std::pair{"--junit", cl.junit}, {"--json", cl.json}}) {
        QString error;
        if (path.isEmpty())
            continue;
        const QFileInfo folder(QFileInfo(path).absolutePath());
        if (OutputFile::check(path, &error) && folder.isDir() && folder.isWritable())
            continue;
        if (error.isEmpty())
            error = folder.isDir() ? QStringLiteral("its folder cannot be written to")
                                   : QStringLiteral("its folder does not exist");
        err() << "warroom drill: " << option << " " << printableText(path, 400) << ": "
              << printableText(error, 800) << "\n";
        return false;
    }
    return true;
}

int report(const DrillResult &result, const CommandLine &cl, qint64 startedUtc)
{
    bool written = true;
    if (!cl.junit.isEmpty())
        written = writeFile(cl.junit, JUnitReport::render(result, startedUtc)) && written;
    if (!cl.json.isEmpty())
        written = writeFile(cl.json, DrillSummary::render(result, startedUtc)) && written;
    for (const DrillStepResult &s : result.steps) {
        if (!s.failure.isEmpty())
            out() << (s.outcomeUnknown ? "OUTCOME UNKNOWN " : "FAILED ")
                  << printableText(s.failure, s.failure.size()) << "\n";
    }
    for (const DrillExpectationResult &e : result.expectations) {
        if (!e.passed)
            out() << "MISSED expectation " << e.id << ": " << printableText(e.message, e.message.size())
                  << "\n";
    }
    out() << "incident " << result.incidentId << " in " << result.databasePath << "; "
          << (result.passed() ? "passed" : "FAILED") << " in "
          << QString::number(double(result.wallMs) / 1000.0, 'f', 1) << " s on the wall clock\n";
    out().flush();
    return result.passed() && written ? 0 : 1;
}

} // namespace

std::optional<bool> validateIfScenario(const QString &file)
{
    QString error;
    const auto data = InputFile::read(file, ScenarioParser::maxFileBytes, &error);
    if (!data || !ScenarioParser::looksLikeScenario(*data))
        return std::nullopt;
    initResources();
    const ScenarioParseResult r = ScenarioParser::parse(*data, file);
    if (!r.ok()) {
        err() << formatDiagnostics(r.diagnostics) << "\n";
        return false;
    }
    out() << printableText(file, 400) << ": ok (scenario " << r.scenario->id << " of "
          << r.checklist->id << ", " << r.scenario->injects.size() << " injects, "
          << r.scenario->players.acts.size() << " acts, " << r.scenario->expectations.size()
          << " expectations)\n";
    return true;
}

int runDrill(const CommandLine &cl)
{
    initResources(); // "builtin" is the checklist compiled into the app
    const std::optional<ScenarioParseResult> parsed = loadScenario(cl);
    if (!parsed)
        return badInput;
    Scenario scenario = *parsed->scenario;
    const double speed = cl.drillSpeedGiven        ? cl.drillSpeed
                         : scenario.drillSpeed > 0 ? scenario.drillSpeed
                                                   : 1.0;
    if (!declarable(scenario, *parsed->checklist) || !reportPathsUsable(cl))
        return badInput;
    QByteArray token = qgetenv("WARROOM_SIM_TOKEN");
    std::unique_ptr<DrillBackend> backend;
    QString url;
    if (scenario.bundledBackend) {
        if (token.isEmpty()) {
            // A token for this run only: the checklist reads it from the environment.
            token = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
            qputenv("WARROOM_SIM_TOKEN", token);
        }
        QString error;
        backend = startBackend(scenario, speed, token, &error);
        if (!backend) {
            err() << "warroom drill: " << error << "\n";
            return 1;
        }
        url = QStringLiteral("http://127.0.0.1:%1").arg(backend->port());
    }
    TimelineStore store;
    if (!openStore(store, cl))
        return badInput;
    for (const QString &line : interruptedDrills(store))
        err() << "warroom drill: " << line << "\n";
    if (const QString skew = RoomClock::skewText(store); !skew.isEmpty())
        err() << "warroom drill: " << skew << "\n";
    err().flush(); // before the new drill's progress, not at exit
    IncidentController controller(store, RoomClock::of(store));
    controller.setDrillSpeed(speed);
    followIfShared(controller, store);
    DrillRunner runner(controller, scenario, *parsed->checklist);
    runner.setBackend(url, backend ? QStringLiteral("bundled ") + url : QStringLiteral("external"));
    runner.setFaultToken(token);
    // A server's address as the store shows it (it read "/home/…/postgresql:/…" as a file).
    runner.setDatabasePath(TimelineStore::isServer(cl.dbPath)
                               ? store.path()
                               : QFileInfo(cl.dbPath).absoluteFilePath());

    // The drill's facilitation record (inject board, clock), for `warroom debrief` afterwards.
    FacilitationRecorder recorder(store, runner, scenario, QStringLiteral("drill facilitator"));
    QObject::connect(&recorder, &FacilitationRecorder::problem, &runner,
                     [](const QString &message) { err() << "warroom drill: " << message << "\n"; });
    const qint64 startedUtc = QDateTime::currentMSecsSinceEpoch();
    {
        Progress progress(runner, cl.quiet);
        QEventLoop loop;
        QObject::connect(&runner, &DrillRunner::finished, &loop, &QEventLoop::quit);
        QString error;
        if (!runner.start(&error)) {
            err() << "warroom drill: cannot declare the drill: " << error << "\n";
            return 1;
        }
        loop.exec();
    }
    return report(runner.result(), cl, startedUtc);
}

} // namespace warroom
