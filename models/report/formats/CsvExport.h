#pragma once

#include "report/PostmortemReport.h"

class QIODevice;

namespace warroom {

// The timeline as CSV: RFC 4180 (CRLF line ends, fields quoted when they hold a comma, a quote or a
// line break, quotes doubled), UTF-8, a header row. Every row carries the mode, so a DRILL's rows
// say DRILL wherever they are pasted.
class CsvExport
{
public:
    // Straight to the device as it is made (PostmortemExporter::render gives it a buffer); false
    // if a write failed.
    [[nodiscard]] static bool write(const PostmortemReport &report, QIODevice &device);
};

} // namespace warroom
