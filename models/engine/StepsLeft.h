#pragma once

#include <QString>

namespace warroom {

class ChecklistEngine;

// The steps an incident leaves unfinished, counted the one way the console's closing summary,
// the walls and their forecast say it: a failed step apart, and a step whose run went out
// without an answer apart too ("OUTCOME UNKNOWN" on the line below must not be counted "not
// finished" above it, as if nothing had been sent).
struct StepsLeft
{
    int failed = 0;
    int inDoubt = 0; // open, with an item in doubt (StepStatus::isInDoubt)
    int open = 0;    // neither done, skipped, failed nor in doubt
    // The real elapsed ms the latest finished step ended at, -1 before any: the finish the
    // closing summary and the wall hold against the plan, and against a drill's end (each
    // walked the steps for it).
    qint64 lastEndMs = -1;

    static StepsLeft of(const ChecklistEngine &engine);

    bool isEmpty() const { return failed == 0 && inDoubt == 0 && open == 0; }
    // "1 step failed, 1 with an outcome unknown and 3 not finished"; where one kind alone is
    // left and `outOf` is given, the checklist's size too: "7 of 8 steps not finished".
    QString text(int outOf = 0) const;
};

} // namespace warroom
