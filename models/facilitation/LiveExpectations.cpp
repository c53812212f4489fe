#include "facilitation/LiveExpectations.h"

#include "util/TimeFormat.h"

namespace warroom {

namespace {

QString span(qint64 ms)
{
    return formatElapsed(ms).mid(2);
}

LiveExpectation start(const DrillExpectation &e)
{
    LiveExpectation r;
    r.id = e.id;
    r.description = e.describe();
    return r;
}

} // namespace

QString LiveExpectation::statusName(Status status)
{
    switch (status) {
    case Status::Pending:
        return QStringLiteral("pending");
    case Status::Met:
        return QStringLiteral("met");
    case Status::Missed:
        return QStringLiteral("missed");
    }
    return {};
}

QList<LiveExpectation> LiveExpectations::judge(const QList<DrillExpectation> &expectations,
                                               const DrillFacts &facts)
{
    QList<LiveExpectation> out;
    for (const DrillExpectation &e : expectations)
        out.append(judge(e, facts));
    return out;
}

LiveExpectation LiveExpectations::judge(const DrillExpectation &e, const DrillFacts &facts)
{
    switch (e.kind) {
    case DrillExpectation::Kind::StepDoneBy:
        return stepDoneBy(e, facts);
    case DrillExpectation::Kind::RunOutcome:
        return runOutcome(e, facts);
    case DrillExpectation::Kind::DrillOutcome:
        return drillOutcome(e, facts);
    }
    return start(e);
}

LiveExpectation LiveExpectations::stepDoneBy(const DrillExpectation &e, const DrillFacts &facts)
{
    LiveExpectation r = start(e);
    const auto done = facts.stepDoneAt.constFind(e.target);
    if (done != facts.stepDoneAt.cend()) {
        r.status = *done <= e.byMs ? LiveExpectation::Status::Met : LiveExpectation::Status::Missed;
        r.detail = *done <= e.byMs
                       ? QStringLiteral("done at %1").arg(formatElapsed(*done))
                       : QStringLiteral("done at %1, %2 late").arg(formatElapsed(*done),
                                                                   span(*done - e.byMs));
        return r;
    }
    const QString state = facts.stepState.value(e.target, QStringLiteral("pending"));
    // The step's state named as the step's: "MISSED  not done by T+00:20:00 (pending)" read
    // as the expectation both missed and pending.
    if (facts.nowMs > e.byMs) {
        r.status = LiveExpectation::Status::Missed;
        r.detail
            = QStringLiteral("not done by %1 (the step is %2)").arg(formatElapsed(e.byMs), state);
        return r;
    }
    if (facts.finished) {
        r.status = LiveExpectation::Status::Missed;
        r.detail = QStringLiteral("not done when the drill ended at %1 (the step was %2)")
                       .arg(formatElapsed(facts.nowMs), state);
        return r;
    }
    r.remainingMs = e.byMs - facts.nowMs;
    r.detail = QStringLiteral("%1; %2 left").arg(state, span(r.remainingMs));
    return r;
}

LiveExpectation LiveExpectations::runOutcome(const DrillExpectation &e, const DrillFacts &facts)
{
    LiveExpectation r = start(e);
    const QString outcome = facts.runOutcome.value(e.target, QStringLiteral("not run"));
    const bool ran = outcome != QLatin1String("not run")
                     && outcome != QLatin1String("still running");
    if (e.withinMs < 0) {
        if (ran && outcome == e.outcome) {
            r.status = LiveExpectation::Status::Met;
            r.detail = outcome;
        } else if (facts.finished) {
            r.status = LiveExpectation::Status::Missed;
            r.detail = QStringLiteral("%1; expected %2").arg(outcome, e.outcome);
        } else {
            r.detail = QStringLiteral("%1 so far").arg(outcome);
        }
        return r;
    }
    // The words below are the debrief's (DrillScore::judge): the panel read "completed; expected
    // completed" for a run whose inject never fired, and "completed, not completed within …" for
    // one that ended before its inject, where the debrief said why.
    const qint64 injected = facts.injectFiredAt.value(e.ofInject, -1);
    const qint64 ended = ran ? facts.runEndedAt.value(e.target, -1) : -1;
    // "halted at T+00:04:00" where it ended, else "still running".
    const QString run
        = ended >= 0 ? QStringLiteral("%1 at %2").arg(outcome, formatElapsed(ended)) : outcome;
    if (injected < 0) {
        r.status
            = facts.finished ? LiveExpectation::Status::Missed : LiveExpectation::Status::Pending;
        r.detail = (facts.finished ? QStringLiteral("%1, inject %2 never fired")
                                   : QStringLiteral("%1, inject %2 not fired yet"))
                       .arg(run, e.ofInject);
        return r;
    }
    const qint64 took = ended - injected;
    const qint64 deadline = injected + e.withinMs;
    const bool over = facts.nowMs > deadline || facts.finished;
    if (ended >= injected) {
        const QString after
            = QStringLiteral("%1 %2 after inject %3").arg(outcome, span(took), e.ofInject);
        if (outcome == e.outcome && took <= e.withinMs) {
            r.status = LiveExpectation::Status::Met;
            r.detail = after;
            return r;
        }
        if (over || outcome != e.outcome) {
            // A run that ended another way, or too late, is not settled by waiting; another run
            // before the deadline may still answer, so only a passed deadline misses it.
            r.status = over ? LiveExpectation::Status::Missed : LiveExpectation::Status::Pending;
            r.detail = outcome == e.outcome
                           ? QStringLiteral("%1 (%2 over)")
                                 .arg(after, span(-shownMarginMs(e.withinMs, took)))
                           : QStringLiteral("%1; expected %2").arg(after, e.outcome);
            if (!over)
                r.remainingMs = deadline - facts.nowMs;
            return r;
        }
    }
    if (over) {
        r.status = LiveExpectation::Status::Missed;
        r.detail = ended >= 0 ? QStringLiteral("%1, %2 before inject %3 fired")
                                    .arg(run, formatGapBefore(ended - injected), e.ofInject)
                              : QStringLiteral("%1, not %2 within %3 of inject %4")
                                    .arg(outcome, e.outcome, span(e.withinMs), e.ofInject);
        return r;
    }
    r.remainingMs = deadline - facts.nowMs;
    r.detail = QStringLiteral("%1; %2 left").arg(outcome, span(r.remainingMs));
    return r;
}

LiveExpectation LiveExpectations::drillOutcome(const DrillExpectation &e, const DrillFacts &facts)
{
    LiveExpectation r = start(e);
    if (!facts.finished) {
        r.detail = QStringLiteral("the drill is under way");
        return r;
    }
    r.status = facts.outcome == e.outcome ? LiveExpectation::Status::Met
                                          : LiveExpectation::Status::Missed;
    r.detail = QStringLiteral("the drill %1").arg(facts.outcome);
    return r;
}

} // namespace warroom
