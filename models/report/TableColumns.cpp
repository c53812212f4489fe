#include "report/TableColumns.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPaintDevice>
#include <QTextBlock>
#include <QTextBoundaryFinder>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>

#include <algorithm>
#include <limits>
#include <numeric>

namespace warroom {

namespace {

// What a column needs, in device pixels with its padding: its longest word, its longest line.
struct Need
{
    qreal word = 0;
    qreal line = 0;
};

// Text widths by font, each piece shaped once: a table's cells repeat their words (names,
// states, "min", "s").
class Measure
{
public:
    Measure(QTextDocument &doc, QPaintDevice *device)
        : m_doc(doc)
        , m_device(device)
    {}

    // The longest word and the longest line of `block`, taking each fragment in its own font.
    Need block(const QTextBlock &block);

private:
    qreal advance(const QTextCharFormat &format, const QString &piece);

    struct Font
    {
        QFontMetricsF metrics;
        QHash<QString, qreal> widths;
    };

    QTextDocument &m_doc;
    QPaintDevice *m_device;
    QHash<QString, Font> m_fonts; // by QFont::key
};

qreal Measure::advance(const QTextCharFormat &format, const QString &piece)
{
    const QFont font = format.font().resolve(m_doc.defaultFont());
    const QString key = font.key();
    auto it = m_fonts.find(key);
    if (it == m_fonts.end())
        it = m_fonts.insert(key, Font{QFontMetricsF(font, m_device), {}});
    auto known = it->widths.constFind(piece);
    if (known != it->widths.cend())
        return *known;
    const qreal width = it->metrics.horizontalAdvance(piece);
    it->widths.insert(piece, width);
    return width;
}

Need Measure::block(const QTextBlock &block)
{
    const QString text = block.text();
    // Where a line may break, as Qt's own text layout finds it (Unicode line breaking); a block
    // that does not wrap ("white-space: nowrap") breaks only where it must (<br>).
    const bool nowrap = block.blockFormat().nonBreakableLines();
    QList<int> breaks;
    QList<bool> mandatory;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Line, text);
    while (finder.toNextBoundary() != -1 && finder.position() < text.size()) {
        const bool must = finder.boundaryReasons() & QTextBoundaryFinder::MandatoryBreak;
        if (must || !nowrap) {
            breaks << int(finder.position());
            mandatory << must;
        }
    }
    breaks << int(text.size());
    mandatory << true;

    Need need;
    qreal word = 0;
    qreal line = 0;
    qsizetype next = 0; // the next break
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        const QTextCharFormat format = fragment.charFormat();
        int at = fragment.position() - block.position();
        const int end = at + fragment.length();
        while (at < end) {
            const int stop = std::min(breaks.at(next), end);
            const QString piece = text.mid(at, stop - at);
            // A line's trailing spaces take no room (Qt lets them hang past the edge).
            qsizetype kept = piece.size();
            while (kept > 0 && piece.at(kept - 1).isSpace())
                --kept;
            const qreal width = advance(format, piece);
            word += kept == piece.size() ? width : advance(format, piece.first(kept));
            line += width;
            at = stop;
            if (stop == breaks.at(next)) {
                need.word = std::max(need.word, word);
                word = 0;
                if (mandatory.at(next)) {
                    need.line = std::max(need.line, line);
                    line = 0;
                }
                ++next;
            }
        }
    }
    need.word = std::max(need.word, word);
    need.line = std::max(need.line, line);
    return need;
}

bool hasOwnWidths(const QTextTableFormat &format)
{
    const QList<QTextLength> widths = format.columnWidthConstraints();
    return std::any_of(widths.cbegin(), widths.cend(), [](const QTextLength &w) {
        return w.type() != QTextLength::VariableLength;
    });
}

// Widths for `needs` in `room`: every column its longest line up to one common width, and none
// narrower than its longest word. Short values (a number, a state, a duration, a name) stay on one
// line, and the long texts share the rest evenly. When the words cannot all be whole (a commit
// hash or a URL in a step's title), a column's longest word counts for no more than a quarter of
// the room: Qt cuts only the words longer than their column, where given the table it cut every
// word of every column ("Stat e"). Empty when every line fits: Qt lays that out well.
QList<qreal> level(QList<Need> needs, qreal room)
{
    const auto sumAt = [&needs](qreal cap) {
        qreal sum = 0;
        for (const Need &n : needs)
            sum += std::max(n.word, std::min(n.line, cap));
        return sum;
    };
    QList<qreal> widths;
    if (needs.isEmpty() || sumAt(std::numeric_limits<qreal>::max()) <= room)
        return widths;
    if (sumAt(0) > room) {
        // A word wider than a quarter of the page is a hash or an address, not a word to keep
        // whole; if that is not enough, the largest cap that lets every column keep its words.
        const auto wordsAt = [&needs](qreal cap) {
            qreal sum = 0;
            for (const Need &n : needs)
                sum += std::min(n.word, cap);
            return sum;
        };
        qreal cap = room / 4;
        if (wordsAt(cap) > room) {
            qreal low = 0;
            for (int i = 0; i < 50 && cap - low > 0.01; ++i) {
                const qreal mid = (low + cap) / 2;
                (wordsAt(mid) <= room ? low : cap) = mid;
            }
            cap = low;
        }
        for (Need &n : needs)
            n.word = std::min(n.word, cap);
    }
    // The common width: the sum grows with it, so halve the interval until it fills the room.
    qreal low = 0;
    qreal high = room;
    for (int i = 0; i < 50 && high - low > 0.01; ++i) {
        const qreal mid = (low + high) / 2;
        (sumAt(mid) <= room ? low : high) = mid;
    }
    for (const Need &n : needs)
        widths << std::max(n.word, std::min(n.line, low));
    return widths;
}

QList<Need> needsOf(const QTextTable &table, Measure &measure, qreal px)
{
    const QTextTableFormat format = table.format();
    QList<Need> needs(table.columns());
    for (int row = 0; row < table.rows(); ++row) {
        for (int column = 0; column < table.columns(); ++column) {
            const QTextTableCell cell = table.cellAt(row, column);
            // A cell across columns is left to them.
            if (cell.column() != column || cell.row() != row || cell.columnSpan() > 1)
                continue;
            const QTextTableCellFormat cf = cell.format().toTableCellFormat();
            const qreal padding
                = (cf.hasProperty(QTextFormat::TableCellLeftPadding) ? cf.leftPadding()
                                                                     : format.cellPadding())
                  + (cf.hasProperty(QTextFormat::TableCellRightPadding) ? cf.rightPadding()
                                                                        : format.cellPadding());
            // Its padding, and a border on either side.
            const qreal around = (padding + 2) * px;
            Need &need = needs[column];
            for (auto it = cell.begin(); !it.atEnd(); ++it) {
                const QTextBlock block = it.currentBlock();
                if (!block.isValid())
                    continue;
                const Need n = measure.block(block);
                need.word = std::max(need.word, n.word + around);
                need.line = std::max(need.line, std::max(n.line, n.word) + around);
            }
        }
    }
    return needs;
}

bool fitTable(QTextTable &table, Measure &measure, qreal pageWidth, qreal px)
{
    QTextTableFormat format = table.format();
    if (hasOwnWidths(format) || table.columns() == 0)
        return false;
    // The page less the document's and the table's margins; a few hundredths kept back for the
    // borders Qt adds and its rounding of each column to whole pixels.
    const qreal margins = 2 * table.document()->documentMargin() + format.leftMargin()
                          + format.rightMargin() + 2 * format.border();
    const qreal room = (pageWidth - margins * px) * 0.97;
    const QList<qreal> widths = level(needsOf(table, measure, px), room);
    if (widths.isEmpty())
        return false;
    const qreal total = std::accumulate(widths.cbegin(), widths.cend(), 0.0);
    QList<QTextLength> lengths;
    for (qreal w : widths)
        lengths << QTextLength(QTextLength::PercentageLength, 100.0 * w / total);
    format.setColumnWidthConstraints(lengths);
    table.setFormat(format);
    return true;
}

int fitFrame(QTextFrame &frame, Measure &measure, qreal pageWidth, qreal px)
{
    int fitted = 0;
    for (QTextFrame *child : frame.childFrames()) {
        if (auto *table = qobject_cast<QTextTable *>(child))
            fitted += fitTable(*table, measure, pageWidth, px) ? 1 : 0;
        else
            fitted += fitFrame(*child, measure, pageWidth, px);
    }
    return fitted;
}

} // namespace

int TableColumns::fit(QTextDocument &doc, QPaintDevice *device, qreal pageWidth)
{
    // A document with pages is laid out as it changes, and Qt lays a re-formatted table out
    // again but not always the text after it: the postmortem's headings and paragraphs between
    // its tables were missing from the PDF when its tables were fitted on pages.
    if (!device || pageWidth <= 0 || doc.pageSize().height() > 0)
        return 0;
    // Lengths in the document are CSS pixels; the layout works in the device's.
    const qreal px = device->logicalDpiX() / 96.0;
    Measure measure(doc, device);
    return fitFrame(*doc.rootFrame(), measure, pageWidth, px);
}

} // namespace warroom
