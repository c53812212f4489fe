#pragma once

#include "Incident.h"
#include "TimelineEvent.h"

namespace warroom {

class SqliteStatement;

// The one place that knows how rows of the incidents and events tables map to records. Select
// incidentRowColumns() or eventRowColumns(), in that order, and read the row with its reader.
QString incidentRowColumns();
IncidentRecord readIncidentRow(const SqliteStatement &statement);
QString eventRowColumns();
// parsePayload false leaves payload empty and keeps only payloadText: enough for the chain.
// A payload that is not a JSON object is named in `problem` (if given) rather than read as empty.
TimelineEvent readEventRow(const SqliteStatement &statement, bool parsePayload = true,
                           QString *problem = nullptr);

} // namespace warroom
