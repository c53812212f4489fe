#pragma once

#include "wall/WallState.h"

namespace warroom {

class ChecklistEngine;
struct AutomationStatus;
struct ChecklistItem;

// The live value on the wall: the check, ramp or job under way, read from the engine's fold of its
// run events (AutomationStatus), with the threshold and the value's age, as the console's
// automation panel shows it. A run that ended a moment ago stays up a while, so a check that
// passed does not vanish before the room has read it.
class WallMeasurementBuilder
{
public:
    static constexpr qint64 keepFinishedMs = 120'000;

    // currentStep/currentItem: ChecklistEngine::currentStep() and currentItem(); -1 for none.
    static WallMeasurement build(const ChecklistEngine &engine, int currentStep, int currentItem,
                                 qint64 nowMs);

private:
    static WallMeasurement describe(const ChecklistEngine &engine, int step, int item,
                                    qint64 nowMs);
    static void addSample(const AutomationStatus &status, qint64 nowMs, WallMeasurement &m);
    static void addRamp(const ChecklistItem &def, const AutomationStatus &status, qint64 nowMs,
                        WallMeasurement &m);
    static void addPoll(const ChecklistItem &def, const AutomationStatus &status,
                        WallMeasurement &m);
};

} // namespace warroom
