#pragma once

#include <QString>

namespace warroom {

// `warroom incidents`: one line per incident in the database, its chain not checked (verify does).
int runListIncidents(const QString &dbPath);

} // namespace warroom
