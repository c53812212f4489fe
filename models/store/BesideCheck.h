#pragma once

#include "store/TimelineStore.h"

#include <QString>

#include <future>
#include <memory>

namespace warroom {

// The integrity check of a file opened with TimelineStore::openReadOnlyCheckingBeside, running on
// a thread of its own: whether it passed, openReadOnly's message when it did not, and the store
// it checked with, its connection kept open until the verdict is asked.
struct TimelineStore::BesideCheck
{
    struct Verdict
    {
        bool ok = false;
        QString error;
        std::unique_ptr<TimelineStore> checker;
    };
    std::future<Verdict> verdict; // from std::async: its destructor waits
};

} // namespace warroom
