#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace warroom {

// One line of a drill's facilitation record (schema 4, table facilitation_entries): what the
// facilitator did and wrote, and what the inject board saw, kept in the same database as the
// incident but outside its hash-chained timeline and so outside the postmortem. Append-only
// like the events (the database refuses UPDATE and DELETE), numbered per incident from 1, and
// only for DRILL incidents. The store knows rows only; models/facilitation gives kinds meaning.
struct FacilitationEntry
{
    qint64 incidentId = 0;
    qint64 seq = 0;      // 1, 2, ... per incident; set by the store on append
    qint64 utcMs = 0;    // wall clock when written
    qint64 drillMs = 0;  // the drill clock at the moment it is about
    QString author;      // who did it: the facilitator, a player acknowledging, "drill runner"
    QString kind;        // "observation", "rating", "inject.fired", ...
    QString subject;     // a step id or an inject id; may be empty
    QJsonObject payload; // the rest, by kind
};
using FacilitationEntries = QList<FacilitationEntry>;

} // namespace warroom
