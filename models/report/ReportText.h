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
