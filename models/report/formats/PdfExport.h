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
    // Written whole or not at all: through a QSaveFile, which replaces `path` only when every byte
    // was written.
    static bool write(const PostmortemReport &report, const QString &path, QString *error);
    // To `device`; false when the writer could not start on it (a write error is the device's).
    static bool write(const PostmortemReport &report, QIODevice &device);
};

} // namespace warroom
