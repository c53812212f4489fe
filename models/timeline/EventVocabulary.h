#pragma once

#include <QJsonObject>
#include <QString>

// Every word the timeline is written in: event kinds, payload keys and the values some keys take.
// Strings, not enums, because they are stored, hashed and exported: an older build reading a
// newer timeline keeps and shows kinds it does not know. Spelled once here so that the engine
// that writes an event and the readers that fold or show it cannot drift apart.

namespace warroom {

// A word of the vocabulary that events are compared against: an event's kind, a run's outcome, a
// request's phase. Every fold of a timeline compares each event's kind a dozen times (100,000
// events in a long incident), and Qt's QString == QLatin1StringView calls out of line to compare
// every pair of equal length ("check.sampled", "step.started"); here the sizes, then the letters,
// inline: two different kinds nearly always differ in their first letter.
struct VocabularyWord : QLatin1StringView
{
    using QLatin1StringView::QLatin1StringView;

    friend bool operator==(const QString &text, VocabularyWord word) noexcept
    {
        if (text.size() != word.size())
            return false;
        const QChar *letters = text.constData();
        for (qsizetype i = 0; i < word.size(); ++i) {
            if (letters[i].unicode() != static_cast<uchar>(word.data()[i]))
                return false;
        }
        return true;
    }
    friend bool operator==(QLatin1StringView text, VocabularyWord word) noexcept
    {
        return text == static_cast<QLatin1StringView>(word);
    }
};

namespace EventKind {
// The incident and its checklist.
inline constexpr VocabularyWord IncidentDeclared{"incident.declared"};
inline constexpr VocabularyWord IncidentResumed{"incident.resumed"};
inline constexpr VocabularyWord IncidentClosed{"incident.closed"};
inline constexpr VocabularyWord StepStarted{"step.started"};
inline constexpr VocabularyWord StepCompleted{"step.completed"};
inline constexpr VocabularyWord StepReopened{"step.reopened"};
inline constexpr VocabularyWord StepSkipped{"step.skipped"};
inline constexpr VocabularyWord StepFailed{"step.failed"};
inline constexpr VocabularyWord ItemConfirmed{"item.confirmed"};
inline constexpr VocabularyWord ItemSkipped{"item.skipped"};
inline constexpr VocabularyWord ItemReverted{"item.reverted"};
inline constexpr VocabularyWord NoteAdded{"note.added"};
// People in the room: who holds which role, who commands, polls before a committing act, and
// items put off to a later step.
inline constexpr VocabularyWord RoleAssigned{"role.assigned"};
inline constexpr VocabularyWord CommandHandedOver{"command.handed_over"};
inline constexpr VocabularyWord PollStarted{"poll.started"};
inline constexpr VocabularyWord PollAnswered{"poll.answered"};
inline constexpr VocabularyWord ItemDeferred{"item.deferred"};
// Runs: what an action, check or ramp did, in the timeline before anyone sees it.
inline constexpr VocabularyWord ActionRequested{"action.requested"};
inline constexpr VocabularyWord ActionResponded{"action.responded"};
inline constexpr VocabularyWord ActionFinished{"action.finished"};
inline constexpr VocabularyWord ActionUnknown{"action.unknown"};
inline constexpr VocabularyWord CheckStarted{"check.started"};
inline constexpr VocabularyWord CheckSampled{"check.sampled"};
inline constexpr VocabularyWord CheckFinished{"check.finished"};
inline constexpr VocabularyWord RampStarted{"ramp.started"};
inline constexpr VocabularyWord RampStage{"ramp.stage"};
inline constexpr VocabularyWord RampFinished{"ramp.finished"};
} // namespace EventKind

namespace PayloadKey {
// incident.declared
inline constexpr QLatin1StringView Title{"title"};
inline constexpr QLatin1StringView Commander{"commander"};
inline constexpr QLatin1StringView Mode{"mode"};
inline constexpr QLatin1StringView Uuid{"uuid"};
inline constexpr QLatin1StringView Checklist{"checklist"}; // {id, revision, sha256}
inline constexpr QLatin1StringView Id{"id"};
inline constexpr QLatin1StringView Revision{"revision"};
inline constexpr QLatin1StringView Sha256{"sha256"};
inline constexpr QLatin1StringView Variables{"variables"};
// Steps, items, notes and closing.
inline constexpr QLatin1StringView Reason{"reason"};
inline constexpr QLatin1StringView Override{"override"};
inline constexpr QLatin1StringView UnmetDependencies{"unmet_dependencies"};
inline constexpr QLatin1StringView Reverts{"reverts"}; // the seq an undo takes back
inline constexpr QLatin1StringView Cause{"cause"};     // why a step reopened: ReopenCause
inline constexpr QLatin1StringView Value{"value"};     // a choice's option; a sample's value
inline constexpr QLatin1StringView ByHand{"by_hand"};
inline constexpr QLatin1StringView OutOfOrder{"out_of_order"};
inline constexpr QLatin1StringView Text{"text"};
inline constexpr QLatin1StringView Private{"private"};
inline constexpr QLatin1StringView OpenSteps{"open_steps"};
// People: role.assigned, command.handed_over, poll.*, item.deferred; and on any event, the
// roles its actor held when it was recorded (absent when they held none).
inline constexpr QLatin1StringView ActorRoles{"actor_roles"};
inline constexpr QLatin1StringView Role{"role"};
inline constexpr QLatin1StringView Person{"person"};
inline constexpr QLatin1StringView Fallback{"fallback"};
inline constexpr QLatin1StringView From{"from"};
inline constexpr QLatin1StringView To{"to"};
inline constexpr QLatin1StringView Briefing{"briefing"}; // {situation, objectives, ...}
inline constexpr QLatin1StringView Situation{"situation"};
inline constexpr QLatin1StringView Objectives{"objectives"};
inline constexpr QLatin1StringView NextActions{"next_actions"};
inline constexpr QLatin1StringView Concerns{"concerns"};
inline constexpr QLatin1StringView Roles{"roles"};   // a poll's roles, in order
inline constexpr QLatin1StringView Round{"round"};   // 1, 2, ... : a re-poll is a new round
inline constexpr QLatin1StringView Answer{"answer"}; // PollAnswer
inline constexpr QLatin1StringView Target{"target"}; // a deferral's step id, or "follow-ups"
// Runs.
inline constexpr QLatin1StringView Run{"run"}; // the run's id, also its Idempotency-Key
inline constexpr QLatin1StringView Resend{"resend"};
inline constexpr QLatin1StringView SecondPerson{"second_person"};
inline constexpr QLatin1StringView TimeScale{"time_scale"};
inline constexpr QLatin1StringView Outcome{"outcome"}; // RunOutcome
inline constexpr QLatin1StringView Phase{"phase"};     // RequestPhase
inline constexpr QLatin1StringView Request{"request"}; // the request as recorded
inline constexpr QLatin1StringView Method{"method"};   // inside Request
inline constexpr QLatin1StringView Url{"url"};
inline constexpr QLatin1StringView Key{"key"};
inline constexpr QLatin1StringView Status{"status"};
inline constexpr QLatin1StringView DurationMs{"duration_ms"};
// incident.resumed: when warroom was opened again (elapsed ms), before the first command
// recorded the resumption; the gap ends there, not at that command.
inline constexpr QLatin1StringView OpenedMs{"opened_ms"};
inline constexpr QLatin1StringView Attempts{"attempts"};
inline constexpr QLatin1StringView Error{"error"};
inline constexpr QLatin1StringView CurlCode{"curl_code"};
inline constexpr QLatin1StringView Accepted{"accepted"};
inline constexpr QLatin1StringView Extracted{"extracted"};
inline constexpr QLatin1StringView ValueText{"value_text"};
inline constexpr QLatin1StringView Progress{"progress"}; // a job's percent, at the poll's pointer
inline constexpr QLatin1StringView Threshold{"threshold"};
inline constexpr QLatin1StringView Passed{"passed"};
inline constexpr QLatin1StringView Label{"label"};
inline constexpr QLatin1StringView Source{"source"}; // CheckSource
inline constexpr QLatin1StringView Query{"query"};
inline constexpr QLatin1StringView DeadlineSeconds{"deadline_s"};
inline constexpr QLatin1StringView Weight{"weight"};
inline constexpr QLatin1StringView Weights{"weights"};
inline constexpr QLatin1StringView HoldSeconds{"hold_s"};
inline constexpr QLatin1StringView State{"state"}; // RampStageState
// On a run's start, on a shared timeline: the screen (its store's instance) that drives the run
// and sends a heartbeat; the others mark the run's outcome unknown if that heartbeat lapses.
inline constexpr QLatin1StringView Owner{"owner"};
} // namespace PayloadKey

// Values of PayloadKey::CurlCode: libcurl's CURLcode of a request or sample that got no answer.
namespace CurlCodeValue {
// CURLE_COULDNT_CONNECT: nothing listens at the address (in a drill, most often the drill backend
// not started). automation/ checks it is http's HttpResult::couldNotConnect.
inline constexpr int CouldNotConnect = 7;
} // namespace CurlCodeValue

// The values of PayloadKey::Outcome on action.finished, check.finished and ramp.finished.
namespace RunOutcome {
inline constexpr VocabularyWord Succeeded{"succeeded"}; // an action
inline constexpr VocabularyWord Passed{"passed"};       // a check
inline constexpr VocabularyWord Completed{"completed"}; // a ramp at its last weight
inline constexpr VocabularyWord Failed{"failed"};
inline constexpr VocabularyWord Halted{"halted"}; // a ramp, by a failing check or a person
inline constexpr VocabularyWord Stopped{"stopped"};
inline constexpr VocabularyWord Interrupted{"interrupted"}; // warroom stopped under it
} // namespace RunOutcome

// The values of PayloadKey::Phase: what a recorded request was for.
namespace RequestPhase {
inline constexpr VocabularyWord Send{"send"}; // an action's request: a side effect
inline constexpr VocabularyWord Poll{"poll"}; // reading a job's state: no side effect
inline constexpr VocabularyWord Weight{"weight"};
inline constexpr VocabularyWord Rollback{"rollback"};
inline constexpr VocabularyWord Probe{"probe"};
} // namespace RequestPhase

namespace RampStageState {
inline constexpr VocabularyWord Holding{"holding"};
inline constexpr VocabularyWord Held{"held"};
} // namespace RampStageState

// The values of PayloadKey::Answer on poll.answered.
namespace PollAnswer {
inline constexpr VocabularyWord Go{"go"};
inline constexpr VocabularyWord NoGo{"no-go"};
} // namespace PollAnswer

namespace ReopenCause {
inline constexpr VocabularyWord Undo{"undo"};
inline constexpr VocabularyWord Restart{"restart"};
} // namespace ReopenCause

namespace CheckSource {
inline constexpr VocabularyWord Probe{"probe"};
inline constexpr VocabularyWord Prometheus{"prometheus"};
} // namespace CheckSource

// role.assigned, command.handed_over, poll.started, poll.answered, item.deferred.
bool isRoomEventKind(const QString &kind);
// An event of an action, check or ramp run.
bool isRunEventKind(const QString &kind);
// The event that starts a run: a check or ramp starting, or an action's request being sent (a
// re-send after an unknown outcome too: same run, started again).
bool startsRun(const QString &kind, const QJsonObject &payload);
// action.finished, check.finished or ramp.finished, whatever the outcome.
bool endsRun(const QString &kind);
// The end that proves the item: an action that succeeded, a check that passed, a ramp completed.
bool endsRunInSuccess(const QString &kind, const QJsonObject &payload);

} // namespace warroom
