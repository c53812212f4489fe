#pragma once

#include "drill/DrillRunnerFacts.h"
#include "drill/Scenario.h"

#include <QList>
#include <QString>

namespace warroom {

// One of the scenario's expectations as it stands during the drill.
struct LiveExpectation
{
    enum class Status { Pending, Met, Missed };
    QString id;
    QString description; // the scenario's words ("step reenable done by T+0:30:00")
    Status status = Status::Pending;
    qint64 remainingMs = -1; // Pending with a deadline: drill time left; -1: no clock on it yet
    QString detail;          // what happened, or what it waits for, in words

    static QString statusName(Status status); // "met", "missed", "pending"
};

// The scenario's expectations judged against the drill while it runs, for the facilitator's
// screen: met, missed, or pending with the drill time that remains. The same rules as the
// verdict at the end (DrillRunner::judge), but an expectation is missed as soon as it can no
// longer be met (its deadline passed) rather than at the end.
class LiveExpectations
{
public:
    static QList<LiveExpectation> judge(const QList<DrillExpectation> &expectations,
                                        const DrillFacts &facts);
    static LiveExpectation judge(const DrillExpectation &expectation, const DrillFacts &facts);

private:
    static LiveExpectation stepDoneBy(const DrillExpectation &e, const DrillFacts &facts);
    static LiveExpectation runOutcome(const DrillExpectation &e, const DrillFacts &facts);
    static LiveExpectation drillOutcome(const DrillExpectation &e, const DrillFacts &facts);
};

} // namespace warroom
