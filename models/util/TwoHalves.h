#pragma once

#include <QtGlobal>

#include <system_error>
#include <thread>

namespace warroom {

// Work over a long list whose items do not depend on one another (hashing a timeline, parsing
// its payloads), done on two cores at once. Each half's answer is kept apart and the first half's
// wins, so the caller gets what one pass in order would have given: the first damaged event in
// the timeline, not the first one a thread happened to reach.
class TwoHalves
{
public:
    // Below this, a thread's start costs more than the half it would do.
    static constexpr qsizetype worthAThread = 20'000;

    // `inRange(from, to)` does [from, to) and returns what it found; `found(result)` says whether
    // that names something. With too few items, a single core or no thread to be had, one pass.
    template<typename InRange, typename Found>
    static auto first(qsizetype n, InRange inRange, Found found) -> decltype(inRange(n, n))
    {
        if (n < worthAThread || std::thread::hardware_concurrency() < 2)
            return inRange(0, n);
        const qsizetype half = n / 2;
        decltype(inRange(n, n)) inSecond{};
        // A jthread, so that a first half that throws still joins the second before unwinding.
        std::jthread worker;
        try {
            worker = std::jthread([&] { inSecond = inRange(half, n); });
        } catch (const std::system_error &) {
            return inRange(0, n);
        }
        auto inFirst = inRange(0, half);
        worker.join();
        return found(inFirst) ? inFirst : inSecond;
    }
};

} // namespace warroom
