#pragma once

// Internal to the engine's source files: the two ways a plan is made.

#include "engine/ChecklistEngine.h"

namespace warroom::planning {

inline EventDraft draft(const QString &actor, QLatin1StringView kind, const QString &step = {},
                        const QString &item = {}, const QJsonObject &payload = {})
{
    return EventDraft{actor, QString(kind), step, item, payload};
}

// needsReason: the same command goes through once a person gives a reason (an override).
inline EnginePlan refuse(const QString &why, bool needsReason = false)
{
    EnginePlan p;
    p.refusal = why;
    p.needsReason = needsReason;
    return p;
}

} // namespace warroom::planning
