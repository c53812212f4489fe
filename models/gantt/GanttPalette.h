#pragma once

#include "gantt/GanttGeometry.h"

#include <QColor>

namespace warroom {

// Every colour the Gantt chart draws with, in one place, in the core so that the screen's chart
// (dark(), ui/gantt) and the postmortem's printed chart (light(), report/ReportChart) share them:
// white paper gets darker bar colours.
// Bars use the Okabe-Ito colours, distinguishable with the common colour-vision deficiencies;
// each state also has its own fill pattern and a word, so colour is never the only cue.
struct GanttPalette
{
    QColor background;
    QColor foreground; // axis labels, legend, text on the plot
    QColor grid;
    QColor planned;
    QColor active;
    QColor done;
    QColor skipped;
    QColor failed;
    QColor failedText; // the FAILED / HALTED word on a failed bar
    QColor unknown;    // a run with no answer: it may have run
    QColor critical;   // the critical path's outline
    QColor overridden; // the outline of a step started out of order
    QColor forecast;   // re-forecast bars and the forecast finish
    QColor now;
    QColor milestone;
    QColor closed;
    QColor note;
    QColor overrun; // "+N min over"

    QColor colour(BarState state) const;

    static GanttPalette dark();
    static GanttPalette light();
};

} // namespace warroom
