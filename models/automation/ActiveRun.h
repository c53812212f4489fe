#pragma once

// Internal to AutomationRunner's two source files: one run under way.

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
    int stage = 0;
    QSet<quint64> requests;
};

// What every answer records: status, duration, attempts, and the error in words with libcurl's
// code when there was no answer.
QJsonObject responsePayload(const QString &phase, const HttpResult &result);

} // namespace warroom
