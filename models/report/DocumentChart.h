#pragma once

#include "report/ReportChart.h"

#include <QImage>
#include <QRectF>
#include <QString>

class QPainter;
class QPaintDevice;
class QTextDocument;

namespace warroom {

// A chart in a PDF made from a paginated text document (the postmortem's, the debrief's): the
// document keeps its place with a blank image of its size, and the chart is drawn there as lines
// and text, so that its labels can be searched and copied and stay sharp when zoomed in (pasted
// as a 300-dpi image they could not, and were blurred).
class DocumentChart
{
public:
    // `name`: the resource name of the blank image that keeps the chart's place.
    DocumentChart(ReportChart chart, QString name);

    // Adds the blank image to `doc` and returns the <img> that keeps the chart's place: as wide
    // as the document's text on `device` (within its margins: across the whole page its right
    // edge was cut off), as tall as the chart is at that width.
    QString reserve(QTextDocument &doc, qreal pageWidth, QPaintDevice *device);
    // Once `doc` is laid out for good (after KeepWithNext): where the chart is in it.
    void locate(const QTextDocument &doc, qreal devicePerCssPixel);
    // The chart's part on the page `page` (in the document's coordinates, which the painter is in
    // and clipped to). A chart taller than a page goes on over the next: drawn as text there, the
    // part the clip hides would still be in each page's text (found by search, read out by a
    // screen reader), so such a chart is an image at the painter's resolution, cut at the page's
    // edge.
    void paint(QPainter &painter, const QRectF &page);

    QRectF place() const { return m_place; }

private:
    ReportChart m_chart;
    QString m_name;
    QRectF m_place;
    QImage m_image; // when it is taller than a page: one image, embedded once for every page
};

} // namespace warroom
