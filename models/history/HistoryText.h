#pragma once

#include "history/ChecklistHistory.h"

#include <QStringList>

#include <optional>

namespace warroom {

// `warroom history` in words: per checklist revision, LIVE and DRILL, a table of steps with
// n, median, p90, min, max, last, trend, the expected time and the incidents each figure comes
// from, then the time from rollback trigger to healthy. Text for a terminal, Markdown for a wiki;
// CSV and JSON (HistoryData) for machines.
namespace HistoryText {

enum class Format { Text, Markdown, Json, Csv };
std::optional<Format> formatFromName(const QString &name);

// "12:05", "1:02:05", or "-0:45" for a negative span (a trend).
QString span(qint64 ms);
QString trend(const std::optional<qint64> &ms);
QString incidentList(const QList<qint64> &ids);
// Whole 24-hour days from then to now, 0 for a time to come (a clock set wrong); not calendar
// days: a drill at 23:30 is "today" at 08:00 the next morning.
qint64 daysSince(qint64 thenUtcMs, qint64 nowUtcMs);
// "today", "1 day ago", "34 days ago", counted by daysSince.
QString daysAgo(qint64 thenUtcMs, qint64 nowUtcMs);

// The declare dialog's line: "This checklist: 23 min median over 6 drills, last drill 34 days
// ago" (rollback trigger to healthy, real-time drills people played, of the same id, revision
// and content), or that it has not been measured yet. A sped-up or scripted drill newer than the
// counted ones is named apart ("…, last counted drill 34 days ago; a sped-up or scripted drill
// today"), as drill coverage counts it: the dialog said "34 days ago" where the dashboard said
// "today".
QString declareLine(const QList<ChecklistHistory> &histories, const Checklist &checklist,
                    qint64 nowUtcMs);

// nowUtcMs: for the dashboard's drill coverage (days since the last drill).
QString write(const QList<ChecklistHistory> &histories, Format format,
              const QStringList &problems, qint64 nowUtcMs);
QString text(const QList<ChecklistHistory> &histories, bool markdown, qint64 nowUtcMs);
QString csv(const QList<ChecklistHistory> &histories);
QString json(const QList<ChecklistHistory> &histories);

} // namespace HistoryText

} // namespace warroom
