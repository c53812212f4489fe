#pragma once

#include "Incident.h"
#include "TimelineEvent.h"

#include <QSet>

#include <optional>

namespace warroom {

struct ChainReport
{
    bool intact = true;
    qint64 eventCount = 0;
    QByteArray headHash; // the last event's stored hash
    qint64 brokenAt = 0; // sequence number of the first event that fails, or 0
    QString problem;     // what differs, in words

    QString summary() const;
};

// An export's claim about the chain, checked against the chain itself.
struct ChainAnchor
{
    qint64 eventCount = 0;
    QByteArray headHash;
};

// Walks an incident's events from the declaration record to the last event and names the first
// broken link: a changed event, a missing one, a pair out of order; and, given the head and count
// an earlier export recorded, a truncated tail or a rewritten history.
class ChainVerifier
{
public:
    // Events in `omitted` (left out of an export) are only linked, not re-hashed: their content
    // is not there, but their stored hash still carries the chain to the next event.
    static ChainReport verify(const IncidentRecord &incident, const TimelineEvents &events,
                              std::optional<ChainAnchor> expected = std::nullopt,
                              const QSet<qint64> &omitted = {});
};

} // namespace warroom
