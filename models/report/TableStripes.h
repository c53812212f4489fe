#pragma once

#include <QColor>

class QTextDocument;

namespace warroom {

// Shades every other body row of a paged QTextDocument's tables, as the PDF's painted timeline
// table shades its own rows: the PDF's tables have no grid. Qt draws collapsed borders by looking
// each cell's four neighbours up, in layout and again in painting; the grid of the postmortem's
// tables was a fifth of a 100,000-event PDF export's time (benchmarks, README). A stripe is one
// rectangle per cell, and it still takes the eye along a row of wrapped cells.
class TableStripes
{
public:
    // The body rows' shade; the header's is `header`.
    static QColor shade() { return QColor(0xf1, 0xf3, 0xf6); }
    static QColor header() { return QColor(0xdf, 0xe5, 0xec); }

    // Shades the second, fourth, … row after each table's header rows, in every table of `doc`
    // (nested ones included). Give it the document before its layout: each cell's new format is
    // an edit, which a document with a layout lays out again. Returns the rows shaded.
    static int apply(QTextDocument &doc);
};

} // namespace warroom
