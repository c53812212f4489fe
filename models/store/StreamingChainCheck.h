#pragma once

#include "chain/ChainVerifier.h"
#include "chain/EventHasher.h"

#include <QByteArrayView>

namespace warroom {

class EventRowCursor;

// Verifies an incident's chain as its rows stream past an EventRowCursor, with the chain's own
// canonical form and hash (EventHasher): each sequence number the next, each prev_hash the hash
// before it, each stored hash the hash of the row's content. It only answers whether the chain is
// intact: on the first broken link it stops, and the caller asks ChainVerifier for the words
// (which event, what is wrong) from the events read the ordinary way, so a damaged chain is
// reported exactly as before and the intact one, nearly always the case, costs one pass.
class StreamingChainCheck
{
public:
    explicit StreamingChainCheck(const IncidentRecord &incident);

    // The next row; false once the chain is broken (at this row or before).
    bool add(const EventRowCursor &row);
    bool intact() const { return m_intact; }
    // What ChainVerifier::verify says of the same intact chain (every event checked).
    ChainReport report() const;
    // The rows passed and found linked and unchanged.
    qint64 count() const { return m_count; }
    // The first of those rows that every other reader refuses (EventRowRules: a time out of
    // range, no signature, a payload that is not a JSON object), or empty. An
    // intact chain proves only that nothing changed since the row was appended: whoever may
    // append computes the unkeyed hash too.
    const QString &rowProblem() const { return m_rowProblem; }

private:
    static void assignIfChanged(QString &text, QByteArray &last, QByteArrayView utf8);

    EventHasher m_hasher;
    TimelineEvent m_event; // the row's fields the canonical form covers, reused for every row
    QByteArray m_lastActor;
    QByteArray m_lastKind;
    QByteArray m_lastStep;
    QByteArray m_lastItem;
    QByteArray m_prev; // the hash the next row must link to
    qint64 m_count = 0;
    bool m_intact = true;
    QString m_rowProblem;
};

} // namespace warroom
