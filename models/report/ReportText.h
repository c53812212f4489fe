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

} // namespace warroom::ReportText
