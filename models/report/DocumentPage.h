#pragma once

#include <QRectF>

class QPainter;
class QTextDocument;

namespace warroom {

// One page of a paginated text document drawn into a PDF, as QTextDocument::print draws it: the
// page `view` (in the document's coordinates, which the painter is in) clipped, and text without
// a colour of its own in black. QTextDocument::drawContents takes the application's palette
// instead: under a dark desktop theme its text is white, and the PDF's pages came out blank.
void drawDocumentPage(QPainter &painter, const QTextDocument &doc, const QRectF &view);

} // namespace warroom
