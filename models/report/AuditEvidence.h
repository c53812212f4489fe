#pragma once

#include "report/EventFormatter.h"
#include "report/PostmortemReport.h"

namespace warroom {

// The audit evidence of section 19 of the seed, as sentences for the postmortem's audit trail:
// the notifications sent (each webhook post and the answer it got, with their times) and what was
// validated against which threshold (each check run and each ramp gate: measured value, pass or
// fail). Read from the whole timeline, where the runner records every request and sample.
class AuditEvidence
{
public:
    // Reads only the report's events and writes only its notifications and validations, so the
    // rest of the report may be made meanwhile on another thread.
    static void collect(PostmortemReport &report, const EventFormatter &formatter);
};

} // namespace warroom
