#pragma once

#include "wall/WallState.h"

#include "timeline/TimelineEvent.h"

namespace warroom {

class ChecklistEngine;
class ScreenClock;

// The people in the room as the wall shows them: who commands and for how long, who holds each
// role, the go/no-go poll under way and a recent handover of command. Laid over a WallState
// that WallStateBuilder made.
class WallRoom
{
public:
    // How long a handover stays announced on the wall.
    static constexpr qint64 handoverAnnouncedMs = 10 * 60'000;

    // Times are said on `clock`, the room's T+ (a drill's clock), as the wall's header.
    static void apply(const ChecklistEngine &engine, const TimelineEvents &events, qint64 nowMs,
                      const ScreenClock &clock, WallState &state);

    // "Database engineer Lena Vogt · Application owner Ada Mensah · Scribe —"; empty while no
    // role has been given to anyone.
    static QString rolesText(const ChecklistEngine &engine);
    // The poll of the current step's first open polled item, else one under way elsewhere,
    // naming what it is before: "GO/NO-GO before 'Rollback job of checkout-api…' (step 4) ·
    // Database engineer GO · Application owner GO · Communications lead — waiting". Empty when no
    // poll is due. tone: Failed on a NO-GO, Done when all GO, else Active. step, item: where the
    // poll is (-1 when none).
    static QString pollText(const ChecklistEngine &engine, WallTone *tone = nullptr,
                            int *step = nullptr, int *item = nullptr);
    // The poll due in a given step (-1: none due there), naming its item but not the step.
    static QString stepPollText(const ChecklistEngine &engine, int step,
                                WallTone *tone = nullptr);
    // "Database engineer — Lena Vogt (fallback Tom Berg)", or "… — nobody yet".
    static QString ownerText(const ChecklistEngine &engine, int step);
    // What the console's step panel says about people and deferrals: "COMPLETE EXCEPT DEFERRED
    // ITEMS", the items deferred from here and those that come back here, the poll. One line
    // each; empty when there is nothing to say. deferred: set when a deferral is in it.
    static QString stepNotes(const ChecklistEngine &engine, int step, const ScreenClock &clock,
                             bool *deferred = nullptr);
    // "1:05 on duty" for the period that is still running, on the clock the screens show (a
    // drill's, pauses left out); empty once the incident is closed. `nowMs`: real time since the
    // declaration.
    static QString dutyText(const ChecklistEngine &engine, const ScreenClock &clock, qint64 nowMs);
};

} // namespace warroom
