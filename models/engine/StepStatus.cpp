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

} // namespace warroom
