#pragma once

#include "timeline/TimelineEvent.h"

#include <QString>

#include <span>

namespace warroom {

// Parses the stored payload text of events read without it (readEventRow with parsePayload
// false), in one pass on the calling thread. Not in two halves at once, as it was: both threads
// allocate every parsed object from the one heap (HugePageHeap), and waiting for its lock and
// faulting in its pages made the two halves slower than one pass. An export of 100,000 notes
// took 0.32 s with two halves and 0.25 s with one (hyperfine medians, README).
class PayloadParser
{
public:
    struct Problem
    {
        qsizetype index = -1; // into the events; -1: every payload is a JSON object
        QString text;
    };
    // Parses every event's payloadText into its payload, writing nothing else; a payload the
    // same as the one before it shares that one's object. The problem is the first event whose
    // payload is not a JSON object; the parse stops there, and the payloads from it on are left
    // empty.
    static Problem parseAll(std::span<TimelineEvent> events);
};

} // namespace warroom
