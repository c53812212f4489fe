#pragma once

#include "report/PostmortemReport.h"

namespace warroom {

// The postmortem in the layout of the Google SRE postmortem template: what the app knows filled
// in, the rest left as headed blanks for the team, the timeline and appendices at the end.
class MarkdownExport
{
public:
    static QString write(const PostmortemReport &report);
};

} // namespace warroom
