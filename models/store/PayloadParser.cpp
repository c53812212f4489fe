#include "store/PayloadParser.h"

#include "store/StoreRows.h"

namespace warroom {

PayloadParser::Problem PayloadParser::parseAll(std::span<TimelineEvent> events)
{
    // A check sampled while its value holds writes the same payload again and again (the run,
    // the value, the threshold; the times are columns of their own): such a payload is the
    // previous one, shared with it as parsed, not parsed and kept once more. Its text was shared
    // as it was read (EventRowSharing); only the payload is written here, so that another thread
    // may read the texts meanwhile (TimelineStore::events, `beforeParse`).
    const TimelineEvent *last = nullptr;
    for (std::size_t i = 0; i < events.size(); ++i) {
        TimelineEvent &e = events[i];
        if (last
            && (e.payloadText.isSharedWith(last->payloadText)
                || e.payloadText == last->payloadText)) {
            e.payload = last->payload;
            continue;
        }
        QString bad = parseEventPayload(e);
        if (!bad.isEmpty())
            return {qsizetype(i), std::move(bad)};
        last = &e;
    }
    return {};
}

} // namespace warroom
