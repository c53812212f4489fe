#pragma once

#include <cstddef>

namespace warroom {

// Makes the next `bytes` of the main thread's heap come in 2 MiB pages (Linux transparent huge
// pages, asked for with madvise), before a read that will fill them: opening a 100,000-event
// incident writes about 60 MB of new memory, and on this project's virtual machine each first
// touch of a 4 KiB page cost 10 to 40 µs in the kernel, a third of the open's CPU time.
// With 2 MiB pages that is a few hundred faults instead of fifteen thousand.
//
// Also from the first call on: blocks up to 32 MiB come from the heap (so a long event list's
// array lands in those pages too), and up to twice `bytes` freed at the heap's top is kept for
// the next incident instead of going back to the system; and, if no thread has taken a malloc
// arena of its own yet (glibc settles their number then), threads share this heap. Does nothing (false) off the main
// thread, off glibc or where the kernel refuses; the memory is still there, in small pages.
class HugePageHeap
{
public:
    static bool reserve(std::size_t bytes);
};

} // namespace warroom
