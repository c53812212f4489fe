#pragma once

#include <QtGlobal>

class QTextDocument;

namespace warroom {

// Keeps every heading of a paged QTextDocument on the page where its content starts, and every
// row of its tables on one page. QTextDocument breaks pages line by line and knows no "keep with
// next" nor "keep together" (QTextFormat's page break policy is Auto, AlwaysBefore or AlwaysAfter
// only), so a heading, and the caption under it, could end a page whose next line (a chart, a
// table's first row) did not fit, and a row of wrapped cells could start at a page's foot and end
// on the next: here each such heading gets a page break before it, and each such row starts the
// next page instead.
class KeepWithNext
{
public:
    // Lays `doc` out at its page size (which must be set) and breaks the page before each
    // heading that stands apart from what follows it: the heading, any heading right under it,
    // a paragraph right before an image or a table (its caption), and then the first line of the
    // content, or a table's whole first row of data. A group taller than a page is left alone.
    // In the same pass, top to bottom, a table row split between pages is moved to the next one
    // (TableRowKeeper). `trailing` is the height of what the caller paints under the document's
    // end (a table drawn row by row): a heading at the end keeps that much room under it.
    // Returns the breaks added, rows moved included.
    static int apply(QTextDocument &doc, qreal trailing = 0);
};

} // namespace warroom
