#pragma once

#include "report/PostmortemReport.h"

class QIODevice;

namespace warroom {

// The postmortem in the layout of the Google SRE postmortem template: what the app knows filled
// in, the rest left as headed blanks for the team, the timeline and appendices at the end.
class MarkdownExport
{
public:
    // Whole, in memory (a preview).
    static QString write(const PostmortemReport &report);
    // To `device` as it is made; false if a write failed. The same bytes as write(report) in UTF-8.
    static bool write(const PostmortemReport &report, QIODevice &device);
};

} // namespace warroom
