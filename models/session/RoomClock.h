#pragma once

#include <QString>

#include <functional>
#include <optional>

namespace warroom {

class TimelineStore;

using Clock = std::function<qint64()>; // milliseconds since the Unix epoch, UTC
// This machine's clock, as it reads.
Clock systemClock();

// The clock a screen keeps the room's time by: on a shared server, the server's (this machine's
// clock moved by the offset the store measured, ServerClockOffset), so that every screen of the
// room stamps its events and counts its T+ by one clock whatever its own reads; on a file, this
// machine's. A screen whose clock was hours fast stamped the shared timeline hours ahead: each
// event is stamped no earlier than the one before it, so every correct screen's events then
// stood at that stamp, T+ still, until real time caught up; one hours slow showed T+ hours short.
class RoomClock
{
public:
    // Offsets under this are not worth a word: screens that keep NTP time differ by far less.
    static constexpr qint64 noticedSkewMs = 10'000;

    // Reads `store`'s offset at each call (it is measured again at each of this screen's writes),
    // so the store must outlive the clock.
    static Clock of(const TimelineStore &store);
    // "Clock: this machine's is 3 h 02 min ahead of the shared server's, …", or empty (a file, no
    // reading yet, or within noticedSkewMs). `offsetMs` is the server's minus this machine's.
    static QString skewText(std::optional<qint64> offsetMs);
    static QString skewText(const TimelineStore &store);
};

} // namespace warroom
