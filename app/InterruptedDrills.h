#pragma once

#include <QStringList>

namespace warroom {

class TimelineStore;

// The DRILL incidents `store` holds open while no other process writes to it: drills that
// stopped without ending (a `warroom drill` killed or crashed, a window closed mid-drill). One
// message each, for the drill about to start to print before it declares a new incident, so a
// half-run drill is never taken for a finished one nor silently forgotten. Nothing is written:
// what such a drill committed stays as it was (`warroom verify` reads it), and only a person who
// opens it decides how it ends. Empty while another process writes to the database (its own
// drill may be running) or when the list cannot be read.
QStringList interruptedDrills(const TimelineStore &store);

} // namespace warroom
