#pragma once

#include <QHash>
#include <QString>

namespace warroom {

// The drill as it stands, in plain data: what the facilitator's live expectations are judged
// from (facilitation/LiveExpectations), so the judging is tested on scripted facts without a
// session. Times are drill time (ms on the drill clock).
struct DrillFacts
{
    qint64 nowMs = 0;
    bool finished = false;
    QString outcome;                        // the drill's, once finished: completed, stopped...
    QHash<QString, QString> stepState;      // step id -> done, skipped, failed, active, ...
    QHash<QString, qint64> stepDoneAt;      // step id -> when it was done (Done steps only)
    QHash<QString, QString> runOutcome;     // "step/item" -> succeeded, failed, halted, not run...
    QHash<QString, qint64> runEndedAt;      // "step/item" -> when its latest run ended
    QHash<QString, qint64> injectFiredAt;   // inject id -> when it fired
};

} // namespace warroom
