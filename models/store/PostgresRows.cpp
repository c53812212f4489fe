#include "store/PostgresRows.h"

#include "chain/EventChain.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace warroom::pgrows {

QList<QByteArray> eventParams(qint64 incidentId, const TimelineEvent &e)
{
    const QByteArray payload = e.payloadText.isNull()
                                   ? EventChain::canonicalPayload(e.payload).toUtf8()
                                   : e.payloadText;
    return {number(incidentId), number(e.seq),        number(e.utcMs),      number(e.elapsedMs),
            e.actor.toUtf8(),   e.kind.toUtf8(),      textOrNull(e.stepId), textOrNull(e.itemId),
            payload,            e.prevHash,           e.hash};
}

QList<QByteArray> incidentParams(const IncidentRecord &incident)
{
    QJsonObject vars;
    for (auto it = incident.variables.cbegin(); it != incident.variables.cend(); ++it)
        vars.insert(it.key(), it.value());
    // BYTEA in its text form: "\x" and hex digits.
    return {incident.uuid.toUtf8(),
            incident.title.toUtf8(),
            incident.commander.toUtf8(),
            incidentModeName(incident.mode).toUtf8(),
            number(incident.declaredUtcMs),
            incident.checklistId.toUtf8(),
            incident.checklistRevision.toUtf8(),
            incident.checklistSha256,
            "\\x" + incident.checklistSource.toHex(),
            QJsonDocument(vars).toJson(QJsonDocument::Compact)};
}

} // namespace warroom::pgrows
