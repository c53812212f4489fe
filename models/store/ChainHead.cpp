#include "store/ChainHead.h"

#include "chain/EventChain.h"

namespace warroom {

TimelineEvent chainNext(ChainHead &head, const EventDraft &draft, qint64 utcMs)
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
    const QString payloadText = EventChain::canonicalPayload(e.payload);
    e.payloadText = payloadText.toUtf8();
    e.prevHash = head.lastHash;
    e.hash = EventChain::eventHash(head.uuid, e, payloadText, e.prevHash);
    head.lastHash = e.hash;
    head.lastUtcMs = utcMs;
    return e;
}

} // namespace warroom
