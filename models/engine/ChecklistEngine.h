#pragma once

#include "checklist/Checklist.h"
#include "engine/CrewState.h"
#include "engine/StepStatus.h"
#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"
#include "util/TimeFormat.h"

#include <QJsonObject>
#include <QJsonValue>

namespace warroom {

// What the engine would record for a command, or why it refuses it. needsReason tells the UI
// that the same command goes through once a person gives a reason (an override).
struct [[nodiscard]] EnginePlan
{
    QList<EventDraft> drafts;
    QString refusal;
    bool needsReason = false;

    bool ok() const { return refusal.isEmpty(); }
};

// The checklist state machine for one incident. Its state is nothing but the fold of the
// incident's timeline: apply() every stored event in order and you have the state back, which
// is how an incident reopens exactly where it was. Commands never change state directly; they
// return drafts that are stored first and then applied.
class ChecklistEngine
{
public:
    // incidentVariables: the incident's values for {{name}} (incidentTextVariables()).
    explicit ChecklistEngine(Checklist checklist, QMap<QString, QString> incidentVariables = {});

    const Checklist &checklist() const { return m_checklist; }
    // Values for {{name}} in checklist text, for every reader (screen, runner, postmortem): the
    // incident's variables with the values actions extracted so far laid over them.
    // {{incident.commander}} follows the handovers (CrewState::commander).
    const QMap<QString, QString> &textVariables() const { return m_textVariables; }
    static constexpr QLatin1StringView commanderVariable{"incident.commander"};
    // The names among textVariables() that came from responses, not from the incident.
    const QMap<QString, QString> &extractedVariables() const { return m_extracted; }
    // How a refusal writes the T+ of what it names ("… was already confirmed by Bob at T+…"):
    // the session gives the clock its screens read, so that in a drill the refusal names the
    // moment the checklist's "When" column shows, not the real time since the declaration.
    // Without one, formatElapsed (the real time).
    void setTimeText(TimeText timeText) { m_timeText = std::move(timeText); }

    void apply(const TimelineEvent &event);
    void applyAll(const TimelineEvents &events);

    int stepCount() const { return static_cast<int>(m_steps.size()); }
    const StepStatus &step(int index) const { return m_steps.at(index); }
    StepState stepState(int index) const { return m_steps.at(index).state; }
    // Dependencies of a step that are neither done nor skipped.
    QStringList unmetDependencies(int index) const;
    bool isClosed() const { return m_closed; }
    // Neither done nor skipped: what the wall, a handover and the closing summary count as
    // still to finish (a failed step included), and what allStepsFinished() wants to be zero.
    int unfinishedStepCount() const
    {
        return stepCount() - stepCountIn(StepState::Done) - stepCountIn(StepState::Skipped);
    }
    bool allStepsFinished() const { return unfinishedStepCount() == 0; }
    int stepCountIn(StepState state) const;
    qint64 lastSeq() const { return m_lastSeq; }

    // The status of one item by ids, or nullptr when the checklist has no such item.
    const ItemStatus *itemStatus(const QString &stepId, const QString &itemId) const;
    // The step that wants attention: the first active step with an open item, else the first
    // ready one, else the first failed one, else the first pending one; -1 when every step is
    // done or skipped.
    int currentStep() const;
    // The first open item of a step, or -1.
    int currentItem(int stepIndex) const;
    // The event sequence number that undo would revert, or 0.
    qint64 undoableSeq() const;

    EnginePlan planConfirmItem(const QString &stepId, const QString &itemId, const QString &actor,
                               const QString &value = {}, const QString &reason = {}) const;
    EnginePlan planSkipItem(const QString &stepId, const QString &itemId, const QString &actor,
                            const QString &reason) const;
    EnginePlan planUndo(const QString &actor) const;
    EnginePlan planStartStep(const QString &stepId, const QString &actor,
                             const QString &reason = {}) const;
    EnginePlan planSkipStep(const QString &stepId, const QString &actor,
                            const QString &reason) const;
    EnginePlan planFailStep(const QString &stepId, const QString &actor,
                            const QString &reason) const;
    EnginePlan planRestartStep(const QString &stepId, const QString &actor) const;
    // A private note stays out of exports unless they ask for private notes.
    EnginePlan planNote(const QString &actor, const QString &text, bool isPrivate = false) const;
    EnginePlan planClose(const QString &actor, const QString &reason = {}) const;

    // Incident-level events (ChecklistEngineIncident.cpp). The first event of an incident, drafted
    // before any engine exists for it: it repeats the record's facts so the chain covers them.
    static EventDraft declarationDraft(const IncidentRecord &incident);
    // Reopening an incident after the app was away: incident.resumed, and every run that was
    // under way closed in the same commit (planInterruptedRuns).
    EnginePlan planResume(const QString &actor) const;

    // Runs of actions, checks and ramps (ChecklistEngineRuns.cpp). Starting a run is resolving
    // its item, so it obeys the same order and dependency rules and overrides need a reason.
    // payload must carry "run", the run's id. Re-sending an action whose outcome is unknown
    // reuses its run id, and with it the Idempotency-Key.
    EnginePlan planStartRun(const QString &stepId, const QString &itemId, const QString &actor,
                            const QJsonObject &payload, const QString &reason = {}) const;
    // An event of a run under way. The event that ends a run in success also confirms the item
    // (and completes the step when it was the last open item), in the same commit.
    EnginePlan planRunEvent(QLatin1StringView kind, const QString &stepId, const QString &itemId,
                            const QString &actor, const QJsonObject &payload) const;
    // After a restart: every run that was under way when the app stopped. An action with a
    // request in flight becomes "outcome unknown"; it is never sent again on its own.
    EnginePlan planInterruptedRuns(const QString &actor) const;

    // People in the room (ChecklistEngineRoom.cpp). Who commands and who holds which role.
    const CrewState &crew() const { return m_crew; }
    // Every draft of the plan gets PayloadKey::ActorRoles: the checklist's roles its actor holds
    // now (none: no key), so each event says who acted and as what.
    void signWithRoles(EnginePlan &plan) const;
    // person empty: the role is unassigned. The commander role changes only by a handover.
    EnginePlan planAssignRole(const QString &roleId, const QString &person,
                              const QString &fallback, const QString &actor) const;
    // The new commander accepts by giving their own name (acceptedBy); the event is theirs and
    // its time is the handover's effective time. briefing: PayloadKey::Situation, ...
    EnginePlan planHandOver(const QString &newCommander, const QString &acceptedBy,
                            const QJsonObject &briefing) const;
    // A new round of an item's go/no-go poll (a re-poll after a NO-GO, or the first).
    EnginePlan planStartPoll(const QString &stepId, const QString &itemId,
                             const QString &actor) const;
    // An answer by the person holding `roleId` (or its fallback), in the poll's order. A NO-GO
    // needs a reason. The first answer opens round 1 when no round is open.
    EnginePlan planAnswerPoll(const QString &stepId, const QString &itemId, const QString &roleId,
                              bool go, const QString &actor, const QString &reason = {}) const;
    // Why the item may not be resolved yet because of its poll, or empty.
    QString pollRefusal(int stepIndex, int itemIndex) const;
    QString pollRefusal(const QString &stepId, const QString &itemId) const;
    // The role the poll waits for next, or empty (all answered, or a NO-GO stopped it).
    QString pollNextRole(int stepIndex, int itemIndex) const;
    // Puts an open item off to a later step or followUpsTarget, with a reason. Its step can then
    // complete "except deferred items"; the item stays open until someone resolves it.
    EnginePlan planDeferItem(const QString &stepId, const QString &itemId, const QString &target,
                             const QString &actor, const QString &reason) const;
    struct ItemRef
    {
        int step = -1;
        int item = -1;
    };
    // The deferred items still open that come back at `target` (a step id or followUpsTarget).
    QList<ItemRef> deferredItemsAt(const QString &target) const;
    // Every deferred item still open, wherever it comes back.
    QList<ItemRef> openDeferredItems() const;

private:
    struct UndoEntry
    {
        qint64 seq;
        QString kind;
        int step;
        int item;
    };
    void applyStepEvent(const TimelineEvent &event, int stepIndex);
    void applyItemEvent(const TimelineEvent &event, int stepIndex, int itemIndex);
    void followCommander(const TimelineEvent &event); // ChecklistEngineRoom.cpp
    void recompute();
    QString stepLabel(int index) const;
    // Checks shared by every command that resolves an item; fills start drafts as needed.
    EnginePlan planResolveItem(const QString &stepId, const QString &itemId, const QString &actor,
                               const QString &reason, bool alwaysNeedsReason, int *stepIndex,
                               int *itemIndex, bool *outOfOrder) const;
    void removeUndo(qint64 seq);
    // Why an item of a done, skipped or failed step cannot be resolved.
    QString finishedStepRefusal(int index) const;
    // The step a step command names, or -1 with the refusal (incident closed, unknown step).
    int stepForCommand(const QString &stepId, EnginePlan *refusal) const;
    // Resolving this item would leave no open item in its step, so the step completes with it.
    bool isLastOpenItem(int stepIndex, int itemIndex) const;

    void applyRoomItemEvent(const TimelineEvent &event, int stepIndex, int itemIndex);
    // The later steps (and the follow-ups) an item of this step may be deferred to.
    QString deferralTargetRefusal(int stepIndex, const QString &target) const;

    Checklist m_checklist;
    CrewState m_crew;
    QMap<QString, QString> m_extracted;     // from responses, latest value of each name
    QMap<QString, QString> m_textVariables; // the incident's, with m_extracted laid over them
    QList<StepStatus> m_steps;
    QList<UndoEntry> m_undo;
    bool m_closed = false;
    qint64 m_lastSeq = 0;
    // signWithRoles' last roles and the JSON array made of them: nearly every command is signed
    // with the same ones, and building the array was a tenth of our code's work per commit.
    mutable QStringList m_signedRoles;
    mutable QJsonValue m_signedRolesJson;
    TimeText m_timeText;
};

} // namespace warroom
