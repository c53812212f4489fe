#include "report/TableRowKeeper.h"
#include "report/LayoutEdit.h"

#include <QAbstractTextDocumentLayout>
#include <QPaintDevice>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextTable>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace warroom {

namespace {

// Where a table row's text starts and ends in the document. A row with a cell that spans rows has
// no extent of its own: it is left as Qt lays it out.
struct RowExtent
{
    qreal top = std::numeric_limits<qreal>::max();
    qreal bottom = std::numeric_limits<qreal>::lowest();
};

// Where the last line of `b` ends: a line that did not fit on a page was moved to the next one,
// and its block's bounding rectangle does not tell when it was its only line.
qreal lastLineBottom(const QTextDocument &doc, const QTextBlock &b)
{
    const QRectF rect = doc.documentLayout()->blockBoundingRect(b);
    const QTextLayout *layout = b.layout();
    if (!layout || layout->lineCount() == 0)
        return rect.bottom();
    const QTextLine last = layout->lineAt(layout->lineCount() - 1);
    return std::max(rect.bottom(), rect.top() + last.y() + last.height());
}

// From the top of the row's cells (where Qt placed their first blocks, even when it moved their
// first lines on) to the end of their last lines.
std::optional<RowExtent> rowExtent(const QTextDocument &doc, QTextTable &table, int row)
{
    const QAbstractTextDocumentLayout *layout = doc.documentLayout();
    RowExtent e;
    for (int c = 0; c < table.columns(); ++c) {
        const QTextTableCell cell = table.cellAt(row, c);
        if (cell.rowSpan() != 1)
            return std::nullopt;
        if (cell.column() != c)
            continue; // spanning here from the left
        e.top
            = std::min(e.top, layout->blockBoundingRect(cell.firstCursorPosition().block()).top());
        e.bottom = std::max(e.bottom, lastLineBottom(doc, cell.lastCursorPosition().block()));
    }
    return e;
}

int pageOf(const QTextDocument &doc, qreal y)
{
    return int(std::floor(y / doc.pageSize().height()));
}

// The rows a table keeps with its first row of data: its header rows, or its first row when it
// has none marked (a row of <th> outside a <thead> is not counted as one), so that a table never
// starts with one row at a page's foot.
int leadingRows(const QTextTable &table)
{
    return std::max(1, table.format().headerRowCount());
}

// The empty row at `row`, `height` tall: no stripe, no border, no padding but its height over a
// line of 1 px.
void setSpacer(QTextTable &table, int row, qreal height)
{
    QFont tiny;
    tiny.setPixelSize(1);
    for (int c = 0; c < table.columns(); ++c) {
        QTextTableCellFormat format;
        format.setFont(tiny, QTextCharFormat::FontPropertiesSpecifiedOnly);
        format.setPadding(0);
        format.setTopPadding(height);
        format.setBorder(0);
        // The cell's format is its first block's text format too (one character holds both), so
        // the line is 1 px; a block format set afterwards would drop the padding.
        table.cellAt(row, c).setFormat(format);
    }
}

// How far down `row` must go for Qt to move it to the next page itself, when a line it moved on
// tells: that line would have ended one line's height below the line above it, so the page's foot,
// as Qt's layout of a cell counts it, lies above that, and a row whose every cell's first line
// ends below that foot goes to the next page whole. Only a line moved on within its block tells: a
// block's first line moved on does not say where the block would have started. An estimate (line
// spacing is not counted): the search measures the rest.
std::optional<qreal> dropDistance(const QTextDocument &doc, QTextTable &table, int row)
{
    const QAbstractTextDocumentLayout *layout = doc.documentLayout();
    qreal foot = std::numeric_limits<qreal>::max();
    qreal firstBottom = std::numeric_limits<qreal>::max();
    for (int c = 0; c < table.columns(); ++c) {
        const QTextTableCell cell = table.cellAt(row, c);
        if (cell.column() != c)
            continue;
        bool first = true;
        for (QTextBlock b = cell.firstCursorPosition().block();
             b.isValid() && b.position() <= cell.lastPosition(); b = b.next()) {
            const QTextLayout *lines = b.layout();
            const qreal blockTop = layout->blockBoundingRect(b).top();
            for (int i = 0; lines && i < lines->lineCount(); ++i) {
                const QTextLine line = lines->lineAt(i);
                const qreal top = blockTop + line.y();
                if (std::exchange(first, false))
                    firstBottom = std::min(firstBottom, top + line.height());
                if (i == 0)
                    continue;
                const QTextLine above = lines->lineAt(i - 1);
                const qreal aboveBottom = blockTop + above.y() + above.height();
                if (pageOf(doc, top) > pageOf(doc, aboveBottom - 0.5))
                    foot = std::min(foot, aboveBottom + line.height());
            }
        }
    }
    if (foot == std::numeric_limits<qreal>::max() || firstBottom >= foot)
        return std::nullopt;
    return foot - firstBottom;
}

} // namespace

// An edit of `table`, its rows or its format, and the layout redone from the table on: to the
// document's end when `whole`, else to the table's own end, which is all a trial needs to measure.
template<typename Edit>
void TableRowKeeper::editTable(QTextTable &table, bool whole, Edit edit)
{
    ++m_layouts;
    const int from = std::max(0, table.firstPosition() - 1); // the frame's own start
    if (whole)
        layOutAfter(m_doc, from, edit);
    else
        layOutBetween(m_doc, from, edit, [&] { return table.lastPosition() + 1; });
}

bool TableRowKeeper::onOnePage(const QTextDocument &doc, qreal top, qreal bottom)
{
    // Half a pixel in: a line that ends exactly on the page's foot is still on the page.
    return pageOf(doc, top) == pageOf(doc, bottom - 0.5);
}

std::optional<qreal> TableRowKeeper::firstRowEnd(const QTextDocument &doc, const QTextBlock &b)
{
    QTextTable *table = QTextCursor(b).currentTable();
    if (!table || table->rows() <= leadingRows(*table))
        return std::nullopt;
    if (const auto row = rowExtent(doc, *table, leadingRows(*table)))
        return row->bottom;
    // A cell spanning rows: the first row of data's first cell, as far as its first block goes.
    const QTextBlock first = table->cellAt(leadingRows(*table), 0).firstCursorPosition().block();
    return doc.documentLayout()->blockBoundingRect(first).bottom();
}

QTextBlock TableRowKeeper::keep(QTextTable &table, const QTextBlock &b)
{
    if (table.parentFrame() != m_doc.rootFrame())
        return {};
    if (&table != m_table) { // its rows as written, before any empty row is added
        m_table = &table;
        m_tableKept = table.rows() <= maxRows
                      && table.lastPosition() - table.firstPosition() <= maxCharacters;
    }
    if (!m_tableKept)
        return {};
    const QTextTableCell cell = table.cellAt(b.position());
    if (cell.column() != 0 || cell.firstPosition() != b.position())
        return {};
    const int row = cell.row();
    const auto extent = rowExtent(m_doc, table, row);
    if (!extent || onOnePage(m_doc, extent->top, extent->bottom))
        return {};
    // Taller than a page as it is split (the split adds the margins and the repeated header): it
    // would take all of the next page or more, so no trial is spent on it.
    if (extent->bottom - extent->top > m_doc.pageSize().height())
        return {};
    const std::optional<int> now = row > leadingRows(table)
                                       ? moveUnderSpacer(table, row, pageOf(m_doc, extent->top))
                                       : moveTable(table, row);
    return now ? table.cellAt(*now, 0).firstCursorPosition().block() : QTextBlock();
}

std::optional<int> TableRowKeeper::moveTable(QTextTable &table, int row)
{
    const QTextTableFormat before = table.format();
    QTextTableFormat broken = before;
    broken.setPageBreakPolicy(before.pageBreakPolicy() | QTextFormat::PageBreak_AlwaysBefore);
    editTable(table, true, [&] { table.setFormat(broken); });
    const auto extent = rowExtent(m_doc, table, row);
    if (extent && onOnePage(m_doc, extent->top, extent->bottom))
        return row;
    editTable(table, true, [&] { table.setFormat(before); });
    return std::nullopt;
}

bool TableRowKeeper::rowMoved(QTextTable &table, int row, int page) const
{
    const auto extent = rowExtent(m_doc, table, row);
    return extent && pageOf(m_doc, extent->top) > page
           && onOnePage(m_doc, extent->top, extent->bottom);
}

// Qt moves a row to the next page itself only when none of its cells' first lines fits above the
// page's foot, a foot of Qt's own (the margins, spacing, borders and paddings under the row). So
// the empty row is made tall enough to move the row, but not so tall that its own line no longer
// fits above that foot: that line would go to the next page with the whole padding, and leave
// that much blank under the repeated header (and a row that then no longer fits there is split
// again). A search over whole units of padding: too tall when the empty row's line left the page,
// too short when the row did not move, done when it moved and the empty row stayed; at most
// `trials`. When none does both, the row is left split.
//
// When a line tells how far the row must go (dropDistance()), the first trial is the padding that
// takes it that far, laid out to the document's end: when it is right, as it mostly is, the row
// has moved in one layout. Qt scales a cell's padding by the device's dots per inch over the
// screen's (300 / 96 in the PDF), and the empty row's line, spacing and borders add a little: the
// screen's is taken as 96 and the little as nothing, and each trial that does not move the row
// measures both again. Otherwise each trial halves what is left. The 100,000-event PDF's two rows
// took 2 layouts of their table instead of 9.
std::optional<int> TableRowKeeper::moveUnderSpacer(QTextTable &table, int row, int page)
{
    constexpr int trials = 16;
    const qreal foot = (page + 1) * m_doc.pageSize().height();
    const qreal top = rowExtent(m_doc, table, row)->top;
    auto spacerFits = [&] {
        const QTextBlock spacer = table.cellAt(row, 0).firstCursorPosition().block();
        return pageOf(m_doc, lastLineBottom(m_doc, spacer) - 0.5) == page;
    };
    const QPaintDevice *device = m_doc.documentLayout()->paintDevice();
    qreal scale = device && device->logicalDpiY() > 0 && m_screenDpi > 0
                      ? device->logicalDpiY() / m_screenDpi
                      : 1;                         // depth per unit of padding
    qreal base = 0;                                // depth without padding
    std::optional<std::pair<int, qreal>> measured; // a height that did not move the row, its depth
    const std::optional<qreal> distance = dropDistance(m_doc, table, row);
    int low = 0; // fits, and does not move the row
    // Brings the row to the next page, or past it: padding is depth, at least.
    int high = int(std::ceil((foot - top) / std::min<qreal>(scale, 1)));
    // At most three guesses, so that halving keeps the trials it needs (12 for a page at 300 dpi).
    int guesses = 0;
    auto guess = [&]() -> std::optional<int> {
        if (!distance || guesses >= 3)
            return std::nullopt;
        const qreal height = std::ceil((*distance - base) / scale) + 1;
        if (!std::isfinite(height) || height <= low || height >= high)
            return std::nullopt;
        ++guesses;
        return int(height);
    };
    std::optional<int> next = guess();
    bool inserted = false;
    bool found = false;
    bool whole = false; // whether the last trial laid out what follows the table too
    for (int trial = 0; trial < trials && !found && high - low > 1; ++trial) {
        // Only the first guess is laid out to the document's end: one that missed is measured
        // again, and a layout of all that follows the table would be lost with it.
        const int guessed = next.value_or(-1);
        next.reset();
        whole = trial == 0 && guessed > low && guessed < high;
        const int height = guessed > low && guessed < high ? guessed : (low + high) / 2;
        editTable(table, whole, [&] {
            if (!std::exchange(inserted, true))
                table.insertRows(row, 1);
            setSpacer(table, row, height);
        });
        if (!spacerFits()) {
            high = height;
        } else if (!rowMoved(table, row + 1, page)) {
            low = height;
            if (const auto now = rowExtent(m_doc, table, row + 1)) {
                const qreal depth = now->top - top;
                if (measured && measured->first != height
                    && (depth - measured->second) / (height - measured->first) > 0)
                    scale = (depth - measured->second) / (height - measured->first);
                base = depth - scale * height;
                measured = std::pair(height, depth);
                next = guess();
            }
        } else {
            found = true;
        }
    }
    if (found && !whole) { // what follows the table laid out again, and looked at once more
        editTable(table, true, [] {});
        found = spacerFits() && rowMoved(table, row + 1, page);
    }
    if (found)
        return row + 1;
    if (inserted)
        editTable(table, true, [&] { table.removeRows(row, 1); });
    return std::nullopt;
}

} // namespace warroom
