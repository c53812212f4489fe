#pragma once

#include "timeline/EventVocabulary.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace warroom {

struct TimelineEvent;

// Where the automation of one item stands, folded from its run events. A run is one execution of
// an action, a check or a ramp; its id is also the Idempotency-Key of every side effect it sends.
struct AutomationStatus
{
    enum class Phase {
        Idle,      // never run
        Running,   // requests or samples under way
        Succeeded, // done: the action succeeded, the check passed, the ramp reached full weight
        Failed,    // ended without success (failed, timed out, halted, stopped, interrupted)
        Unknown,   // a side effect was in flight when the app stopped: did it happen?
    };

    Phase phase = Phase::Idle;
    QString runId;    // the latest run, also the Idempotency-Key of its side effects
    int runCount = 0; // how many runs the item has had
    QString reason;   // why it failed, in words

    // The request last sent; requestOpen while no response to it is recorded.
    QJsonObject request;
    QString requestPhase; // send, poll, weight, rollback, probe
    bool requestOpen = false;
    QString lastResult; // "HTTP 202 in 35 ms", or the error in words
    int lastCurlCode = 0; // libcurl's code when the last request or sample got no answer
    qint64 lastResultElapsedMs = -1;
    QString polledValue; // what the last poll read at the action's pointer ("running")
    double progress = -1; // the job's percent at the poll's progress pointer; -1: none read
    int requests = 0;

    // The last measured value, for checks and ramp checks: shown raw, with its age and threshold.
    bool hasSample = false;
    QString sampleLabel;
    QString valueText;
    QString threshold;
    bool samplePassed = false;
    QString sampleError;
    qint64 sampleElapsedMs = -1;
    int passingInARow = 0;
    int samples = 0;

    // A ramp watches several checks: the last reading of each, by label, in first-seen order.
    struct Reading
    {
        QString label;
        QString valueText;
        QString threshold;
        bool passed = false;
        qint64 elapsedMs = -1;
        double weight = -1; // a ramp's weight when it was read, or -1
    };
    QList<Reading> readings;

    // Ramps: the weight last confirmed by the service, and how far the ramp got.
    double weight = -1;
    int stagesHeld = 0;
    bool halted = false;
    // The stage the ramp halted at, by its place in the ramp, or -1. Not by weight: after "Set
    // weight back" the weight is the one set back, and the halted stage lost its mark.
    int haltedStage() const { return halted ? stagesHeld : -1; }

    void apply(const TimelineEvent &event);
    static QString phaseName(Phase phase);

private:
    void applyResponse(const TimelineEvent &event); // action.responded
    void applySample(const TimelineEvent &event);   // check.sampled
    void repeatSample(qint64 elapsedMs);

    // The stored text of the sample applied last, if nothing was applied after it: a sample
    // whose text is that very text (shared as read, EventRowSharing) repeats its values.
    QByteArray m_lastSampleText;
};

} // namespace warroom
