#pragma once

#include <QString>

#include <functional>
#include <optional>

namespace warroom {

// "T+01:02:03": the clock a war room reads, counted from the declaration.
QString formatElapsed(qint64 elapsedMs);
// How a sentence writes a T+ inside it, where a screen shows a clock of its own: a drill's runner
// clock, so that "… confirmed by Alice at T+…" and "opened at T+…" agree with the row's T+.
using TimeText = std::function<QString(qint64 elapsedMs)>;
// timeText's words for elapsedMs; without one (an empty function), formatElapsed's: the real time
// since the declaration, as the postmortem writes every time.
QString formatElapsed(const TimeText &timeText, qint64 elapsedMs);
// How long one time came before another, `ms` either way: "00:01:15", and "under a second" for
// a gap the clock would show as "00:00:00" ("00:00:00 before inject … fired" read as at once).
QString formatGapBefore(qint64 ms);
// A margin of `ms` against a limit of `limitMs` in whole seconds, as the times beside it are
// shown (formatElapsed cuts the rest off); over the limit by less than a second, a second over:
// worked out from the exact times, "00:00:16 after inject (00:00:43 to spare)" of a minute did
// not add up, and "00:00:00 to spare" or "(00:00:00 over)" stood beside MISSED.
qint64 shownMarginMs(qint64 limitMs, qint64 ms);
// "2026-11-21 22:21:41Z": wall-clock time, always UTC so screens in different zones agree.
QString formatUtc(qint64 utcMs);
// A short span as people say it: "4 s", "2 min 05 s", "1 h 03 min".
QString formatAge(qint64 ms);
// A planned or forecast moment as the room says it: "T+52" (minutes), "T+2 h 05", and past two
// days "T+30 d 13 h" (a 30-day-old incident's forecast is not 43,925 minutes).
QString formatPlanTime(qint64 ms);
// The whole minute formatPlanTime says for `ms` (the seconds dropped, as the clock drops them):
// what "late" is measured in when the words are compared.
qint64 planMinute(qint64 ms);
// A finish `deltaMs` after its plan (negative: before it) to the nearest minute: "3 min over
// plan", "2 min under plan", or "on plan" within half a minute either way.
QString formatPlanDelta(qint64 deltaMs);
// Whether formatPlanDelta says "over plan": half a minute late or more.
bool isOverPlan(qint64 deltaMs);
// Reads "T+1:02:03", "1:02:03", "02:03" or a number of minutes ("12.5") as elapsed ms.
std::optional<qint64> parseElapsed(const QString &text);

} // namespace warroom
