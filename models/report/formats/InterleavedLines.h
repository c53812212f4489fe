#pragma once

#include "report/formats/ChunkedOutput.h"
#include "util/TwoHalves.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>

namespace warroom {

// The lines of a long export (JSON's events, CSV's rows) made on two cores: the list is cut into
// blocks, a worker makes every other block into one of two buffers while this thread makes the
// others straight into the output, and this thread writes the worker's blocks in their places.
// Making the lines was the longest stretch of a 100,000-event JSON or CSV export on one core.
// Not two halves, the second kept in memory until the first is written: those 25 MB of fresh
// memory cost more than the second core saved (JSON 0.27 to 0.35 s). The buffers here are reused.
// The bytes are the ones a single pass makes, so `lines` must make each item's line from that
// item and its index alone.
class InterleavedLines
{
public:
    static constexpr qsizetype blockItems = 2048;

    // `lines(out, from, to)` appends the lines of items [from, to) to `out`, on either thread,
    // each call with state of its own. Too few items, one core or no thread to be had: one pass.
    template<typename Lines>
    static void write(ChunkedOutput &out, qsizetype n, Lines lines)
    {
        if (n < TwoHalves::worthAThread || std::thread::hardware_concurrency() < 2) {
            lines(out, 0, n);
            return;
        }
        Handover handover;
        const qsizetype blocks = (n + blockItems - 1) / blockItems;
        const auto range = [n](qsizetype b) {
            return std::pair{b * blockItems, std::min(n, (b + 1) * blockItems)};
        };
        std::jthread worker;
        try {
            worker = std::jthread([&] {
                for (qsizetype b = 1; b < blocks; b += 2) {
                    Slot *slot = handover.empty(b);
                    if (!slot)
                        return; // this thread gave up
                    const auto [from, to] = range(b);
                    lines(slot->bytes, from, to);
                    handover.fill(*slot);
                }
            });
        } catch (const std::system_error &) {
            lines(out, 0, n);
            return;
        }
        // If making a line here throws, the worker must not wait for a buffer forever.
        struct Stop
        {
            Handover &h;
            ~Stop() { h.stop(); }
        } stop{handover};
        // After a refused write (a full disk) the rest is not made: the export fails anyway.
        for (qsizetype b = 0; b < blocks && !out.failed(); ++b) {
            if (b % 2 == 0) {
                const auto [from, to] = range(b);
                lines(out, from, to);
                continue;
            }
            Slot &slot = handover.full(b);
            out += slot.bytes.bytes();
            handover.release(slot);
        }
    }

private:
    struct Slot
    {
        ChunkedOutput bytes; // without a device: kept until written
        bool full = false;
    };
    // Two buffers passed between the threads: odd block b goes in slot (b / 2) % 2.
    class Handover
    {
    public:
        Slot *empty(qsizetype block)
        {
            Slot &slot = m_slots[(block / 2) % 2];
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return !slot.full || m_stopped; });
            return m_stopped ? nullptr : &slot;
        }
        void fill(Slot &slot)
        {
            {
                std::lock_guard lock(m_mutex);
                slot.full = true;
            }
            m_changed.notify_all();
        }
        Slot &full(qsizetype block)
        {
            Slot &slot = m_slots[(block / 2) % 2];
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return slot.full; });
            return slot;
        }
        void release(Slot &slot)
        {
            slot.bytes.clear();
            {
                std::lock_guard lock(m_mutex);
                slot.full = false;
            }
            m_changed.notify_all();
        }
        void stop()
        {
            {
                std::lock_guard lock(m_mutex);
                m_stopped = true;
            }
            m_changed.notify_all();
        }

    private:
        Slot m_slots[2];
        std::mutex m_mutex;
        std::condition_variable m_changed;
        bool m_stopped = false;
    };
};

} // namespace warroom
