#pragma once

#include "timeline/TimelineEvent.h"

#include <QString>

namespace warroom {

// The times an event row may carry, as every reader takes them. A row written by something other
// than warroom (anyone with INSERT on a shared server, its hash computed again) once carried an
// elapsed_ms of 2^63 - 1: the chart's arithmetic wrapped, a window spun for good on every open
// and a PDF export filled memory until it was killed.
class EventTimes
{
public:
    // 9999-12-31T23:59:59.999Z: beyond it no date can be shown or written as RFC 3339.
    static constexpr qint64 latestUtcMs = 253'402'300'799'999;

    // Empty when `event`'s utc_ms is in 0..latestUtcMs and its elapsed_ms no further from the
    // declaration than that either way; otherwise what is wrong, naming the event.
    static QString problem(const TimelineEvent &event);
    // The same for an incident's declaration time, from which every screen counts its T+.
    static QString declaredProblem(qint64 incidentId, qint64 declaredUtcMs);
};

} // namespace warroom
