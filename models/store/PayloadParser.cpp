#include "store/PayloadParser.h"

#include "store/StoreRows.h"

namespace warroom {

PayloadParser::Problem PayloadParser::parseAll(TimelineEvents &events)
{
    // A check sampled while its value holds writes the same payload again and again (the run,
    // the value, the threshold; the times are columns of their own): such a payload is the
    // previous one, shared with it as parsed, not parsed and kept once more.
    const TimelineEvent *last = nullptr;
    for (qsizetype i = 0; i < events.size(); ++i) {
        TimelineEvent &e = events[i];
        if (last && e.payloadText == last->payloadText) {
            e.payloadText = last->payloadText;
            e.payload = last->payload;
            continue;
        }
        QString bad = parseEventPayload(e);
        if (!bad.isEmpty())
            return {i, std::move(bad)};
        last = &e;
    }
    return {};
}


} // namespace warroom
