#pragma once

#include <QString>

namespace warroom {

// The Unicode bidirectional embedding, override and isolate controls (U+202A to U+202E, U+2066
// to U+2069) reorder what follows them on a line: a note written with U+202E shows "override" as
// "edirrevo", and a name or reason can be made to read as something else. A document people read
// (the postmortem in Markdown, HTML and PDF; the debrief) shows each as U+FFFD where it was,
// instead of obeying it. Right-to-left letters are left alone, and so are the data formats
// (JSON and CSV keep what was typed).
namespace BidiControls {

bool isControl(char16_t c);
// `text` with every such control replaced by U+FFFD; unchanged (not copied) when it has none.
QString shown(QString text);

} // namespace BidiControls

} // namespace warroom
