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
    if (facts.nowMs > e.byMs || facts.finished) {
        r.status = LiveExpectation::Status::Missed;
        r.detail = QStringLiteral("not done by %1 (%2)").arg(formatElapsed(e.byMs), state);
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
    const qint64 injected = e.withinMs < 0 ? -1 : facts.injectFiredAt.value(e.ofInject, -1);
    const qint64 ended = facts.runEndedAt.value(e.target, -1);
    const bool ran = outcome != QLatin1String("not run")
                     && outcome != QLatin1String("still running");
    if (ran && outcome == e.outcome) {
        if (e.withinMs < 0) {
            r.status = LiveExpectation::Status::Met;
            r.detail = outcome;
            return r;
        }
        if (injected >= 0 && ended >= injected && ended - injected <= e.withinMs) {
            r.status = LiveExpectation::Status::Met;
            r.detail = QStringLiteral("%1 %2 after inject %3")
                           .arg(outcome, span(ended - injected), e.ofInject);
            return r;
        }
    }
    if (e.withinMs >= 0 && injected >= 0) {
        const qint64 deadline = injected + e.withinMs;
        if (facts.nowMs > deadline || facts.finished) {
            r.status = LiveExpectation::Status::Missed;
            r.detail = QStringLiteral("%1, not %2 within %3 of inject %4")
                           .arg(outcome, e.outcome, span(e.withinMs), e.ofInject);
            return r;
        }
        r.remainingMs = deadline - facts.nowMs;
        r.detail = QStringLiteral("%1; %2 left").arg(outcome, span(r.remainingMs));
        return r;
    }
    if (facts.finished) {
        r.status = LiveExpectation::Status::Missed;
        r.detail = QStringLiteral("%1; expected %2").arg(outcome, e.outcome);
        return r;
    }
    r.detail = e.withinMs >= 0 ? QStringLiteral("%1; inject %2 not fired yet").arg(outcome, e.ofInject)
                               : QStringLiteral("%1 so far").arg(outcome);
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
