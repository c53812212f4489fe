#include "PdfExport.h"

#include "HtmlExport.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTextDocument>

namespace warroom {

bool PdfExport::write(const PostmortemReport &r, const QString &path, QString *error)
{
    QPdfWriter writer(path);
    writer.setResolution(300);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(
        QStringLiteral("%1Postmortem: %2")
            .arg(r.isDrill() ? QStringLiteral("[DRILL] ") : QString(), r.incident.title));
    writer.setCreator(QStringLiteral("Rollback War Room " WARROOM_VERSION));
    QPainter painter;
    if (!painter.begin(&writer)) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    const QRectF page = writer.pageLayout().paintRectPixels(writer.resolution());
    const qreal headerHeight = page.height() * 0.05;

    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9);
    doc.setDefaultFont(font);
    doc.setDefaultStyleSheet(
        QStringLiteral("table { border-collapse: collapse; } th { background-color: #eef1f5; } "
                       "td, th { border: 1px solid #bbbbbb; padding: 3px; } tr.override td { "
                       "font-weight: bold; }"));
    doc.setHtml(HtmlExport::write(r, HtmlExport::Flavour::TextDocument));
    const QSizeF body(page.width(), page.height() - headerHeight);
    doc.setPageSize(body);
    const int textPages = doc.pageCount();
    const bool chart = r.options.paintChart || !r.options.chartSvg.isEmpty();
    const int pages = textPages + (chart ? 1 : 0);

    QFont headerFont(QStringLiteral("DejaVu Sans"));
    headerFont.setPointSizeF(8);
    auto header = [&](int number) {
        painter.save();
        painter.setFont(headerFont);
        const QRectF band(0, 0, page.width(), headerHeight * 0.7);
        if (r.isDrill()) {
            painter.fillRect(band, QColor(0xf5, 0xa6, 0x23));
            painter.setPen(Qt::black);
        } else {
            painter.setPen(QColor(0x44, 0x44, 0x44));
        }
        const QString left = (r.isDrill() ? QStringLiteral("  DRILL \u2014 ") : QString())
                             + QStringLiteral("Postmortem: ") + r.incident.title;
        painter.drawText(band, Qt::AlignLeft | Qt::AlignVCenter, left);
        painter.drawText(band, Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("page %1 of %2  ").arg(number).arg(pages));
        painter.restore();
    };

    for (int p = 0; p < textPages; ++p) {
        if (p > 0)
            writer.newPage();
        header(p + 1);
        painter.save();
        painter.translate(0, headerHeight - p * body.height());
        doc.drawContents(&painter, QRectF(0, p * body.height(), body.width(), body.height()));
        painter.restore();
    }
    if (chart) {
        writer.newPage();
        header(pages);
        painter.setFont(font);
        painter.drawText(QRectF(0, headerHeight, body.width(), headerHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Gantt chart"));
        if (r.options.paintChart) {
            const QRectF area(0, headerHeight * 2, body.width(),
                              body.width() * r.options.chartAspect);
            painter.save();
            r.options.paintChart(painter, area);
            painter.restore();
        } else {
            QSvgRenderer svg(r.options.chartSvg);
            const QSizeF size = svg.defaultSize();
            const qreal scale = body.width() / std::max<qreal>(1, size.width());
            svg.render(&painter, QRectF(0, headerHeight * 2, body.width(), size.height() * scale));
        }
    }
    painter.end();
    return true;
}

} // namespace warroom
