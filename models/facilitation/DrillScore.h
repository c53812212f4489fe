#pragma once

#include "checklist/Checklist.h"
#include "facilitation/FacilitationRecord.h"
#include "timeline/TimelineEvent.h"

#include <QHash>
#include <QList>
#include <QString>

namespace warroom {

// One step of a facilitated drill, scored. Every time is drill time (ms on the drill clock from
// the declaration), so a facilitator's pause is in none of them.
struct StepScore
{
    QString stepId;
    QString title;
    qint64 readyMs = -1;     // its dependencies were done (0: from the declaration)
    qint64 fromMs = -1;      // where time to decision counts from: ready, or an inject
    QString fromInject;      // the inject it counts from; empty: from ready
    qint64 decisionMs = -1;  // the first decisive act at or after fromMs
    QString decision;        // "action sent", "check started", "ramp started", "skip", "halt", "choice"
    qint64 targetMs = -1;    // the scenario's target for that span, -1: none given
    qint64 startedMs = -1;
    qint64 endedMs = -1;
    QString ending;          // done, skipped, failed; empty: not ended
    qint64 plannedMs = 0;    // the checklist's expected duration
    qint64 historyMs = -1;   // the median of history's counted drills (people, ×1), -1: none
    QString rating;          // P S M U, empty: not rated
    QString ratingNote;

    qint64 timeToDecisionMs() const { return decisionMs < 0 ? -1 : decisionMs - fromMs; }
    qint64 durationMs() const { return startedMs < 0 || endedMs < 0 ? -1 : endedMs - startedMs; }
    // Within the target (true with no target only when there is nothing to judge: use hasTarget).
    bool hasTarget() const { return targetMs >= 0 && decisionMs >= 0; }
    bool onTarget() const { return hasTarget() && timeToDecisionMs() <= targetMs; }
};

// One expectation of the scenario: met, missed or still pending, and by how much.
struct ExpectationScore
{
    enum class Status { Met, Missed, Pending };
    QString id;
    QString description;
    Status status = Status::Pending;
    qint64 marginMs = 0; // met: time to spare; missed: how late (0 when it is not about time)
    QString measured;    // what happened, in words

    static QString statusName(Status status); // met, missed, pending
};

// What a facilitated drill scores, from its timeline and its facilitation record: per step the
// time to decision against the scenario's target, duration against plan and history, and the
// facilitator's P/S/M/U rating; per expectation met or missed by how much; the drill against
// its plan and its checklist's history.
struct DrillScore
{
    struct Input
    {
        Checklist checklist;
        TimelineEvents events;
        FacilitationRecord record;
        QHash<QString, qint64> historyStepMs; // past drills' median per step (people, ×1)
        qint64 historyDrillMs = -1;           // their median from declaration to the last step
        int historyDrills = 0;
    };

    QList<StepScore> steps;
    QList<ExpectationScore> expectations;
    qint64 drillMs = 0;     // from the declaration to the drill's end (or its last step's end)
    qint64 plannedMs = 0;   // the checklist's plan: the end of its critical path
    qint64 historyMs = -1;  // the median of past drills, -1: none
    int historyDrills = 0;
    qint64 pausedMs = 0;    // real time held by the facilitator, left out of every figure
    int pauses = 0;
    QString outcome;        // completed, stopped, timed out...; empty: not known
    QList<int> tally;       // P S M U

    static DrillScore compute(const Input &in);
    // The scenario's expectations against the drill (DrillScoreExpectations.cpp).
    static QList<ExpectationScore> judge(const Input &in, const DrillScore &score);
};

} // namespace warroom
