#pragma once

#include "store/TimelineStore.h"

#include <QString>

#include <future>
#include <utility>

namespace warroom {

// The integrity check of a file opened with TimelineStore::openReadOnlyCheckingBeside, running on
// a thread of its own: whether it passed, and openReadOnly's message when it did not.
struct TimelineStore::BesideCheck
{
    std::future<std::pair<bool, QString>> verdict; // from std::async: its destructor waits
};

} // namespace warroom
