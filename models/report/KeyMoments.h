#pragma once

#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

namespace warroom {

// The kinds of line in a postmortem's "Key moments": what went wrong, and what people did about
// it against the checklist. Routine events (a step done, a check passing) are none of these.
enum class KeyMoment {
    None,
    StepFailed,       // step.failed
    RunFailed,        // an action that failed
    RunStopped,       // a run a person stopped
    CheckMissed,      // a check that ended without passing its threshold
    RampHalted,       // a ramp halted by a failing check or a person
    WeightSetBack,    // a halted ramp's weight set back to its rollback weight
    RunCutShort,      // a check or ramp that was under way when warroom stopped
    OutcomeUnknown,   // an action whose side effect may or may not have happened
    Resent,           // an action re-sent with its key: how an unknown outcome is resolved
    Gap,              // warroom reopened after a stop: nothing was recorded in between
    SecondPerson,     // an irreversible action sent after a second person looked
    Override,         // a step, item or run out of the checklist's order
    Skip,             // a step or item skipped
    ByHand,           // an automated item confirmed by a person instead of by its run
    NoGo,             // a go/no-go poll answered NO-GO
    SecondVoice,      // one person answering a poll for a second role in the same round
    Handover,         // command handed over to another commander
    Deferred,         // an item put off to a later step or the follow-ups
    ClosedUnfinished, // the incident closed with steps open
    FaultInjected,    // a drill's fault sent to its backend: the cause of what follows it
    FaultRefused,     // and the backend's refusal of it: nothing after it is its doing
    DrillEnded,       // the runner's end of a drill, its verdict in its sentence
    DrillClosed,      // the room closed a runner's drill before its end: no verdict recorded
};

// The kind of key moment `event` is in an incident of `mode`, or None.
KeyMoment keyMomentOf(const TimelineEvent &event, IncidentMode mode);
// The words a reader sees in front of the event's sentence: "Check missed its threshold".
QString keyMomentName(KeyMoment kind);
// What a DrillClosed moment says: the close is the drill's end, and its verdict is elsewhere.
QString drillClosedText();

} // namespace warroom
