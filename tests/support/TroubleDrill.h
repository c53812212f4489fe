#pragma once

// A drill of the shipped checklist in which everything that can go wrong does, on a fixed clock
// and at ×10 speed, so that its postmortem is a golden file (tests/data/export/trouble.*): the
// webhook post answered 500 and the channel told by hand, a check that misses its threshold, the
// irreversible rollback confirmed by a second person whose job fails, a re-run cut short when
// warroom stops with the request in flight (the gap, the outcome unknown, then re-sent with its
// key and resolved), a step started out of order, a ramp halted and its weight set back, a skip,
// and a confirmation by hand with its reason. And the people in the room: a NO-GO before the
// rollback job (all GO in the next round), an item deferred to step 7 and done there, the
// commander handing over at step 8, and an item deferred to the follow-ups left open at close.

#include "store/TimelineStore.h"

namespace warroom::test {

inline constexpr double troubleSpeed = 10; // the drill ran at ×10: its runs' timers a tenth

// Declares the drill in `store`, runs it to its close and returns its id.
qint64 troubleIncident(TimelineStore &store);

} // namespace warroom::test
