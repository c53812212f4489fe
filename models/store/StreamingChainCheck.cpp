#include "store/StreamingChainCheck.h"

#include "chain/EventChain.h"
#include "store/EventRowCursor.h"
#include "timeline/EventRowRules.h"

#include <algorithm>

namespace warroom {

StreamingChainCheck::StreamingChainCheck(const IncidentRecord &incident)
    : m_hasher(incident.uuid)
    , m_prev(EventChain::genesisHash(incident))
    // A changed checklist breaks the chain as a changed event does (ChainVerifier says how).
    , m_intact(ChainVerifier::checklistMismatch(incident).isEmpty())
{}

// Actors, kinds, steps and items repeat from row to row: a text is decoded only when it changes.
void StreamingChainCheck::assignIfChanged(QString &text, QByteArray &last, QByteArrayView utf8)
{
    if (QByteArrayView(last) == utf8 && !last.isNull())
        return;
    last = utf8.toByteArray();
    if (last.isNull())
        last = QByteArray("", 0); // a NULL column reads as empty, as the store reads it
    text = QString::fromUtf8(utf8);
}

bool StreamingChainCheck::add(const EventRowCursor &row)
{
    if (!m_intact)
        return false;
    // A number SQLite does not hold as one reads as another (2.5 as 2): the caller then reads
    // the events, and that read says what the row holds.
    if (!row.numbersProblem().isEmpty()) {
        m_intact = false;
        return false;
    }
    m_event.seq = row.seq();
    const QByteArrayView prev = row.prevHash();
    if (m_event.seq != m_count + 1 || prev != QByteArrayView(m_prev)) {
        m_intact = false;
        return false;
    }
    m_event.utcMs = row.utcMs();
    m_event.elapsedMs = row.elapsedMs();
    assignIfChanged(m_event.actor, m_lastActor, row.actor());
    assignIfChanged(m_event.kind, m_lastKind, row.kind());
    assignIfChanged(m_event.stepId, m_lastStep, row.stepId());
    assignIfChanged(m_event.itemId, m_lastItem, row.itemId());
    const QByteArrayView payload = row.payload();
    // Borrowed, not copied: the hasher reads them before the cursor moves on.
    const QByteArray payloadBytes = QByteArray::fromRawData(payload.data(), payload.size());
    const QByteArray prevBytes = QByteArray::fromRawData(prev.data(), prev.size());
    const QByteArrayView hash = row.hash();
    const QByteArray hashBytes = QByteArray::fromRawData(hash.data(), hash.size());
    if (!EventHasher::equalsHex(m_hasher.digest(m_event, payloadBytes, prevBytes), hashBytes)) {
        m_intact = false;
        return false;
    }
    if (m_rowProblem.isEmpty())
        m_rowProblem = EventRowRules::storedRowProblem(m_event, payloadBytes);
    m_prev.resize(hash.size()); // keeps its capacity: no allocation per row
    std::copy(hash.begin(), hash.end(), m_prev.begin());
    ++m_count;
    return true;
}

ChainReport StreamingChainCheck::report() const
{
    ChainReport r;
    r.intact = m_intact;
    r.eventCount = m_count;
    r.checkedCount = m_count;
    r.headHash = m_prev;
    return r;
}

} // namespace warroom
