#include "report/KeyMoments.h"

#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"

namespace warroom {

namespace {

KeyMoment finishedRun(const TimelineEvent &e)
{
    const QString outcome = e.payload.value(PayloadKey::Outcome).toString();
    if (outcome == RunOutcome::Stopped)
        return KeyMoment::RunStopped;
    if (outcome == RunOutcome::Interrupted)
        return KeyMoment::RunCutShort;
    if (e.kind == EventKind::ActionFinished)
        return outcome == RunOutcome::Succeeded ? KeyMoment::None : KeyMoment::RunFailed;
    if (e.kind == EventKind::CheckFinished)
        return outcome == RunOutcome::Passed ? KeyMoment::None : KeyMoment::CheckMissed;
    return outcome == RunOutcome::Completed ? KeyMoment::None : KeyMoment::RampHalted;
}

KeyMoment request(const TimelineEvent &e)
{
    const QJsonObject &p = e.payload;
    if (p.value(PayloadKey::Phase).toString() == RequestPhase::Rollback)
        return KeyMoment::WeightSetBack;
    if (p.value(PayloadKey::Override).toBool())
        return KeyMoment::Override;
    if (p.value(PayloadKey::Resend).toBool())
        return KeyMoment::Resent;
    if (!p.value(PayloadKey::SecondPerson).toString().isEmpty())
        return KeyMoment::SecondPerson;
    return KeyMoment::None;
}

} // namespace

KeyMoment keyMomentOf(const TimelineEvent &e, IncidentMode mode)
{
    const QString &k = e.kind;
    if (k == EventKind::StepFailed)
        return KeyMoment::StepFailed;
    if (k == EventKind::StepSkipped || k == EventKind::ItemSkipped)
        return KeyMoment::Skip;
    if (k == EventKind::IncidentResumed)
        return KeyMoment::Gap;
    if (k == EventKind::ActionUnknown)
        return KeyMoment::OutcomeUnknown;
    if (k == EventKind::ActionFinished || k == EventKind::CheckFinished
        || k == EventKind::RampFinished)
        return finishedRun(e);
    if (k == EventKind::ActionRequested)
        return request(e);
    if (k == EventKind::IncidentClosed)
        return e.payload.contains(PayloadKey::OpenSteps) ? KeyMoment::ClosedUnfinished
                                                         : KeyMoment::None;
    if (k == EventKind::ItemConfirmed && e.payload.value(PayloadKey::ByHand).toBool())
        return KeyMoment::ByHand;
    if (k == EventKind::PollAnswered)
        return e.payload.value(PayloadKey::Answer).toString() == PollAnswer::Go ? KeyMoment::None
                                                                               : KeyMoment::NoGo;
    if (k == EventKind::CommandHandedOver)
        return KeyMoment::Handover;
    if (k == EventKind::ItemDeferred)
        return KeyMoment::Deferred;
    // Only a drill's runner writes the fault, signed as the facilitator: the same payload in a
    // LIVE incident (a forged timeline, its hashes computed again) would pass a real regression
    // off as the drill's doing, so there it is a plain note.
    if (k == EventKind::NoteAdded && e.payload.contains(PayloadKey::DrillFault)) {
        if (mode != IncidentMode::Drill || e.actor != ScreenClock::facilitator)
            return KeyMoment::None;
        // The inject's id when sent; {inject, taken: false} when the backend refused it, and
        // {inject, taken: null} when its answer was lost (the fault's own note is the moment).
        const QJsonValue fault = e.payload.value(PayloadKey::DrillFault);
        if (fault.isObject() && fault[PayloadKey::Taken].isNull())
            return KeyMoment::None;
        return fault.isObject() && fault[PayloadKey::Taken] == QJsonValue(false)
                   ? KeyMoment::FaultRefused
                   : KeyMoment::FaultInjected;
    }
    // The runner's verdict ("the drill did not pass: 3 failures against what its scenario
    // expects"): the section said "Nothing failed" above it. Its note carries the clock's end,
    // which only the runner writes (ScreenClock reads it under the same conditions).
    if (k == EventKind::NoteAdded && mode == IncidentMode::Drill
        && e.actor == ScreenClock::facilitator) {
        const QJsonValue clock = e.payload.value(PayloadKey::DrillClock);
        // At a moment the screens' clock takes (ScreenClock::addFact): an end with no moment,
        // or a negative one, stopped no clock.
        if (clock.isObject() && clock[PayloadKey::Change] == QJsonValue(DrillClockChange::Ended)
            && ScreenClock::takesFact(clock.toObject()))
            return KeyMoment::DrillEnded;
    }
    if (e.payload.value(PayloadKey::Override).toBool()
        || e.payload.value(PayloadKey::OutOfOrder).toBool())
        return KeyMoment::Override;
    return KeyMoment::None;
}

QString keyMomentName(KeyMoment kind)
{
    switch (kind) {
    case KeyMoment::None:
        return {};
    case KeyMoment::StepFailed:
        return QStringLiteral("Step failed");
    case KeyMoment::RunFailed:
        return QStringLiteral("Action failed");
    case KeyMoment::RunStopped:
        return QStringLiteral("Run stopped by a person");
    case KeyMoment::CheckMissed:
        return QStringLiteral("Check missed its threshold");
    case KeyMoment::RampHalted:
        return QStringLiteral("Ramp halted");
    case KeyMoment::WeightSetBack:
        return QStringLiteral("Ramp weight set back");
    case KeyMoment::RunCutShort:
        return QStringLiteral("Run cut short by a stop of warroom");
    case KeyMoment::OutcomeUnknown:
        return QStringLiteral("Outcome unknown");
    case KeyMoment::Resent:
        return QStringLiteral("Unknown outcome resolved: sent again");
    case KeyMoment::Gap:
        return QStringLiteral("warroom stopped and reopened");
    case KeyMoment::SecondPerson:
        return QStringLiteral("Irreversible action, second person");
    case KeyMoment::Override:
        return QStringLiteral("Out of order");
    case KeyMoment::Skip:
        return QStringLiteral("Skipped");
    case KeyMoment::ByHand:
        return QStringLiteral("Confirmed by hand");
    case KeyMoment::ClosedUnfinished:
        return QStringLiteral("Closed unfinished");
    case KeyMoment::NoGo:
        return QStringLiteral("NO-GO");
    case KeyMoment::SecondVoice:
        return QStringLiteral("One person, several roles in a poll");
    case KeyMoment::Handover:
        return QStringLiteral("Command handed over");
    case KeyMoment::Deferred:
        return QStringLiteral("Deferred");
    case KeyMoment::FaultInjected:
        return QStringLiteral("Fault injected by the drill");
    case KeyMoment::FaultRefused:
        return QStringLiteral("Fault not taken by the drill backend");
    case KeyMoment::DrillEnded:
        return QStringLiteral("Drill ended");
    case KeyMoment::DrillClosed:
        return QStringLiteral("Drill ended by the close");
    }
    return {};
}

QString drillClosedText()
{
    // The runner sees the close at its next tick and can no longer write to the timeline: its
    // verdict is on its own screen only.
    return QStringLiteral("The room closed the incident while the drill's runner was still running "
                          "it: every screen's drill clock stopped here. Any verdict its runner "
                          "gave on what the scenario expects came after the close and is not in "
                          "this timeline: see the drill's debrief (warroom export --format "
                          "debrief-md) or warroom drill's output.");
}

} // namespace warroom
