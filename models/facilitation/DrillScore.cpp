#include "facilitation/DrillScore.h"

#include "gantt/SchedulePlanner.h"
#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <algorithm>
#include <limits>

namespace warroom {

namespace {

// What counts as the room deciding on a step: something sent, started, skipped or stopped.
// A choice confirmed is the decision of a step that only asks one (scope's class).
QString decisiveAct(const TimelineEvent &e, const ChecklistStep &step)
{
    // Only an action's own request is someone's act; a job poll, a ramp's weight or rollback
    // request and a probe are the automation going on by itself.
    if (e.kind == EventKind::ActionRequested) {
        const QString phase = e.payload.value(PayloadKey::Phase).toString();
        return phase.isEmpty() || phase == RequestPhase::Send ? QStringLiteral("action sent")
                                                              : QString();
    }
    if (e.kind == EventKind::CheckStarted)
        return QStringLiteral("check started");
    if (e.kind == EventKind::RampStarted)
        return QStringLiteral("ramp started");
    if (e.kind == EventKind::StepSkipped || e.kind == EventKind::ItemSkipped)
        return QStringLiteral("skip");
    if (e.kind == EventKind::RampFinished
        && e.payload.value(PayloadKey::Outcome).toString() == RunOutcome::Halted)
        return QStringLiteral("halt");
    if (e.kind == EventKind::ItemConfirmed) {
        for (const ChecklistItem &item : step.items) {
            if (item.id == e.itemId && item.kind == ItemKind::Choice)
                return QStringLiteral("choice");
        }
    }
    return {};
}

// The step an inject is about, from the event it fires on; empty for a fixed time.
QString injectStep(const DrillInject &inject)
{
    if (inject.when.event == DrillMoment::Event::None
        || inject.when.event == DrillMoment::Event::Inject)
        return {};
    return inject.when.target.section(u'/', 0, 0);
}

struct Ctx
{
    const DrillScore::Input &in;
    qint64 at(const TimelineEvent &e) const { return in.record.clock.drillMs(e.elapsedMs); }
};

void timeStep(const Ctx &c, StepScore &s)
{
    for (const TimelineEvent &e : c.in.events) {
        if (e.stepId != s.stepId)
            continue;
        if (e.kind == EventKind::StepStarted && s.startedMs < 0)
            s.startedMs = c.at(e);
        else if (e.kind == EventKind::StepCompleted || e.kind == EventKind::StepSkipped
                 || e.kind == EventKind::StepFailed) {
            s.endedMs = c.at(e);
            s.ending = e.kind == EventKind::StepCompleted ? QStringLiteral("done")
                       : e.kind == EventKind::StepSkipped ? QStringLiteral("skipped")
                                                          : QStringLiteral("failed");
        } else if (e.kind == EventKind::StepReopened) {
            s.endedMs = -1;
            s.ending.clear();
        }
    }
}

void decideStep(const Ctx &c, const ChecklistStep &step, StepScore &s)
{
    if (s.readyMs < 0)
        return;
    s.fromMs = s.readyMs;
    const qint64 end = s.endedMs < 0 ? std::numeric_limits<qint64>::max() : s.endedMs;
    // After an inject, strictly after it: an act at the same instant (the ramp start an inject
    // fires on) cannot be the answer to it.
    auto firstAct = [&](qint64 from, bool strict = false) {
        for (const TimelineEvent &e : c.in.events) {
            if (e.stepId != s.stepId || c.at(e) < from || (strict && c.at(e) == from))
                continue;
            const QString act = decisiveAct(e, step);
            if (!act.isEmpty())
                return std::pair{c.at(e), act};
        }
        return std::pair{qint64(-1), QString()};
    };
    const auto first = firstAct(s.readyMs);
    // An inject about this step, or any fired while the room had not yet decided it, restarts
    // the count: the decision measured is the room's answer to the latest of them.
    for (const InjectState &i : c.in.record.board.injects()) {
        if (i.state != InjectState::State::Fired || i.firedAtMs < s.readyMs || i.firedAtMs >= end)
            continue;
        const bool aboutIt = injectStep(i.inject) == s.stepId;
        const bool beforeDecision = first.first < 0 || i.firedAtMs <= first.first;
        if ((aboutIt || beforeDecision) && i.firedAtMs >= s.fromMs) {
            s.fromMs = i.firedAtMs;
            s.fromInject = i.inject.id;
        }
    }
    auto act = firstAct(s.fromMs, !s.fromInject.isEmpty());
    // An inject about the step that the room never answered, fired after it had decided (a
    // facilitator delayed it past the ramp's start): the step read "Counted from inject … ·
    // Decision —", its decision lost. The count is then the room's own, from ready.
    if (act.first < 0 && !s.fromInject.isEmpty() && first.first >= 0 && first.first < s.fromMs) {
        s.fromMs = s.readyMs;
        s.fromInject.clear();
        act = first;
    }
    s.decisionMs = act.first;
    s.decision = act.second;
    for (const DrillExpectation &x : c.in.record.scenario.expectations) {
        if (x.kind == DrillExpectation::Kind::RunOutcome && x.withinMs >= 0
            && x.target.section(u'/', 0, 0) == s.stepId
            && (x.ofInject.isEmpty() || x.ofInject == s.fromInject))
            s.targetMs = x.withinMs;
    }
}

QList<StepScore> scoreSteps(const Ctx &c)
{
    QList<StepScore> out;
    for (const ChecklistStep &step : c.in.checklist.steps) {
        StepScore s;
        s.stepId = step.id;
        s.title = step.title;
        s.plannedMs = SchedulePlanner::expectedMs(step);
        s.historyMs = c.in.historyStepMs.value(step.id, -1);
        timeStep(c, s);
        out.append(s);
    }
    // Ready when the last dependency ended (done or skipped); the first steps at the declaration.
    for (int i = 0; i < out.size(); ++i) {
        const ChecklistStep &step = c.in.checklist.steps.at(i);
        qint64 ready = 0;
        for (const QString &dep : step.dependsOn) {
            const auto it = std::find_if(out.cbegin(), out.cend(),
                                         [&](const StepScore &d) { return d.stepId == dep; });
            if (it == out.cend() || it->endedMs < 0 || it->ending == QLatin1String("failed")) {
                ready = -1;
                break;
            }
            ready = std::max(ready, it->endedMs);
        }
        out[i].readyMs = ready;
        decideStep(c, step, out[i]);
        if (const StepRating *r = c.in.record.log.rating(step.id)) {
            out[i].rating = FacilitatorLog::letter(r->rating);
            out[i].ratingNote = r->note;
        }
    }
    return out;
}

} // namespace

QString ExpectationScore::statusName(Status status)
{
    switch (status) {
    case Status::Met:
        return QStringLiteral("met");
    case Status::Missed:
        return QStringLiteral("missed");
    case Status::Pending:
        break;
    }
    return QStringLiteral("pending");
}

DrillScore DrillScore::compute(const Input &whole)
{
    Input in = whole;
    in.events = whole.record.eventsToEnd(whole.events);
    const Ctx c{in};
    DrillScore d;
    d.steps = scoreSteps(c);
    d.plannedMs = SchedulePlanner::finishMs(SchedulePlanner::plan(in.checklist));
    d.historyMs = in.historyDrillMs;
    d.historyDrills = in.historyDrills;
    d.outcome = in.record.outcome;
    const DrillClock &clock = in.record.clock;
    qint64 lastReal = in.events.isEmpty() ? 0 : in.events.constLast().elapsedMs;
    // Ended: the drill's length is its end's, what the room did after it counts nothing.
    d.drillMs = in.record.endDrillMs >= 0 ? in.record.endDrillMs : clock.drillMs(lastReal);
    // Every closed pause counts, even one after the last event; an open one up to that event.
    for (const auto &p : clock.pauses())
        lastReal = std::max(lastReal, p.second);
    d.pausedMs = clock.pausedMs(lastReal);
    d.pauses = clock.pauseCount();
    d.tally = in.record.log.tally();
    d.expectations = judge(in, d);
    return d;
}

} // namespace warroom
