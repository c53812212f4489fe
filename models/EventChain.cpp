#include "EventChain.h"

#include "Sha256.h"

#include <QJsonDocument>

#include <nlohmann/json.hpp>

namespace warroom::EventChain {

namespace {

std::string utf8(const QString &s)
{
    return s.toStdString();
}

nlohmann::json nullable(const QString &s)
{
    return s.isEmpty() ? nlohmann::json() : nlohmann::json(utf8(s));
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
    const QByteArray payloadUtf8 = payloadText.toUtf8();
    nlohmann::json payload = nlohmann::json::parse(payloadUtf8.cbegin(), payloadUtf8.cend(),
                                                   nullptr, /*allow_exceptions=*/false);
    // Text that is not JSON (a tampered row) still hashes, as a string: the verifier then reports
    // a mismatch instead of failing to read it.
    if (payload.is_discarded())
        payload = payloadUtf8.toStdString();
    const nlohmann::json canonical = {
        {"actor", utf8(event.actor)},     {"elapsed_ms", event.elapsedMs},
        {"incident", utf8(incidentUuid)}, {"item", nullable(event.itemId)},
        {"kind", utf8(event.kind)},       {"payload", payload},
        {"prev", prevHash.toStdString()}, {"seq", event.seq},
        {"step", nullable(event.stepId)}, {"utc_ms", event.utcMs},
    };
    return sha256Hex(QByteArray::fromStdString(canonical.dump()));
}

} // namespace warroom::EventChain
