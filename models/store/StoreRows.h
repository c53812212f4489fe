#pragma once

#include "timeline/Incident.h"
#include "store/sqlite/SqliteStatement.h"
#include "timeline/TimelineEvent.h"

#include <QHash>

#include <optional>

namespace warroom {

// The one place that knows how rows of the incidents and events tables map to records. Select
// incidentRowColumns() or eventRowColumns(), in that order, and read the row with its reader.
QString incidentRowColumns();
// Where declared_utc_ms stands among them.
inline constexpr int incidentDeclaredColumn = 5;
IncidentRecord readIncidentRow(const SqliteStatement &statement);
QString eventRowColumns();
// parsePayload false leaves payload empty and keeps only payloadText: enough for the chain.
// A payload that is not a JSON object is named in `problem` (if given) rather than read as empty.
// `sharing`, if given, shares the texts and hashes consecutive rows repeat (EventRowSharing).
class EventRowSharing;
TimelineEvent readEventRow(const SqliteStatement &statement, bool parsePayload = true,
                           QString *problem = nullptr, EventRowSharing *sharing = nullptr);
// The three number columns of a kind of row, a seq and two times, and how its rows are named:
// "event 5", and "a row of its events" where the seq itself is what is wrong (no number to name).
struct StoredNumberColumns
{
    QLatin1StringView row;
    QLatin1StringView unnumberedRow;
    QLatin1StringView columns[3];
};
inline constexpr StoredNumberColumns eventNumberColumns{
    QLatin1StringView("event"),
    QLatin1StringView("a row of its events"),
    {QLatin1StringView("seq"), QLatin1StringView("utc_ms"), QLatin1StringView("elapsed_ms")}};
inline constexpr StoredNumberColumns facilitationNumberColumns{
    QLatin1StringView("facilitation entry"),
    QLatin1StringView("an entry of its facilitation record"),
    {QLatin1StringView("seq"), QLatin1StringView("utc_ms"), QLatin1StringView("drill_ms")}};
// Empty when the row `statement` stands on holds the three `numbers` (its columns from
// `seqColumn` on, in that order) as integers; otherwise EventRowRules::notWholeNumber of the
// first that is not. Read before the numbers are: columnInt64 reads a text as 0 and 2.5 as 2.
QString storedNumbersProblem(const SqliteStatement &statement, int seqColumn,
                             const StoredNumberColumns &numbers = eventNumberColumns);
// The same of incident `incidentId`'s declared_utc_ms, at `column` of the row `statement` stands
// on (every screen counts T+ from it).
QString declaredNumberProblem(const SqliteStatement &statement, int column, qint64 incidentId);
// Parses the event's payloadText into its payload; a text that is not a JSON object leaves the
// payload empty and is named in the returned problem (empty when the payload is an object).
QString parseEventPayload(TimelineEvent &event);
// The INSERT of one event row, its placeholders in eventRowColumns() order, and the bind of an
// event to them (reset first): every SQLite writer stores a row the same way (empty step and item
// as NULL, payload as canonical UTF-8 TEXT, hashes as TEXT), so the chain reads back as written.
QString eventInsertSql();
// The event's payload text and hashes are bound without a copy: they must stay alive (a shallow
// copy of the event will do) until the insert has stepped; the next reset unbinds them.
void bindEventRow(SqliteStatement &insert, const TimelineEvent &event);

// Shares what consecutive event rows repeat instead of holding it once per event: the actor,
// kind, step and item texts (a handful of distinct values in 100,000 events), each event's
// prevHash, which is the previous event's hash, and a payload text the same as the row before's.
// Qt's implicit sharing makes the copies one allocation; the values, and so the chain check, are
// unchanged. About 200 of the 1,200 bytes an event took in memory, before the payloads.
class EventRowSharing
{
public:
    // Which text of the row: each keeps the last value it read, which the next row nearly
    // always repeats (a comparison of a few bytes instead of a hash look-up).
    enum Slot { Actor, Kind, Step, Item, SlotCount };
    // The text for these UTF-8 bytes, decoded once per distinct text rather than once per row.
    QString text(QByteArrayView utf8);
    QString text(Slot slot, QByteArrayView utf8);
    // The previous row's hash, when these stored bytes are that hash: shared, not copied.
    std::optional<QByteArray> previousHash(QByteArrayView stored) const;
    // The previous row's payload text, when these stored bytes are that text (a check sampled
    // while its value holds stores one payload again and again): shared, not copied.
    std::optional<QByteArray> previousPayload(QByteArrayView stored) const;
    void share(TimelineEvent &event);

private:
    struct Last
    {
        QByteArray utf8;
        QString text;
    };
    QHash<QByteArray, QString> m_texts;
    Last m_last[SlotCount];
    QByteArray m_lastHash;
    QByteArray m_lastPayload;
};

// Steps a read to its end. A read that stops on an error (a damaged page, a busy file) fails as a
// whole instead of looking like a shorter result.
template<typename OnRow>
inline bool readRows(SqliteStatement &s, QString *error, OnRow &&onRow)
{
    for (;;) {
        switch (s.step()) {
        case SqliteStatement::Step::Row:
            if (!onRow())
                return false;
            continue;
        case SqliteStatement::Step::Done:
            return true;
        case SqliteStatement::Step::Error:
            if (error)
                *error = QStringLiteral("cannot read the timeline: %1").arg(s.lastError());
            return false;
        }
    }
}

} // namespace warroom
