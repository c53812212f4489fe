#include "report/formats/CdEventsExport.h"

#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <QDateTime>
#include <QTimeZone>
#include <QUrl>
#include <QUuid>

#include <nlohmann/json.hpp>

namespace warroom {

namespace {

using Ordered = nlohmann::ordered_json;

// The CDEvents release whose schemas tests/data/cdevents/ holds, and its event types.
constexpr const char *cdeventsVersion = "0.5.1";
constexpr const char *eventSource = "/warroom";

struct EventType
{
    const char *name;    // subject.predicate, also the name the event's id is derived from
    const char *version; // the event type's own version in CDEvents 0.5.1
    const char *schema;  // the schema's $id
};

constexpr EventType incidentDetected{"incident.detected", "0.3.0",
                                     "https://cdevents.dev/0.5.1/schema/incident-detected-event"};
constexpr EventType incidentReported{"incident.reported", "0.3.0",
                                     "https://cdevents.dev/0.5.1/schema/incident-reported-event"};
constexpr EventType incidentResolved{"incident.resolved", "0.3.0",
                                     "https://cdevents.dev/0.5.1/schema/incident-resolved-event"};
constexpr EventType serviceRolledBack{"service.rolledback", "0.3.0",
                                      "https://cdevents.dev/0.5.1/schema/service-rolledback-event"};

std::string utf8(const QString &s)
{
    return s.toStdString();
}

std::string rfc3339(qint64 utcMs)
{
    return utf8(QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc())
                    .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"))
                + u'Z');
}

// One CDEvent to write: what it is, the timeline event it stands for, and its subject.
struct Occurrence
{
    EventType type;
    const TimelineEvent *event = nullptr;
    QString subjectId;
    Ordered content;
    Ordered custom;
};

class CdEventsWriter
{
public:
    explicit CdEventsWriter(const PostmortemReport &r)
        : m_r(r)
    {
        const QUuid incidentUuid(r.incident.uuid);
        // A uuid that is not one (an old or hand-made record) still gives stable, distinct ids.
        m_namespace
            = incidentUuid.isNull()
                  ? QUuid::createUuidV5(QUuid(), QStringLiteral("warroom:") + r.incident.uuid)
                  : incidentUuid;
        const auto var = [&](const char *name) {
            return r.incident.variables.value(QString::fromLatin1(name)).trimmed();
        };
        m_service = var("service");
        m_environment = var("environment");
        if (m_environment.isEmpty())
            m_environment = r.isDrill() ? QStringLiteral("drill") : QStringLiteral("production");
        m_badArtifact = CdEventsExport::artifactPurl(m_service, var("bad_version"));
        m_goodArtifact = CdEventsExport::artifactPurl(m_service, var("good_version"));
    }

    QByteArray write()
    {
        collect();
        Ordered batch = Ordered::array();
        QString previousId;
        for (const Occurrence &o : std::as_const(m_occurrences)) {
            const QString id = contextId(o);
            batch.push_back(cloudEvent(o, id, previousId));
            previousId = id;
        }
        return QByteArray::fromStdString(batch.dump(2)) + '\n';
    }

private:
    QString contextId(const Occurrence &o) const
    {
        return QUuid::createUuidV5(m_namespace, QString::fromLatin1(o.type.name))
            .toString(QUuid::WithoutBraces);
    }

    bool exported(const TimelineEvent *e) const { return e && !m_r.omitted.contains(e->seq); }

    const TimelineEvent *firstOfKind(QLatin1StringView kind) const
    {
        for (const TimelineEvent &e : m_r.events) {
            if (e.kind == kind)
                return &e;
        }
        return nullptr;
    }

    const TimelineEvent *lastOfKind(QLatin1StringView kind) const
    {
        for (auto it = m_r.events.crbegin(); it != m_r.events.crend(); ++it) {
            if (it->kind == kind)
                return &*it;
        }
        return nullptr;
    }

    // The event that reached the rollback-complete milestone: the last one at its moment on the
    // milestone's step (the step's completion), or any at that moment.
    const TimelineEvent *rollbackCompleteEvent() const
    {
        if (!m_r.rollbackCompleteMs)
            return nullptr;
        QString step;
        for (const ChecklistMilestone &m : m_r.checklist.milestones) {
            if (m.id == QLatin1String("rollback-complete"))
                step = m.stepId;
        }
        const TimelineEvent *any = nullptr;
        for (auto it = m_r.events.crbegin(); it != m_r.events.crend(); ++it) {
            if (it->elapsedMs != *m_r.rollbackCompleteMs)
                continue;
            if (it->stepId == step)
                return &*it;
            if (!any)
                any = &*it;
        }
        return any;
    }

    Ordered incidentContent(const QString &description, bool afterRollback) const
    {
        Ordered c
            = {{"description", utf8(description)}, {"environment", {{"id", utf8(m_environment)}}}};
        if (!m_service.isEmpty())
            c["service"] = {{"id", utf8(m_service)}};
        const QString &artifact = afterRollback ? m_goodArtifact : m_badArtifact;
        if (!artifact.isEmpty())
            c["artifactId"] = utf8(artifact);
        return c;
    }

    QString title() const
    {
        return (m_r.isDrill() ? QStringLiteral("DRILL: ") : QString()) + m_r.incident.title;
    }

    Ordered customData(const TimelineEvent &e) const
    {
        return {{"warroom",
                 {{"incident_uuid", utf8(m_r.incident.uuid)},
                  {"title", utf8(m_r.incident.title)},
                  {"mode", utf8(incidentModeName(m_r.incident.mode))},
                  {"checklist",
                   {{"id", utf8(m_r.incident.checklistId)},
                    {"revision", utf8(m_r.incident.checklistRevision)}}},
                  {"seq", e.seq},
                  {"kind", utf8(e.kind)},
                  {"actor", utf8(e.actor)},
                  {"elapsed_ms", e.elapsedMs},
                  {"t_plus", utf8(formatElapsed(e.elapsedMs))},
                  {"event_hash", e.hash.toStdString()}}}};
    }

    void add(const EventType &type, const TimelineEvent *e, const QString &subject, Ordered content)
    {
        if (!exported(e))
            return;
        Occurrence o{type, e, subject, std::move(content), customData(*e)};
        m_occurrences.append(std::move(o));
    }

    void collect();
    Ordered cloudEvent(const Occurrence &o, const QString &id, const QString &previousId) const;

    const PostmortemReport &m_r;
    QUuid m_namespace;
    QString m_service;
    QString m_environment;
    QString m_badArtifact;
    QString m_goodArtifact;
    QList<Occurrence> m_occurrences;
};

void CdEventsWriter::collect()
{
    const QString uuid = m_r.incident.uuid.isEmpty() ? m_namespace.toString(QUuid::WithoutBraces)
                                                     : m_r.incident.uuid;
    const TimelineEvent *declared = firstOfKind(EventKind::IncidentDeclared);
    add(incidentDetected, declared, uuid, incidentContent(title(), false));
    Ordered reported = incidentContent(title(), false);
    // The war room's own record is the ticket: a URN a consumer can match on.
    reported["ticketURI"]
        = utf8(QStringLiteral("urn:uuid:") + m_namespace.toString(QUuid::WithoutBraces));
    add(incidentReported, declared, uuid, std::move(reported));

    // Rolled back: needs the service (its subject) and the version it returned to (its artifact).
    if (const TimelineEvent *done = rollbackCompleteEvent();
        done && !m_service.isEmpty() && !m_goodArtifact.isEmpty()) {
        Ordered content = {{"environment", {{"id", utf8(m_environment)}}},
                           {"artifactId", utf8(m_goodArtifact)}};
        add(serviceRolledBack, done, m_service, std::move(content));
        if (!m_occurrences.isEmpty() && m_occurrences.constLast().event == done) {
            Ordered &w = m_occurrences.last().custom["warroom"];
            if (!m_badArtifact.isEmpty())
                w["rolled_back_from"] = utf8(m_badArtifact);
            if (m_r.rollbackStartMs)
                w["trigger_to_healthy_ms"] = *m_r.rollbackCompleteMs - *m_r.rollbackStartMs;
        }
    }

    if (!m_r.closed)
        return;
    const TimelineEvent *closed = lastOfKind(EventKind::IncidentClosed);
    const bool rolledBack = m_r.rollbackCompleteMs.has_value();
    const QString how
        = rolledBack
              ? QStringLiteral("closed at %1; rolled back to %2 at %3")
                    .arg(formatElapsed(closed ? closed->elapsedMs : 0),
                         m_r.incident.variables.value(QStringLiteral("good_version"),
                                                      QStringLiteral("the known-good version")),
                         formatElapsed(*m_r.rollbackCompleteMs))
              : QStringLiteral("closed at %1 without completing the rollback")
                    .arg(formatElapsed(closed ? closed->elapsedMs : 0));
    add(incidentResolved, closed, uuid,
        incidentContent(title() + QStringLiteral(": ") + how, rolledBack));
}

Ordered CdEventsWriter::cloudEvent(const Occurrence &o, const QString &id,
                                   const QString &previousId) const
{
    const std::string type = std::string("dev.cdevents.") + o.type.name + '.' + o.type.version;
    const std::string time = rfc3339(o.event->utcMs);
    Ordered context = {{"specversion", cdeventsVersion},
                       {"id", utf8(id)},
                       {"source", eventSource},
                       {"type", type},
                       {"timestamp", time},
                       {"chainId", utf8(m_namespace.toString(QUuid::WithoutBraces))}};
    if (!previousId.isEmpty())
        context["links"]
            = Ordered::array({{{"linkType", "PATH"}, {"from", {{"contextId", utf8(previousId)}}}}});
    const Ordered data = {{"context", context},
                          {"subject", {{"id", utf8(o.subjectId)}, {"content", o.content}}},
                          {"customData", o.custom},
                          {"customDataContentType", "application/json"}};
    // The CloudEvents attributes the CDEvents binding sets from the CDEvent (README).
    return {{"specversion", "1.0"},
            {"id", utf8(id)},
            {"source", eventSource},
            {"type", type},
            {"subject", utf8(o.subjectId)},
            {"time", time},
            {"datacontenttype", "application/json"},
            {"dataschema", o.type.schema},
            {"data", data}};
}

} // namespace

QString CdEventsExport::artifactPurl(const QString &service, const QString &version)
{
    if (version.startsWith(QLatin1String("pkg:")))
        return version;
    if (service.isEmpty() || version.isEmpty())
        return {};
    return QStringLiteral("pkg:generic/%1@%2")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(service)),
             QString::fromLatin1(QUrl::toPercentEncoding(version)));
}

QByteArray CdEventsExport::write(const PostmortemReport &report)
{
    return CdEventsWriter(report).write();
}

} // namespace warroom
