#pragma once

#include "Incident.h"

namespace warroom {

class SqliteStatement;

// One place that knows how an incidents row maps to an IncidentRecord. Select
// incidentRowColumns() from incidents, in that order.
QString incidentRowColumns();
IncidentRecord readIncidentRow(const SqliteStatement &statement);

} // namespace warroom
