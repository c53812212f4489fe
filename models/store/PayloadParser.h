#pragma once

#include "timeline/TimelineEvent.h"

#include <QString>

namespace warroom {

// Parses the stored payload text of events read without it (readEventRow with parsePayload
// false), a long timeline in two halves at once: parsing 100,000 payloads into QJsonObjects was
// the largest single cost of an export, and the objects of the two halves share nothing.
class PayloadParser
{
public:
    struct Problem
    {
        qsizetype index = -1; // into the events; -1: every payload is a JSON object
        QString text;
    };
    // Parses every event's payloadText into its payload; a payload the same as the one before it
    // shares that one's text and object. The problem is the first event in
    // order (not the first found) whose payload is not a JSON object, as a read in one pass would
    // name it; that event's payload is left empty, and so may be others after it.
    static Problem parseAll(TimelineEvents &events);
};

} // namespace warroom
