// The server store's appends and reads. Every append is one transaction that takes the
// incident's advisory lock first, reads the chain head and what others committed, plans, inserts
// and NOTIFYs; the notification leaves with the commit, never before it.
#include "store/PostgresStore.h"

#include "chain/EventChain.h"
#include "store/ChainHead.h"
#include "store/PostgresRows.h"
#include "store/StoreRows.h"
#include "store/postgres/PgConnection.h"
#include "timeline/EventRowRules.h"
#include "timeline/EventTimes.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace warroom {

namespace {

using pgrows::number;

const char *const lockSql = "SELECT pg_advisory_xact_lock(2003985261, $1::int)";
// With the server's clock, the one every screen of the room shares (fastClockProblem).
#define WARROOM_SERVER_NOW "(extract(epoch FROM clock_timestamp()) * 1000)::bigint"
const char *const headSql
    = "SELECT i.declared_utc_ms, i.uuid, e.seq, e.hash, e.utc_ms, " WARROOM_SERVER_NOW
      " FROM incidents i JOIN events e ON e.incident_id = i.id WHERE i.id = $1 ORDER BY e.seq "
      "DESC LIMIT 1";
const char *const serverNowSql = "SELECT " WARROOM_SERVER_NOW;
#undef WARROOM_SERVER_NOW
const char *const notifySql = "SELECT pg_notify('warroom_events', $1)";

IncidentRecord incidentFromRow(const PgResult &r, int row)
{
    IncidentRecord i;
    i.id = r.int64(row, 0);
    i.uuid = r.text(row, 1);
    i.title = r.text(row, 2);
    i.commander = r.text(row, 3);
    i.mode = incidentModeFromName(r.text(row, 4));
    i.declaredUtcMs = r.int64(row, 5);
    i.checklistId = r.text(row, 6);
    i.checklistRevision = r.text(row, 7);
    i.checklistSha256 = r.view(row, 8).toByteArray();
    const QJsonObject vars = QJsonDocument::fromJson(r.view(row, 9).toByteArray()).object();
    for (auto it = vars.begin(); it != vars.end(); ++it)
        i.variables.insert(it.key(), it.value().toString());
    // Selected as encode(..., 'hex') (incidentSelect): plain hex digits.
    i.checklistSource = QByteArray::fromHex(r.view(row, 10).toByteArray());
    return i;
}

TimelineEvent eventFromRow(const PgResult &r, int row, bool parse, QString *problem,
                           EventRowSharing &texts)
{
    TimelineEvent e;
    e.incidentId = r.int64(row, 0);
    e.seq = r.int64(row, 1);
    e.utcMs = r.int64(row, 2);
    e.elapsedMs = r.int64(row, 3);
    e.actor = texts.text(r.view(row, 4));
    e.kind = texts.text(r.view(row, 5));
    e.stepId = texts.text(r.view(row, 6));
    e.itemId = texts.text(r.view(row, 7));
    // As readEventRow reads a SQLite row: what the row before repeats is shared, and a payload
    // that is not an object is named with the parser's reason.
    if (auto previous = texts.previousPayload(r.view(row, 8)))
        e.payloadText = std::move(*previous);
    else
        e.payloadText = r.view(row, 8).toByteArray();
    if (parse) {
        const QString bad = parseEventPayload(e);
        if (!bad.isEmpty() && problem)
            *problem = bad;
    }
    if (auto previous = texts.previousHash(r.view(row, 9)))
        e.prevHash = std::move(*previous);
    else
        e.prevHash = r.view(row, 9).toByteArray();
    e.hash = r.view(row, 10).toByteArray();
    texts.share(e);
    return e;
}

} // namespace

bool PostgresStore::beginWrite(QString *error)
{
    m_commitUnknown = false;
    if (m_readOnly) {
        if (error)
            *error = QStringLiteral("the shared timeline %1 is open for reading only").arg(m_display);
        return false;
    }
    return ensureConnected(error) && finish(m_conn->exec("BEGIN"), error);
}

std::optional<TimelineEvents> PostgresStore::insertEvents(ChainHead &head,
                                                          const QList<EventDraft> &drafts,
                                                          qint64 utcMs, QString *error)
{
    TimelineEvents written;
    for (const EventDraft &d : drafts) {
        TimelineEvent e = chainNext(head, d, utcMs);
        if (!finish(m_conn->execPrepared("warroom_insert_event", pgrows::insertEventSql,
                                         pgrows::eventParams(e.incidentId, e)),
                    error))
            return std::nullopt;
        written.append(std::move(e));
    }
    const QByteArray payload = number(head.incidentId) + ' ' + number(head.lastSeq);
    if (!finish(m_conn->execPrepared("warroom_notify", notifySql, {payload}), error))
        return std::nullopt;
    return written;
}

bool PostgresStore::commit(QString *error)
{
    if (finish(m_conn->exec("COMMIT"), error))
        return true;
    m_commitUnknown = m_conn->lastCommandStalled();
    if (m_commitUnknown && error)
        *error = QStringLiteral("%1; whether it was recorded is not known until the server "
                                "answers again, and it is read back then, never sent twice")
                     .arg(*error);
    return false;
}

PgResult PostgresStore::readServerClock()
{
    const qint64 sent = QDateTime::currentMSecsSinceEpoch();
    PgResult now = m_conn->exec(serverNowSql);
    if (now.ok() && now.rows() == 1)
        m_serverClock.measured(sent, now.int64(0, 0), QDateTime::currentMSecsSinceEpoch());
    return now;
}

std::optional<qint64> PostgresStore::createIncident(const IncidentRecord &incident,
                                                    const EventDraft &declaration, QString *error)
{
    if (!beginWrite(error))
        return std::nullopt;
    // A declaration stamped far ahead stamps every event after it so (fastClockProblem).
    PgResult now = readServerClock();
    if (!finish(now, error)) {
        m_conn->exec("ROLLBACK");
        return std::nullopt;
    }
    if (const QString far = fastClockProblem(incident.declaredUtcMs, now.int64(0, 0));
        !far.isEmpty()) {
        m_conn->exec("ROLLBACK");
        if (error)
            *error = QStringLiteral("no incident was declared in %1: %2").arg(m_display, far);
        return std::nullopt;
    }
    PgResult r = m_conn->exec(pgrows::insertIncidentSql, pgrows::incidentParams(incident));
    const qint64 id = r.ok() && r.rows() == 1 ? r.int64(0, 0) : 0;
    ChainHead head{id, incident.uuid, incident.declaredUtcMs, 0, EventChain::genesisHash(incident),
                   incident.declaredUtcMs};
    if (!finish(r, error) || !insertEvents(head, {declaration}, incident.declaredUtcMs, error)
        || !commit(error)) {
        m_conn->exec("ROLLBACK");
        return std::nullopt;
    }
    return id;
}

std::optional<TimelineStore::AppendResult>
PostgresStore::appendPlanned(qint64 incidentId, qint64 knownSeq, qint64 utcMs,
                             const TimelineStore::Planner &plan, QString *error)
{
    if (!beginWrite(error))
        return std::nullopt;
    auto fail = [&]() -> std::optional<TimelineStore::AppendResult> {
        m_conn->exec("ROLLBACK");
        return std::nullopt;
    };
    // Every writer of this incident queues here until the one before it commits, so the head
    // read next is the head, and the plan sees everything any screen has committed.
    if (!finish(m_conn->execPrepared("warroom_lock", lockSql, {number(incidentId)}), error))
        return fail();
    // Timed apart from the lock above, which may wait for another screen's commit.
    const std::optional<qint64> offsetBefore = m_serverClock.offsetMs();
    const qint64 sent = QDateTime::currentMSecsSinceEpoch();
    PgResult head = m_conn->execPrepared("warroom_head", headSql, {number(incidentId)});
    if (head.ok() && head.rows() == 1) {
        m_serverClock.measured(sent, head.int64(0, 5), QDateTime::currentMSecsSinceEpoch());
        // The caller read the room's clock (RoomClock) with the offset it had then: a clock
        // set since, which this reading found, moves the stamp with it, or a screen stepped
        // three hours by NTP since its last reading stamped this event three hours off.
        // No reading before: the caller's clock was this machine's (RoomClock's offset 0).
        if (m_serverClock.offsetMs())
            utcMs += *m_serverClock.offsetMs() - offsetBefore.value_or(0);
    }
    if (head.ok() && head.rows() == 0) {
        if (error)
            *error = QStringLiteral("incident %1 does not exist in %2").arg(incidentId).arg(m_display);
        return fail();
    }
    if (!finish(head, error))
        return fail();
    const ChainHead chain{incidentId,         head.text(0, 1), head.int64(0, 0), head.int64(0, 2),
                          head.view(0, 3).toByteArray(), head.int64(0, 4)};
    TimelineStore::AppendResult result;
    if (knownSeq >= 0 && chain.lastSeq > knownSeq) {
        auto newer = readEvents(incidentId, knownSeq, true, error);
        if (!newer)
            return fail();
        result.newer = std::move(*newer);
    }
    const QList<EventDraft> drafts = plan(result.newer);
    if (drafts.isEmpty()) {
        m_conn->exec("ROLLBACK");
        return result;
    }
    const qint64 serverUtcMs = head.int64(0, 5);
    QString far = fastClockProblem(utcMs, serverUtcMs);
    if (far.isEmpty())
        far = stampProblem(chain, utcMs, serverUtcMs);
    if (!far.isEmpty()) {
        if (error)
            *error = QStringLiteral("incident %1 in %2: %3").arg(incidentId).arg(m_display, far);
        return fail();
    }
    ChainHead next = chain;
    auto written = insertEvents(next, drafts, std::max(utcMs, chain.lastUtcMs), error);
    if (!written || !commit(error))
        return fail();
    result.written = std::move(*written);
    return result;
}

std::optional<IncidentRecord> PostgresStore::incident(qint64 id, QString *error) const
{
    if (!ensureConnected(error))
        return std::nullopt;
    // The checklist as hex whatever the server's bytea_output: an administrator's 'escape'
    // there made the "\x" form this read took for granted into other bytes, and the chain
    // check then called an untouched incident tampered with.
    const QByteArray columns = incidentRowColumns().toLatin1().replace(
        "checklist_json", "encode(checklist_json, 'hex')");
    PgResult r = m_conn->exec(
        QByteArray("SELECT " + columns + " FROM incidents WHERE id = $1").constData(),
        {number(id)});
    if (r.ok() && r.rows() == 0) {
        if (error)
            *error = QStringLiteral("there is no incident %1 in %2").arg(id).arg(m_display);
        return std::nullopt;
    }
    if (!finish(r, error))
        return std::nullopt;
    IncidentRecord record = incidentFromRow(r, 0);
    // As the SQLite read: every screen counts T+ from it.
    if (const QString bad = EventTimes::declaredProblem(id, record.declaredUtcMs); !bad.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1 in %2").arg(bad, m_display);
        return std::nullopt;
    }
    return record;
}

std::optional<QList<IncidentSummary>> PostgresStore::incidents(QString *error) const
{
    if (!ensureConnected(error))
        return std::nullopt;
    PgResult r = m_conn->exec(
        "SELECT i.id, i.title, COALESCE((SELECT h.actor FROM events h WHERE h.incident_id = "
        "i.id AND h.kind = 'command.handed_over' ORDER BY h.seq DESC LIMIT 1), i.commander), "
        "i.mode, i.declared_utc_ms, "
        "COALESCE(MAX(e.utc_ms), i.declared_utc_ms), COUNT(e.seq), "
        "COUNT(*) FILTER (WHERE e.kind = 'incident.closed') "
        "FROM incidents i LEFT JOIN events e ON e.incident_id = i.id "
        "GROUP BY i.id ORDER BY i.declared_utc_ms DESC, i.id DESC");
    if (!finish(r, error))
        return std::nullopt;
    QList<IncidentSummary> out;
    for (int row = 0; row < r.rows(); ++row) {
        IncidentSummary s;
        s.id = r.int64(row, 0);
        s.title = r.text(row, 1);
        s.commander = r.text(row, 2);
        s.mode = incidentModeFromName(r.text(row, 3));
        s.declaredUtcMs = r.int64(row, 4);
        s.lastEventUtcMs = r.int64(row, 5);
        s.eventCount = r.int64(row, 6);
        s.closed = r.int64(row, 7) > 0;
        out.append(s);
    }
    return out;
}

std::optional<TimelineEvents> PostgresStore::readEvents(qint64 incidentId, qint64 afterSeq,
                                                        bool parse, QString *error) const
{
    PgResult r = m_conn->exec(QByteArray("SELECT " + eventRowColumns().toLatin1()
                                         + " FROM events WHERE incident_id = $1 AND seq > $2 "
                                           "ORDER BY seq")
                                  .constData(),
                              {number(incidentId), number(afterSeq)});
    if (!finish(r, error))
        return std::nullopt;
    TimelineEvents out;
    out.reserve(r.rows());
    EventRowSharing sharing;
    qint64 expected = afterSeq + 1;
    for (int row = 0; row < r.rows(); ++row) {
        QString problem;
        TimelineEvent e = eventFromRow(r, row, parse, &problem, sharing);
        if (problem.isEmpty() && parse)
            problem = EventRowRules::sequenceProblem(e.seq, expected);
        // As the SQLite read: a time out of range is damage every reader would compute with, and
        // what no build writes (EventRowRules) is a forgery every reader would show.
        if (problem.isEmpty() && parse)
            problem = EventRowRules::problem(e);
        if (!problem.isEmpty()) {
            if (error)
                *error = TimelineStore::damagedMessage(incidentId, m_display, problem);
            return std::nullopt;
        }
        ++expected;
        out.append(std::move(e));
    }
    return out;
}

std::optional<TimelineEvents> PostgresStore::events(qint64 incidentId, qint64 afterSeq,
                                                    QString *error) const
{
    if (!ensureConnected(error))
        return std::nullopt;
    return readEvents(incidentId, afterSeq, true, error);
}

std::optional<TimelineEvents> PostgresStore::chainEvents(qint64 incidentId, QString *error) const
{
    if (!ensureConnected(error))
        return std::nullopt;
    return readEvents(incidentId, 0, false, error);
}

void PostgresStore::setCurrentIncident(std::optional<qint64> id)
{
    if (m_readOnly || !m_conn->isHealthy())
        return;
    if (!id) {
        m_conn->exec("DELETE FROM app_state WHERE key = 'current_incident'");
        return;
    }
    // A role allowed only INSERT and SELECT cannot do this; the app then opens no incident by
    // itself on that server, which is all this is for.
    m_conn->exec("INSERT INTO app_state (key, value) VALUES ('current_incident', $1) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 {number(*id)});
}

std::optional<qint64> PostgresStore::currentIncident() const
{
    if (!m_conn->isHealthy())
        return std::nullopt;
    PgResult r = m_conn->exec("SELECT value FROM app_state WHERE key = 'current_incident'");
    if (!r.ok() || r.rows() != 1)
        return std::nullopt;
    bool ok = false;
    const qint64 id = r.text(0, 0).toLongLong(&ok);
    return ok ? std::optional<qint64>(id) : std::nullopt;
}

} // namespace warroom
