#pragma once

#include <QJsonObject>

namespace warroom {

class ChecklistEngine;

// The briefing an outgoing commander gives (FEMA's transfer of command), prefilled from the
// engine's state for them to edit: PayloadKey::Situation (the current step, runs in flight,
// the forecast finish), Objectives, NextActions (the current item, a poll due) and Concerns
// (unknown outcomes, open overrides, deferred items, a NO-GO standing).
class HandoverBriefing
{
public:
    static QJsonObject prefill(const ChecklistEngine &engine, qint64 nowMs);
};

} // namespace warroom
