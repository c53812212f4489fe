#include "store/StoreRows.h"

#include "store/sqlite/SqliteStatement.h"

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
    r.declaredUtcMs = s.columnInt64(5);
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

TimelineEvent readEventRow(const SqliteStatement &s, bool parsePayload, QString *problem)
{
    TimelineEvent e;
    e.incidentId = s.columnInt64(0);
    e.seq = s.columnInt64(1);
    e.utcMs = s.columnInt64(2);
    e.elapsedMs = s.columnInt64(3);
    e.actor = s.columnText(4);
    e.kind = s.columnText(5);
    e.stepId = s.columnText(6);
    e.itemId = s.columnText(7);
    // The stored UTF-8 is parsed as it is, rather than decoded and encoded back first.
    const QByteArray payloadUtf8 = s.columnBlob(8);
    e.payloadText = s.columnText(8);
    if (parsePayload) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(payloadUtf8, &parseError);
        if (!doc.isObject() && problem)
            *problem = QStringLiteral("event %1 has a payload that is not a JSON object (%2)")
                           .arg(e.seq)
                           .arg(parseError.error == QJsonParseError::NoError
                                    ? QStringLiteral("not an object")
                                    : parseError.errorString());
        e.payload = doc.object();
    }
    e.prevHash = s.columnBlob(9);
    e.hash = s.columnBlob(10);
    return e;
}

void EventRowSharing::intern(QString &text)
{
    // Empty texts are left alone: sharing must not turn a null string into an empty one.
    if (text.isEmpty())
        return;
    const auto it = m_texts.constFind(text);
    if (it != m_texts.cend())
        text = *it;
    else
        m_texts.insert(text);
}

void EventRowSharing::share(TimelineEvent &event)
{
    intern(event.actor);
    intern(event.kind);
    intern(event.stepId);
    intern(event.itemId);
    if (!m_lastHash.isEmpty() && event.prevHash == m_lastHash)
        event.prevHash = m_lastHash;
    m_lastHash = event.hash;
}

} // namespace warroom
