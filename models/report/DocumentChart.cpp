#include "report/DocumentChart.h"

#include <QAbstractTextDocumentLayout>
#include <QPaintDevice>
#include <QPainter>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <utility>

namespace warroom {

namespace {

// Where a laid-out text document put the inline image named `name`, in the document's
// coordinates, `scale` device units to its 96-dpi pixels; empty when it has none.
QRectF inlineImagePlace(const QTextDocument &doc, const QString &name, qreal scale)
{
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextImageFormat image = fragment.charFormat().toImageFormat();
            if (!image.isValid() || image.name() != name)
                continue;
            // An inline image stands on its line's baseline; cursorToX counts the line's x.
            const int at = fragment.position() - block.position();
            const QTextLine line = block.layout()->lineForTextPosition(at);
            const QRectF box = doc.documentLayout()->blockBoundingRect(block);
            const QSizeF size(image.width() * scale, image.height() * scale);
            return QRectF(QPointF(box.x() + line.cursorToX(at),
                                  box.y() + line.y() + line.ascent() - size.height()),
                          size);
        }
    }
    return {};
}

} // namespace

DocumentChart::DocumentChart(ReportChart chart, QString name)
    : m_chart(std::move(chart))
    , m_name(std::move(name))
{}

QString DocumentChart::reserve(QTextDocument &doc, qreal pageWidth, QPaintDevice *device)
{
    // The document measures images in 96-dpi pixels and scales them to the device's resolution.
    const qreal toCss = 96.0 / device->logicalDpiX();
    const int width = qRound(pageWidth - 2 * doc.documentMargin() / toCss);
    const QSizeF size(width, m_chart.heightFor(width, device));
    QImage blank(1, 1, QImage::Format_ARGB32);
    blank.fill(Qt::transparent);
    doc.addResource(QTextDocument::ImageResource, QUrl(m_name), blank);
    return QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\">")
        .arg(m_name)
        .arg(size.width() * toCss)
        .arg(size.height() * toCss);
}

void DocumentChart::locate(const QTextDocument &doc, qreal devicePerCssPixel)
{
    m_place = inlineImagePlace(doc, m_name, devicePerCssPixel);
}

void DocumentChart::paint(QPainter &painter, const QRectF &page)
{
    if (!page.intersects(m_place))
        return;
    painter.save();
    if (m_place.top() >= page.top() && m_place.bottom() <= page.bottom()) {
        m_chart.paint(painter, m_place);
    } else {
        if (m_image.isNull())
            m_image = m_chart.image(qRound(m_place.width()), painter.device()->logicalDpiX());
        painter.drawImage(m_place, m_image);
    }
    painter.restore();
}

} // namespace warroom
