// TimelineStore's reads: each steps to its end and fails as a whole, naming the file, rather
// than returning a shorter or different timeline.
#include "store/TimelineStore.h"

#include "store/PayloadParser.h"
#include "store/StoreBackend.h"
#include "store/StoreRows.h"
#include "store/sqlite/SqliteDatabase.h"
#include "store/sqlite/SqliteStatement.h"
#include "timeline/EventRowRules.h"
#include "timeline/EventTimes.h"
#include "util/HugePageHeap.h"

#include <QScopeGuard>

#include <algorithm>

namespace warroom {

namespace {

// How many rows apart `rowsRead` hears of the events: a lock and a wake-up for its thread each.
constexpr qsizetype rowsReadStride = 4096;

// How many events follow afterSeq, from the primary key's last entry (one seek, not a count), so
// that a read of 100,000 events allocates its list once instead of growing and moving it. Never
// more than the file could hold (a row carries two 64-byte hashes): a forged sequence number
// must not make a read allocate gigabytes.

qsizetype eventsAfter(SqliteDatabase &db, qint64 incidentId, qint64 afterSeq)
{
    SqliteStatement s(db, QStringLiteral("SELECT MAX(seq), (SELECT page_count * page_size FROM "
                                         "pragma_page_count(), pragma_page_size()) "
                                         "FROM events WHERE incident_id = ?"));
    s.bind(1, incidentId);
    if (s.step() != SqliteStatement::Step::Row)
        return 0;
    const qint64 fits = s.columnInt64(1) / 128;
    return static_cast<qsizetype>(std::clamp<qint64>(s.columnInt64(0) - afterSeq, 0, fits));
}

// What is wrong with the first of the incident's event rows whose seq SQLite does not hold as an
// integer (storedNumbersProblem); empty when there is none. Asked only once a read has found a
// gap, so it costs a read that succeeds nothing.
QString strayNumberProblem(SqliteDatabase &db, qint64 incidentId)
{
    SqliteStatement s(db, QStringLiteral("SELECT seq, utc_ms, elapsed_ms FROM events WHERE "
                                         "incident_id = ? AND typeof(seq) <> 'integer' LIMIT 1"));
    s.bind(1, incidentId);
    return s.step() == SqliteStatement::Step::Row ? storedNumbersProblem(s, 0) : QString();
}

} // namespace

std::optional<IncidentRecord> TimelineStore::incident(qint64 id, QString *error) const
{
    if (m_server)
        return m_server->incident(id, error);
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return std::nullopt;
    }
    SqliteStatement s(*m_db, QStringLiteral("SELECT ") + incidentRowColumns()
                                 + QStringLiteral(" FROM incidents WHERE id = ?"));
    s.bind(1, id);
    switch (s.step()) {
    case SqliteStatement::Step::Row: {
        // A text or a real read as a number (0 for 'soon', 1970 and in range) is a time no
        // screen set.
        if (const QString bad = declaredNumberProblem(s, incidentDeclaredColumn, id);
            !bad.isEmpty()) {
            if (error)
                *error = QStringLiteral("%1 in %2").arg(bad, path());
            return std::nullopt;
        }
        IncidentRecord record = readIncidentRow(s);
        // Every screen counts T+ from it, and stamps each event's elapsed_ms with it.
        if (const QString bad = EventTimes::declaredProblem(id, record.declaredUtcMs);
            !bad.isEmpty()) {
            if (error)
                *error = QStringLiteral("%1 in %2").arg(bad, path());
            return std::nullopt;
        }
        return record;
    }
    case SqliteStatement::Step::Done:
        if (error)
            *error = QStringLiteral("there is no incident %1 in %2").arg(id).arg(path());
        return std::nullopt;
    case SqliteStatement::Step::Error:
        break;
    }
    if (error)
        *error = QStringLiteral("cannot read incident %1: %2").arg(id).arg(s.lastError());
    return std::nullopt;
}

std::optional<QList<IncidentSummary>> TimelineStore::incidents(QString *error) const
{
    if (m_server)
        return m_server->incidents(error);
    QList<IncidentSummary> out;
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return std::nullopt;
    }
    SqliteStatement s(
        *m_db, QStringLiteral("SELECT i.id, i.title, COALESCE((SELECT h.actor FROM events h "
                              "WHERE h.incident_id = i.id AND h.kind = 'command.handed_over' "
                              "ORDER BY h.seq DESC LIMIT 1), i.commander), i.mode, "
                              "i.declared_utc_ms, "
                              "COALESCE(MAX(e.utc_ms), i.declared_utc_ms), COUNT(e.seq), "
                              "COALESCE(SUM(e.kind = 'incident.closed'), 0) "
                              "FROM incidents i LEFT JOIN events e ON e.incident_id = i.id "
                              "GROUP BY i.id ORDER BY typeof(i.declared_utc_ms) = 'integer' DESC, "
                              "i.declared_utc_ms DESC, i.id DESC"));
    const bool ok = readRows(s, error, [&] {
        IncidentSummary r;
        r.id = s.columnInt64(0);
        r.title = s.columnText(1);
        r.commander = s.columnText(2);
        r.mode = incidentModeFromName(s.columnText(3));
        // The types before the numbers: columnInt64 converts a text where it reads it.
        r.declaredDamage = declaredNumberProblem(s, 4, r.id);
        r.eventCount = s.columnInt64(6);
        // Without events the last activity is the declaration: its damage, not an event's (it
        // blamed "an event of incident 1" of an incident that had none).
        if (r.eventCount == 0)
            r.lastEventDamage = r.declaredDamage;
        else if (!s.columnIsInteger(5)) // MAX takes a text over every number
            r.lastEventDamage
                = EventRowRules::notWholeNumber(QStringLiteral("an event of incident %1").arg(r.id),
                                                QLatin1StringView("utc_ms"), s.columnView(5));
        r.declaredUtcMs = s.columnInt64(4);
        r.lastEventUtcMs = s.columnInt64(5);
        r.closed = s.columnInt64(7) > 0;
        out.append(r);
        return true;
    });
    if (!ok)
        return std::nullopt;
    return out;
}

std::optional<TimelineEvents> TimelineStore::events(qint64 incidentId, qint64 afterSeq,
                                                    QString *error, const BeforeParse &beforeParse,
                                                    const RowsRead &rowsRead) const
{
    if (m_server) {
        // The server's rows come parsed: nothing to overlap.
        auto read = m_server->events(incidentId, afterSeq, error);
        if (read && beforeParse)
            beforeParse(*read);
        return read;
    }
    TimelineEvents out;
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return std::nullopt;
    }
    SqliteStatement s(*m_db, QStringLiteral("SELECT ") + eventRowColumns()
                                 + QStringLiteral(" FROM events WHERE incident_id = ? AND seq > ? "
                                                  "ORDER BY seq"));
    s.bind(1, incidentId);
    s.bind(2, afterSeq);
    const qsizetype count = eventsAfter(*m_db, incidentId, afterSeq);
    // Every payload parsed and kept: about 1.5 KiB an event, and an export's report on top
    // (HugePageHeap says why the pages' size matters here).
    if (count >= 10'000)
        HugePageHeap::reserve(static_cast<std::size_t>(count) * 2048);
    out.reserve(count);
    qint64 expected = afterSeq + 1;
    EventRowSharing sharing;
    QString gap;
    // Told until the list would grow: its events stay where they are until then.
    bool told = rowsRead.read && rowsRead.moving;
    // Whichever way the read leaves before the list is safe from being freed under `rowsRead`'s
    // reader (kept by `beforeParse`'s copy, or returned), a gap, a bad payload or a throw (a
    // bad_alloc in a row or in `beforeParse`), moving() comes first. Declared after `out`, so
    // it runs before `out` is freed.
    const auto tellMoving = qScopeGuard([&] {
        if (told)
            rowsRead.moving();
    });
    // Rows first, payloads after (PayloadParser); a gap stops the read.
    const bool ok = readRows(s, error, [&] {
        if (QString bad = storedNumbersProblem(s, 1); !bad.isEmpty()) {
            gap = std::move(bad);
            return false;
        }
        TimelineEvent e = readEventRow(s, false, nullptr, &sharing);
        if (e.seq != expected) {
            gap = EventRowRules::sequenceProblem(e.seq, expected);
            // A seq held as a text sorts after every number: the row that should stand there
            // is at the end, and its number is what is wrong.
            if (const QString stray = strayNumberProblem(*m_db, incidentId); !stray.isEmpty())
                gap = QStringLiteral("%1 (%2)").arg(stray, gap);
            return false;
        }
        // A time out of range stops the read as a gap does: every reader does arithmetic on it.
        // So does what no build writes (EventRowRules): a line break in an actor forges lines.
        if (QString bad = EventRowRules::problem(e); !bad.isEmpty()) {
            gap = std::move(bad);
            return false;
        }
        ++expected;
        // A NULL payload (a damaged file) reads as an empty text, not a null one: the chain
        // check would then hash the parsed payload (an export's events carry only that), which
        // the parse writes meanwhile (`beforeParse`). Neither is a JSON object: the read fails.
        if (e.payloadText.isNull())
            e.payloadText = QByteArray("", 0);
        if (told && out.size() == out.capacity()) {
            rowsRead.moving();
            told = false;
        }
        out.append(std::move(e));
        if (told && out.size() % rowsReadStride == 0)
            rowsRead.read(out.constData(), out.size());
        return true;
    });
    if (!ok && gap.isEmpty())
        return std::nullopt;
    // Every reader folds these events into a state; a gap or an unreadable payload would quietly
    // become a different state, so either fails the read: the first of them in the timeline.
    // Through this pointer, taken while the list is not shared: the parse must not copy the
    // events for itself when `beforeParse` keeps a copy of the list.
    const std::span<TimelineEvent> parsed(out.data(), static_cast<std::size_t>(out.size()));
    if (beforeParse) {
        beforeParse(out);
        told = false; // its copy keeps the events where they are, whatever happens to `out`
    }
    const PayloadParser::Problem bad = PayloadParser::parseAll(parsed);
    const QString problem = bad.index >= 0 ? bad.text : gap;
    if (!problem.isEmpty()) {
        if (error)
            *error = damagedMessage(incidentId, path(), problem);
        return std::nullopt;
    }
    told = false; // returned where they are
    return out;
}

QString TimelineStore::damagedMessage(qint64 incidentId, const QString &where,
                                      const QString &problem)
{
    return QStringLiteral("the timeline of incident %1 in %2 is damaged: %3")
        .arg(incidentId)
        .arg(where, problem);
}

bool TimelineStore::isDamagedMessage(const QString &error)
{
    return error.startsWith(QLatin1String("the timeline of incident "))
           && error.contains(QLatin1String(" is damaged: "));
}

std::optional<TimelineEvents> TimelineStore::chainEvents(qint64 incidentId, QString *error) const
{
    if (m_server)
        return m_server->chainEvents(incidentId, error);
    TimelineEvents out;
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("no database is open");
        return std::nullopt;
    }
    SqliteStatement s(*m_db,
                      QStringLiteral("SELECT ") + eventRowColumns()
                          + QStringLiteral(" FROM events WHERE incident_id = ? ORDER BY seq"));
    s.bind(1, incidentId);
    const qsizetype expected = eventsAfter(*m_db, incidentId, 0);
    // A long timeline (a session opening it) fills tens of MB of new memory, and then the
    // timeline's views fill more: about 1 KiB an event in all, in huge pages (HugePageHeap).
    if (expected >= 10'000)
        HugePageHeap::reserve(static_cast<std::size_t>(expected) * 1024);
    out.reserve(expected);
    EventRowSharing sharing;
    // The numbers are what the chain check compares, so a number SQLite does not hold as one
    // (2.5, 'x3') is said as such, not as the 2 or 0 it would read as. The rest is the chain's
    // to judge.
    QString bad;
    const bool ok = readRows(s, error, [&] {
        bad = storedNumbersProblem(s, 1);
        if (!bad.isEmpty())
            return false;
        out.append(readEventRow(s, false, nullptr, &sharing));
        return true;
    });
    if (!bad.isEmpty() && error)
        *error = damagedMessage(incidentId, path(), bad);
    if (!ok || !bad.isEmpty())
        return std::nullopt;
    return out;
}

} // namespace warroom
