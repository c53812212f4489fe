#include "report/formats/PdfExport.h"

#include "report/DocumentChart.h"
#include "report/DocumentPage.h"
#include "report/KeepWithNext.h"
#include "report/ReportChart.h"
#include "report/ReportText.h"
#include "report/TableColumns.h"
#include "report/TableStripes.h"
#include "report/formats/HtmlExport.h"
#include "report/formats/PdfCellText.h"
#include "report/formats/PdfGlyphBatch.h"
#include "util/BidiControls.h"
#include "util/TimeFormat.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>

namespace warroom {

namespace {

// Column widths of the painted timeline table, as fractions of the page width.
constexpr qreal columnShare[] = {0.21, 0.11, 0.16, 0.52};
constexpr int columnCount = int(std::size(columnShare));
constexpr int repeatingColumn = 2; // who acted, and the event: these texts repeat

struct TableRow
{
    QStringList cells;
    bool bold = false;
    bool shaded = false; // every other event's row, as the document's tables (TableStripes)
    qreal height = 0;
    int page = 0; // 0-based, counted from the first page of the document
    qreal y = 0;  // top within the page body
    // A part of a row taller than a page: `height` of it from `offset` down, drawn clipped.
    bool cut = false;
    qreal offset = 0;
};

std::unique_ptr<QTextDocument> makeDocument(const QFont &font)
{
    auto doc = std::make_unique<QTextDocument>();
    doc->setDefaultFont(font);
    // Rows striped, no grid (TableStripes) but round the action items to write in; bottom margin.
    doc->setDefaultStyleSheet(
        QStringLiteral("table { margin-bottom: 10px; } th { background-color: %1; } td, th { "
                       "padding: 3px; } tr.override td { font-weight: bold; } table.fill { "
                       "border-collapse: collapse; } table.fill td { border: 1px solid #bbbbbb; }")
            .arg(TableStripes::header().name()));
    return doc;
}

// The document's content, its tables' columns fitted to their words, on pages of `body` of
// `writer`. Its layout comes last (with a layout, fitting would lay it out again), made under a
// null page size, which it does not lay out for: else it laid the document's first stretch out at
// once for no paint device, for nothing (11 and 18 ms of the PDF of 100,000 events).
void setContent(QTextDocument &doc, const QString &html, QPdfWriter &writer, QSizeF body)
{
    doc.setHtml(html);
    TableStripes::apply(doc);
    TableColumns::fit(doc, &writer, body.width());
    doc.setPageSize(QSizeF(0, 0));
    doc.documentLayout()->setPaintDevice(&writer);
    doc.setPageSize(body);
}

// Writes one postmortem: the HTML document around the timeline with the chart near its top, then
// the timeline table painted row by row, then the rest. Every page carries the same header band.
class PdfWriter
{
public:
    PdfWriter(const PostmortemReport &r, QIODevice &device);

    bool begin() { return m_painter.begin(&m_writer); }
    void layout();
    void paint();

private:
    qreal layoutTable(int firstPage, qreal top); // returns where the table ends on its last page
    void newTablePage();
    void layoutTallRow(const TableRow &row);
    PdfCellText &cell(const TableRow &row, int column) const
    {
        return *m_cells[row.bold ? 1 : 0][column];
    }
    qreal tableLead();
    void measure(TableRow &row);
    void startPage(int number);
    QString pageLabel(int number) const
    {
        return QStringLiteral("page %1 of %2  ").arg(number).arg(m_pages);
    }
    void fitBandTitle();
    void drawDocument(QTextDocument &doc, int firstPage);
    void drawRow(const TableRow &row, qreal top);
    void drawStripes(int page, qreal headerTop, qsizetype firstRow);
    void drawTable();
    void addChart(QTextDocument &doc, QString &html);
    void fitColumns();

    const PostmortemReport &m_r;
    QPdfWriter m_writer;
    QPainter m_painter;
    std::optional<PdfGlyphBatch> m_glyphs; // the table's, while it is painted
    QRectF m_page;
    qreal m_headerHeight = 0;
    QSizeF m_body;
    QFont m_font{QStringLiteral("DejaVu Sans")};
    QFont m_small;
    QFont m_smallBold;
    std::optional<QFontMetricsF> m_metrics; // of m_small, known once the page is laid out
    std::optional<QFontMetricsF> m_boldMetrics;
    qreal m_pad = 0;
    qreal m_columnWidth[columnCount] = {};
    QList<qreal> m_columnX;
    // Each column's texts, plain and bold: measured, and those that repeat shaped once.
    std::unique_ptr<PdfCellText> m_cells[2][columnCount];

    std::unique_ptr<QTextDocument> m_before;
    // The chart, drawn as lines and text where the document left its place (in m_before).
    std::optional<DocumentChart> m_chart;
    std::unique_ptr<QTextDocument> m_after;
    TableRow m_header;
    QList<TableRow> m_rows;
    QList<QPair<int, qreal>> m_headers; // where the table's header row repeats: page and top
    int m_afterFirst = 0;
    int m_tablePage = 0; // while the table is laid out: its page and where its next row goes
    qreal m_tableY = 0;
    int m_pages = 0;
    int m_current = 0;
    int m_banded = -1; // the last page whose header band is drawn
    QString m_bandTitle; // left in the band on every page, cut to leave room for "page N of M"
};

PdfWriter::PdfWriter(const PostmortemReport &r, QIODevice &device)
    : m_r(r)
    , m_writer(&device)
{
    m_writer.setResolution(300);
    m_writer.setPageSize(QPageSize(QPageSize::A4));
    m_writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    m_writer.setTitle(
        QStringLiteral("%1Postmortem: %2")
            .arg(r.isDrill() ? QStringLiteral("[DRILL] ") : QString(),
                 BidiControls::shown(r.incident.title)));
    m_writer.setCreator(QStringLiteral("Rollback War Room " WARROOM_VERSION));
}

// Layout first, so that every page can say "page N of M".
void PdfWriter::layout()
{
    m_page = m_writer.pageLayout().paintRectPixels(m_writer.resolution());
    m_headerHeight = m_page.height() * 0.05;
    m_body = QSizeF(m_page.width(), m_page.height() - m_headerHeight);
    m_font.setPointSizeF(9);
    m_small = m_font;
    // The timeline's rows: as small as the chart's smallest labels, and no smaller (7.5 pt read
    // as fine print on paper).
    m_small.setPointSizeF(8);
    m_smallBold = m_small;
    m_smallBold.setBold(true);

    HtmlExport::Split html = HtmlExport::writeSplit(m_r, HtmlExport::Flavour::TextDocument);
    m_before = makeDocument(m_font);
    addChart(*m_before, html.beforeTimeline);
    setContent(*m_before, html.beforeTimeline, m_writer, m_body);
    m_metrics.emplace(m_small, &m_writer);
    m_boldMetrics.emplace(m_smallBold, &m_writer);
    m_pad = m_metrics->height() * 0.25;
    fitColumns();
    for (int bold = 0; bold < 2; ++bold) {
        for (int c = 0; c < columnCount; ++c) {
            m_cells[bold][c] = std::make_unique<PdfCellText>(
                bold ? m_smallBold : m_small, &m_writer, m_columnWidth[c] - 2 * m_pad,
                c < repeatingColumn ? PdfCellText::Kind::Times : PdfCellText::Kind::Repeating);
        }
    }
    // Headings start the page their content is on; the Timeline heading, last in the document,
    // keeps the painted table's header and first row under it.
    KeepWithNext::apply(*m_before, tableLead());
    if (m_chart)
        m_chart->locate(*m_before, m_writer.resolution() / 96.0);
    const int beforePages = m_before->pageCount();
    const qreal beforeEnd = m_before->size().height() - (beforePages - 1) * m_body.height();

    qreal x = 0;
    for (qreal width : m_columnWidth) {
        m_columnX << x;
        x += width;
    }
    const qreal tableEnd = layoutTable(beforePages - 1, beforeEnd + m_pad);
    // What follows the table starts under its last row, not on a page of its own: a blank image
    // as tall as the rows above it holds their place (a block's top margin is dropped at the top
    // of a page). The document measures images in 96-dpi pixels.
    m_after = makeDocument(m_font);
    // Transparent: a white one painted a strip over the left edge of the table's first column on
    // that page ("JTC", "!026-01-01" at 70 dpi).
    QImage spacer(1, 1, QImage::Format_ARGB32);
    spacer.fill(Qt::transparent);
    m_after->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("warroom:spacer")),
                         spacer);
    const qreal toCss = 96.0 / m_writer.resolution();
    html.afterTimeline.replace(
        QStringLiteral("<body>\n"),
        QStringLiteral("<body>\n<p><img src=\"warroom:spacer\" width=\"1\" height=\"%1\"></p>\n")
            .arg((tableEnd + m_pad) * toCss));
    setContent(*m_after, html.afterTimeline, m_writer, m_body);
    KeepWithNext::apply(*m_after);
    m_pages = m_afterFirst + m_after->pageCount();
    fitBandTitle();
}

// A title as wide as the band ran under "page 2 of 28" at its right (141 characters). It is cut
// with an ellipsis where the widest page number would start; the first page's heading and the
// document's title keep it whole.
void PdfWriter::fitBandTitle()
{
    const QString title = (m_r.isDrill() ? QStringLiteral("  DRILL \u2014 ") : QString())
                          + QStringLiteral("Postmortem: ")
                          + PdfCellText::prepared(m_r.incident.title)
                                .replace(QChar::LineSeparator, u' '); // one line
    const qreal room = m_page.width() - m_metrics->horizontalAdvance(pageLabel(m_pages))
                       - m_metrics->height(); // a gap of about a letter's height
    m_bandTitle = m_metrics->elidedText(title, Qt::ElideRight, std::max<qreal>(room, 0));
}

void PdfWriter::measure(TableRow &row)
{
    qreal h = (row.bold ? *m_boldMetrics : *m_metrics).height();
    for (int c = 0; c < row.cells.size(); ++c)
        h = std::max(h, cell(row, c).height(row.cells.at(c)));
    row.height = h + 2 * m_pad;
}

// The painted table's first rows (header and first event) and the gap above them.
qreal PdfWriter::tableLead()
{
    TableRow header{ReportText::timelineColumns(), true};
    measure(header);
    qreal lead = m_pad + header.height;
    if (!m_r.documentRows.isEmpty()) {
        const auto &t = m_r.documentRows.first();
        TableRow first{{formatUtc(t.utcMs), formatElapsed(t.elapsedMs), t.actor, t.text},
                       t.isOverride};
        measure(first);
        lead += first.height;
    }
    return lead;
}

qreal PdfWriter::layoutTable(int firstPage, qreal top)
{
    m_header = TableRow{ReportText::timelineColumns(), true};
    measure(m_header);
    m_rows.reserve(m_r.documentRows.size());
    m_tablePage = firstPage;
    m_tableY = top;
    m_headers = {{m_tablePage, m_tableY}};
    m_tableY += m_header.height;
    const qreal room = m_body.height() - m_header.height; // for rows, on a page of their own
    bool shaded = false;
    for (const auto &t : m_r.documentRows) {
        TableRow row{{formatUtc(t.utcMs), formatElapsed(t.elapsedMs), t.actor, t.text},
                     t.isOverride,
                     shaded};
        shaded = !shaded;
        measure(row);
        if (m_tableY + row.height > m_body.height() && row.height <= room)
            newTablePage();
        if (m_tableY + row.height <= m_body.height()) {
            row.page = m_tablePage;
            row.y = m_tableY;
            m_tableY += row.height;
            m_rows.append(row);
        } else {
            layoutTallRow(row);
        }
    }
    m_afterFirst = m_tablePage;
    return m_tableY;
}

void PdfWriter::newTablePage()
{
    ++m_tablePage;
    m_tableY = 0;
    m_headers.append({m_tablePage, m_tableY});
    m_tableY += m_header.height;
}

// A row taller than a page (a note of near its 10,000 characters) is cut between the lines of its
// tallest cell and goes on over the next pages, each part under the table's header: drawn whole,
// it ran off the page's foot and half such a note was lost.
void PdfWriter::layoutTallRow(const TableRow &row)
{
    int tallest = 0;
    for (int c = 1; c < row.cells.size(); ++c) {
        if (cell(row, c).height(row.cells.at(c)) > cell(row, tallest).height(row.cells.at(tallest)))
            tallest = c;
    }
    const QList<qreal> bottoms = cell(row, tallest).lineBottoms(row.cells.at(tallest));
    qreal offset = 0;
    while (offset < row.height) {
        const qreal limit = offset + m_body.height() - m_tableY;
        qreal end = row.height;
        if (limit < row.height) {
            end = offset;
            for (qreal bottom : bottoms) {
                if (m_pad + bottom <= limit)
                    end = std::max(end, m_pad + bottom);
            }
            if (end <= offset && m_tableY > m_header.height) { // no line ends on this page
                newTablePage();
                continue;
            }
            if (end <= offset) // a line taller than a page: cut through it
                end = std::max(limit, offset + m_metrics->height());
        }
        TableRow part = row;
        part.cut = true;
        part.offset = offset;
        part.height = end - offset;
        part.page = m_tablePage;
        part.y = m_tableY;
        m_rows.append(part);
        m_tableY += part.height;
        offset = end;
        if (offset < row.height)
            newTablePage();
    }
}

void PdfWriter::startPage(int number)
{
    if (number > m_current) {
        m_writer.newPage();
        m_current = number;
    }
    if (number == m_banded) // the table's last page, where the text after it starts too
        return;
    m_banded = number;
    m_painter.save();
    m_painter.setFont(m_small);
    const QRectF band(0, 0, m_page.width(), m_headerHeight * 0.7);
    if (m_r.isDrill()) {
        m_painter.fillRect(band, QColor(0xf5, 0xa6, 0x23));
        m_painter.setPen(Qt::black);
    } else {
        m_painter.setPen(QColor(0x44, 0x44, 0x44));
    }
    m_painter.drawText(band, Qt::AlignLeft | Qt::AlignVCenter, m_bandTitle);
    m_painter.drawText(band, Qt::AlignRight | Qt::AlignVCenter, pageLabel(number + 1));
    m_painter.restore();
}

void PdfWriter::drawDocument(QTextDocument &doc, int firstPage)
{
    for (int p = 0; p < doc.pageCount(); ++p) {
        startPage(firstPage + p);
        drawDocumentPage(m_painter, doc, p, m_headerHeight,
                         &doc == m_before.get() && m_chart ? &*m_chart : nullptr);
    }
}

void PdfWriter::drawRow(const TableRow &row, qreal top)
{
    const qreal y0 = m_headerHeight + top;
    // For the texts drawText draws; the glyphs held carry their own font.
    m_painter.setFont(row.bold ? m_smallBold : m_small);
    if (row.cut) {
        QPainter &painter = m_glyphs->painter(); // the glyphs held are drawn before the clip
        painter.save();
        painter.setClipRect(QRectF(0, y0, m_body.width(), row.height), Qt::IntersectClip);
    }
    for (int c = 0; c < row.cells.size(); ++c) {
        const QPointF topLeft(m_columnX.at(c) + m_pad, y0 + m_pad - row.offset);
        if (row.cut)
            cell(row, c).drawLines(*m_glyphs, topLeft, row.cells.at(c), row.offset - m_pad,
                                   row.offset + row.height - m_pad);
        else
            cell(row, c).draw(*m_glyphs, topLeft, row.cells.at(c));
    }
    if (row.cut)
        m_glyphs->painter().restore(); // after this row's glyphs are drawn inside the clip
}

// The table's part on one page: the header row's fill and the shaded rows' stripes, under the
// texts. (The grid it drew before, as one set of lines, was cheap; the document's tables lost
// theirs, which Qt made dear, and the two kinds of table look alike.) The rows are those from
// `firstRow` that are on `page`.
void PdfWriter::drawStripes(int page, qreal headerTop, qsizetype firstRow)
{
    m_glyphs->flush(); // the last page's text, before this one starts
    if (page > m_current)
        startPage(page);
    const qreal right = m_columnX.last() + m_columnWidth[columnCount - 1];
    m_painter.fillRect(QRectF(0, m_headerHeight + headerTop, right, m_header.height),
                       TableStripes::header());
    for (qsizetype i = firstRow; i < m_rows.size() && m_rows.at(i).page == page; ++i) {
        const TableRow &row = m_rows.at(i);
        if (row.shaded)
            m_painter.fillRect(QRectF(0, m_headerHeight + row.y, right, row.height),
                               TableStripes::shade());
    }
}

void PdfWriter::drawTable()
{
    m_glyphs.emplace(m_painter);
    for (qsizetype i = 0, nextHeader = 0; i < m_rows.size(); ++i) {
        const TableRow &row = m_rows.at(i);
        // Every page the table is on starts its part with the header row (layoutTable).
        while (nextHeader < m_headers.size() && m_headers.at(nextHeader).first <= row.page) {
            const auto [page, top] = m_headers.at(nextHeader++);
            drawStripes(page, top, page == row.page ? i : m_rows.size());
            drawRow(m_header, top);
        }
        drawRow(row, row.y);
    }
    if (m_rows.isEmpty()) {
        drawStripes(m_headers.first().first, m_headers.first().second, 0);
        drawRow(m_header, m_headers.first().second);
    }
    m_glyphs.reset(); // drawn
}

// The chart near the top, drawn as lines and text at the writer's resolution across the body's
// width, labels at 8.5 pt as printed, its place in the text's flow kept by a blank image of its
// size. (A 300-dpi image's text could not be searched or copied, and blurred when zoomed in.)
void PdfWriter::addChart(QTextDocument &doc, QString &html)
{
    if (m_r.gantt.rows.isEmpty())
        return;
    QFont font = m_font;
    font.setPointSizeF(8.5);
    const QString placeholder = HtmlExport::chartPlaceholder();
    m_chart.emplace(ReportChart::ofPostmortem(ReportChart::postmortem(m_r), font), placeholder);
    html.replace(QStringLiteral("<img src=\"%1\">").arg(placeholder),
                 m_chart->reserve(doc, m_body.width(), &m_writer));
}

// The columns' shares of the page, but the T+ column as wide as its widest time, taken from the
// event's column: past 999 hours (an incident left open six weeks, a note added months later)
// "T+1000:00:00" is wider than its share and was wrapped before its last digit. The widest a
// time can be ("T+2562047788015:12:55") takes less than twice the share.
void PdfWriter::fitColumns()
{
    for (int c = 0; c < columnCount; ++c)
        m_columnWidth[c] = columnShare[c] * m_body.width();
    qint64 widest = 0; // the elapsed time with the most digits, either side of zero
    quint64 most = 0;
    for (const auto &t : m_r.documentRows) {
        const auto ms = static_cast<quint64>(t.elapsedMs);
        const quint64 magnitude = t.elapsedMs < 0 ? 0 - ms : ms;
        if (magnitude > most) {
            most = magnitude;
            widest = t.elapsedMs;
        }
    }
    constexpr int elapsedColumn = 1;
    const qreal needed
        = std::ceil(m_boldMetrics->horizontalAdvance(formatElapsed(widest))) + 1 + 2 * m_pad;
    const qreal wider = needed - m_columnWidth[elapsedColumn];
    if (wider > 0) {
        m_columnWidth[elapsedColumn] += wider;
        m_columnWidth[columnCount - 1] -= wider;
    }
}

void PdfWriter::paint()
{
    drawDocument(*m_before, 0);
    drawTable();
    drawDocument(*m_after, m_afterFirst);
    m_painter.end();
}

} // namespace

bool PdfExport::write(const PostmortemReport &r, QIODevice &device)
{
    PdfWriter pdf(r, device);
    if (!pdf.begin())
        return false;
    pdf.layout();
    pdf.paint(); // ends the painter: everything is written to the device
    return true;
}

} // namespace warroom
