// The server store's facilitation record (schema 4): one entry per transaction, under the same
// per-incident advisory lock as the events so two screens never take the same seq.
#include "store/PostgresStore.h"

#include "store/postgres/PgConnection.h"

#include <QJsonDocument>

namespace warroom {

namespace {

const char *const lockSql = "SELECT pg_advisory_xact_lock(2003985261, $1::int)";
const char *const insertSql
    = "INSERT INTO facilitation_entries (incident_id, seq, utc_ms, drill_ms, author, kind, "
      "subject, payload_json) SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7 FROM "
      "facilitation_entries WHERE incident_id = $1 RETURNING seq";
const char *const selectSql
    = "SELECT seq, utc_ms, drill_ms, author, kind, subject, payload_json FROM "
      "facilitation_entries WHERE incident_id = $1 ORDER BY seq";

} // namespace

std::optional<qint64> PostgresStore::appendFacilitation(const FacilitationEntry &entry,
                                                        QString *error)
{
    if (!beginWrite(error))
        return std::nullopt;
    const QByteArray id = QByteArray::number(entry.incidentId);
    if (!finish(m_conn->exec(lockSql, {id}), error)) {
        m_conn->exec("ROLLBACK");
        return std::nullopt;
    }
    // An empty QString's UTF-8 is a null QByteArray, which goes to the server as NULL: every
    // entry without a subject (the clock's, a note's) was refused by its NOT NULL, four in
    // each drill run headless on a server, and its debrief had no record.
    const auto text = [](const QString &t) {
        return t.isEmpty() ? QByteArray("") : t.toUtf8();
    };
    PgResult r = m_conn->exec(
        insertSql, {id, QByteArray::number(entry.utcMs), QByteArray::number(entry.drillMs),
                    text(entry.author), text(entry.kind), text(entry.subject),
                    QJsonDocument(entry.payload).toJson(QJsonDocument::Compact)});
    const qint64 seq = r.ok() && r.rows() == 1 ? r.int64(0, 0) : 0;
    if (!finish(r, error) || !finish(m_conn->exec("COMMIT"), error)) {
        m_conn->exec("ROLLBACK");
        return std::nullopt;
    }
    return seq;
}

std::optional<FacilitationEntries> PostgresStore::facilitation(qint64 incidentId,
                                                               QString *error) const
{
    if (!ensureConnected(error))
        return std::nullopt;
    PgResult r = m_conn->exec(selectSql, {QByteArray::number(incidentId)});
    if (!finish(r, error))
        return std::nullopt;
    FacilitationEntries out;
    for (int row = 0; row < r.rows(); ++row) {
        FacilitationEntry e;
        e.incidentId = incidentId;
        e.seq = r.int64(row, 0);
        e.utcMs = r.int64(row, 1);
        e.drillMs = r.int64(row, 2);
        e.author = r.text(row, 3);
        e.kind = r.text(row, 4);
        e.subject = r.text(row, 5);
        e.payload = QJsonDocument::fromJson(r.view(row, 6).toByteArray()).object();
        out.append(e);
    }
    return out;
}

} // namespace warroom
