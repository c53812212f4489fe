#pragma once

// Internal to ActionRunner's two source files: one run under way.

#include "ActionRunner.h"

#include <QDeadlineTimer>
#include <QSet>
#include <QTimer>

namespace warroom {

struct ActionRunner::Run
{
    QString id;
    QString stepId;
    QString itemId;
    ChecklistItem def;
    QTimer timer;
    QMetaObject::Connection timerConnection;
    QDeadlineTimer deadline;     // poll or check deadline
    QDeadlineTimer holdDeadline; // the ramp's hold at the current stage
    int passingInARow = 0;
    int stage = 0;
    QSet<quint64> requests;
    bool ending = false;
};

} // namespace warroom
