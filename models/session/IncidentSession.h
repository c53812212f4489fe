#pragma once

#include "engine/ChecklistEngine.h"
#include "session/DrillRunnerSight.h"
#include "session/IncidentSnapshot.h"
#include "session/RoomClock.h"
#include "timeline/Incident.h"
#include "timeline/ScreenClockFollower.h"
#include "timeline/TimelineEvent.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>

class QTimer;

namespace warroom {

class ChainCheckTask;
class DrillRunnerClaim;
class TimelineStore;
class TimelineWatch;

struct IncidentDeclaration
{
    QString title;
    QString commander;
    IncidentMode mode = IncidentMode::Live;
    QMap<QString, QString> variables;
    QString uuid; // empty: a new random one; set when re-importing or for reproducible tests
    // Optional keys added to the declaration event's payload (impact_started_at, detected_at,
    // drill_speed); the keys the declaration itself writes are never replaced.
    QJsonObject extraPayload;
    // Roles given in the declare dialog: recorded as role.assigned events right after the
    // declaration, signed by the commander.
    struct Role
    {
        QString roleId;
        QString person;
        QString fallback;
    };
    QList<Role> roles;
};

struct [[nodiscard]] CommandResult
{
    enum class Status { Done, NeedsReason, Refused, StorageFailed };
    Status status = Status::Done;
    QString message;

    bool ok() const { return status == Status::Done; }
};

// One open incident: the engine, the timeline it is derived from, and the store that keeps it.
// Every command goes plan -> commit -> apply -> signal, so nothing reaches the screen that is not
// already on disk.
class IncidentSession : public QObject
{
    Q_OBJECT

public:
    // The run's newest start (its first request, check or ramp start, or a re-send with its
    // key), whose screen runs it and, on a shared timeline, owns it (`owner`); null if none.
    const TimelineEvent *runStart(const QString &runId) const;
    // The longest incident title, in characters: a drill's is "Drill: " and its checklist's
    // title (Checklist::maxNameCharacters), which must fit.
    static constexpr int maxTitleCharacters = 300;
    // Why declare() would refuse `declaration` for what is written in it: a title or a variable's
    // value with a control character (a line break, a tab, C1, a bidirectional control) or
    // longer than it may be (maxTitleCharacters, Checklist::maxValueCharacters), or a name, the
    // commander's or a role's, that is not written plainly (PersonName). Empty when nothing is.
    static QString declarationProblem(const Checklist &checklist,
                                      const IncidentDeclaration &declaration);
    // The incident a declaration makes, as declare() stores it once the declaration passes its
    // checks (a title on one line, names written plainly, the required variables). Not checked
    // here: an incident written by an older build, or brought from elsewhere, may hold what
    // declare() now refuses, and every display must still show it safely.
    static IncidentRecord declaredRecord(const Checklist &checklist,
                                         const IncidentDeclaration &declaration, qint64 utcMs);
    [[nodiscard]] static std::unique_ptr<IncidentSession>
    declare(TimelineStore &store, const Checklist &checklist,
            const IncidentDeclaration &declaration, Clock clock, QString *error);
    // Reopens an incident from the store. An open incident gets an incident.resumed event, so the
    // gap while the app was away (a crash, a restart) is visible in the timeline: at once when
    // runs were cut short (they are closed in the same commit), else with this session's first
    // recorded command, so that merely viewing an incident writes nothing (isResumePending).
    // ChainCheck::InBackground (the window), for a timeline of at least `behindFrom` events:
    // the session is returned before its chain is checked, which then runs on a worker thread
    // (IncidentSessionVerify.cpp). Until it passes, isVerifying() and every command is refused,
    // so nothing is added to a chain not yet checked; the resumption above is decided once it
    // has passed (chainVerified). A broken chain is reported by chainBroken with the very words
    // open() gives with ChainCheck::BeforeOpen. A shorter timeline is checked first (a few ms).
    enum class ChainCheck { BeforeOpen, InBackground };
    [[nodiscard]] static std::unique_ptr<IncidentSession>
    open(TimelineStore &store, qint64 incidentId, Clock clock, QString *error,
         ChainCheck check = ChainCheck::BeforeOpen, qsizetype behindFrom = 0,
         const QString &actor = {});
    ~IncidentSession() override;
    // True while the chain of a session opened with ChainCheck::InBackground is being checked,
    // and for good once it was found broken.
    bool isVerifying() const { return m_chainState != ChainState::Verified; }

    const IncidentRecord &incident() const { return m_incident; }
    const ChecklistEngine &engine() const { return m_engine; }
    const Checklist &checklist() const { return m_engine.checklist(); }
    const TimelineEvents &events() const { return m_events; }
    // The engine as it stood at `elapsedMs` after the declaration: the fold of the events up to
    // then. Replay shows the checklist through this.
    ChecklistEngine engineAt(qint64 elapsedMs) const;
    // Values for {{name}} in checklist text: the incident's variables, built-in names and the
    // values actions extracted from responses. The engine keeps them; this is its accessor.
    const QMap<QString, QString> &textVariables() const { return m_engine.textVariables(); }
    qint64 elapsedMs() const;
    // The T+ clock every screen shows for this incident: in a drill its runner's clock (speed,
    // pauses), else the time since the declaration. Read from the events not yet looked at.
    const ScreenClock &screenClock() const
    {
        return m_screenClock.follow(m_events, m_incident.mode == IncidentMode::Drill);
    }
    // The closing event's elapsed ms once the engine is closed, else -1.
    qint64 closedAtMs() const { return ScreenClock::closedAt(m_engine.isClosed(), m_events); }
    // The real moment every screen's clock reads now (ScreenClock::readingAt): the close, the
    // drill's end, or now.
    qint64 clockReadingMs() const { return screenClock().readingAt(elapsedMs(), closedAtMs()); }

    // Reads what other processes committed to this incident since we last looked and applies it
    // (eventsAppended), and notices when the database file is no longer the one on disk
    // (storageLost). Cheap when nothing changed: one PRAGMA and one stat.
    void refresh();
    // Calls refresh() every intervalMs (0 stops), so a window shows another screen's events. On a
    // shared timeline (a server) the session follows its notifications instead, at once, and
    // keeps the link (IncidentSessionShared.cpp); intervalMs is then how often the link is kept.
    void setFollowInterval(int intervalMs);
    // Set once the store can no longer be trusted; every command is refused from then on. A
    // shared timeline's lost link is the exception: once back and caught up, this clears again
    // (storageRestored).
    const QString &storageProblem() const { return m_storageProblem; }
    // Whether the problem is a shared timeline out of reach (it clears by itself when back).
    bool isStorageProblemTransient() const { return m_problemIsLink; }
    // The watch following a shared timeline, or null.
    TimelineWatch *watch() const { return m_watch; }
    // On a shared timeline, a run started elsewhere whose screen's heartbeat has not been heard
    // for this long is marked interrupted here (an action in flight: outcome unknown), and never
    // re-sent (IncidentSessionOwners.cpp). 5 s by default.
    void setOwnerLapse(int ms) { m_ownerLapseMs = ms; }
    // The resumption this session will record with its first command (see open()).
    bool isResumePending() const { return m_resumePending; }

    // The person at this screen; every event is signed with it. A name that is not written
    // plainly (an invisible or control character in it, PersonName) is refused, said in `why`,
    // and so is an empty one (nothing to say); the actor is then unchanged.
    QString actor() const { return m_actor; }
    bool setActor(const QString &actor, QString *why = nullptr);

    CommandResult confirmItem(const QString &stepId, const QString &itemId,
                              const QString &value = {}, const QString &reason = {});
    CommandResult skipItem(const QString &stepId, const QString &itemId, const QString &reason);
    CommandResult undo();
    CommandResult startStep(const QString &stepId, const QString &reason = {});
    CommandResult skipStep(const QString &stepId, const QString &reason);
    CommandResult failStep(const QString &stepId, const QString &reason);
    CommandResult restartStep(const QString &stepId);
    CommandResult addNote(const QString &text, bool isPrivate = false);
    // The drill runner's note of its clock (IncidentSessionDrill.cpp): `text` for people to read
    // and `fact` (ScreenClock::fact) under PayloadKey::DrillClock, which addNote never writes,
    // so every screen's T+ reads the clock from facts a typed note cannot forge. DRILL only.
    CommandResult recordDrillClock(const QString &text, const QJsonObject &fact);
    // The drill runner's claim on this incident (session/DrillRunnerClaim.h), which it holds for
    // as long as it runs and whose owner its clock's "started" fact records: on a server only
    // with the heartbeat of a watch going out (as runs are owned, withOwner).
    std::unique_ptr<DrillRunnerClaim> claimDrillRunner() const;
    // This screen found the drill's runner gone without ending the drill (its process killed,
    // crashed or closed mid-drill; IncidentSessionRunner.cpp). A writable screen records the end
    // on the runner's behalf at once, and the clocks stop; a read-only one (a wall) can only say
    // so, until a console records it, or the runner's heartbeat comes back.
    bool isDrillRunnerGone() const { return m_runnerGone; }
    // The drill runner's end (DrillClockChange::Ended at `atMs`) with its verdict `text`: the
    // fact only if no screen has ended the drill yet (a drill ends once), the words either way.
    // The fact carries `verdict` (DrillResult::verdictJson) under PayloadKey::Verdict: a runner
    // gone before its facilitation record's `drill.finished` left a debrief "not ended" for good.
    CommandResult recordDrillEnd(const QString &text, qint64 atMs, const QJsonObject &verdict = {});
    // The drill runner's note of a fault it sends to the drill backend, and of the backend's
    // refusal: `text`, and `fault` (the inject's id; {inject, taken: false} for a refusal) under
    // PayloadKey::DrillFault, which addNote never writes. DRILL only.
    CommandResult recordDrillFault(const QString &text, const QJsonValue &fault);
    CommandResult close(const QString &reason = {});

    // People in the room (IncidentSessionRoom.cpp); see ChecklistEngine::planAssignRole,
    // planHandOver, planStartPoll, planAnswerPoll and planDeferItem. A poll is answered as the
    // person at this screen (actor()); a headless drill sets its actor first.
    CommandResult assignRole(const QString &roleId, const QString &person,
                             const QString &fallback = {});
    CommandResult handOver(const QString &newCommander, const QString &acceptedBy,
                           const QJsonObject &briefing);
    CommandResult startPoll(const QString &stepId, const QString &itemId);
    CommandResult answerPoll(const QString &stepId, const QString &itemId, const QString &roleId,
                             bool go, const QString &reason = {});
    CommandResult deferItem(const QString &stepId, const QString &itemId, const QString &target,
                            const QString &reason);

    // Runs of actions, checks and ramps; see ChecklistEngine::planStartRun and planRunEvent.
    // AutomationRunner drives these; each event is on disk before anything acts on it.
    CommandResult startRun(const QString &stepId, const QString &itemId, const QJsonObject &payload,
                           const QString &reason = {});
    CommandResult recordRun(QLatin1StringView kind, const QString &stepId, const QString &itemId,
                            const QJsonObject &payload);

    // While eventsAppended is emitted: how many of its events, at its head, other screens
    // recorded (read from the store, or committed before this screen's own in the same write;
    // this screen's own follow them). A screen's panel tells an item another screen's entry
    // moved from one its own command moved.
    qsizetype othersEventsInAppend() const { return m_othersInAppend; }

signals:
    // isDrillRunnerGone() changed.
    void drillRunnerGoneChanged();
    void eventsAppended(const warroom::TimelineEvents &events);
    void actorChanged(const QString &actor);
    void storageLost(const QString &problem);
    // The shared timeline is reachable again and what others committed meanwhile is applied.
    void storageRestored();
    // The background chain check (ChainCheck::InBackground) passed: commands are taken now.
    void chainVerified();
    // It failed, or the resumption it allowed could not be recorded: `error` is what open()
    // would have said. The session refuses every command from then on.
    void chainBroken(const QString &error);

private:
    // A note of `text` carrying `value` under `key`, a word addNote never writes; refused with
    // `refusal` unless the incident is a drill. `keyed`, when given, is asked inside the write,
    // on the timeline as it then stands, whether the note carries the value (or is a note only).
    CommandResult recordDrillFact(const QString &text, QLatin1StringView key,
                                  const QJsonValue &value, const QString &refusal,
                                  const std::function<bool()> &keyed = {});
    IncidentSession(TimelineStore &store, IncidentRecord incident, Checklist checklist,
                    Clock clock);
    // Folds the incident's stored timeline into the new session.
    void adoptEvents(TimelineEvents events);
    // What open() does once the chain is known intact: the resumption (see open()).
    bool finishOpen(QString *error);
    // IncidentSessionVerify.cpp
    static QString brokenChainMessage(const TimelineStore &store, qint64 incidentId,
                                      const QString &summary);
    void verifyInBackground();
    void onChainChecked(bool intact, const QString &summary);
    // Plans against the store's latest state, inside the write transaction (see
    // TimelineStore::appendPlanned): another process's events are applied first, then `plan`
    // runs on the engine as it now stands.
    CommandResult execute(const std::function<EnginePlan()> &plan);
    void applyNewer(const TimelineEvents &events);
    // Another process's events, applied only if they carry the chain on from the last one held
    // (the store's read checks their sequence and JSON, not their hashes); false, and the chain
    // marked broken, if not.
    bool takeInNewer(const TimelineEvents &newer);
    bool checkStorage();
    // Whether `error`, from a read of what others wrote, is a damaged or forged row there
    // (TimelineStore::isDamagedMessage); then the chain is broken here, and said.
    bool takeInDamage(const QString &error);
    // Reads what others committed after our last event and applies it; false (and the problem
    // noted) when it could not be read.
    bool readNewer();
    // Shared timelines (IncidentSessionShared.cpp).
    void followShared(int tickMs);
    void onLinkChanged(bool up);
    // Runs owned by other screens (IncidentSessionOwners.cpp).
    QJsonObject withOwner(const QJsonObject &payload) const;
    void checkRunOwners();
    void markLapsed(const QString &stepId, const QString &itemId, const QString &runId,
                    const TimelineEvent &start);
    QList<EventDraft> resumeDraft() const;
    // A drill's runner gone without an end (IncidentSessionRunner.cpp), asked every second by a
    // screen that follows the timeline.
    void watchDrillRunner(bool on);
    void checkDrillRunner();
    void recordRunnerGone();

    TimelineStore &m_store;
    IncidentRecord m_incident;
    ChecklistEngine m_engine;
    TimelineEvents m_events;
    Clock m_clock;
    QString m_actor;
    QString m_storageProblem;
    qint64 m_seenDataVersion = 0;
    bool m_resumePending = false;
    qsizetype m_othersInAppend = 0; // othersEventsInAppend
    qint64 m_openedElapsedMs = -1; // when this window opened the incident, while resume pends
    QTimer *m_followTimer = nullptr;
    TimelineWatch *m_watch = nullptr;
    bool m_problemIsLink = false;
    QTimer *m_ownerTimer = nullptr;
    int m_ownerLapseMs = DrillRunnerSight::heartbeatLapseMs;
    QTimer *m_runnerTimer = nullptr;
    DrillRunnerSight m_runnerSight;
    bool m_runnerGone = false;
    enum class ChainState { Verified, Verifying, Broken };
    ChainState m_chainState = ChainState::Verified;
    QString m_chainProblem;
    ChainCheckTask *m_chainCheck = nullptr;
    mutable ScreenClockFollower m_screenClock; // caught up when asked
};

} // namespace warroom
