#pragma once

#include "timeline/EventPayload.h"
#include "timeline/EventVocabulary.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace warroom {

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
    EventPayload payload; // parsed on first read when the event was read for a session
    // The payload exactly as stored (canonical JSON, UTF-8): what the hash covers. Null for an
    // event not read from a database (those hash canonicalPayload(payload)).
    QByteArray payloadText;
    QByteArray prevHash; // the previous event's hash (hex); the first links to the incident
    QByteArray hash;
};

using TimelineEvents = QList<TimelineEvent>;

} // namespace warroom

// Its members are Qt's implicitly shared types and integers, which may be moved in memory as
// bytes: a session's growing list of events is then realloc'd instead of copied event by event
// (a tenth of what a commit costs in our own code, with its page faults).
Q_DECLARE_TYPEINFO(warroom::TimelineEvent, Q_RELOCATABLE_TYPE);
