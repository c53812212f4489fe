#pragma once

#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

#include <QByteArray>
#include <QString>

namespace warroom {

// The tamper-evident chain over an incident's timeline. Each event's hash is SHA-256 over a
// canonical serialisation of the event that includes the previous event's hash; the first event
// links to a hash of the incident's declaration record. Changing, removing, inserting or
// reordering anything breaks the chain from that point on; cutting the tail off is caught by
// comparing with the head hash and count an export carried away.
//
// Canonical form: JSON, keys sorted, no whitespace, UTF-8 (nlohmann_json's dump()), of
//   {"actor","elapsed_ms","incident"(uuid),"item","kind","payload","prev","seq","step","utc_ms"}
// with "item"/"step" null when absent. Hashes are lower-case hex.
namespace EventChain {

// The payload text as stored and hashed: the canonical form of the JSON object.
QString canonicalPayload(const QJsonObject &payload);
QByteArray genesisHash(const IncidentRecord &incident);
// payloadText must be canonical (as canonicalPayload returns and the store keeps).
QByteArray eventHash(const QString &incidentUuid, const TimelineEvent &event,
                     const QString &payloadText, const QByteArray &prevHash);
// Loops over a whole timeline use an EventHasher, which keeps its buffers between events.

} // namespace EventChain

} // namespace warroom
