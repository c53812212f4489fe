#pragma once

#include "report/PostmortemReport.h"
#include "report/ReportChart.h"
#include "timeline/ScreenClock.h"

#include <optional>

namespace warroom::ReportText {

// "25 min 30 s", "1 h 02 min": durations as a postmortem reads them.
QString duration(qint64 ms);
// The lines shared by every format, so that Markdown, HTML and PDF say the same thing.
QString statusLine(const PostmortemReport &r);
// Who commanded: the declared commander alone, or each in turn after a handover ("Alice Chen,
// then Bo Lee from T+00:41:00"): the declared name alone named someone no longer in command.
QString commanderLine(const PostmortemReport &r);
QString chainLine(const PostmortemReport &r);
QString sliceLine(const PostmortemReport &r);
// Which clock the room's screens showed, when it was not this document's real time since the
// declaration (a drill runner's ×N drill clock, pauses left out), and what it read at the end:
// the same action was T+00:02:41 on the screens and T+00:00:03 here, and nothing said why.
// Empty when the screens showed real time.
QString screensClockLine(const PostmortemReport &r);
// What the chart's caption says of its time axis, each sentence with a leading space: which
// clock it is when the screens showed another than real time, and where it ends when it ends
// before the plan, as `drawn` (ReportChart::postmortem of `r`) has them.
QString chartAxisSentences(const PostmortemReport &r, const ReportChart::Postmortem &drawn);
// That clock, when the screens showed one other than real time.
std::optional<ScreenClock> screensClock(const PostmortemReport &r);
// What the screens showed at `elapsedMs` when they showed another clock ("drill T+00:02:41"),
// else nothing: beside a key moment's T+, so that what the scribe wrote off the wall is found.
// After the drill's end it is the end's T+, with ", after the drill's end" when the room
// recorded it (`actor` not the drill's runner, whose own end note and close are its end).
QString screensTime(const std::optional<ScreenClock> &screens, qint64 elapsedMs,
                    const QString &actor = {});
// "T+00:00:03 (drill T+00:02:41)", or the T+ alone.
QString momentTime(const std::optional<ScreenClock> &screens, qint64 elapsedMs,
                   const QString &actor = {});
QString resolutionFacts(const PostmortemReport &r); // plain sentences, one per line
QString triggerToHealthy(const PostmortemReport &r);
// Which events start and end "time from rollback trigger to healthy", in words.
QString triggerToHealthyDefinition(const PostmortemReport &r);
// " (drill at ×10 speed)" after every duration of an accelerated drill, else nothing.
QString speedNote(const PostmortemReport &r);
QString span(const PostmortemReport &r, qint64 ms); // duration(ms) + speedNote(r)
// A step's actual time, and in a drill whose screens showed the runner's drill clock that clock's
// span too, from the step's first start to its end: "1 min 09 s (drill at ×10 speed; 7 min 18 s
// on the screens' drill clock)". A step read over plan on every screen and far under it on
// paper. `screens` is screensClock(r), found once.
QString stepSpan(const PostmortemReport &r, const PostmortemReport::StepRow &step,
                 const std::optional<ScreenClock> &screens);
// The key moments, people and folding notes shared by the document formats.
QString keyMomentsIntro(const PostmortemReport &r);
QStringList keyMomentColumns();
QString noKeyMoments();
QString personLine(const PostmortemReport::Person &p);
QString foldedNote(const PostmortemReport &r);
QString rolesLine(const PostmortemReport &r); // the checklist's roles, or "none named"

// The headings and columns every format writes, in the order of the postmortem template.
QStringList sectionsBeforeResolution(); // Summary, Impact, Root causes, Trigger: left to the team
QStringList lessonsLearned();           // the three questions under "Lessons learned"
QStringList actionItemColumns();
QStringList actionItemTypes(); // one empty row of each: prevent, mitigate, process
QStringList timelineColumns();
QStringList stepColumns();
QStringList runColumns();
QString noDecisions();
QString noRuns();

} // namespace warroom::ReportText
