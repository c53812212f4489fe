#pragma once

#include "report/EventFormatter.h"
#include "timeline/TimelineEvent.h"

#include <QStringList>

namespace warroom {

// The audit evidence of section 19 of the seed, as sentences for the postmortem's audit trail:
// the notifications sent (each webhook post and the answer it got, with their times) and what was
// validated against which threshold (each check run and each ramp gate: measured value, pass or
// fail). Read from the whole timeline, where the runner records every request and sample.
class AuditEvidence
{
public:
    // Appends to `notifications` and `validations`, reading only `events` (their payloads parsed:
    // a first read of an unparsed one writes) and the formatter.
    static void collect(const TimelineEvents &events, const EventFormatter &formatter,
                        QStringList &notifications, QStringList &validations);
};

} // namespace warroom
