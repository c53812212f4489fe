#pragma once

#include <QtGlobal>

class QTextDocument;

namespace warroom {

// Keeps every heading of a paged QTextDocument on the page where its content starts.
// QTextDocument breaks pages line by line and knows no "keep with next" (QTextFormat's page
// break policy is Auto, AlwaysBefore or AlwaysAfter only), so a heading, and the caption under
// it, could end a page whose next line (a chart, a table's first row) did not fit: here each such
// heading gets a page break before it instead.
class KeepWithNext
{
public:
    // Lays `doc` out at its page size (which must be set) and breaks the page before each
    // heading that stands apart from what follows it: the heading, any heading right under it,
    // a paragraph right before an image (its caption), and then the first line of the content,
    // or of a table's first row under its header row. A group taller than a page is left alone.
    // `trailing` is the height of what the caller paints under the document's end (a table drawn
    // row by row): a heading at the end keeps that much room under it. Returns the breaks added.
    static int apply(QTextDocument &doc, qreal trailing = 0);
};

} // namespace warroom
