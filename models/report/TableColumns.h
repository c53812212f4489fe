#pragma once

#include <QtGlobal>

class QPaintDevice;
class QTextDocument;

namespace warroom {

// Gives the columns of a paged QTextDocument's tables widths measured from their words, as a
// browser lays out an automatic table: each column at least as wide as its longest word, and the
// rest of the line shared by how much more each column's longest line needs.
//
// QTextDocument does not: under its default wrap mode ("at word boundary or anywhere") it takes a
// column's minimum as one letter, shares the width out evenly, and so cut "Communications lead"
// into "Communicati ons lead" in the postmortem's steps table. Fixing the wrap mode to whole words
// instead lets one long word (a URL, a hash) push the table off the page. Here, when the words
// cannot all fit whole, only those longer than a quarter of the page are cut.
class TableColumns
{
public:
    // Fits every table of `doc` whose columns have no widths of their own to pages `pageWidth`
    // pixels wide of `device` (whose fonts' metrics it measures with). The document must have no
    // page size yet, and is cheapest without its layout yet: give it both after, and it is laid
    // out once, with the new widths. Returns the tables fitted (none in a document with pages).
    static int fit(QTextDocument &doc, QPaintDevice *device, qreal pageWidth);
};

} // namespace warroom
