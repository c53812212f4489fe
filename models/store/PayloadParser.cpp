#include "store/PayloadParser.h"

#include "store/StoreRows.h"
#include "util/TwoHalves.h"

namespace warroom {

namespace {

PayloadParser::Problem parseRange(TimelineEvent *events, qsizetype from, qsizetype to)
{
    // A check sampled while its value holds writes the same payload again and again (the run,
    // the value, the threshold; the times are columns of their own): such a payload is the
    // previous one, shared with it as parsed, not parsed and kept once more.
    const TimelineEvent *last = nullptr;
    for (qsizetype i = from; i < to; ++i) {
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

} // namespace

PayloadParser::Problem PayloadParser::parseAll(TimelineEvents &events)
{
    TimelineEvent *const all = events.data(); // detached once, here, not by either half
    return TwoHalves::first(
        events.size(), [all](qsizetype from, qsizetype to) { return parseRange(all, from, to); },
        [](const Problem &p) { return p.index >= 0; });
}

} // namespace warroom
