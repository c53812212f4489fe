#pragma once

#include "report/PostmortemReport.h"

class QIODevice;

namespace warroom {

// The postmortem as PDF through Qt's PDF writer: the same document as the HTML export, paginated,
// with a header on every page (DRILL in it for a drill) and the Gantt chart near the top, drawn as
// lines and text.
class PdfExport
{
public:
    // To `device` (PostmortemExporter gives it a QSaveFile: a full disk made Qt's writer, writing
    // to the path itself, leave a PDF cut short in the place of a good one, and the export said
    // "wrote"); false when the writer could not start on it (a write error is the device's).
    static bool write(const PostmortemReport &report, QIODevice &device);
};

} // namespace warroom
