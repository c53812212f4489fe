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

namespace {

constexpr qint64 week = 7LL * 24 * 60 * 60 * 1000;

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

QString stampProblem(const ChainHead &head, qint64 utcMs, qint64 referenceUtcMs)
{
    const qint64 nowUtcMs = std::max(
        utcMs, referenceUtcMs >= 0 ? referenceUtcMs : QDateTime::currentMSecsSinceEpoch());
    if (head.lastUtcMs <= nowUtcMs || head.lastUtcMs - nowUtcMs <= week)
        return {};
    const QString whose
        = referenceUtcMs >= 0 ? QStringLiteral("the server's") : QStringLiteral("this machine's");
    return QStringLiteral("its last event (%1) is stamped %2, more than a week after %4 "
                          "clock (%3); a new event would be stamped then too, so "
                          "nothing was recorded: check this machine's clock and the one that "
                          "wrote event %1. If that stamp is wrong (a clock far ahead, or a row "
                          "written by something other than warroom), this incident takes no more "
                          "events until %4 clock is within a week of it (for a stamp "
                          "years ahead, never): record the rest in a new incident and keep this "
                          "one as evidence")
        .arg(QString::number(head.lastSeq), isoUtc(head.lastUtcMs), isoUtc(nowUtcMs), whose);
}

QString fastClockProblem(qint64 utcMs, qint64 serverUtcMs)
{
    if (utcMs - serverUtcMs <= week)
        return {};
    const qint64 days = (utcMs - serverUtcMs + 12 * 60 * 60'000) / (24 * 60 * 60'000);
    return QStringLiteral("this machine's clock reads %1, %2 days ahead of the shared server's "
                          "(%3). Whatever it stamped would stamp every screen's events after it "
                          "that far ahead, and lock every screen whose clock is right out of the "
                          "incident, so nothing was recorded. One of the two clocks is wrong: set "
                          "it right (NTP) and try again")
        .arg(isoUtc(utcMs), QString::number(days), isoUtc(serverUtcMs));
}

} // namespace warroom
