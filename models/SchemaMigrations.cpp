#include "SchemaMigrations.h"

namespace warroom {

const QList<SchemaMigration> &schemaMigrations()
{
    static const QList<SchemaMigration> migrations = {
        {1, QStringLiteral(R"sql(
CREATE TABLE incidents (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT    NOT NULL UNIQUE,
    title              TEXT    NOT NULL,
    commander          TEXT    NOT NULL,
    mode               TEXT    NOT NULL CHECK (mode IN ('live', 'drill')),
    declared_utc_ms    INTEGER NOT NULL,
    checklist_id       TEXT    NOT NULL,
    checklist_revision TEXT    NOT NULL,
    checklist_sha256   TEXT    NOT NULL,
    checklist_json     BLOB    NOT NULL,
    variables_json     TEXT    NOT NULL DEFAULT '{}'
);
CREATE TABLE events (
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    seq          INTEGER NOT NULL CHECK (seq > 0),
    utc_ms       INTEGER NOT NULL,
    elapsed_ms   INTEGER NOT NULL,
    actor        TEXT    NOT NULL CHECK (actor <> ''),
    kind         TEXT    NOT NULL CHECK (kind <> ''),
    step_id      TEXT,
    item_id      TEXT,
    payload_json TEXT    NOT NULL DEFAULT '{}',
    prev_hash    BLOB,
    hash         BLOB,
    PRIMARY KEY (incident_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the timeline is append-only: events cannot be changed'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the timeline is append-only: events cannot be deleted'); END;
CREATE TRIGGER incidents_immutable_update BEFORE UPDATE ON incidents
BEGIN SELECT RAISE(ABORT, 'an incident declaration cannot be changed; append an event'); END;
CREATE TRIGGER incidents_immutable_delete BEFORE DELETE ON incidents
BEGIN SELECT RAISE(ABORT, 'incidents cannot be deleted'); END;
)sql")},
        {2, QStringLiteral(R"sql(
CREATE TABLE app_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql")},
    };
    return migrations;
}

} // namespace warroom
