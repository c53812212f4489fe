#pragma once

#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

#include <QSet>

#include <optional>

namespace warroom {


struct [[nodiscard]] ChainReport
{
    bool intact = true;
    qint64 eventCount = 0;
    qint64 checkedCount = 0; // events whose content was hashed again and matched
    qint64 linkedCount = 0;  // placeholders: only their hashes' links were followed
    QByteArray headHash;     // the last event's stored hash
    qint64 brokenAt = 0;     // sequence number of the first event that fails, or 0 for the whole
    QString problem;         // what differs, in words

    QString summary() const;
};

// Events whose stored hashes were checked against their content already (HashAhead, while they
// were read): the first `checked`, and the first of those that does not match (-1: none).
struct CheckedPrefix
{
    qsizetype checked = 0;
    qsizetype firstChanged = -1;
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
    // The same on the calling thread alone (a long timeline is otherwise hashed in two halves at
    // once), for a caller that keeps the other core busy itself; the events of `ahead` are not
    // hashed again.
    static ChainReport verifyOnOneCore(const IncidentRecord &incident, const TimelineEvents &events,
                                       CheckedPrefix ahead = {});

    // Events appended after `last` (the last event a reader holds; null: none yet, the chain
    // starts at the declaration record): each the next in sequence, linked to the one before and
    // unchanged. For a screen taking in what another one wrote, without hashing the whole
    // timeline again. What is wrong as a summary ("chain BROKEN at event 36: ..."), or empty.
    static QString continuationProblem(const IncidentRecord &incident, const TimelineEvent *last,
                                       const TimelineEvents &newer);

    // The declaration record hashes the checklist's sha256, not its text (the record stays
    // small): the text kept beside it must hash to that sha256, or the steps shown and exported
    // are not the ones that were run. Empty when they match; otherwise what differs, in words.
    static QString checklistMismatch(const IncidentRecord &incident);

    // An export on its own, which proves only what it carries: its claimed event count (the
    // anchor's) must be the events it holds, its claimed number of omitted events (-1: it does
    // not say) the placeholders it holds, and at least one event's content must be there to
    // check. An export of placeholders only, or of no events, is refused rather than reported
    // intact. IncidentExport::verify() calls this with what it read.
    static ChainReport verifyExport(const IncidentRecord &incident, const TimelineEvents &events,
                                    const ChainAnchor &claimed, const QSet<qint64> &omitted,
                                    qint64 claimedOmitted);
};

} // namespace warroom
