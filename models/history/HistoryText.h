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

QString write(const QList<ChecklistHistory> &histories, Format format,
              const QStringList &problems = {});
QString text(const QList<ChecklistHistory> &histories, bool markdown);
QString csv(const QList<ChecklistHistory> &histories);
QString json(const QList<ChecklistHistory> &histories);

} // namespace HistoryText

} // namespace warroom
