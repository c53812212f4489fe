#pragma once

#include "engine/AutomationStatus.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace warroom {

enum class StepState { Pending, Ready, Active, Done, Skipped, Failed };
enum class ItemState { Open, Confirmed, Skipped };

QString stepStateName(StepState state);
QString itemStateName(ItemState state);

struct ItemStatus
{
    ItemState state = ItemState::Open;
    QString actor;
    qint64 elapsedMs = -1;
    qint64 seq = 0; // the event that resolved the item
    QString value;  // the option chosen, for choice items
    QString reason; // why it was skipped, or why it was confirmed out of order
    bool overridden = false;
    AutomationStatus automation; // actions, checks and ramps: what their runs did
};

struct StepStatus
{
    StepState state = StepState::Pending;
    qint64 startedElapsedMs = -1;
    qint64 endedElapsedMs = -1;
    QString startedBy;
    QString endedBy;
    bool startOverridden = false; // started before its dependencies were done
    QString overrideReason;
    QStringList overriddenDependencies;
    QString reason; // why it was skipped or failed
    int attempts = 0;
    QList<ItemStatus> items;

    bool isStarted() const { return startedElapsedMs >= 0; }
    bool isFinished() const
    {
        return state == StepState::Done || state == StepState::Skipped
               || state == StepState::Failed;
    }
};

} // namespace warroom
