// The scenario's expectations judged from the drill's timeline and facilitation record, each
// met, missed or pending with the margin: as DrillVerdict judges them at the end of a headless
// drill, but after the fact, from what the database kept, for any drill including one run by
// people from the facilitator's window.
#include "facilitation/DrillScore.h"

#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <algorithm>

namespace warroom {

namespace {

using Status = ExpectationScore::Status;

QString span(qint64 ms)
{
    return formatElapsed(qAbs(ms)).mid(2);
}

bool outcomeMatches(const QString &expected, const QString &actual)
{
    if (expected == QLatin1String("succeeded"))
        return actual == RunOutcome::Succeeded || actual == RunOutcome::Passed
               || actual == RunOutcome::Completed;
    return actual == expected;
}

bool isRunEnd(const TimelineEvent &e)
{
    return endsRun(e.kind) || e.kind == EventKind::ActionUnknown;
}

void judgeStepDone(const DrillExpectation &x, const DrillScore &score, ExpectationScore &out)
{
    for (const StepScore &s : score.steps) {
        if (s.stepId != x.target)
            continue;
        if (s.ending == QLatin1String("done")) {
            out.marginMs = shownMarginMs(x.byMs, s.endedMs);
            out.status = x.byMs >= s.endedMs ? Status::Met : Status::Missed;
            out.measured = QStringLiteral("done at %1, %2 %3")
                               .arg(formatElapsed(s.endedMs), span(out.marginMs),
                                    out.marginMs >= 0 ? QStringLiteral("to spare")
                                                      : QStringLiteral("late"));
        } else if (score.drillMs > x.byMs || !score.outcome.isEmpty()) {
            out.status = Status::Missed;
            // Over by as long as the drill ran past the time; none where it ended before it: a
            // drill ended at T+00:16:37 read "00:03:22 over" of T+00:20:00, and one that ran
            // past it "to spare".
            out.marginMs = score.drillMs > x.byMs ? shownMarginMs(x.byMs, score.drillMs) : 0;
            out.measured = s.ending.isEmpty() ? QStringLiteral("not done when the drill ended")
                                              : QStringLiteral("%1, not done").arg(s.ending);
        } else {
            out.measured = QStringLiteral("not done yet");
        }
    }
}

void judgeRun(const DrillScore::Input &in, const DrillExpectation &x, ExpectationScore &out)
{
    const QString step = x.target.section(u'/', 0, 0);
    const QString item = x.target.section(u'/', 1);
    const TimelineEvent *end = nullptr;
    for (const TimelineEvent &e : in.events) {
        if (e.stepId == step && e.itemId == item && isRunEnd(e))
            end = &e;
    }
    if (!end) {
        out.status = in.record.outcome.isEmpty() ? Status::Pending : Status::Missed;
        // Never started reads "not run", as the runner's verdict says it ("the run did not end"
        // of a ramp the room never reached).
        const bool started = std::any_of(in.events.cbegin(), in.events.cend(), [&](const auto &e) {
            return e.stepId == step && e.itemId == item && startsRun(e.kind, e.payload);
        });
        out.measured = started ? QStringLiteral("the run did not end") : QStringLiteral("not run");
        return;
    }
    const QString outcome = end->kind == EventKind::ActionUnknown
                                ? QStringLiteral("unknown")
                                : end->payload.value(PayloadKey::Outcome).toString();
    const qint64 endedMs = in.record.clock.drillMs(end->elapsedMs);
    out.measured = QStringLiteral("%1 at %2").arg(outcome, formatElapsed(endedMs));
    out.status = outcomeMatches(x.outcome, outcome) ? Status::Met : Status::Missed;
    if (x.withinMs < 0 || x.ofInject.isEmpty())
        return;
    const InjectState *inject = in.record.board.find(x.ofInject);
    // While the drill runs the inject may still fire and a run after it answer it: the
    // facilitator's score read MISSED for an inject that was only delayed.
    const bool running = in.record.outcome.isEmpty();
    if (!inject || inject->firedAtMs < 0) {
        out.status = running ? Status::Pending : Status::Missed;
        out.measured += (running ? QStringLiteral(", inject %1 not fired yet")
                                 : QStringLiteral(", inject %1 never fired"))
                            .arg(x.ofInject);
        return;
    }
    const qint64 took = endedMs - inject->firedAtMs;
    // Ended before the inject fired, it did not answer it: "completed at T+00:31:58, 00:00:15
    // after inject error-rate-flaps (00:01:15 to spare)" beside MISSED, of a run that ended 15 s
    // before it (the facilitator had delayed the inject).
    if (took < 0) {
        out.status = running ? Status::Pending : Status::Missed;
        out.measured
            += QStringLiteral(", %1 before inject %2 fired").arg(formatGapBefore(took), x.ofInject);
        return;
    }
    out.measured += QStringLiteral(", %1 after inject %2").arg(span(took), x.ofInject);
    // A margin only where the outcome was the one expected: "00:00:30 to spare" beside MISSED
    // of a ramp that completed where it was to halt said the time was the point.
    if (out.status == Status::Missed)
        return;
    out.marginMs = shownMarginMs(x.withinMs, took);
    out.measured += QStringLiteral(" (%1 %2)")
                        .arg(span(out.marginMs), took <= x.withinMs ? QStringLiteral("to spare")
                                                                    : QStringLiteral("over"));
    if (took > x.withinMs)
        out.status = Status::Missed;
}

} // namespace

QList<ExpectationScore> DrillScore::judge(const Input &in, const DrillScore &score)
{
    QList<ExpectationScore> out;
    for (const DrillExpectation &x : in.record.scenario.expectations) {
        ExpectationScore e;
        e.id = x.id;
        e.description = x.describe();
        switch (x.kind) {
        case DrillExpectation::Kind::StepDoneBy:
            judgeStepDone(x, score, e);
            break;
        case DrillExpectation::Kind::RunOutcome:
            judgeRun(in, x, e);
            break;
        case DrillExpectation::Kind::DrillOutcome:
            if (in.record.outcome.isEmpty()) {
                e.measured = QStringLiteral("the drill has not ended");
            } else if (in.record.outcome == FacilitationRecord::unjudgedEndOutcome) {
                // Ended, by an outcome nobody recorded: neither met nor missed.
                e.measured = QStringLiteral("not recorded: see the drill's end note in the "
                                            "timeline");
            } else {
                e.status = in.record.outcome == x.outcome ? Status::Met : Status::Missed;
                e.measured = in.record.outcome;
            }
            break;
        }
        out.append(e);
    }
    return out;
}

} // namespace warroom
