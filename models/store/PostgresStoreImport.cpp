// PostgresStore::importIncident, for `warroom import` and `warroom copy` into a server: an incident
// from elsewhere written back exactly as it was (seq, times, actors, payload texts, hashes), all or
// none, so that its chain, which hashes the incident's uuid and never its id, verifies here as it
// did there. Kept apart from the append path, which computes hashes instead of taking them.
#include "store/PostgresStore.h"

#include "chain/ChainVerifier.h"
#include "store/postgres/PgConnection.h"
#include "store/PostgresRows.h"

namespace warroom {

using pgrows::number;

// The id is always the server's next one: several screens declare on a server at once, and an id
// taken from an export would leave the server's sequence behind it (moving the sequence needs more
// than the INSERT and SELECT a least-privilege role has). The uuid stays the incident's identity.
std::optional<qint64> PostgresStore::importIncident(const IncidentRecord &incident,
                                                    const TimelineEvents &events, QString *error)
{
    if (!beginWrite(error))
        return std::nullopt;
    auto fail = [this]() -> std::optional<qint64> {
        m_conn->exec("ROLLBACK");
        return std::nullopt;
    };
    PgResult existing = m_conn->exec("SELECT id FROM incidents WHERE uuid = $1",
                                     {incident.uuid.toUtf8()});
    if (!finish(existing, error))
        return fail();
    if (existing.rows() > 0) {
        if (error)
            *error = QStringLiteral("incident %1 is already in %2 as incident %3 (imported or "
                                    "declared there before); nothing was written")
                         .arg(incident.uuid, m_display)
                         .arg(existing.int64(0, 0));
        return fail();
    }
    PgResult inserted = m_conn->exec(pgrows::insertIncidentSql, pgrows::incidentParams(incident));
    if (!finish(inserted, error))
        return fail();
    const qint64 id = inserted.int64(0, 0);
    for (const TimelineEvent &e : events) {
        // Its own statement name, so it never meets the append path's prepared statement.
        if (!finish(m_conn->execPrepared("warroom_import_event", pgrows::insertEventSql,
                                         pgrows::eventParams(id, e)),
                    error))
            return fail();
    }
    // What the server now holds must verify as a chain of its own, or nothing is kept.
    const auto record = this->incident(id, error);
    const auto written = record ? readEvents(id, 0, false, error) : std::nullopt;
    if (!written)
        return fail();
    const ChainReport chain = ChainVerifier::verify(*record, *written);
    if (!chain.intact) {
        if (error)
            *error = QStringLiteral("the imported incident does not verify in %1 (%2); nothing "
                                    "was written")
                         .arg(m_display, chain.summary());
        return fail();
    }
    const QByteArray notice = number(id) + ' ' + number(events.isEmpty() ? 0 : events.last().seq);
    if (!finish(m_conn->exec("SELECT pg_notify('warroom_events', $1)", {notice}), error)
        || !commit(error))
        return fail();
    return id;
}

} // namespace warroom
