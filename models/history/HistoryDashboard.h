#pragma once

#include "history/ChecklistHistory.h"

#include <QStringList>

namespace warroom {

// Seed 001's rollback metrics (section 48) for one checklist revision, from the same incidents
// as the step table: duration per rollback class, validation passed without manual
// intervention (a check or ramp confirmed by hand counts against it), drill coverage against
// the seed's monthly cadence, and who executed the last drills (the seed asks to rotate).
// Time to detect against time to rollback needs impact-start and detection times the
// declaration does not record yet; the dashboard says so instead of guessing.
namespace HistoryDashboard {

inline constexpr qint64 monthlyDays = 31;

QStringList lines(const ChecklistHistory &history, qint64 nowUtcMs);

} // namespace HistoryDashboard

} // namespace warroom
