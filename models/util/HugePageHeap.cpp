#include "util/HugePageHeap.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <vector>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace warroom {

bool HugePageHeap::reserve(std::size_t bytes)
{
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)
    // Only the main thread's allocations grow the heap that sbrk moves; others have arenas.
    if (gettid() != getpid() || bytes == 0)
        return false;
    constexpr std::uintptr_t hugePage = std::uintptr_t(2) << 20;
    constexpr int defaultTopPad = 128 * 1024; // glibc's M_TOP_PAD
    const int pad = static_cast<int>(std::min<std::size_t>(bytes, INT_MAX / 2));
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    // Threads started from now on allocate from this heap too, not from arenas of their own in
    // small pages: the export's second half of 100,000 payloads, parsed on a worker into a new
    // arena, took longer than the main thread's reading of every row and parsing the other half.
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TRIM_THRESHOLD, pad * 2);
    // The next time the heap grows it grows by `bytes` more than asked: small blocks are taken
    // until it does. Only their headers are written, so the new span stays untouched until the
    // advice below, and its pages are made huge when first touched.
    mallopt(M_TOP_PAD, pad);
    auto *const start = static_cast<char *>(sbrk(0));
    std::vector<void *> blocks;
    blocks.reserve(64);
    while (static_cast<char *>(sbrk(0)) == start && blocks.size() < 64)
        blocks.push_back(malloc(std::size_t(1) << 20));
    auto *const end = static_cast<char *>(sbrk(0));
    mallopt(M_TOP_PAD, defaultTopPad);
    for (void *block : blocks)
        free(block);
    const std::uintptr_t first = (reinterpret_cast<std::uintptr_t>(start) + hugePage - 1)
                                 & ~(hugePage - 1);
    const std::uintptr_t last = reinterpret_cast<std::uintptr_t>(end) & ~(hugePage - 1);
    if (end == reinterpret_cast<char *>(-1) || last <= first)
        return false;
    return madvise(reinterpret_cast<void *>(first), last - first, MADV_HUGEPAGE) == 0;
#else
    (void)bytes;
    return false;
#endif
}

} // namespace warroom
