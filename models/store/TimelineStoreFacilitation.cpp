// TimelineStore's facilitation record on SQLite (schema 4): one entry per write transaction,
// numbered after the incident's last; the triggers of migration 4 keep it append-only and for
// drills only, so a refusal comes from the database itself, in its words.
#include "store/TimelineStore.h"

#include "store/StoreBackend.h"
#include "store/StoreRows.h"
#include "store/sqlite/SqliteDatabase.h"
#include "store/sqlite/SqliteStatement.h"
#include "store/sqlite/SqliteTransaction.h"
#include "timeline/EventRowRules.h"

#include <QJsonDocument>

namespace warroom {

namespace {

constexpr int facilitationSchema = 4;

QString damagedRecord(qint64 incidentId, const QString &path, const QString &problem)
{
    return QStringLiteral("the facilitation record of incident %1 in %2 is damaged: %3")
        .arg(incidentId)
        .arg(path, problem);
}

} // namespace

std::optional<qint64> TimelineStore::appendFacilitation(const FacilitationEntry &entry,
                                                        QString *error)
{
    if (m_server)
        return m_server->appendFacilitation(entry, error);
    const auto tx = beginWrite(error);
    if (!tx)
        return std::nullopt;
    SqliteStatement last(*m_db, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM "
                                               "facilitation_entries WHERE incident_id = ?"));
    last.bind(1, entry.incidentId);
    if (last.step() != SqliteStatement::Step::Row) {
        if (error)
            *error = QStringLiteral("cannot read the facilitation record: %1").arg(last.lastError());
        return std::nullopt;
    }
    // A seq SQLite holds as a text is the MAX (a text sorts after every number) and read as 0:
    // the write failed on "UNIQUE constraint failed".
    if (!last.columnIsInteger(0)) {
        if (error)
            *error = damagedRecord(
                entry.incidentId, path(),
                EventRowRules::notWholeNumber(QString(facilitationNumberColumns.unnumberedRow),
                                              QLatin1StringView("seq"), last.columnView(0)));
        return std::nullopt;
    }
    const qint64 seq = last.columnInt64(0) + 1;
    SqliteStatement insert(*m_db, QStringLiteral("INSERT INTO facilitation_entries (incident_id, "
                                                 "seq, utc_ms, drill_ms, author, kind, subject, "
                                                 "payload_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.bind(1, entry.incidentId);
    insert.bind(2, seq);
    insert.bind(3, entry.utcMs);
    insert.bind(4, entry.drillMs);
    insert.bind(5, entry.author);
    insert.bind(6, entry.kind);
    insert.bind(7, entry.subject);
    insert.bind(8, QString::fromUtf8(QJsonDocument(entry.payload).toJson(QJsonDocument::Compact)));
    if (!insert.exec()) {
        if (error)
            *error = QStringLiteral("cannot write to the facilitation record: %1")
                         .arg(insert.lastError());
        return std::nullopt;
    }
    if (!tx->commit()) {
        if (error)
            *error = tx->error();
        return std::nullopt;
    }
    return seq;
}

std::optional<FacilitationEntries> TimelineStore::facilitation(qint64 incidentId,
                                                               QString *error) const
{
    if (m_server)
        return m_server->facilitation(incidentId, error);
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return std::nullopt;
    }
    FacilitationEntries out;
    if (schemaVersion() < facilitationSchema)
        return out; // an older database opened read-only: no drill was facilitated in it
    SqliteStatement s(*m_db, QStringLiteral("SELECT seq, utc_ms, drill_ms, author, kind, subject, "
                                            "payload_json FROM facilitation_entries WHERE "
                                            "incident_id = ? ORDER BY seq"));
    s.bind(1, incidentId);
    // As an event's numbers: a text or a real read as 0 or cut to a whole number put an entry at
    // T+0 or in 1970.
    QString bad;
    const bool ok = readRows(s, error, [&] {
        bad = storedNumbersProblem(s, 0, facilitationNumberColumns);
        if (!bad.isEmpty())
            return false;
        FacilitationEntry e;
        e.incidentId = incidentId;
        e.seq = s.columnInt64(0);
        e.utcMs = s.columnInt64(1);
        e.drillMs = s.columnInt64(2);
        e.author = s.columnText(3);
        e.kind = s.columnText(4);
        e.subject = s.columnText(5);
        e.payload = QJsonDocument::fromJson(s.columnUtf8(6)).object();
        out.append(e);
        return true;
    });
    if (!bad.isEmpty() && error)
        *error = damagedRecord(incidentId, path(), bad);
    if (!ok || !bad.isEmpty())
        return std::nullopt;
    return out;
}

} // namespace warroom
