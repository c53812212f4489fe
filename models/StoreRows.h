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
TimelineEvent readEventRow(const SqliteStatement &statement, bool parsePayload = true);

} // namespace warroom
