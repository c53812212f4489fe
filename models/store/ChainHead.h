#pragma once

#include "timeline/TimelineEvent.h"

#include <QByteArray>
#include <QString>

namespace warroom {

class EventHasher;

// Where the next event of an incident attaches: the incident and the end of its chain so far.
// Every backend builds its events here, so the chain is computed identically whatever stores it.
struct ChainHead
{
    qint64 incidentId = 0;
    QString uuid;
    qint64 declaredUtcMs = 0;
    qint64 lastSeq = 0;
    QByteArray lastHash;
    qint64 lastUtcMs = 0;
};

// The event a draft becomes at the end of the chain (its seq, times, canonical payload text and
// hashes), and the head moved past it. A hasher for head's incident, if given, is used instead
// of a new one (an append loop keeps one: its buffers and digest context).
TimelineEvent chainNext(ChainHead &head, const EventDraft &draft, qint64 utcMs,
                        EventHasher *hasher = nullptr);

// Why no event may follow `head`, stamped at `utcMs` by the caller's clock, or empty. Judged
// against the later of that clock and this machine's own (a suite scripts its clock, ahead of
// the machine's or at 0 for "whenever"). An event is stamped
// no earlier than the one before it (a clock stepping back must not run T+ in reverse), so a last
// event stamped far ahead (a row forged into a shared server, year 9999) would stamp every event
// after it, from every screen, with its time: the room's real times lost for good. A clock that
// runs fast is minutes or hours out; more than a week is no clock of a working screen.
// `referenceUtcMs`, when given, is the clock to judge by instead of this machine's: a shared
// server's, the one clock every screen of the room writes under.
QString stampProblem(const ChainHead &head, qint64 utcMs, qint64 referenceUtcMs = -1);
// Why a screen whose clock reads `utcMs` may not write into an incident on a shared server whose
// clock reads `serverUtcMs`, or empty. An event is stamped no earlier than the one before it, so
// a screen a week fast stamped every screen's events after its own that far ahead, and every
// correct screen was then refused (stampProblem). Judged against the server's clock, the one
// clock every screen shares, with stampProblem's week: a server whose own clock is hours wrong
// (a host that keeps local time, a resumed VM) must not lock out every screen whose clock is
// right, which a tighter bound did.
QString fastClockProblem(qint64 utcMs, qint64 serverUtcMs);

} // namespace warroom
