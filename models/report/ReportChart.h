#pragma once

#include "gantt/GanttGeometry.h"
#include "gantt/GanttPalette.h"

#include <QFont>
#include <QRectF>

class QPainter;
class QPaintDevice;

namespace warroom {

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

private:
    struct Layout;
    Layout layout(qreal width, const QPaintDevice *device) const;
    void paintRow(QPainter &painter, const Layout &l, int row) const;

    GanttGeometry m_g;
    QFont m_font;
    GanttPalette m_palette = GanttPalette::light();
};

} // namespace warroom
