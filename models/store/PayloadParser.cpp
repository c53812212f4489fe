#include "store/PayloadParser.h"

#include "store/StoreRows.h"

#include <system_error>
#include <thread>

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
    // Below this, a thread's start costs more than the half it would parse.
    constexpr qsizetype worthAThread = 20'000;
    const qsizetype n = events.size();
    TimelineEvent *const all = events.data(); // detached once, here, not by either half
    if (n < worthAThread || std::thread::hardware_concurrency() < 2)
        return parseRange(all, 0, n);
    const qsizetype half = n / 2;
    Problem inSecond;
    std::thread worker;
    try {
        worker = std::thread([&] { inSecond = parseRange(all, half, n); });
    } catch (const std::system_error &) {
        return parseRange(all, 0, n); // no thread to be had: one pass
    }
    Problem inFirst = parseRange(all, 0, half);
    worker.join();
    return inFirst.index >= 0 ? inFirst : inSecond;
}

} // namespace warroom
