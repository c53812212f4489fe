#pragma once

#include "store/TimelineStore.h"

#include <QByteArray>
#include <QList>

namespace warroom::pgrows {

// The server store's rows as libpq's text parameters, shared by the append path and the import
// path so that an event or an incident is written one way, whichever path writes it.

inline QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

// An empty text is SQL NULL (step and item ids of incident-wide events).
inline QByteArray textOrNull(const QString &s)
{
    return s.isEmpty() ? QByteArray() : s.toUtf8();
}

// $1..$11 of insertEventSql. The payload as stored: its canonical text, as the chain hashes it.
QList<QByteArray> eventParams(qint64 incidentId, const TimelineEvent &e);
// $1..$10 of insertIncidentSql.
QList<QByteArray> incidentParams(const IncidentRecord &incident);

inline constexpr const char *insertEventSql
    = "INSERT INTO events (incident_id, seq, utc_ms, elapsed_ms, actor, kind, step_id, item_id, "
      "payload_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
inline constexpr const char *insertIncidentSql
    = "INSERT INTO incidents (uuid, title, commander, mode, declared_utc_ms, checklist_id, "
      "checklist_revision, checklist_sha256, checklist_json, variables_json) VALUES ($1, $2, $3, "
      "$4, $5, $6, $7, $8, $9, $10) RETURNING id";

} // namespace warroom::pgrows
