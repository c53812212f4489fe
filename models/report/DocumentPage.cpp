#include "report/DocumentPage.h"

#include "report/DocumentChart.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextDocument>

namespace warroom {

void drawDocumentPage(QPainter &painter, const QTextDocument &doc, int page, qreal top,
                      DocumentChart *chart)
{
    const QSizeF size = doc.pageSize();
    const QRectF view(QPointF(0, page * size.height()), size); // in the document
    painter.save();
    // A table row split across pages draws the line cut at the page's edge on both pages; the
    // clip keeps it out of what is above the page (the postmortem's header band).
    painter.setClipRect(QRectF(QPointF(0, top), size), Qt::IntersectClip);
    painter.translate(0, top - view.top());
    QAbstractTextDocumentLayout::PaintContext context;
    context.clip = view;
    context.palette.setColor(QPalette::Text, Qt::black);
    doc.documentLayout()->draw(&painter, context);
    if (chart)
        chart->paint(painter, view);
    painter.restore();
}

} // namespace warroom
