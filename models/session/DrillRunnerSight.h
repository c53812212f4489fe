#pragma once

#include "timeline/TimelineEvent.h"

#include <QElapsedTimer>
#include <QString>

namespace warroom {

class ScreenClock;
class TimelineStore;

// What one screen knows of a drill's runner (session/DrillRunnerClaim.h): the owner its clock's
// "started" fact records, read once, and when this screen last saw it at work. A console's
// session and a wall-only machine each keep one and look once a second.
class DrillRunnerSight
{
public:
    // How long a screen lets another's heartbeat on a server go unheard before it takes that
    // screen for gone: its runs (IncidentSession's owners) and its drill, on every console and on
    // a wall alone (WallStandalone).
    static constexpr int heartbeatLapseMs = 5000;

    // Whether the runner of incident `incidentId` (`events` so far, `clock` their drill clock)
    // went away without ending the drill: false while it works, for a drill that ended or never
    // started a clock, for one whose runner recorded no owner (an older build), and whenever
    // this store cannot tell. Gone on two looks in a row: a screen whose event loop stalled past
    // a server's lapse has not yet read the heartbeats that came meanwhile. `nowMs` is the
    // incident's elapsed ms now; `lapseMs` how long a server's heartbeat may go unheard. Not
    // looked at unless `mayLook` (the incident closed, its storage or chain in question): false,
    // and the next "gone" is a first again.
    bool isGone(bool mayLook, const TimelineStore &store, qint64 incidentId,
                const TimelineEvents &events, const ScreenClock &clock, qint64 nowMs,
                qint64 lapseMs);
    // The elapsed ms the runner was last known at work (DrillRunnerClaim::Sighting), or -1.
    qint64 lastSeenMs() const { return m_seenMs; }

private:
    QString owner(const TimelineEvents &events);

    QString m_owner;         // once found; " " for a drill that records none
    qsizetype m_scanned = 0; // events looked through for it so far
    qint64 m_seenMs = -1;
    int m_goneLooks = 0;          // looks in a row that found it gone
    QElapsedTimer m_writersAsked; // when a missing lock file last made it ask who else writes
};

} // namespace warroom
