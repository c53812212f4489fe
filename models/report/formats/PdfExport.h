#pragma once

#include "report/PostmortemReport.h"

namespace warroom {

// The postmortem as PDF through Qt's PDF writer: the same document as the HTML export, paginated,
// with a header on every page (DRILL in it for a drill) and the Gantt chart near the top, drawn as
// lines and text.
class PdfExport
{
public:
    static bool write(const PostmortemReport &report, const QString &path, QString *error);
};

} // namespace warroom
