#pragma once

#include "PostmortemReport.h"

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
};

} // namespace warroom
