#include "transfer/IncidentCopy.h"

#include "store/TimelineStore.h"
#include "timeline/EventRowRules.h"
#include "transfer/IncidentImport.h"

#include <QHash>

#include <algorithm>

namespace warroom {

namespace {

using StoredIncident = IncidentCopy::Source;

std::optional<StoredIncident> readIncident(const TimelineStore &store, qint64 id, QString *error)
{
    StoredIncident s;
    auto record = store.incident(id, error);
    auto events = record ? store.chainEvents(id, error) : std::nullopt;
    if (!events)
        return std::nullopt;
    s.record = std::move(*record);
    s.events = std::move(*events);
    s.chain = ChainVerifier::verify(s.record, s.events);
    s.open = std::none_of(s.events.cbegin(), s.events.cend(), [](const TimelineEvent &e) {
        return e.kind == QLatin1String("incident.closed");
    });
    return s;
}

// What `warroom import` refuses in an export's fields, refused here too: a forged event whose
// hashes were computed again (a drill's fault in a LIVE incident, a second declaration, a
// control character in a name) verifies as a chain, and a copy would carry it into the shared
// incident every screen of the room reads. What an older build wrote under the rules of its day
// is not a forgery: it is copied as recorded and said (s.recordedAsIs).
// The events were read for the chain, their payloads only text: they are parsed in place, not
// copied, and the verbatim texts stay what is written.
QStringList fieldRefusals(const TimelineStore &from, StoredIncident &s)
{
    QStringList out;
    // Parsed on demand, a payload that is not a JSON object reads as an empty one: it was copied,
    // and every reader of the copy refused the incident.
    if (const QString bad = EventRowRules::firstPayloadProblem(s.events); !bad.isEmpty())
        out << QStringLiteral("incident %1 in %2 is not copied: %3")
                   .arg(s.record.id)
                   .arg(from.path(), bad);
    for (TimelineEvent &e : s.events)
        e.payload = EventPayload::fromText(e.payloadText);
    const IncidentImport::FieldChecks checks
        = IncidentImport::checkFields(s.record, s.events, from.path());
    for (const Diagnostic &d : checks.refusals)
        out << QStringLiteral("incident %1 in %2 is not copied: %3 (at %4 of its JSON export)")
                   .arg(s.record.id)
                   .arg(from.path(), d.message, d.path);
    for (const Diagnostic &d : checks.recordedAsIs)
        s.recordedAsIs << QStringLiteral("%1 (at %2 of its JSON export)").arg(d.message, d.path);
    return out;
}

QString shortHash(const QByteArray &hash)
{
    return QString::fromLatin1(hash.left(12));
}

// The target's incidents by uuid: the identity a copy must not repeat.
std::optional<QHash<QString, qint64>> uuidsOf(const TimelineStore &store, QString *error)
{
    const auto list = store.incidents(error);
    if (!list)
        return std::nullopt;
    QHash<QString, qint64> ids;
    for (const IncidentSummary &s : *list) {
        const auto record = store.incident(s.id, error);
        if (!record)
            return std::nullopt;
        ids.insert(record->uuid, s.id);
    }
    return ids;
}

// Why `source` cannot go into `to`, which already has its uuid as incident `there`.
QString alreadyThere(const TimelineStore &to, const StoredIncident &source, qint64 there)
{
    QString error;
    const auto target = readIncident(to, there, &error);
    const QString head = QStringLiteral("incident %1 (%2) is already in %3 as incident %4")
                             .arg(source.record.id)
                             .arg(source.record.uuid, to.path())
                             .arg(there);
    if (!target)
        return head + QStringLiteral(", which cannot be read there (%1)").arg(error);
    if (target->chain.headHash == source.chain.headHash
        && target->events.size() == source.events.size())
        return head + QStringLiteral(" with the same chain (%1 events, head %2): copied before")
                          .arg(target->events.size())
                          .arg(shortHash(target->chain.headHash));
    return head
           + QStringLiteral(" with a different chain (there %1 events, head %2; here %3 events, "
                            "head %4): the two copies went separate ways")
                 .arg(target->events.size())
                 .arg(shortHash(target->chain.headHash))
                 .arg(source.events.size())
                 .arg(shortHash(source.chain.headHash));
}

// Writes one incident and reads it back from the target: the copy is done only when the chain
// there verifies and ends on the source's head, hash for hash.
bool copyOne(TimelineStore &to, const StoredIncident &s, IncidentCopy::Result *result)
{
    QString error;
    const auto id = to.importIncident(s.record, s.events, &error);
    const auto target = id ? readIncident(to, *id, &error) : std::nullopt;
    if (!target) {
        result->refusals << QStringLiteral("incident %1 was not copied: %2").arg(s.record.id).arg(error);
        return false;
    }
    if (!target->chain.intact || target->chain.headHash != s.chain.headHash
        || target->events.size() != s.events.size()) {
        result->refusals << QStringLiteral("incident %1 was written to %2 as incident %3 but does "
                                           "not read back the same (%4; head %5, the source's %6)")
                                .arg(s.record.id)
                                .arg(to.path())
                                .arg(*id)
                                .arg(target->chain.summary(), shortHash(target->chain.headHash),
                                     shortHash(s.chain.headHash));
        return false;
    }
    IncidentCopy::Copied copied{s.record.id, *id,           target->record, s.open,
                                s.chain,     target->chain, s.recordedAsIs};
    result->copied.append(std::move(copied));
    return true;
}

} // namespace

IncidentCopy::Result IncidentCopy::run(TimelineStore &from, TimelineStore &to,
                                       std::optional<qint64> incidentId)
{
    if (incidentId)
        return run(from, to, QList<qint64>{*incidentId});
    QString error;
    if (const auto list = from.incidents(&error))
        return run(from, to, oldestFirst(*list));
    Result result;
    result.refusals << error;
    return result;
}

QList<qint64> IncidentCopy::oldestFirst(const QList<IncidentSummary> &incidents)
{
    QList<qint64> ids;
    for (const IncidentSummary &s : incidents)
        ids.prepend(s.id); // listed newest first
    return ids;
}

IncidentCopy::Checked IncidentCopy::check(const TimelineStore &from, const QList<qint64> &ids)
{
    Checked checked;
    QString error;
    for (const qint64 id : ids) {
        auto s = readIncident(from, id, &error);
        if (!s)
            checked.refusals << error;
        else if (!s->chain.intact)
            checked.refusals << QStringLiteral("incident %1 in %2 does not verify (%3); a damaged "
                                               "chain is not copied")
                                    .arg(id)
                                    .arg(from.path(), s->chain.summary());
        else if (const QStringList bad = fieldRefusals(from, *s); !bad.isEmpty())
            checked.refusals << bad;
        else
            checked.sources.append(std::move(*s));
    }
    return checked;
}

IncidentCopy::Result IncidentCopy::write(TimelineStore &to, const Checked &checked)
{
    Result result;
    result.refusals = checked.refusals;
    if (!result.ok())
        return result;
    QString error;
    const auto targetIds = uuidsOf(to, &error);
    if (!targetIds) {
        result.refusals << error;
        return result;
    }
    for (const StoredIncident &s : checked.sources) {
        if (const auto there = targetIds->constFind(s.record.uuid); there != targetIds->cend())
            result.refusals << alreadyThere(to, s, *there);
    }
    if (!result.ok())
        return result;
    for (const StoredIncident &s : checked.sources) {
        if (!copyOne(to, s, &result))
            break;
    }
    return result;
}

IncidentCopy::Result IncidentCopy::run(TimelineStore &from, TimelineStore &to,
                                       const QList<qint64> &ids)
{
    return write(to, check(from, ids));
}

} // namespace warroom
