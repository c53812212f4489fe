#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace warroom {

// One step of the checklist as the drill saw it: a JUnit test case.
struct DrillStepResult
{
    int number = 0; // 1-based, as the checklist shows it
    QString id;
    QString title;
    QString state;              // done, skipped, failed, active, ready, pending
    qint64 startedDrillMs = -1; // on the drill clock
    qint64 endedDrillMs = -1;
    qint64 wallMs = 0;  // real time from start to end (or to the drill's end)
    QString failure;    // empty when the step passed; else what went wrong, in words
    QString notReached; // the drill ended before it: why (a JUnit <skipped/>)
    QString note;       // e.g. "failed as the scenario expects"
    // Left open with a run's outcome unknown: not failed (a failed step invites running the
    // revert again), whether or not the scenario expects it.
    bool outcomeUnknown = false;
};

// One expectation of the scenario, judged: a JUnit test case.
struct DrillExpectationResult
{
    QString id;
    QString description;
    bool passed = false;
    QString measured;  // what happened, in words ("done at T+0:31:10")
    QString threshold; // what was expected ("by T+0:30:00")
    QString message;   // the failure in one sentence, naming step and item
};

// What a drill came to: what the JUnit report and the JSON summary say.
struct DrillResult
{
    QString scenarioId;
    QString scenarioFile;
    QString checklistId;
    QString checklistTitle;
    QString checklistRevision;
    qint64 incidentId = 0;
    QString incidentUuid;
    QString databasePath;
    QString backend; // "bundled http://127.0.0.1:PORT" or "external"
    double speed = 1.0;
    qint64 wallMs = 0;   // how long the drill took on the wall clock
    qint64 drillMs = 0;  // and on the drill clock
    qint64 pausedMs = 0; // real time the facilitator held the drill, left out of wallMs
    int pauses = 0;
    QString outcome;    // completed, stopped, timed out, error
    QString stopReason; // why it stopped early, in words
    QList<DrillStepResult> steps;
    QList<DrillExpectationResult> expectations;
    QStringList injects;  // "T+0:05:00 error-rate: fault {...}", in firing order
    QStringList problems; // things that went wrong outside the steps (an inject refused...)

    // Every step and expectation passed and nothing else went wrong: exit status 0.
    bool passed() const;
    int failures() const;
    // Each failure in one line: the problems, then each failed step, then each missed
    // expectation. The facilitation record keeps them, so the debrief can say why.
    QStringList failureLines() const;
    // {outcome, reason, passed, failures}: the verdict as the facilitation record's
    // `drill.finished` keeps it, and as the runner's end in the timeline carries it
    // (PayloadKey::Verdict), so a runner gone between the two writes leaves it readable. Each
    // failure line cut at `lineChars` (the timeline's copy: a line may quote an HTTP answer).
    QJsonObject verdictJson(qsizetype lineChars = -1) const;
    // The verdict in the words every place that states it uses (the timeline's note, the
    // facilitator's banner and the walls): "the drill passed, every step and expectation as its
    // scenario expects", "the drill did not pass: 3 failures against what its scenario expects".
    // Judged against the scenario: "0 failure(s)" read as a contradiction in a drill meant to
    // halt.
    QString verdictText() const { return verdictText(passed(), failures()); }
    static QString verdictText(bool passed, qsizetype failures);
    // "1 failure", "3 failures".
    static QString failureCount(qsizetype failures);
};

} // namespace warroom
