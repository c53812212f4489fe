#pragma once

#include "report/PostmortemReport.h"

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

    // The same document cut around the timeline table, for the PDF, which paints that table
    // itself: a rich-text layout of a 100,000-row table takes minutes, rows painted take a second.
    struct Split
    {
        QString beforeTimeline; // a whole HTML document, up to the Timeline heading
        QString afterTimeline;  // a whole HTML document, from Supporting information on
    };
    static Split writeSplit(const PostmortemReport &report, Flavour flavour);
    // The image source the TextDocument flavour leaves where the chart goes.
    static QString chartPlaceholder() { return QStringLiteral("warroom-chart"); }

private:
    struct Cuts
    {
        qsizetype bodyStart = 0;
        qsizetype tableStart = 0;
        qsizetype tableEnd = 0;
    };
    static QString writeImpl(const PostmortemReport &report, Flavour flavour, Cuts *cuts);
};

} // namespace warroom
