// TimelineStore::importIncident, for `warroom import`: an incident exported elsewhere written back
// exactly as it was, so its chain (which hashes the incident's uuid, never its local id) verifies
// here as it did there. Kept apart from the append path, which computes hashes instead of taking
// them.
#include "store/TimelineStore.h"

#include "chain/ChainVerifier.h"
#include "chain/EventChain.h"
#include "store/StoreBackend.h"
#include "store/sqlite/SqliteDatabase.h"
#include "store/sqlite/SqliteStatement.h"
#include "store/sqlite/SqliteTransaction.h"
#include "store/StoreRows.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace warroom {

namespace {

bool failed(SqliteStatement &s, QString *error)
{
    if (error)
        *error = s.lastError();
    return false;
}

// The incident that already has this uuid, if any.
std::optional<qint64> incidentWithUuid(SqliteDatabase &db, const QString &uuid)
{
    SqliteStatement s(db, QStringLiteral("SELECT id FROM incidents WHERE uuid = ?"));
    s.bind(1, uuid);
    if (s.step() != SqliteStatement::Step::Row)
        return std::nullopt;
    return s.columnInt64(0);
}

bool idIsFree(SqliteDatabase &db, qint64 id)
{
    SqliteStatement s(db, QStringLiteral("SELECT 1 FROM incidents WHERE id = ?"));
    s.bind(1, id);
    return s.step() == SqliteStatement::Step::Done;
}

bool insertIncident(SqliteDatabase &db, const IncidentRecord &incident, bool keepId, QString *error)
{
    SqliteStatement insert(
        db, QStringLiteral("INSERT INTO incidents (id, uuid, title, commander, mode, "
                           "declared_utc_ms, checklist_id, checklist_revision, checklist_sha256, "
                           "checklist_json, variables_json) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (keepId)
        insert.bind(1, incident.id);
    else
        insert.bindNull(1); // SQLite takes the next id
    QJsonObject variables;
    for (auto it = incident.variables.cbegin(); it != incident.variables.cend(); ++it)
        variables.insert(it.key(), it.value());
    insert.bind(2, incident.uuid);
    insert.bind(3, incident.title);
    insert.bind(4, incident.commander);
    insert.bind(5, incidentModeName(incident.mode));
    insert.bind(6, incident.declaredUtcMs);
    insert.bind(7, incident.checklistId);
    insert.bind(8, incident.checklistRevision);
    insert.bind(9, QString::fromLatin1(incident.checklistSha256));
    insert.bind(10, incident.checklistSource);
    insert.bind(11, QString::fromUtf8(QJsonDocument(variables).toJson(QJsonDocument::Compact)));
    return insert.exec() || failed(insert, error);
}

bool insertEventsVerbatim(SqliteDatabase &db, qint64 incidentId, const TimelineEvents &events,
                          QString *error)
{
    SqliteStatement insert(db, eventInsertSql());
    for (TimelineEvent e : events) { // a shallow copy: the row goes to the imported incident's id
        e.incidentId = incidentId;
        bindEventRow(insert, e);
        if (!insert.exec())
            return failed(insert, error);
    }
    return true;
}

} // namespace

std::optional<qint64> TimelineStore::importIncident(const IncidentRecord &incident,
                                                    const TimelineEvents &events, QString *error)
{
    if (m_server)
        return m_server->importIncident(incident, events, error);
    const auto tx = beginWrite(error);
    if (!tx)
        return std::nullopt;
    if (const auto existing = incidentWithUuid(*m_db, incident.uuid)) {
        if (error)
            *error = QStringLiteral("incident %1 is already in %2 as incident %3 (imported or "
                                    "declared there before); nothing was written")
                         .arg(incident.uuid, path())
                         .arg(*existing);
        return std::nullopt;
    }
    // An id the chain does not cover: 9223372036854775807 kept as it was made SQLite give every
    // later incident a random 19-digit id.
    constexpr qint64 largestKeptId = 2'147'483'647;
    const bool keepId
        = incident.id > 0 && incident.id <= largestKeptId && idIsFree(*m_db, incident.id);
    if (!insertIncident(*m_db, incident, keepId, error))
        return std::nullopt;
    const qint64 id = m_db->lastInsertRowId();
    if (!insertEventsVerbatim(*m_db, id, events, error))
        return std::nullopt;
    // What the database now holds must verify as a chain of its own, or nothing is kept.
    const auto record = this->incident(id, error);
    const auto written = record ? chainEvents(id, error) : std::nullopt;
    if (!written)
        return std::nullopt;
    const ChainReport chain = ChainVerifier::verify(*record, *written);
    if (!chain.intact) {
        if (error)
            *error = QStringLiteral("the imported incident does not verify in %1 (%2); nothing "
                                    "was written")
                         .arg(path(), chain.summary());
        return std::nullopt;
    }
    if (!tx->commit()) {
        if (error)
            *error = tx->error();
        return std::nullopt;
    }
    return id;
}

} // namespace warroom
