#pragma once

#include "report/PostmortemReport.h"

namespace warroom::ReportText {

// "25 min 30 s", "1 h 02 min": durations as a postmortem reads them.
QString duration(qint64 ms);
// The lines shared by every format, so that Markdown, HTML and PDF say the same thing.
QString statusLine(const PostmortemReport &r);
QString chainLine(const PostmortemReport &r);
QString sliceLine(const PostmortemReport &r);
QString resolutionFacts(const PostmortemReport &r); // plain sentences, one per line
QString triggerToHealthy(const PostmortemReport &r);
// Which events start and end "time from rollback trigger to healthy", in words.
QString triggerToHealthyDefinition(const PostmortemReport &r);
// " (drill at ×10 speed)" after every duration of an accelerated drill, else nothing.
QString speedNote(const PostmortemReport &r);
QString span(const PostmortemReport &r, qint64 ms); // duration(ms) + speedNote(r)
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
