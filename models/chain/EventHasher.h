#pragma once

#include "timeline/TimelineEvent.h"
#include "util/Sha256.h"

#include <QByteArray>
#include <QString>


namespace warroom {

// Hashes events of one incident into the chain (see EventChain for the canonical form), keeping
// what a loop over a whole timeline would otherwise build afresh for every event: the buffer the
// canonical form is written into, the incident's UUID in UTF-8 and the digest context and
// algorithm (a fetch and an allocation per event otherwise). A verify of 100,000 events spent
// most of its time in those. Not thread-safe: one hasher per thread.
class EventHasher
{
public:
    using Digest = Sha256::Digest;

    explicit EventHasher(const QString &incidentUuid);
    ~EventHasher();
    EventHasher(const EventHasher &) = delete;
    EventHasher &operator=(const EventHasher &) = delete;

    // payloadUtf8 must be canonical (as EventChain::canonicalPayload returns and the store keeps).
    Digest digest(const TimelineEvent &event, const QByteArray &payloadUtf8,
                  const QByteArray &prevHash);
    // The digest as the chain stores it: lower-case hex.
    QByteArray hashHex(const TimelineEvent &event, const QByteArray &payloadUtf8,
                       const QByteArray &prevHash);
    // Whether `hex` (a stored hash) is this digest, without building a string for it.
    static bool equalsHex(const Digest &digest, const QByteArray &hex);
    static QByteArray toHex(const Digest &digest);

private:
    void writeCanonical(const TimelineEvent &event, const QByteArray &payloadUtf8,
                        const QByteArray &prevHash);

    QByteArray m_uuid;
    QByteArray m_buffer;
    Sha256 m_sha;
};

} // namespace warroom
