#include "chain/ChainVerifier.h"

#include "chain/EventChain.h"
#include "chain/EventHasher.h"
#include "util/Diagnostic.h"
#include "util/Sha256.h"
#include "util/TwoHalves.h"

#include <algorithm>

namespace warroom {

namespace {

QString shortHash(const QByteArray &hex)
{
    return QString::fromLatin1(hex.left(12)) + QStringLiteral("\u2026");
}

// The first broken link: where, and what is wrong there.
struct Break
{
    qint64 at = 0;
    QString problem;
};

ChainReport broken(ChainReport r, const Break &b)
{
    r.intact = false;
    r.brokenAt = b.at;
    r.problem = b.problem;
    return r;
}

std::optional<Break> sequenceBreak(qint64 seq, qint64 want)
{
    if (seq == want)
        return std::nullopt;
    if (seq < want)
        return Break{
            want, QStringLiteral("event %1 appears where event %2 should be").arg(seq).arg(want)};
    return Break{want,
                 seq == want + 1
                     ? QStringLiteral("event %1 is missing (the sequence jumps from %2 to %3)")
                           .arg(want)
                           .arg(want - 1)
                           .arg(seq)
                     : QStringLiteral("events %1 to %2 are missing (the sequence jumps from "
                                      "%3 to %4)")
                           .arg(want)
                           .arg(seq - 1)
                           .arg(want - 1)
                           .arg(seq)};
}

std::optional<Break> linkBreak(const TimelineEvents &events, qsizetype i, const QByteArray &prev)
{
    const TimelineEvent &e = events.at(i);
    if (e.prevHash == prev)
        return std::nullopt;
    if (i + 1 < events.size() && e.prevHash == events.at(i + 1).hash)
        return Break{e.seq, QStringLiteral("events %1 and %2 are in the wrong order: event %1 "
                                           "links to event %2's hash")
                                .arg(e.seq)
                                .arg(e.seq + 1)};
    return Break{e.seq,
                 i == 0 ? QStringLiteral("the first event does not link to the incident's "
                                         "declaration record (expected prev_hash %1, found %2): "
                                         "the incident record was changed")
                              .arg(shortHash(prev), shortHash(e.prevHash))
                        : QStringLiteral("event %1 does not link to event %2 (expected prev_hash "
                                         "%3, found %4): an event before it was removed, inserted "
                                         "or rewritten")
                              .arg(e.seq)
                              .arg(e.seq - 1)
                              .arg(shortHash(prev), shortHash(e.prevHash))};
}

// What an earlier export recorded, against the chain as it is now.
std::optional<Break> anchorBreak(const ChainReport &r, const TimelineEvents &events,
                                 const ChainAnchor &expected)
{
    if (r.eventCount < expected.eventCount)
        return Break{r.eventCount + 1,
                     QStringLiteral("the timeline ends after event %1 but the export recorded %2 "
                                    "events: the tail was cut off")
                         .arg(r.eventCount)
                         .arg(expected.eventCount)};
    if (r.eventCount == expected.eventCount && r.headHash != expected.headHash)
        return Break{r.eventCount,
                     QStringLiteral("the head hash is %1 but the export recorded %2: the history "
                                    "was rewritten, or the recorded head was forged")
                         .arg(shortHash(r.headHash), shortHash(expected.headHash))};
    if (r.eventCount > expected.eventCount && expected.eventCount > 0
        && events.at(expected.eventCount - 1).hash != expected.headHash)
        return Break{expected.eventCount,
                     QStringLiteral("event %1's hash is %2 but the export recorded it as the head "
                                    "%3: the history before it was rewritten")
                         .arg(expected.eventCount)
                         .arg(shortHash(events.at(expected.eventCount - 1).hash),
                              shortHash(expected.headHash))};
    return std::nullopt;
}

Break changedBreak(const TimelineEvent &e, const QByteArray &actual)
{
    return {e.seq, QStringLiteral("event %1 (%2) was changed after it was written: its content "
                                  "hashes to %3, its stored hash is %4")
                       .arg(e.seq)
                       .arg(printableText(e.kind, 64), shortHash(actual), shortHash(e.hash))};
}

// The stored text is what was hashed: an edited text, canonical or not, no longer matches.
// Events read from an export carry only the parsed payload, which is canonicalised.
QByteArray payloadOf(const TimelineEvent &e)
{
    return e.payloadText.isNull() ? EventChain::canonicalPayload(e.payload).toUtf8()
                                  : e.payloadText;
}

// The first event in [from, to) whose content does not hash to its stored hash, each hashed
// against its own stored prev_hash; -1 if none. Omitted events are not hashed.
qsizetype firstChangedIn(const QString &uuid, const TimelineEvents &events, qsizetype from,
                         qsizetype to, const QSet<qint64> &omitted)
{
    EventHasher hasher(uuid);
    for (qsizetype i = from; i < to; ++i) {
        const TimelineEvent &e = events.at(i);
        if (!omitted.contains(e.seq)
            && !EventHasher::equalsHex(hasher.digest(e, payloadOf(e), e.prevHash), e.hash))
            return i;
    }
    return -1;
}

// The same over the whole timeline. The hashes do not depend on one another once each event's
// stored prev_hash is taken (the walk in verify() checks the links in order), so a long timeline
// is hashed in two halves at once: opening an incident waits for this. Not when the caller keeps
// the other core busy itself (bothCores false).
qsizetype firstChangedEvent(const QString &uuid, const TimelineEvents &events,
                            const QSet<qint64> &omitted, bool bothCores, CheckedPrefix ahead)
{
    const auto inRange = [&](qsizetype from, qsizetype to) {
        return firstChangedIn(uuid, events, from, to, omitted);
    };
    if (ahead.firstChanged >= 0 && ahead.firstChanged < events.size())
        return ahead.firstChanged;
    if (!bothCores)
        return inRange(std::clamp<qsizetype>(ahead.checked, 0, events.size()), events.size());
    return TwoHalves::first(events.size(), inRange, [](qsizetype i) { return i >= 0; });
}

ChainReport verifyChain(const IncidentRecord &incident, const TimelineEvents &events,
                        std::optional<ChainAnchor> expected, const QSet<qint64> &omitted,
                        bool bothCores, CheckedPrefix ahead = {})
{
    ChainReport r;
    r.eventCount = events.size();
    const qsizetype mismatch = firstChangedEvent(incident.uuid, events, omitted, bothCores, ahead);
    QByteArray prev = EventChain::genesisHash(incident);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const TimelineEvent &e = events.at(i);
        if (const auto b = sequenceBreak(e.seq, i + 1))
            return broken(r, *b);
        if (const auto b = linkBreak(events, i, prev))
            return broken(r, *b);
        if (omitted.contains(e.seq))
            ++r.linkedCount; // its stored hash carries the chain on
        else
            ++r.checkedCount;
        // The link holds, so prev is the prev_hash the content was hashed against above.
        if (i == mismatch)
            return broken(r, changedBreak(e, EventHasher(incident.uuid)
                                                 .hashHex(e, payloadOf(e), prev)));
        prev = e.hash;
    }
    r.headHash = prev;
    if (expected) {
        if (const auto b = anchorBreak(r, events, *expected))
            return broken(r, *b);
    }
    // The declaration is written with the incident, in one commit: no events at all is a
    // timeline emptied behind the store's back, not an intact one.
    if (events.isEmpty())
        return broken(r, {1, QStringLiteral("the timeline holds no events: event 1, the "
                                            "declaration written with the incident, is missing")});
    // After the walk, so that a changed record (its checklist_sha256 too) is named as such at
    // event 1; the head stays, as the events' chain holds.
    if (const QString problem = ChainVerifier::checklistMismatch(incident); !problem.isEmpty())
        return broken(r, {0, problem});
    return r;
}

} // namespace

QString ChainReport::summary() const
{
    // In words a reader of the postmortem follows ("0 only linked" read as jargon): every event
    // hashed again, or those left out of an export (private, outside its span) followed by link.
    const QString head = printableText(QString::fromLatin1(headHash), 64);
    if (intact && linkedCount == 0)
        return QStringLiteral("chain intact: %1 events, every one checked, head %2")
            .arg(eventCount)
            .arg(head);
    if (intact)
        return QStringLiteral("chain intact: %1 events (%2 checked in full; %3 left out of this "
                              "export, %4 followed), head %5")
            .arg(eventCount)
            .arg(checkedCount)
            .arg(linkedCount)
            .arg(linkedCount == 1 ? QStringLiteral("its hash link")
                                  : QStringLiteral("their hash links"))
            .arg(head);
    // The problem quotes the input (an event's kind, a hash read from an export).
    if (brokenAt == 0)
        return QStringLiteral("chain BROKEN: %1").arg(printableText(problem, 400));
    return QStringLiteral("chain BROKEN at event %1: %2")
        .arg(brokenAt)
        .arg(printableText(problem, 400));
}

QString ChainVerifier::continuationProblem(const IncidentRecord &incident,
                                           const TimelineEvent *last, const TimelineEvents &newer)
{
    qint64 want = last ? last->seq + 1 : 1;
    QByteArray prev = last ? last->hash : EventChain::genesisHash(incident);
    EventHasher hasher(incident.uuid);
    for (const TimelineEvent &e : newer) {
        std::optional<Break> b = sequenceBreak(e.seq, want);
        if (!b && e.prevHash != prev)
            b = Break{e.seq, QStringLiteral("event %1 does not link to event %2 (expected "
                                            "prev_hash %3, found %4): it was forged, or an event "
                                            "before it rewritten")
                                 .arg(e.seq)
                                 .arg(e.seq - 1)
                                 .arg(shortHash(prev), shortHash(e.prevHash))};
        if (!b && !EventHasher::equalsHex(hasher.digest(e, payloadOf(e), prev), e.hash))
            b = changedBreak(e, hasher.hashHex(e, payloadOf(e), prev));
        if (b)
            return broken(ChainReport{}, *b).summary();
        prev = e.hash;
        ++want;
    }
    return {};
}

QString ChainVerifier::checklistMismatch(const IncidentRecord &incident)
{
    const QByteArray actual = sha256Hex(incident.checklistSource);
    if (actual == incident.checklistSha256)
        return {};
    return QStringLiteral("the checklist kept with the incident hashes to %1, but its declaration "
                          "record holds %2: the checklist was changed after the incident was "
                          "declared")
        .arg(shortHash(actual), shortHash(incident.checklistSha256));
}

ChainReport ChainVerifier::verify(const IncidentRecord &incident, const TimelineEvents &events,
                                  std::optional<ChainAnchor> expected, const QSet<qint64> &omitted)
{
    return verifyChain(incident, events, expected, omitted, true);
}

ChainReport ChainVerifier::verifyOnOneCore(const IncidentRecord &incident,
                                           const TimelineEvents &events, CheckedPrefix ahead)
{
    return verifyChain(incident, events, std::nullopt, {}, false, ahead);
}

ChainReport ChainVerifier::verifyExport(const IncidentRecord &incident,
                                       const TimelineEvents &events, const ChainAnchor &claimed,
                                       const QSet<qint64> &omitted, qint64 claimedOmitted)
{
    ChainReport r;
    const auto held = static_cast<qint64>(events.size());
    r.eventCount = held;
    if (claimed.eventCount != held)
        return broken(r, {0, QStringLiteral("the export claims %1 events (chain.event_count) but "
                                            "holds %2")
                                 .arg(claimed.eventCount)
                                 .arg(held)});
    if (held == 0)
        return broken(r, {0, QStringLiteral("the export holds no events; a timeline starts with "
                                            "its declaration, so there is nothing to verify")});
    if (claimedOmitted >= 0 && claimedOmitted != omitted.size())
        return broken(r, {0, QStringLiteral("the export counts %1 omitted events "
                                            "(slice.omitted_events) but holds %2 placeholders")
                                 .arg(claimedOmitted)
                                 .arg(omitted.size())});
    r = verify(incident, events, claimed, omitted);
    if (r.intact && r.checkedCount == 0)
        return broken(r, {0, QStringLiteral("all %1 events are omitted placeholders: their links "
                                            "hold, but no event's content is in the export to "
                                            "check")
                                 .arg(held)});
    return r;
}

} // namespace warroom
