#pragma once

#include <QtGlobal>

#include <optional>

namespace warroom {

// How far a shared server's clock reads from this machine's, from queries that read the server's
// (clock_timestamp()) with this machine's clock read just before the query went and just after
// its answer came: the server read its clock somewhere in between, so the offset is known to half
// that round trip. Every screen of a room stamps its events and counts T+ by the server's clock
// through it (RoomClock), so a screen whose own clock is hours wrong no longer stamps the room's
// timeline hours ahead (T+ stood still for every screen until real time caught up) or counts its
// own T+ hours off.
class ServerClockOffset
{
public:
    // One reading. A reading whose answer came "before" it was sent (this machine's clock was
    // set back meanwhile) tells nothing and is dropped.
    void measured(qint64 sentMs, qint64 serverMs, qint64 answeredMs);
    // The server's clock minus this machine's, in ms; none before the first reading.
    std::optional<qint64> offsetMs() const;
    // Half the round trip of the reading kept: how far offsetMs may be off.
    qint64 uncertaintyMs() const { return m_uncertaintyMs; }

    // Further readings that agree with the one kept within both their round trips and this much
    // leave it alone, so a screen's T+ does not jitter by a few ms at each of its commands: only
    // a clearly better reading (a shorter round trip) or a clock set meanwhile replaces it.
    static constexpr qint64 agreementMs = 1000;

private:
    bool m_known = false;
    qint64 m_offsetMs = 0;
    qint64 m_uncertaintyMs = 0;
};

} // namespace warroom
