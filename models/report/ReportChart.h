#pragma once

#include "gantt/GanttGeometry.h"
#include "gantt/GanttPalette.h"
#include "timeline/ScreenClock.h"

#include <QFont>
#include <QRectF>

#include <optional>

class QImage;
class QPainter;
class QPaintDevice;

namespace warroom {

struct PostmortemReport;

// The postmortem's Gantt chart, painted by the core for paper (GanttPalette::light()): one row per
// step with its full name wrapped, the plan as an outline, what happened as bars in their state's
// colour with FAILED or HALTED written beside them, a thin strip for the runs, and the milestones.
// Text is drawn in `font` as given, so a chart printed at its width keeps the font's point size.
class ReportChart
{
public:
    ReportChart(const GanttGeometry &geometry, const QFont &font);

    // The height the chart needs at `width`, in the units of `device`.
    qreal heightFor(qreal width, const QPaintDevice *device) const;
    void paint(QPainter &painter, const QRectF &area) const;
    // An SVG image `width` units wide, text at the font's pixel size, for inline HTML.
    QByteArray svg(int width) const;
    // A white image `width` pixels wide at `dotsPerInch`, for a PDF's text document.
    QImage image(int width, int dotsPerInch) const;

    // The drill debrief's overlay; the postmortem sets none.
    // A vertical line per inject at its time, its short label in a row of its own over the plot
    // (the legend that says what each label is goes under the chart, in the document's text),
    // and a shaded band per pause: from fromMs to toMs, at least a narrow band wide, since on
    // the drill clock a pause is an instant (the clock stood still).
    struct InjectMarker
    {
        qint64 atMs = 0;
        QString label;
    };
    struct Shade
    {
        qint64 fromMs = 0;
        qint64 toMs = 0;
    };
    void setOverlay(const QList<InjectMarker> &injects, const QList<Shade> &paused);
    // The postmortem's: a hatched band per stop of warroom, from the last event before it to
    // the reopening, under the bars (nothing was recorded there; a reader saw no sign of it).
    void setStops(const QList<Shade> &stops) { m_stops = stops; }
    // The time axis ends at `endMs` instead of where the plan ends (0: there, as before); a
    // planned bar that goes on past it is cut at the edge with an arrow after it.
    void setAxisEnd(qint64 endMs) { m_axisEndMs = endMs; }
    // Where the axis ends for `g`: shortly after what happened (its last bar or run, or
    // `lastMs`, anything drawn over them) when that ended before a third of the plan; 0
    // otherwise, the whole plan. A drill at x100 ended 5 seconds, or 8 drill-clock minutes,
    // into a 65-minute plan, and all it did was crowded into the chart's first pixels.
    static qint64 fittedAxisEnd(const GanttGeometry &g, qint64 lastMs = 0);
    // What the chart's caption says of the runs' unknown-outcome colour, in parentheses with a
    // leading space, when `g` has such a run (the postmortem's and the debrief's); else empty.
    static QString unknownRunsCaption(const GanttGeometry &g);
    // The postmortem's chart as drawn, found once for a document's chart and its caption: a
    // drill's on the clock its room's screens showed (ReportText::screensClock: the ×N drill
    // clock, pauses left out), as the room's own chart drew it (GanttClock); else as folded, in
    // real time. In real time a ×20 drill's 17 seconds were slivers under an hour's plan, while
    // the screens had read T+00:05:42.
    struct Postmortem
    {
        std::optional<ScreenClock> screens; // that clock, when it was not real time
        GanttGeometry geometry;             // PostmortemReport::gantt on it
        QList<Shade> stops;                 // PostmortemReport::stops on it
        qint64 axisEndMs = 0;               // fittedAxisEnd of both
    };
    static Postmortem postmortem(const PostmortemReport &r);
    static ReportChart ofPostmortem(const Postmortem &drawn, const QFont &font);

private:
    struct Layout;
    Layout layout(qreal width, const QPaintDevice *device) const;
    void paintRow(QPainter &painter, const Layout &l, int row) const;
    void paintOverlay(QPainter &painter, const Layout &l) const;
    void paintMilestones(QPainter &painter, const Layout &l) const;
    bool hasOverlay() const { return !m_injects.isEmpty() || !m_paused.isEmpty(); }

    GanttGeometry m_g;
    QFont m_font;
    GanttPalette m_palette = GanttPalette::light();
    QList<InjectMarker> m_injects;
    QList<Shade> m_paused;
    QList<Shade> m_stops;
    qint64 m_axisEndMs = 0;
};

} // namespace warroom
