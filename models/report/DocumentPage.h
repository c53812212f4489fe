#pragma once

#include <QtGlobal>

class QPainter;
class QTextDocument;

namespace warroom {

class DocumentChart;

// Page `page` (0-based) of the paginated text document `doc`, drawn with its top `top` below the
// painter's origin as QTextDocument::print draws a page: clipped to it, and text without a colour
// of its own in black. QTextDocument::drawContents takes the application's palette instead: under
// a dark desktop theme its text is white, and the PDF's pages came out blank. `chart`, if given,
// is drawn where the document keeps its place. For the PDFs of the postmortem and the debrief.
void drawDocumentPage(QPainter &painter, const QTextDocument &doc, int page, qreal top,
                      DocumentChart *chart = nullptr);

} // namespace warroom
