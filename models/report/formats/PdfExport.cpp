#include "report/formats/PdfExport.h"

#include "report/formats/HtmlExport.h"
#include "util/TimeFormat.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTextDocument>

namespace warroom {

namespace {

// Column widths of the painted timeline table, as fractions of the page width.
constexpr qreal columnShare[] = {0.21, 0.11, 0.16, 0.52};

struct TableRow
{
    QStringList cells;
    bool bold = false;
    qreal height = 0;
    int page = 0; // 0-based, counted from the first page of the document
    qreal y = 0;  // top within the page body
};

std::unique_ptr<QTextDocument> makeDocument(const QString &html, QPdfWriter &writer,
                                            const QFont &font, QSizeF body)
{
    auto doc = std::make_unique<QTextDocument>();
    doc->documentLayout()->setPaintDevice(&writer);
    doc->setDefaultFont(font);
    doc->setDefaultStyleSheet(
        QStringLiteral("table { border-collapse: collapse; } th { background-color: #eef1f5; } "
                       "td, th { border: 1px solid #bbbbbb; padding: 3px; } tr.override td { "
                       "font-weight: bold; }"));
    doc->setHtml(html);
    doc->setPageSize(body);
    return doc;
}

} // namespace

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
    const QSizeF body(page.width(), page.height() - headerHeight);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9);
    QFont small = font;
    small.setPointSizeF(7.5);
    QFont smallBold = small;
    smallBold.setBold(true);

    // Layout first, so that every page can say "page N of M".
    const HtmlExport::Split html = HtmlExport::writeSplit(r, HtmlExport::Flavour::TextDocument);
    const auto before = makeDocument(html.beforeTimeline, writer, font, body);
    const auto after = makeDocument(html.afterTimeline, writer, font, body);
    const int beforePages = before->pageCount();
    const qreal beforeEnd = before->size().height() - (beforePages - 1) * body.height();

    QList<qreal> columnX;
    qreal x = 0;
    for (qreal share : columnShare) {
        columnX << x;
        x += share * body.width();
    }
    const qreal pad = QFontMetricsF(small, &writer).height() * 0.25;
    const QFontMetricsF metrics(small, &writer);
    const QFontMetricsF boldMetrics(smallBold, &writer);
    // Most cells fit on one line; only those that do not are measured for wrapping, which is the
    // expensive part of a 100,000-row table.
    auto measure = [&](TableRow &row) {
        const QFontMetricsF &m = row.bold ? boldMetrics : metrics;
        qreal h = m.height();
        for (int c = 0; c < row.cells.size(); ++c) {
            const qreal width = columnShare[c] * body.width() - 2 * pad;
            if (m.horizontalAdvance(row.cells.at(c)) <= width)
                continue;
            const QRectF box(0, 0, width, 1e9);
            h = std::max(h, m.boundingRect(box, Qt::TextWordWrap, row.cells.at(c)).height());
        }
        row.height = h + 2 * pad;
    };
    TableRow header{{QStringLiteral("UTC"), QStringLiteral("T+"), QStringLiteral("Who"),
                     QStringLiteral("Event")},
                    true};
    measure(header);
    QList<TableRow> rows;
    rows.reserve(r.timeline.size());
    int tablePage = beforePages - 1;
    qreal y = beforeEnd + pad;
    QList<QPair<int, qreal>> headers{{tablePage, y}};
    y += header.height;
    for (const auto &t : r.timeline) {
        TableRow row{{formatUtc(t.utcMs), formatElapsed(t.elapsedMs), t.actor, t.text},
                     t.isOverride};
        measure(row);
        if (y + row.height > body.height()) {
            ++tablePage;
            y = 0;
            headers.append({tablePage, y});
            y += header.height;
        }
        row.page = tablePage;
        row.y = y;
        y += row.height;
        rows.append(row);
    }
    const int afterFirst = tablePage + 1;
    const bool chart = r.options.paintChart || !r.options.chartSvg.isEmpty();
    const int pages = afterFirst + after->pageCount() + (chart ? 1 : 0);

    int current = 0;
    auto startPage = [&](int number) {
        if (number > current) {
            writer.newPage();
            current = number;
        }
        painter.save();
        painter.setFont(small);
        const QRectF band(0, 0, page.width(), headerHeight * 0.7);
        if (r.isDrill()) {
            painter.fillRect(band, QColor(0xf5, 0xa6, 0x23));
            painter.setPen(Qt::black);
        } else {
            painter.setPen(QColor(0x44, 0x44, 0x44));
        }
        painter.drawText(band, Qt::AlignLeft | Qt::AlignVCenter,
                         (r.isDrill() ? QStringLiteral("  DRILL \u2014 ") : QString())
                             + QStringLiteral("Postmortem: ") + r.incident.title);
        painter.drawText(band, Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("page %1 of %2  ").arg(number + 1).arg(pages));
        painter.restore();
    };
    auto drawDocument = [&](QTextDocument &doc, int firstPage) {
        for (int p = 0; p < doc.pageCount(); ++p) {
            startPage(firstPage + p);
            painter.save();
            painter.translate(0, headerHeight - p * body.height());
            doc.drawContents(&painter, QRectF(0, p * body.height(), body.width(), body.height()));
            painter.restore();
        }
    };
    const qreal singleLine = metrics.height();
    const qreal ascent = metrics.ascent();
    auto drawRow = [&](const TableRow &row, int onPage, qreal top) {
        if (onPage > current)
            startPage(onPage);
        const qreal y0 = headerHeight + top;
        painter.setFont(row.bold ? smallBold : small);
        for (int c = 0; c < row.cells.size(); ++c) {
            const QRectF cell(columnX.at(c), y0, columnShare[c] * body.width(), row.height);
            if (&row == &header)
                painter.fillRect(cell, QColor(0xee, 0xf1, 0xf5));
            painter.setPen(QColor(0xbb, 0xbb, 0xbb));
            painter.drawRect(cell);
            painter.setPen(Qt::black);
            const QRectF inner = cell.adjusted(pad, pad, -pad, -pad);
            if (row.height <= singleLine + 2 * pad + 0.5)
                painter.drawText(QPointF(inner.left(), inner.top() + ascent), row.cells.at(c));
            else
                painter.drawText(inner, Qt::TextWordWrap, row.cells.at(c));
        }
    };

    drawDocument(*before, 0);
    int nextHeader = 0;
    for (const TableRow &row : std::as_const(rows)) {
        while (nextHeader < headers.size() && headers.at(nextHeader).first <= row.page) {
            drawRow(header, headers.at(nextHeader).first, headers.at(nextHeader).second);
            ++nextHeader;
        }
        drawRow(row, row.page, row.y);
    }
    if (rows.isEmpty())
        drawRow(header, headers.first().first, headers.first().second);
    drawDocument(*after, afterFirst);
    if (chart) {
        startPage(pages - 1);
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
