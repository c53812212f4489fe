#pragma once

#include "drill/DrillRunner.h"
#include "facilitation/Debrief.h"
#include "facilitation/FacilitationRecorder.h"
#include "facilitation/FacilitatorLog.h"
#include "facilitation/LiveExpectations.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace warroom {

class IncidentController;

// One announcement the room has not acknowledged yet: an inject's message, as the console's
// banner and the wall show it. Backend faults never become one (players must notice them).
struct PendingAnnouncement
{
    QString injectId;
    QString text;
    QString toRole;   // the role's title, or "the room"
    qint64 firedAtMs; // drill time
};

// A drill run from the window: the scenario's DrillRunner on the console's IncidentController
// (the people at the console are the players, no script), the facilitator's log, and what the
// facilitator's window, the console banner and the wall read. It owns no widgets, so the same
// session is driven by a test.
class FacilitationSession : public QObject
{
    Q_OBJECT

public:
    // Starts the bundled drill backend for a scenario that wants one: its URL and the bearer
    // token faults are sent with, or false with the reason. Given by the app (the UI does not
    // link the backend).
    using BackendStarter = std::function<bool(const Scenario &scenario, double speed,
                                              QString *url, QByteArray *token, QString *error)>;

    explicit FacilitationSession(IncidentController &controller, QObject *parent = nullptr);
    ~FacilitationSession() override;

    void setBackendStarter(BackendStarter starter) { m_starter = std::move(starter); }
    // Declares the DRILL from the scenario file, commanded by `commander` (a person in the room:
    // the scenario's own is its players' script's, "drill bot"), and starts its clock; false with
    // the reason.
    bool start(const QString &scenarioPath, const QString &commander, QString *error);
    // Why `name` cannot command a drill (blank, a control or invisible character, too long), in
    // the words start() refuses it with; empty when it can. The window asks again with it, and
    // keeps the scenario chosen (a refused name sent the user back to the file dialog).
    static QString commanderProblem(const QString &name);
    // What is wrong with the scenario file, located, as start() says it; empty when it reads. The
    // window asks it before the commander's name, so a broken file is not found after the name.
    static QString scenarioProblem(const QString &scenarioPath);
    bool isActive() const { return m_runner != nullptr; }
    // Who acts at this console while an incident is open, else empty: the commander a new
    // drill is offered.
    QString consoleActor() const;
    // Why this window can do nothing: no drill, or the console's drill is another window's.
    QString noDrillReason() const;
    // The console's drill run by another window (this one has no runner), else null.
    const IncidentSession *watchedSession() const;
    DrillRunner *runner() const { return m_runner.get(); }
    qint64 drillNow() const { return m_runner ? m_runner->drillNow() : 0; }
    // Not once the drill has ended: one ended while paused said DRILL ENDED and DRILL PAUSED
    // together on the banner and the wall.
    bool isPaused() const
    {
        return m_runner && !m_runner->isFinished() && m_runner->clock().isPaused();
    }

    // Pauses or resumes a drill that has not ended; false with why when there is none.
    bool togglePause(QString *error);
    // Ends the drill now, before its deadline ("stopped (the facilitator ended it)"): a
    // facilitator had no way to end a drill the room had finished or given up on but to wait
    // for the deadline or ask the room to close the incident. False with the reason when there
    // is no drill here to end.
    bool endDrill(QString *error);
    bool fireNow(const QString &injectId, QString *error);
    bool skip(const QString &injectId, QString *error);
    bool delay(const QString &injectId, qint64 spanMs, QString *error);
    // Unscheduled injects: a message to a role (checklist role id, empty: the room), or a
    // backend fault (the keys of POST /api/faults).
    bool sendMessage(const QString &roleId, const QString &text, QString *error);
    bool sendFault(const QJsonObject &fault, QString *error);
    // A note tied to this moment and the step the room is on (or `stepId` when given).
    bool observe(const QString &text, const QString &stepId, QString *error);
    // The facilitator's P/S/M/U of a step with a note, during the drill or after it (while the
    // window still holds the drill); written to the record first. False with the reason.
    bool rate(const QString &stepId, PerformanceRating rating, const QString &note,
              QString *error);
    // The oldest unacknowledged announcement, acknowledged by the console's actor.
    bool acknowledgeOldest(QString *error);

    // The drill's debrief as the database holds it now (the record and the timeline), or
    // nullopt with the reason; the drill this window ran, while it holds it.
    std::optional<Debrief> debrief(QString *error) const;

    // None once the drill has ended: nothing more is acknowledged then.
    QList<PendingAnnouncement> pendingAnnouncements() const;
    // "DRILL ENDED at T+…: timed out (why); the drill did not pass: N failures …" once this
    // window's drill has ended, for the console's banner and the walls; else empty.
    QString endedLine() const;
    QList<LiveExpectation> expectations() const;
    // The recorder's log while a drill runs (what the database holds), else the last one.
    const FacilitatorLog &log() const { return m_recorder ? m_recorder->log() : m_log; }
    // The step the room is on: the first active one, else the first ready one; may be empty.
    QString currentStepId() const;
    QStringList lines() const { return m_lines; }

signals:
    // Anything changed: an inject fired, a hand on the board, a pause, a note.
    void changed();
    void started();
    void ended();

private:
    void end();
    void record(const QString &line);
    // Whether an inject can still go out (a runner, its drill not ended), else false with why.
    bool canInject(QString *error) const;

    IncidentController &m_controller;
    BackendStarter m_starter;
    std::unique_ptr<DrillRunner> m_runner;
    // After m_runner, so it goes first: it listens to the runner. Keeps the board, the clock
    // and the facilitator's notes in the database (schema 4), off the incident's timeline.
    std::unique_ptr<FacilitationRecorder> m_recorder;
    qint64 m_incidentId = 0;
    FacilitatorLog m_log;
    QStringList m_lines; // the runner's progress lines, for the facilitator's eyes
    int m_unscheduled = 0;
};

} // namespace warroom
