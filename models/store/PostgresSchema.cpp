#include "store/PostgresSchema.h"

namespace warroom {

namespace {

// Version 1: the incidents and their append-only events, refused UPDATE, DELETE and TRUNCATE by
// triggers in the server itself, not only by this program.
const char *const timelineTables = R"sql(
CREATE TABLE incidents (
    id                 BIGSERIAL PRIMARY KEY,
    uuid               TEXT   NOT NULL UNIQUE,
    title              TEXT   NOT NULL,
    commander          TEXT   NOT NULL,
    mode               TEXT   NOT NULL CHECK (mode IN ('live', 'drill')),
    declared_utc_ms    BIGINT NOT NULL,
    checklist_id       TEXT   NOT NULL,
    checklist_revision TEXT   NOT NULL,
    checklist_sha256   TEXT   NOT NULL,
    checklist_json     BYTEA  NOT NULL,
    variables_json     TEXT   NOT NULL DEFAULT '{}'
);
CREATE TABLE events (
    incident_id  BIGINT NOT NULL REFERENCES incidents (id),
    seq          BIGINT NOT NULL CHECK (seq > 0),
    utc_ms       BIGINT NOT NULL,
    elapsed_ms   BIGINT NOT NULL,
    actor        TEXT   NOT NULL CHECK (actor <> ''),
    kind         TEXT   NOT NULL CHECK (kind <> ''),
    step_id      TEXT,
    item_id      TEXT,
    payload_json TEXT   NOT NULL DEFAULT '{}',
    prev_hash    TEXT,
    hash         TEXT,
    PRIMARY KEY (incident_id, seq)
);
CREATE FUNCTION warroom_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW
EXECUTE FUNCTION warroom_refuse('the timeline is append-only: events cannot be changed or deleted');
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT
EXECUTE FUNCTION warroom_refuse('the timeline is append-only: events cannot be deleted');
CREATE TRIGGER incidents_immutable BEFORE UPDATE OR DELETE ON incidents FOR EACH ROW
EXECUTE FUNCTION warroom_refuse('an incident declaration cannot be changed or deleted');
CREATE TRIGGER incidents_no_truncate BEFORE TRUNCATE ON incidents FOR EACH STATEMENT
EXECUTE FUNCTION warroom_refuse('incidents cannot be deleted');
)sql";

const char *const appState = R"sql(
CREATE TABLE app_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql";

// Version 3 chained the events in SQLite (rows from before were hashed then). A server store
// starts at 1 with no rows older than the chain, so here it only refuses an unchained event.
const char *const chained = R"sql(
ALTER TABLE events ALTER COLUMN prev_hash SET NOT NULL;
ALTER TABLE events ALTER COLUMN hash SET NOT NULL;
)sql";

// Version 4: the facilitation record of drills (see SchemaMigrations' facilitationTable): its
// own append-only table, outside the chain, refused for live incidents.
const char *const facilitation = R"sql(
CREATE TABLE facilitation_entries (
    incident_id  BIGINT NOT NULL REFERENCES incidents (id),
    seq          BIGINT NOT NULL CHECK (seq > 0),
    utc_ms       BIGINT NOT NULL,
    drill_ms     BIGINT NOT NULL CHECK (drill_ms >= 0),
    author       TEXT   NOT NULL CHECK (author <> ''),
    kind         TEXT   NOT NULL CHECK (kind <> ''),
    subject      TEXT   NOT NULL DEFAULT '',
    payload_json TEXT   NOT NULL DEFAULT '{}',
    PRIMARY KEY (incident_id, seq)
);
CREATE TRIGGER facilitation_append_only BEFORE UPDATE OR DELETE ON facilitation_entries
FOR EACH ROW EXECUTE FUNCTION warroom_refuse(
    'the facilitation record is append-only: entries cannot be changed or deleted');
CREATE TRIGGER facilitation_no_truncate BEFORE TRUNCATE ON facilitation_entries
FOR EACH STATEMENT EXECUTE FUNCTION warroom_refuse(
    'the facilitation record is append-only: entries cannot be deleted');
CREATE FUNCTION warroom_drills_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT mode FROM incidents WHERE id = NEW.incident_id) IS DISTINCT FROM 'drill' THEN
        RAISE EXCEPTION 'only a drill incident has a facilitation record'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER facilitation_drills_only BEFORE INSERT ON facilitation_entries
FOR EACH ROW EXECUTE FUNCTION warroom_drills_only();
)sql";

} // namespace

const QList<PostgresMigration> &postgresMigrations()
{
    static const QList<PostgresMigration> migrations = {
        {1, timelineTables},
        {2, appState},
        {3, chained},
        {4, facilitation},
    };
    return migrations;
}

} // namespace warroom
