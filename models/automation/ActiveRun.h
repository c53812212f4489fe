#pragma once

// Internal to AutomationRunner's source files: one run under way. How far a ramp got is not kept
// here: the timeline says it (AutomationStatus::stagesHeld).

#include "automation/AutomationRunner.h"
#include "http/HttpRequest.h"

#include <QJsonObject>

#include <QDeadlineTimer>
#include <QSet>
#include <QTimer>

namespace warroom {

struct AutomationRunner::ActiveRun
{
    QString id;
    QString stepId;
    QString itemId;
    ChecklistItem def;
    QTimer timer;
    QMetaObject::Connection timerConnection;
    QDeadlineTimer deadline;     // poll or check deadline
    QDeadlineTimer holdDeadline; // the ramp's hold at the current stage
    QSet<quint64> requests;
    bool resend = false;  // an action re-sent with its old key after an unknown outcome
    QString resendAnswer; // what the service's answer to the re-send says of the first request
    // While the runner is held (RunHold.cpp): the wait that was left on the timer (-1: none),
    // and the deadlines as they were, absolute on the steady clock (-1: none or forever).
    int heldWaitMs = -1;
    qint64 heldDeadlineMs = -1;
    qint64 heldHoldDeadlineMs = -1;
};

// What every answer records: status, duration, attempts, and the error in words with libcurl's
// code when there was no answer.
QJsonObject responsePayload(const QString &phase, const HttpResult &result);

} // namespace warroom
