#include "chain/EventChain.h"

#include "chain/CanonicalJson.h"
#include "chain/EventHasher.h"
#include "util/Sha256.h"

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
    return QString::fromUtf8(CanonicalJson::write(payload));
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
    // One writer of the canonical form for appends and verifies alike (see EventHasher).
    return EventHasher(incidentUuid).hashHex(event, payloadText.toUtf8(), prevHash);
}

} // namespace warroom::EventChain
