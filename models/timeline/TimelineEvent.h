#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace warroom {

// The kinds of event the engine writes. Strings, not an enum, because they are stored and
// exported: an older build reading a newer timeline keeps and shows kinds it does not know.
namespace EventKind {
inline constexpr QLatin1StringView IncidentDeclared{"incident.declared"};
inline constexpr QLatin1StringView IncidentResumed{"incident.resumed"};
inline constexpr QLatin1StringView IncidentClosed{"incident.closed"};
inline constexpr QLatin1StringView StepStarted{"step.started"};
inline constexpr QLatin1StringView StepCompleted{"step.completed"};
inline constexpr QLatin1StringView StepReopened{"step.reopened"};
inline constexpr QLatin1StringView StepSkipped{"step.skipped"};
inline constexpr QLatin1StringView StepFailed{"step.failed"};
inline constexpr QLatin1StringView ItemConfirmed{"item.confirmed"};
inline constexpr QLatin1StringView ItemSkipped{"item.skipped"};
inline constexpr QLatin1StringView ItemReverted{"item.reverted"};
inline constexpr QLatin1StringView NoteAdded{"note.added"};
} // namespace EventKind

// What the engine wants recorded; the store gives it a sequence number and times.
struct EventDraft
{
    QString actor;
    QString kind;
    QString stepId;
    QString itemId;
    QJsonObject payload;
};

// One row of the append-only events table.
struct TimelineEvent
{
    qint64 incidentId = 0;
    qint64 seq = 0;       // 1, 2, 3... within the incident
    qint64 utcMs = 0;     // milliseconds since the Unix epoch, UTC
    qint64 elapsedMs = 0; // since the incident was declared
    QString actor;
    QString kind;
    QString stepId;
    QString itemId;
    QJsonObject payload;
    QString payloadText; // the payload exactly as stored (canonical JSON); what the hash covers
    QByteArray prevHash; // the previous event's hash (hex); the first links to the incident
    QByteArray hash;
};

using TimelineEvents = QList<TimelineEvent>;

} // namespace warroom
