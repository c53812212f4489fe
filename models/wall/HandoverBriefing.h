#pragma once

#include "timeline/ScreenClock.h"

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
    // `clock`: the clock the room reads (a drill's), for the situation's "At T+" and its
    // forecast, which is the wall's; the real time since the declaration by default. A handover
    // is of an open incident (a closed one refuses it).
    static QJsonObject prefill(const ChecklistEngine &engine, qint64 nowMs,
                               const ScreenClock &clock = {});
};

} // namespace warroom
