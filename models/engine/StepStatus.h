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

// One position's answer in a go/no-go poll.
struct PollVote
{
    QString role;
    QString person;
    bool go = false;
    QString reason; // a NO-GO's concern
    qint64 elapsedMs = -1;
};

// The current round of an item's go/no-go poll (ChecklistItem::poll); an earlier round is only
// in the timeline. round 0: nobody has been polled yet.
struct PollStatus
{
    int round = 0;
    QList<PollVote> votes; // in the order given

    // The first vote against, or nullptr.
    const PollVote *noGo() const;
    bool hasVoted(const QString &role) const;
};

// An item put off to a later step (or the follow-ups). It stays open; its step completes
// "except deferred items", and the item shows again at its target until someone resolves it.
struct Deferral
{
    QString target; // a step id, or followUpsTarget
    QString reason;
    QString actor;
    qint64 elapsedMs = -1;
    qint64 seq = 0;

    bool isActive() const { return seq > 0; }
};

struct ItemStatus
{
    ItemState state = ItemState::Open;
    QString actor;
    qint64 elapsedMs = -1;
    qint64 seq = 0; // the event that resolved the item
    QString value;  // the option chosen, for choice items
    QString reason; // why it was skipped, or why it was confirmed out of order
    bool overridden = false;
    bool byHand = false; // its confirmation said so (an automated item confirmed by a person)
    AutomationStatus automation; // actions, checks and ramps: what their runs did
    PollStatus poll;             // kept when an undo reopens the item, like automation
    Deferral deferral;           // kept too: undoing a later confirmation defers it again

    // Open and waiting for its step's turn: neither resolved nor put off.
    bool isPending() const { return state == ItemState::Open && !deferral.isActive(); }
    // Its run's side effect may or may not have happened, and no person has yet found out (a
    // confirmation by hand, or a skip, settles it): not failed, which would invite running it
    // again.
    bool isInDoubt() const
    {
        return state == ItemState::Open && automation.phase == AutomationStatus::Phase::Unknown;
    }
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
    int deferredItems = 0; // still open and deferred: a done step is "complete except deferred"

    bool isStarted() const { return startedElapsedMs >= 0; }
    bool isFinished() const
    {
        return state == StepState::Done || state == StepState::Skipped
               || state == StepState::Failed;
    }
    // Still open with an item in doubt (ItemStatus::isInDoubt).
    bool isInDoubt() const
    {
        return !isFinished()
               && std::any_of(items.cbegin(), items.cend(),
                              [](const ItemStatus &item) { return item.isInDoubt(); });
    }
};

} // namespace warroom
