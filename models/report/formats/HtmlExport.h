#pragma once

#include "report/PostmortemReport.h"

class QIODevice;

namespace warroom {

// The postmortem as one self-contained HTML file: inline style, the Gantt chart inline as SVG, no
// external assets, readable when printed. A DRILL says DRILL in a band that repeats on every
// printed page.
class HtmlExport
{
public:
    enum class Flavour {
        Browser,      // full CSS, chart inline as SVG
        TextDocument, // the subset QTextDocument renders, for the PDF; the chart is drawn apart
    };
    static QString write(const PostmortemReport &report, Flavour flavour = Flavour::Browser);
    // The Browser flavour to `device` as it is made; false if a write failed. The same bytes as
    // write(report) in UTF-8.
    static bool write(const PostmortemReport &report, QIODevice &device);

    // The same document cut around the timeline table, for the PDF, which paints that table
    // itself: a rich-text layout of a 100,000-row table takes minutes, rows painted take a second.
    // The table's rows are not made at all.
    struct Split
    {
        QString beforeTimeline; // a whole HTML document, up to the Timeline heading
        QString afterTimeline;  // a whole HTML document, from Supporting information on
    };
    static Split writeSplit(const PostmortemReport &report, Flavour flavour);
    // The image source the TextDocument flavour leaves where the chart goes.
    static QString chartPlaceholder() { return QStringLiteral("warroom-chart"); }

private:
    // The document, shown (BidiControls), without the timeline table's rows, and where it is cut.
    struct Cut
    {
        QString text;
        qsizetype bodyStart = 0;
        qsizetype tableStart = 0;
        qsizetype rowsAt = 0; // after the table's header row, where its rows go
        qsizetype tableEnd = 0;
    };
    static Cut withoutRows(const PostmortemReport &report, Flavour flavour);
};

} // namespace warroom
