#include "engine/StepStatus.h"

namespace warroom {

QString stepStateName(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return QStringLiteral("pending");
    case StepState::Ready:
        return QStringLiteral("ready");
    case StepState::Active:
        return QStringLiteral("active");
    case StepState::Done:
        return QStringLiteral("done");
    case StepState::Skipped:
        return QStringLiteral("skipped");
    case StepState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QString itemStateName(ItemState state)
{
    switch (state) {
    case ItemState::Open:
        return QStringLiteral("open");
    case ItemState::Confirmed:
        return QStringLiteral("confirmed");
    case ItemState::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

const PollVote *PollStatus::noGo() const
{
    for (const PollVote &v : votes) {
        if (!v.go)
            return &v;
    }
    return nullptr;
}

bool PollStatus::hasVoted(const QString &role) const
{
    for (const PollVote &v : votes) {
        if (v.role == role)
            return true;
    }
    return false;
}

} // namespace warroom
