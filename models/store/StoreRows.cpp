#include "store/StoreRows.h"

#include "chain/EventChain.h"
#include "store/sqlite/SqliteStatement.h"
#include "timeline/EventRowRules.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace warroom {

QString incidentRowColumns()
{
    return QStringLiteral("id, uuid, title, commander, mode, declared_utc_ms, checklist_id, "
                          "checklist_revision, checklist_sha256, variables_json, checklist_json");
}

IncidentRecord readIncidentRow(const SqliteStatement &s)
{
    IncidentRecord r;
    r.id = s.columnInt64(0);
    r.uuid = s.columnText(1);
    r.title = s.columnText(2);
    r.commander = s.columnText(3);
    r.mode = incidentModeFromName(s.columnText(4));
    r.declaredUtcMs = s.columnInt64(incidentDeclaredColumn);
    r.checklistId = s.columnText(6);
    r.checklistRevision = s.columnText(7);
    r.checklistSha256 = s.columnText(8).toLatin1();
    const QJsonObject vars = QJsonDocument::fromJson(s.columnText(9).toUtf8()).object();
    for (auto it = vars.begin(); it != vars.end(); ++it)
        r.variables.insert(it.key(), it.value().toString());
    r.checklistSource = s.columnBlob(10);
    return r;
}

QString eventRowColumns()
{
    return QStringLiteral("incident_id, seq, utc_ms, elapsed_ms, actor, kind, step_id, item_id, "
                          "payload_json, prev_hash, hash");
}

QString eventInsertSql()
{
    return QStringLiteral("INSERT INTO events (") + eventRowColumns()
           + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
}

void bindEventRow(SqliteStatement &insert, const TimelineEvent &e)
{
    insert.reset();
    insert.bind(1, e.incidentId);
    insert.bind(2, e.seq);
    insert.bind(3, e.utcMs);
    insert.bind(4, e.elapsedMs);
    // Texts bound without SQLite's own copy of each (see the header): a malloc and a memcpy
    // fewer per column, in every commit.
    insert.bindKept(5, e.actor);
    insert.bindKept(6, e.kind);
    if (e.stepId.isEmpty())
        insert.bindNull(7);
    else
        insert.bindKept(7, e.stepId);
    if (e.itemId.isEmpty())
        insert.bindNull(8);
    else
        insert.bindKept(8, e.itemId);
    // The canonical text, as the chain hashes it. Events read from an export carry only the
    // parsed payload, whose canonical form is that text.
    if (e.payloadText.isNull())
        insert.bind(9, EventChain::canonicalPayload(e.payload));
    else
        insert.bindTextUnowned(9, e.payloadText);
    insert.bindTextUnowned(10, e.prevHash);
    insert.bindTextUnowned(11, e.hash);
}

QString parseEventPayload(TimelineEvent &e)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(e.payloadText, &parseError);
    e.payload = doc.object();
    return EventRowRules::payloadProblem(e.seq, parseError, doc.isObject());
}

QString storedNumbersProblem(const SqliteStatement &s, int seqColumn,
                             const StoredNumberColumns &numbers)
{
    for (int i = 0; i < 3; ++i) {
        const int column = seqColumn + i;
        if (!s.columnIsInteger(column))
            return EventRowRules::notWholeNumber(
                i == 0 ? QString(numbers.unnumberedRow)
                       : QStringLiteral("%1 %2").arg(numbers.row).arg(s.columnInt64(seqColumn)),
                numbers.columns[i], s.columnView(column));
    }
    return {};
}

QString declaredNumberProblem(const SqliteStatement &s, int column, qint64 incidentId)
{
    if (s.columnIsInteger(column))
        return {};
    return EventRowRules::notWholeNumber(QStringLiteral("incident %1").arg(incidentId),
                                         QLatin1StringView("declared_utc_ms"),
                                         s.columnView(column));
}

TimelineEvent readEventRow(const SqliteStatement &s, bool parsePayload, QString *problem,
                           EventRowSharing *sharing)
{
    TimelineEvent e;
    e.incidentId = s.columnInt64(0);
    e.seq = s.columnInt64(1);
    e.utcMs = s.columnInt64(2);
    e.elapsedMs = s.columnInt64(3);
    EventRowSharing local;
    EventRowSharing &texts = sharing ? *sharing : local;
    e.actor = texts.text(EventRowSharing::Actor, s.columnView(4));
    e.kind = texts.text(EventRowSharing::Kind, s.columnView(5));
    e.stepId = texts.text(EventRowSharing::Step, s.columnView(6));
    e.itemId = texts.text(EventRowSharing::Item, s.columnView(7));
    // Kept as the stored UTF-8 (what the hash covers), and parsed as it is rather than decoded
    // to UTF-16 and encoded back: half the memory of a QString and no conversion either way.
    if (auto previous = texts.previousPayload(s.columnView(8)))
        e.payloadText = std::move(*previous);
    else
        e.payloadText = s.columnUtf8(8);
    if (parsePayload) {
        const QString bad = parseEventPayload(e);
        if (!bad.isEmpty() && problem)
            *problem = bad;
    }
    // Each prev_hash is the hash of the row before: compared in place and shared, not copied.
    if (auto previous = texts.previousHash(s.columnView(9)))
        e.prevHash = std::move(*previous);
    else
        e.prevHash = s.columnBlob(9);
    e.hash = s.columnBlob(10);
    texts.share(e);
    return e;
}

QString EventRowSharing::text(QByteArrayView utf8)
{
    // NULL stays a null string and an empty text an empty one, exactly as columnText() reads
    // them; only non-empty texts are shared.
    if (utf8.isEmpty())
        return QString::fromUtf8(utf8);
    // The lookup key borrows SQLite's bytes: no copy unless the text is new.
    const QByteArray key = QByteArray::fromRawData(utf8.data(), utf8.size());
    const auto it = m_texts.constFind(key);
    if (it != m_texts.cend())
        return *it;
    const QString decoded = QString::fromUtf8(utf8);
    m_texts.insert(utf8.toByteArray(), decoded);
    return decoded;
}

QString EventRowSharing::text(Slot slot, QByteArrayView utf8)
{
    Last &last = m_last[slot];
    if (!utf8.isEmpty() && !last.utf8.isEmpty() && utf8 == QByteArrayView(last.utf8))
        return last.text;
    QString decoded = text(utf8);
    if (!utf8.isEmpty()) {
        last.utf8 = utf8.toByteArray();
        last.text = decoded;
    }
    return decoded;
}

std::optional<QByteArray> EventRowSharing::previousHash(QByteArrayView stored) const
{
    if (m_lastHash.isEmpty() || stored != QByteArrayView(m_lastHash))
        return std::nullopt;
    return m_lastHash;
}

std::optional<QByteArray> EventRowSharing::previousPayload(QByteArrayView stored) const
{
    if (m_lastPayload.isEmpty() || stored != QByteArrayView(m_lastPayload))
        return std::nullopt;
    return m_lastPayload;
}

void EventRowSharing::share(TimelineEvent &event)
{
    m_lastHash = event.hash;
    m_lastPayload = event.payloadText;
}

} // namespace warroom
