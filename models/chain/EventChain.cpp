#include "chain/EventChain.h"

#include "util/JsonText.h"
#include "util/Sha256.h"

#include <QJsonDocument>

#include <nlohmann/json.hpp>

namespace warroom::EventChain {

namespace {

std::string utf8(const QString &s)
{
    return s.toStdString();
}

} // namespace

QString canonicalPayload(const QJsonObject &payload)
{
    const QByteArray compact = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    // nlohmann's object type is a std::map: dump() writes keys sorted, without whitespace.
    return QString::fromStdString(nlohmann::json::parse(compact.cbegin(), compact.cend()).dump());
}

QByteArray genesisHash(const IncidentRecord &incident)
{
    nlohmann::json vars = nlohmann::json::object();
    for (auto it = incident.variables.cbegin(); it != incident.variables.cend(); ++it)
        vars[utf8(it.key())] = utf8(it.value());
    const nlohmann::json record = {
        {"checklist_id", utf8(incident.checklistId)},
        {"checklist_revision", utf8(incident.checklistRevision)},
        {"checklist_sha256", incident.checklistSha256.toStdString()},
        {"commander", utf8(incident.commander)},
        {"declared_utc_ms", incident.declaredUtcMs},
        {"mode", utf8(incidentModeName(incident.mode))},
        {"title", utf8(incident.title)},
        {"uuid", utf8(incident.uuid)},
        {"variables", vars},
    };
    return sha256Hex(QByteArray::fromStdString(record.dump()));
}

QByteArray eventHash(const QString &incidentUuid, const TimelineEvent &event,
                     const QString &payloadText, const QByteArray &prevHash)
{
    return eventHashUtf8(incidentUuid.toUtf8(), event, payloadText.toUtf8(), prevHash);
}

QByteArray eventHashUtf8(const QByteArray &incidentUuid, const TimelineEvent &event,
                         const QByteArray &payloadUtf8, const QByteArray &prevHash)
{
    // The canonical form, written directly rather than through a JSON tree: this runs for every
    // event on every verify. Keys in sorted order; strings escaped as nlohmann_json's dump()
    // escapes them; the payload text is canonical already (see canonicalPayload).
    const bool payloadIsJson = payloadUtf8.startsWith('{') && payloadUtf8.endsWith('}');
    QByteArray out;
    out.reserve(256 + payloadUtf8.size());
    out += "{\"actor\":";
    appendJsonString(out, event.actor.toUtf8());
    out += ",\"elapsed_ms\":";
    out += QByteArray::number(event.elapsedMs);
    out += ",\"incident\":";
    appendJsonString(out, incidentUuid);
    out += ",\"item\":";
    if (event.itemId.isEmpty())
        out += "null";
    else
        appendJsonString(out, event.itemId.toUtf8());
    out += ",\"kind\":";
    appendJsonString(out, event.kind.toUtf8());
    out += ",\"payload\":";
    // Text that is not a JSON object (a tampered row) still hashes, as a string: the verifier then
    // reports a mismatch instead of failing to read it.
    if (payloadIsJson)
        out += payloadUtf8;
    else
        appendJsonString(out, payloadUtf8);
    out += ",\"prev\":";
    appendJsonString(out, prevHash);
    out += ",\"seq\":";
    out += QByteArray::number(event.seq);
    out += ",\"step\":";
    if (event.stepId.isEmpty())
        out += "null";
    else
        appendJsonString(out, event.stepId.toUtf8());
    out += ",\"utc_ms\":";
    out += QByteArray::number(event.utcMs);
    out += '}';
    return sha256Hex(out);
}

} // namespace warroom::EventChain
