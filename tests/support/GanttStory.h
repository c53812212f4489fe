#pragma once

#include "gantt/GanttGeometry.h"

namespace warroom::test {

// The diamond a -> {b, c} -> d of parallelChecklist() at T+500 s: a and c done, b running, d
// started out of order (an override). The chart tests draw it.
GanttGeometry ganttStory();

} // namespace warroom::test
