#pragma once

#include "checklist/Checklist.h"
#include "drill/DrillClock.h"
#include "drill/DrillResult.h"
#include "drill/DrillRunnerFacts.h"
#include "drill/InjectBoard.h"
#include "drill/Scenario.h"
#include "session/IncidentSession.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

class QTimer;

namespace warroom {

class DrillRunnerClaim;
class HttpEngine;
class IncidentController;
class IncidentSession;
struct HttpResult;

// Runs a drill without a person: declares a DRILL incident of the scenario's checklist through
// the IncidentController (the same session, AutomationRunner and HTTP engine as the window),
// plays the players' script (every act an event signed by its actor), fires the injects on the
// drill clock and, at the end, judges the steps and the expectations into a DrillResult.
//
// Everything is decided on a tick (every 20 ms of real time) against the drill clock, so a pause
// holds the injects and the players where they are. Runs already under way keep their own
// (scaled) time: the runner cannot stop a rollback job's clock.
class DrillRunner : public QObject
{
    Q_OBJECT

public:
    DrillRunner(IncidentController &controller, Scenario scenario, Checklist checklist,
                QObject *parent = nullptr);
    ~DrillRunner() override;

    // Where the backend is (bundled: its URL, set into the scenario's URL variables; faults go
    // to URL/api/faults) and the bearer token faults are sent with.
    void setBackend(const QString &url, const QString &description);
    void setFaultToken(const QByteArray &token) { m_faultToken = token; }
    void setDatabasePath(const QString &path) { m_result.databasePath = path; }
    // Who plays: the players' script (headless, the default), or the people at the console (a
    // drill run from the window): then the runner only keeps the clock and fires the injects,
    // and a failed run is left to the room instead of ending the drill.
    void setScripted(bool scripted) { m_scripted = scripted; }
    bool isScripted() const { return m_scripted; }

    // What start() declares: the scenario's title, commander and variables (the checklist's
    // defaults for the rest), its URL variables pointed at the bundled backend, and for a
    // scripted drill that its players were a script (DrillDeclaration::playersKey).
    IncidentDeclaration declaration() const;
    static IncidentDeclaration declarationFor(const Scenario &scenario, const Checklist &checklist,
                                              const QString &backendUrl);
    // Declares the incident and starts; false with the reason when it cannot be declared.
    bool start(QString *error);
    void pause();
    void resume();
    // The facilitator ends the drill before its deadline, as the room's close ends it: judged
    // here, every screen's clock stopped here, its outcome "stopped (<reason>)". Nothing once it
    // has ended.
    void endNow(const QString &reason);
    bool isRunning() const;
    // The drill has ended (completed, stopped, timed out): its verdict is in, and nothing more
    // is fired or sent, whatever the board still holds.
    bool isFinished() const { return m_done; }

    const DrillResult &result() const { return m_result; }
    // One line for a terminal's live status: the drill clock and what is under way.
    QString status() const;
    const DrillClock &clock() const { return m_clock; }
    // drillNow in the words every screen uses (ScreenClock::worded): "…  PAUSED", "…  ENDED",
    // no word once the room closed the incident (the runner's window kept "ENDED" there, where
    // the console, the wall and a watching window read the same T+ with none).
    QString clockText() const;
    // "×50 drill clock · real 00:00:12" (ScreenClock::scaleText), or empty at ×1.
    QString clockScale() const;
    // The incident's timeline has a drill clock a runner started (here or in another process
    // on the same database) and the incident is open: a runner-less window only watches it.
    static bool hasRunningClock(const IncidentSession &session);
    // Drill time now; 0 before the drill starts, and where it stopped once it has ended.
    qint64 drillNow() const;

    // The facilitator's hand on the injects (fire now, skip, delay, unscheduled, acknowledge);
    // the runner fires what the board says is due on its next tick.
    InjectBoard &injects() { return m_board; }
    const InjectBoard &injects() const { return m_board; }
    // The drill time an inject is due at (its delays in), or -1 while its event has not happened.
    InjectBoard::Resolver resolver() const
    {
        return [this](const DrillMoment &m) {
            return dueAt(m);
        };
    }

    // The room acknowledged a fired inject (a key on the console): the board records it and the
    // timeline gets a note signed by `who` with the time it took, a player's act. False with
    // the reason (not fired, already acknowledged, no drill).
    bool acknowledge(const QString &injectId, const QString &who, QString *error);
    // The drill as the live expectations judge it (DrillRunnerFacts.cpp).
    DrillFacts facts() const;
    const Scenario &scenario() const { return m_scenario; }
    const Checklist &checklist() const { return m_checklist; }

signals:
    // An inject went out (message or fault), on the tick that fired it.
    void injectFired(const QString &injectId);
    // An event of note, in words, with its drill time first ("T+0:01:15  step 1 scope done").
    void progress(const QString &line);
    void finished();
    // The drill clock started, paused or resumed (the facilitation record keeps it).
    void clockChanged();

private:
    IncidentSession &session() const;
    qint64 now() const; // drill time
    void say(const QString &text);
    // A line for something that happened at `drillMs` on the drill clock, not at this tick.
    void sayAt(qint64 drillMs, const QString &text);
    // `record` (a note, or one of the runner's facts) signed by the facilitator; the console's
    // own actor is given back afterwards, so a drill run from the window does not sign the
    // commander's next command.
    void asFacilitator(const std::function<CommandResult()> &record);
    void noteAsFacilitator(const QString &text);
    // The drill clock's own note (IncidentSession::recordDrillClock).
    void clockNote(const QString &text, const QJsonObject &fact);
    void tick();
    // T+0 of the drill clock: the first tick, when the event loop runs (see start()).
    void startClock();
    // Says each step's start and end at their times in the timeline. Starts only: before a
    // player's line, whose action may have started its step.
    void observeSteps(bool ends = true);
    void observeItems(int stepIndex);
    // When the run `runId` started, on the drill clock: its first event's time.
    qint64 runStartedAt(const QString &runId) const;
    void fireInjects();
    void fire(const DrillInject &inject);
    void onFaultAnswer(const QString &injectId, const HttpResult &result);
    qint64 dueAt(const DrillMoment &moment) const;
    // The players (DrillPlayersAct.cpp).
    void play();
    void playItem(int stepIndex, int itemIndex);
    void act(const QString &target);
    void actOnManual(const ChecklistStep &step, const ChecklistItem &item);
    // The item's go/no-go poll, answered by the script (DrillPlayersPoll.cpp); false: the
    // drill stopped (a NO-GO, or a refusal).
    bool answerPoll(const ChecklistStep &step, const ChecklistItem &item);
    void actOnRun(const ChecklistStep &step, const ChecklistItem &item);
    void onRunEnded(const QString &stepId, const QString &itemId);
    void runBroke(const QString &stepId, const QString &itemId);
    // The end (DrillVerdict.cpp).
    void checkEnd();
    void stop(const QString &outcome, const QString &reason);
    void judgeSteps();
    void judgeExpectations();
    DrillExpectationResult judge(const DrillExpectation &e) const;
    DrillExpectationResult judgeRun(const DrillExpectation &e) const;
    QString runOutcome(const QString &target) const;
    bool failureExpected(const QString &stepId) const;
    QString stepFailure(int stepIndex) const;

    IncidentController &m_controller;
    Scenario m_scenario;
    Checklist m_checklist;
    DrillClock m_clock;
    DrillResult m_result;
    QString m_backendUrl;
    QByteArray m_faultToken;
    std::unique_ptr<HttpEngine> m_http; // for faults only; the checklist's own go through the
                                        // controller's engine
    QTimer *m_tick = nullptr;
    qint64 m_wallStart = 0;
    bool m_done = false;
    qint64 m_endedRealMs = 0;    // the session's real elapsed time when the drill ended
    bool m_clockStarted = false; // T+0 set by the first tick (or a pause before it)
    // Held from the drill clock's start until this runner goes: the screens sharing the database
    // tell by it that the drill is still run (IncidentSessionRunner.cpp).
    std::unique_ptr<DrillRunnerClaim> m_claim;
    qint64 m_beatMs = -1; // the incident's elapsed ms at the claim's latest beat
    bool m_scripted = true;
    QHash<QString, qint64> m_eventAt;        // "step-started:scope", "inject:x"... -> drill ms
    QHash<QString, qint64> m_actDue;         // "step/item" -> drill ms the player acts
    QHash<QString, int> m_stepSeen;          // step id -> last StepState seen (as int)
    QHash<QString, QString> m_runStartSeen;  // "step/item" -> the run whose start is in m_eventAt
    QHash<QString, QString> m_runEndSeen;    // "step/item" -> the run whose end is in m_eventAt
    InjectBoard m_board;                     // the injects, fired or not
    QHash<quint64, QString> m_faultRequests; // HTTP id -> inject id
};

} // namespace warroom
