#include "store/SchemaMigrations.h"

#include "chain/EventChain.h"
#include "store/sqlite/SqliteDatabase.h"
#include "store/sqlite/SqliteStatement.h"
#include "store/StoreRows.h"

#include <QJsonDocument>

namespace warroom {

namespace {

// Schema 3 chains the events. Events written before it get their hashes now, in order, so that
// old incidents verify like new ones from here on.
bool chainExistingEvents(SqliteDatabase &db, QString *error)
{
    SqliteStatement incidents(db, QStringLiteral("SELECT ") + incidentRowColumns()
                                      + QStringLiteral(" FROM incidents ORDER BY id"));
    QList<IncidentRecord> records;
    while (incidents.step() == SqliteStatement::Step::Row)
        records.append(readIncidentRow(incidents));
    SqliteStatement update(db, QStringLiteral("UPDATE events SET payload_json = ?, prev_hash = ?, "
                                              "hash = ? WHERE incident_id = ? AND seq = ?"));
    for (const IncidentRecord &r : std::as_const(records)) {
        SqliteStatement events(db, QStringLiteral("SELECT ") + eventRowColumns()
                                       + QStringLiteral(" FROM events WHERE incident_id = ? "
                                                        "ORDER BY seq"));
        events.bind(1, r.id);
        QByteArray prev = EventChain::genesisHash(r);
        while (events.step() == SqliteStatement::Step::Row) {
            const TimelineEvent e = readEventRow(events);
            const QString payload = EventChain::canonicalPayload(e.payload);
            const QByteArray hash = EventChain::eventHash(r.uuid, e, payload, prev);
            update.reset();
            update.bind(1, payload);
            update.bind(2, QString::fromLatin1(prev));
            update.bind(3, QString::fromLatin1(hash));
            update.bind(4, r.id);
            update.bind(5, e.seq);
            if (!update.exec()) {
                if (error)
                    *error = update.lastError();
                return false;
            }
            prev = hash;
        }
    }
    return true;
}

// Version 1: the incidents and their append-only events.
QString timelineTables()
{
    return QStringLiteral(R"sql(
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
)sql");
}

// Version 3, after its SQL: old rows chained, then the append-only trigger put back and an event
// without hashes refused.
bool chainAndSeal(SqliteDatabase &db, QString *error)
{
    return chainExistingEvents(db, error)
           && db.exec(QStringLiteral(R"sql(
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the timeline is append-only: events cannot be changed'); END;
CREATE TRIGGER events_must_be_chained BEFORE INSERT ON events
WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
BEGIN SELECT RAISE(ABORT, 'an event must carry its chain hashes'); END;
)sql"),
                      error);
}

// Version 4: the facilitation record of drills (FacilitationEntry): observations, ratings and the
// inject board, out of the chained timeline on purpose (players never see them, the postmortem
// does not carry them), but append-only with rules of its own: no change, no removal, a seq
// that is positive, and only for drill incidents (a live incident has no facilitator).
QString facilitationTable()
{
    return QStringLiteral(R"sql(
CREATE TABLE facilitation_entries (
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    seq          INTEGER NOT NULL CHECK (seq > 0),
    utc_ms       INTEGER NOT NULL,
    drill_ms     INTEGER NOT NULL CHECK (drill_ms >= 0),
    author       TEXT    NOT NULL CHECK (author <> ''),
    kind         TEXT    NOT NULL CHECK (kind <> ''),
    subject      TEXT    NOT NULL DEFAULT '',
    payload_json TEXT    NOT NULL DEFAULT '{}',
    PRIMARY KEY (incident_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER facilitation_append_only_update BEFORE UPDATE ON facilitation_entries
BEGIN SELECT RAISE(ABORT, 'the facilitation record is append-only: entries cannot be changed'); END;
CREATE TRIGGER facilitation_append_only_delete BEFORE DELETE ON facilitation_entries
BEGIN SELECT RAISE(ABORT, 'the facilitation record is append-only: entries cannot be deleted'); END;
CREATE TRIGGER facilitation_drills_only BEFORE INSERT ON facilitation_entries
WHEN (SELECT mode FROM incidents WHERE id = NEW.incident_id) IS NOT 'drill'
BEGIN SELECT RAISE(ABORT, 'only a drill incident has a facilitation record'); END;
)sql");
}

} // namespace

const QList<SchemaMigration> &schemaMigrations()
{
    static const QList<SchemaMigration> migrations = {
        {1, timelineTables()},
        {2, QStringLiteral(R"sql(
CREATE TABLE app_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql")},
        // The append-only trigger is lifted for the one-time chaining of old rows and put back in
        // the same transaction; from here on an event without a hash cannot be written.
        {3, QStringLiteral(R"sql(
DROP TRIGGER events_append_only_update;
)sql"),
         chainAndSeal},
        {4, facilitationTable()},
    };
    return migrations;
}

} // namespace warroom
