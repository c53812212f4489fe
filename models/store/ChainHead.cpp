#include "store/ChainHead.h"

#include "chain/CanonicalJson.h"
#include "chain/EventHasher.h"

#include <QDateTime>

#include <algorithm>

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

QString stampProblem(const ChainHead &head, qint64 utcMs)
{
    const qint64 nowUtcMs = std::max(utcMs, QDateTime::currentMSecsSinceEpoch());
    constexpr qint64 week = 7LL * 24 * 60 * 60 * 1000;
    if (head.lastUtcMs <= nowUtcMs || head.lastUtcMs - nowUtcMs <= week)
        return {};
    const auto iso = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
    };
    return QStringLiteral("its last event (%1) is stamped %2, more than a week after this "
                          "machine's clock (%3); a new event would be stamped then too, so "
                          "nothing was recorded: check this machine's clock and the one that "
                          "wrote event %1. If that stamp is wrong (a clock far ahead, or a row "
                          "written by something other than warroom), this incident takes no more "
                          "events until this machine's clock is within a week of it (for a stamp "
                          "years ahead, never): record the rest in a new incident and keep this "
                          "one as evidence")
        .arg(QString::number(head.lastSeq), iso(head.lastUtcMs), iso(nowUtcMs));
}

} // namespace warroom
