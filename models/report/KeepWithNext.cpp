#include "report/KeepWithNext.h"
#include "report/LayoutEdit.h"
#include "report/TableRowKeeper.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QScreen>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextTable>

#include <cmath>

namespace warroom {

namespace {

bool inTable(const QTextBlock &b)
{
    return QTextCursor(b).currentTable() != nullptr;
}

bool isHeading(const QTextBlock &b)
{
    return b.blockFormat().headingLevel() > 0 && !inTable(b);
}

// A paragraph holding one image and nothing else: a figure, such as the chart.
bool isFigure(const QTextBlock &b)
{
    if (!b.isValid() || inTable(b) || b.text() != QString(QChar::ObjectReplacementCharacter))
        return false;
    for (auto it = b.begin(); !it.atEnd(); ++it) {
        if (it.fragment().charFormat().isImageFormat())
            return true;
    }
    return false;
}

// Whether `b` is a caption: a paragraph right before a figure or a table (the key moments' intro
// stayed at a page's foot under its heading while the table started the next page), or right
// before the document's end when the caller paints something under it.
bool isCaption(const QTextBlock &b, qreal trailing)
{
    if (!b.isValid() || inTable(b) || isFigure(b))
        return false;
    const QTextBlock after = b.next();
    return after.isValid() ? isFigure(after) || inTable(after) : trailing > 0;
}

// Where a block's first line starts and ends in the document: a line that does not fit on a
// page is moved to the next one, below the block's own top.
QRectF firstLine(const QTextDocument &doc, const QTextBlock &b)
{
    const QRectF block = doc.documentLayout()->blockBoundingRect(b);
    const QTextLayout *layout = b.layout();
    if (!layout || layout->lineCount() == 0)
        return block;
    const QTextLine line = layout->lineAt(0);
    return QRectF(block.left(), block.top() + line.y(), block.width(), line.height());
}

// Where the content under a heading ends as far as the heading must keep it company: a block's
// first line, or a table's whole first row of data.
qreal contentEnd(const QTextDocument &doc, const QTextBlock &b)
{
    return TableRowKeeper::firstRowEnd(doc, b).value_or(firstLine(doc, b).bottom());
}

struct Group
{
    QTextBlock first;   // the heading
    QTextBlock last;    // its last heading or caption
    QTextBlock content; // invalid at the document's end
};

bool onOnePage(const QTextDocument &doc, const Group &g, qreal trailing)
{
    const qreal end = g.content.isValid()
                          ? contentEnd(doc, g.content)
                          : doc.documentLayout()->blockBoundingRect(g.last).bottom() + trailing;
    return TableRowKeeper::onOnePage(doc, firstLine(doc, g.first).top(), end);
}

// A heading's new format: everything from it on is laid out again before it is measured.
void setFormat(QTextDocument &doc, const QTextBlock &block, const QTextBlockFormat &format)
{
    layOutAfter(doc, block.position(), [&] { QTextCursor(block).setBlockFormat(format); });
}

// The dots per inch Qt scales a table cell's padding from to the paint device's, as Qt's own
// qt_defaultDpiY() (not public) finds them: 96 under Qt::AA_Use96Dpi, else the primary screen's
// logical ones, else 100. The row keeper's first guess depends on it, not what it keeps.
qreal screenDpi()
{
    if (QCoreApplication::testAttribute(Qt::AA_Use96Dpi))
        return 96;
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        return std::round(screen->logicalDotsPerInchY());
    return 100;
}

} // namespace

int KeepWithNext::apply(QTextDocument &doc, qreal trailing)
{
    if (doc.pageSize().height() <= 0)
        return 0;
    int breaks = 0;
    // Every trial layout of a row's place was kept as an undo record, for a document no one edits
    // (TableStripes does the same).
    const bool undo = doc.isUndoRedoEnabled();
    doc.setUndoRedoEnabled(false);
    TableRowKeeper rows(doc, screenDpi());
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        if (QTextTable *table = QTextCursor(b).currentTable()) {
            if (const QTextBlock moved = rows.keep(*table, b); moved.isValid()) {
                ++breaks;
                b = moved;
            }
            continue;
        }
        if (!isHeading(b))
            continue;
        Group g{b, b, b.next()};
        while (g.content.isValid() && (isHeading(g.content) || isCaption(g.content, trailing))) {
            g.last = g.content;
            g.content = g.content.next();
        }
        b = g.last;
        if (onOnePage(doc, g, trailing))
            continue;
        const QTextBlockFormat before = g.first.blockFormat();
        QTextBlockFormat broken = before;
        broken.setPageBreakPolicy(before.pageBreakPolicy() | QTextFormat::PageBreak_AlwaysBefore);
        setFormat(doc, g.first, broken);
        // A group taller than a page splits wherever it starts: the break would only add space.
        if (onOnePage(doc, g, trailing))
            ++breaks;
        else
            setFormat(doc, g.first, before);
    }
    doc.setUndoRedoEnabled(undo);
    return breaks;
}

} // namespace warroom
