#pragma once

// The incident the export and tamper suites read: a whole drill of the shipped checklist on a
// fixed clock, so its exports are byte for byte the golden files in tests/data/export.

#include "report/PostmortemReport.h"

namespace warroom {
class TimelineStore;
}

namespace warroom::test {

inline constexpr qint64 t0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
inline constexpr qint64 minute = 60'000;

// The drill, with a private note, an override and text that tests every format's escaping,
// declared and closed in `store`; returns its id.
qint64 scriptedIncident(TimelineStore &store);
// Its postmortem as generated an hour after it began, with `options` otherwise.
PostmortemReport scriptedReport(const TimelineStore &store, qint64 id,
                                const ExportOptions &options = {});

} // namespace warroom::test
