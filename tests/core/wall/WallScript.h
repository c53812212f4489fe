#pragma once

// Scripted timelines for the wall's suites: one line per event, so a test table reads as the
// story it tells.

#include "support/TestTimeline.h"
#include "wall/WallAnnouncements.h"
#include "wall/WallState.h"

#include <QStringList>

namespace warroom::test {

// One line per event: "MIN VERB STEP [ITEM] [ARG...]". Verbs: confirm (ARG: a choice's value),
// override (confirm out of order or by hand; ARG: the reason), skip-item, start (ARG: reason),
// skip, fail, close (ARG: reason), note, private, pause and resume (the facilitator's drill
// clock notes), run (starts an item's run), sample (ARG: value
// threshold pass|fail [label]), held (a ramp stage), passed (the run ends in success), failed
// (a check's run ends failed; ARG: the reason).
bool play(TestTimeline &t, const QStringList &script);
// Step 1 done at minute 4 (the choice: a deploy rollback).
QStringList scopeDone();
// scopeDone, then steps 2 to 8 skipped at T+10 ("drill ends here"): every step finished.
QStringList allStepsFinished();
// Every step but the last finished, the last started and failed, then the incident closed.
QStringList lastStepFailedThenClosed();
// The wall of `t` at `nowMs`, for a drill "Checkout 5xx after v1.3.0 deploy" of Priya Raman.
WallState wallOf(TestTimeline &t, qint64 nowMs, const WallAnnouncements &a = {},
                 const QString &storageProblem = {});

} // namespace warroom::test
