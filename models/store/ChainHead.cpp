#include "store/ChainHead.h"

#include "chain/CanonicalJson.h"
#include "chain/EventHasher.h"

namespace warroom {

TimelineEvent chainNext(ChainHead &head, const EventDraft &draft, qint64 utcMs,
                        EventHasher *hasher)
{
    TimelineEvent e;
    e.incidentId = head.incidentId;
    e.seq = ++head.lastSeq;
    e.utcMs = utcMs;
    e.elapsedMs = utcMs - head.declaredUtcMs;
    e.actor = draft.actor;
    e.kind = draft.kind;
    e.stepId = draft.stepId;
    e.itemId = draft.itemId;
    e.payload = draft.payload;
    e.payloadText = CanonicalJson::write(draft.payload);
    e.prevHash = head.lastHash;
    if (hasher) {
        e.hash = hasher->hashHex(e, e.payloadText, e.prevHash);
    } else {
        EventHasher own(head.uuid);
        e.hash = own.hashHex(e, e.payloadText, e.prevHash);
    }
    head.lastHash = e.hash;
    head.lastUtcMs = utcMs;
    return e;
}

} // namespace warroom
