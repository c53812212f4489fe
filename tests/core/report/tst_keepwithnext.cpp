// KeepWithNext: a heading (and its caption) never ends a page while its content starts the next.
// Each case pads a paged document with one-line paragraphs until the heading, laid out as
// QTextDocument does by itself, is the last thing on page 1 and its content is on page 2.
#include "report/KeepWithNext.h"
#include "report/TableRowKeeper.h"
#include "support/TestStrings.h"

#include <QAbstractTextDocumentLayout>
#include <QImage>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>

#include <cmath>
#include <memory>

using namespace warroom;
using warroom::test::s;

namespace {

constexpr qreal pageHeight = 300;

// `lead` goes before the fillers.
std::unique_ptr<QTextDocument> paged(int fillers, const QString &section, int figureHeight,
                                     const QString &lead = QString())
{
    auto doc = std::make_unique<QTextDocument>();
    QImage figure(200, std::max(1, figureHeight), QImage::Format_RGB32);
    figure.fill(Qt::darkGreen);
    doc->addResource(QTextDocument::ImageResource, QUrl(s("test:figure")), figure);
    QString html = s("<html><body>") + lead;
    for (int i = 0; i < fillers; ++i)
        html += s("<p>Filler line %1</p>").arg(i);
    html += s("<h2>The section</h2>") + section + s("</body></html>");
    doc->setHtml(html);
    doc->setPageSize(QSizeF(400, pageHeight));
    return doc;
}

QTextBlock heading(const QTextDocument &doc)
{
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
        if (b.blockFormat().headingLevel() == 2)
            return b;
    return {};
}

// The one-line block the heading must share its page with: the paragraph or figure after the
// heading (and caption), a table's first data row, or the document's last block.
QTextBlock content(const QTextDocument &doc, bool captioned)
{
    QTextBlock b = heading(doc).next();
    if (captioned)
        b = b.next();
    if (QTextTable *table = QTextCursor(b).currentTable())
        return table->cellAt(1, 0).firstCursorPosition().block();
    return b;
}

// The page a block's bottom is on: a block is moved whole to the next page when its one line
// does not fit, so its bottom says where it is.
int pageOf(const QTextDocument &doc, const QTextBlock &b, qreal extra = 0)
{
    const qreal bottom = doc.documentLayout()->blockBoundingRect(b).bottom() + extra;
    return int(std::floor((bottom - 0.5) / pageHeight));
}

// Where a table row's text starts and ends: its cells' first and last blocks.
QPair<qreal, qreal> rowExtent(const QTextDocument &doc, QTextTable &table, int row)
{
    qreal top = 1e9;
    qreal bottom = -1e9;
    for (int c = 0; c < table.columns(); ++c) {
        const QTextTableCell cell = table.cellAt(row, c);
        top = std::min(
            top, doc.documentLayout()->blockBoundingRect(cell.firstCursorPosition().block()).top());
        bottom = std::max(
            bottom,
            doc.documentLayout()->blockBoundingRect(cell.lastCursorPosition().block()).bottom());
    }
    return {top, bottom};
}

int pageAt(qreal y)
{
    return int(std::floor(y / pageHeight));
}

QTextTable *firstTable(const QTextDocument &doc)
{
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        if (QTextTable *table = QTextCursor(b).currentTable())
            return table;
    }
    return nullptr;
}

// The table's row whose first cell reads `text`, or -1.
int rowReading(QTextTable &table, const QString &text)
{
    for (int r = 0; r < table.rows(); ++r) {
        if (table.cellAt(r, 0).firstCursorPosition().block().text() == text)
            return r;
    }
    return -1;
}

} // namespace

class TestKeepWithNext : public QObject
{
    Q_OBJECT

private slots:
    void headingMovesToItsContent_data();
    void headingMovesToItsContent();
    void laysOutWhatFollowsAgain_data();
    void laysOutWhatFollowsAgain();
    void rowStaysOnOnePage_data();
    void rowStaysOnOnePage();
    void rowMovesInFewLayouts_data();
    void rowMovesInFewLayouts();
};

void TestKeepWithNext::headingMovesToItsContent_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<bool>("captioned");
    QTest::addColumn<int>("figureHeight");
    QTest::addColumn<qreal>("trailing");
    QTest::addColumn<int>("breaks");

    const QString figure = s("<p><img src=\"test:figure\" width=\"200\" height=\"%1\"></p>");
    QTest::newRow("paragraph") << s("<p>The first paragraph.</p><p>More.</p>") << false << 0
                               << 0.0 << 1;
    QTest::newRow("caption and chart")
        << s("<p>The caption of the chart.</p>") + figure.arg(120) << true << 120 << 0.0 << 1;
    QTest::newRow("chart alone") << figure.arg(120) << false << 120 << 0.0 << 1;
    QTest::newRow("table: header row and first row")
        << s("<table border=\"1\"><tr><th>Step</th></tr><tr><td>One</td></tr>"
             "<tr><td>Two</td></tr></table>")
        << false << 0 << 0.0 << 1;
    // The key moments' intro and heading stayed at a page's foot while their table started the
    // next page.
    QTest::newRow("a table's intro and the table")
        << s("<p>The table's intro.</p><table border=\"1\"><thead><tr><th>Step</th></tr></thead>"
             "<tr><td>One</td></tr><tr><td>Two</td></tr></table>")
        << true << 0 << 0.0 << 1;
    QTest::newRow("painted table under the end")
        << s("<p>The table's note.</p>") << false << 0 << 60.0 << 1;
    // Taller than a page: it splits wherever it starts, so no page is left blank for it.
    QTest::newRow("chart taller than a page")
        << s("<p>The caption.</p>") + figure.arg(400) << true << 400 << 0.0 << 0;
}

void TestKeepWithNext::headingMovesToItsContent()
{
    QFETCH(QString, section);
    QFETCH(bool, captioned);
    QFETCH(int, figureHeight);
    QFETCH(qreal, trailing);
    QFETCH(int, breaks);

    // The first padding that leaves the heading on page 1 and its content on page 2.
    std::unique_ptr<QTextDocument> doc;
    int fillers = 0;
    for (; fillers < 60; ++fillers) {
        doc = paged(fillers, section, figureHeight);
        if (pageOf(*doc, heading(*doc)) == 0 && pageOf(*doc, content(*doc, captioned), trailing) > 0)
            break;
    }
    QVERIFY2(fillers < 60, "no padding orphans the heading");
    const QTextBlock h = heading(*doc);
    const QTextBlock c = content(*doc, captioned);

    QCOMPARE(KeepWithNext::apply(*doc, trailing), breaks);
    if (breaks == 0) {
        QCOMPARE(pageOf(*doc, h), 0);
        QCOMPARE(h.blockFormat().pageBreakPolicy(), QTextFormat::PageBreak_Auto);
        return;
    }
    QCOMPARE(pageOf(*doc, h), 1);
    QCOMPARE(pageOf(*doc, c, trailing), 1);
    if (captioned) // the caption goes with its heading
        QCOMPARE(pageOf(*doc, h.next()), 1);
    // The page before ends with the last filler: nothing else moved.
    QCOMPARE(pageOf(*doc, h.previous()), 0);
    QCOMPARE(h.previous().text(), s("Filler line %1").arg(fillers - 1));
}

// What follows a moved heading is laid out again, tables and all: after a break, Qt's own
// incremental layout left the blocks after a table 0 px tall, and the PDF painted nothing of them
// ("Lessons learned" and the Timeline heading were missing from a 13-step postmortem). The layout
// after apply() is the one a fresh layout of the same document gives.
void TestKeepWithNext::laysOutWhatFollowsAgain_data()
{
    QTest::addColumn<int>("figureHeight"); // 0: no figure under the moved heading
    QTest::addColumn<int>("sections");
    QTest::addColumn<bool>("wrapped"); // rows of three lines: rows split, and moved
    QTest::newRow("one table after") << 0 << 1 << false;
    QTest::newRow("three tables after") << 0 << 3 << false;
    QTest::newRow("a chart, then tables") << 200 << 3 << false;
    QTest::newRow("a tall chart, then tables") << 280 << 3 << false;
    QTest::newRow("a chart, then a long document") << 200 << 40 << false;
    QTest::newRow("text, then a long document") << 0 << 40 << false;
    QTest::newRow("tables of wrapped rows, then a long document") << 0 << 20 << true;
}

void TestKeepWithNext::laysOutWhatFollowsAgain()
{
    QFETCH(int, figureHeight);
    QFETCH(int, sections);
    QFETCH(bool, wrapped);
    const QString cell = wrapped ? s("the check read 0.15 against its threshold of under 0.01 and "
                                     "the ramp was halted and set back to its rollback weight")
                                 : QString();
    QString after;
    for (int i = 0; i < sections; ++i)
        after += s("<h2>Table %1</h2><table border=\"1\"><tr><th>Type</th></tr><tr><td>prevent"
                   " %2</td></tr><tr><td>mitigate %2</td></tr><tr><td>detect %2</td></tr></table>"
                   "<h2>Lessons %1</h2><h3>What went well</h3><p>To be written.</p><h3>What went "
                   "wrong</h3><p>Later.</p>")
                     .arg(i)
                     .arg(cell);
    int breaks = 0;
    for (int fillers = 0; fillers < 40 && breaks == 0; ++fillers) {
        const QString first = figureHeight > 0 ? s("<p>The caption.</p><p><img src=\"test:figure\" "
                                                   "width=\"200\" height=\"%1\"></p>")
                                                     .arg(figureHeight)
                                               : s("<p>The section's text.</p>");
        auto doc = paged(fillers, first + after, std::max(1, figureHeight));
        auto tableRows = [&doc] {
            int rows = 0;
            for (QTextFrame *frame : doc->rootFrame()->childFrames())
                rows += qobject_cast<QTextTable *>(frame)
                            ? qobject_cast<QTextTable *>(frame)->rows()
                            : 0;
            return rows;
        };
        const int rowsBefore = tableRows();
        breaks = KeepWithNext::apply(*doc);
        if (wrapped && tableRows() == rowsBefore)
            breaks = 0; // no row moved under an empty one: pad on
        if (breaks == 0)
            continue;
        QList<QRectF> applied;
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
            applied << doc->documentLayout()->blockBoundingRect(b);
        doc->markContentsDirty(0, doc->characterCount());
        int i = 0;
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next(), ++i) {
            const QRectF fresh = doc->documentLayout()->blockBoundingRect(b);
            QVERIFY2(applied.at(i) == fresh,
                     qPrintable(s("block %1 \"%2\" at %3, %4 tall; laid out afresh at %5, %6 tall")
                                    .arg(i)
                                    .arg(b.text())
                                    .arg(applied.at(i).top())
                                    .arg(applied.at(i).height())
                                    .arg(fresh.top())
                                    .arg(fresh.height())));
        }
    }
    QVERIFY2(breaks > 0, wrapped ? "no padding made a row move" : "no padding made a heading move");
}

// A table row is never split between two pages: Qt's layout breaks a page inside a row, line by
// line in each cell, and a key moment's "drill T+00:10:35" stood alone at the top of the PDF's
// next page. Each case pads the document until the row `split` (its first cell's text) starts on
// page 1 and ends on page 2, then checks that apply() moved it to page 2 whole and what starts
// page 2: the row itself under its repeated header, the whole table with its header, or the
// heading over the table. A row taller than a page is left split.
void TestKeepWithNext::rowStaysOnOnePage_data()
{
    QTest::addColumn<QString>("before"); // between the heading and the table
    QTest::addColumn<bool>("header");
    QTest::addColumn<QString>("split");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("breaks");          // -1: more than one, the first at `split`
    QTest::addColumn<QString>("startsPage2"); // the first block whose top is on page 2
    QTest::addColumn<int>("repeat");          // each row's words that many times; 0: 1 to 3 times

    QTest::newRow("a row under its header")
        << s("<p>Intro.</p>") << true << s("row 4") << 6 << 1 << s("row 4") << 0;
    QTest::newRow("the first row: the table moves")
        << s("<p>Intro.</p><p>More.</p>") << true << s("row 1") << 6 << 1 << s("When") << 0;
    QTest::newRow("the first row under a heading and its intro: they move with it")
        << s("<p>Intro.</p>") << true << s("row 1") << 6 << 1 << s("The section") << 0;
    QTest::newRow("the first row under a heading: the heading moves")
        << QString() << true << s("row 1") << 6 << 1 << s("The section") << 0;
    QTest::newRow("no header rows: the first row takes the table")
        << s("<p>Intro.</p><p>More.</p>") << false << s("row 1") << 6 << 1 << s("row 1") << 0;
    QTest::newRow("no header rows: a later row")
        << s("<p>Intro.</p>") << false << s("row 3") << 6 << 1 << s("row 3") << 0;
    // Row after row moved, page after page, in a table as long as is kept: every moved row starts
    // right under its repeated header, and the empty rows added on the way do not make the table
    // count as longer.
    QTest::newRow("99 rows and a header over pages")
        << s("<p>Intro.</p>") << true << s("row 4") << 99 << -1 << s("row 4") << 0;
    // Past TableRowKeeper::maxRows Qt's own breaks are kept: moving rows in it grew with the
    // square of its length.
    QTest::newRow("100 rows and a header: Qt's breaks")
        << s("<p>Intro.</p>") << true << s("row 4") << 100 << 0 << QString() << 0;
    // Past TableRowKeeper::maxCharacters too: 99 rows of 7 lines, 47,000 characters.
    QTest::newRow("99 rows of 475 characters: Qt's breaks")
        << s("<p>Intro.</p>") << true << s("row 2") << 99 << 0 << QString() << 5;
    // Its empty row made a little too tall takes the row's line to the next page with all its
    // padding, where the row no longer fits and is split again: the halving search looped for
    // ever on fractions of a pixel between the two.
    QTest::newRow("a row of 0.6 of a page")
        << s("<p>Intro.</p><p>More.</p>") << true << s("half-page row") << 6 << 1
        << s("half-page row") << 0;
    QTest::newRow("no header rows: the second row takes the first along")
        << s("<p>Intro.</p><p>More.</p>") << false << s("row 2") << 6 << 1 << s("row 1") << 0;
    QTest::newRow("a row taller than a page stays split")
        << s("<p>Intro.</p>") << true << s("tall row") << 6 << 0 << QString() << 0;
}

void TestKeepWithNext::rowStaysOnOnePage()
{
    QFETCH(QString, before);
    QFETCH(bool, header);
    QFETCH(QString, split);
    QFETCH(int, rows);
    QFETCH(int, breaks);
    QFETCH(QString, startsPage2);
    QFETCH(int, repeat);

    QString table = s("<table>");
    if (header)
        table += s("<thead><tr><th>When</th><th>What</th></tr></thead>");
    for (int i = 1; i <= rows; ++i) { // 6: few enough that no second row is split
        // Past the sixth, rows of two to four lines, so that page feet fall in all kinds of places.
        const QString words = s("the check read 0.15 against its threshold of under 0.01, and the "
                                "ramp was halted and set back ");
        table += s("<tr><td>row %1</td><td>%2</td></tr>")
                     .arg(i)
                     .arg(words.repeated(repeat > 0 ? repeat
                                         : i > 6    ? 1 + i % 3
                                                    : 1));
        if (split == s("tall row") && i == 3)
            table += s("<tr><td>tall row</td><td>%1</td></tr>")
                         .arg(s("a line of the note<br>").repeated(30));
        if (split == s("half-page row") && i == 3)
            table += s("<tr><td>half-page row</td><td>%1</td></tr>")
                         .arg(s("a line of the note<br>").repeated(11));
    }
    table += s("</table><p>After the table.</p>");

    // Padded by a blank image 2 px taller each time: a filler paragraph's 26 px could step over
    // the one line in which a row of two lines is split.
    std::unique_ptr<QTextDocument> doc;
    QTextTable *t = nullptr;
    int padding = 1;
    for (; padding < pageHeight; padding += 2) {
        doc = paged(0, before + table, padding,
                    s("<p><img src=\"test:figure\" width=\"10\" height=\"%1\"></p>").arg(padding));
        t = firstTable(*doc);
        QVERIFY(t);
        const int row = rowReading(*t, split);
        QVERIFY(row >= 0);
        const auto [top, bottom] = rowExtent(*doc, *t, row);
        if (pageAt(top) == 0 && pageAt(bottom - 0.5) > 0)
            break;
    }
    QVERIFY2(padding < pageHeight, "no padding splits the row");

    const int moved = KeepWithNext::apply(*doc);
    if (breaks < 0)
        QVERIFY2(moved > 1, qPrintable(QString::number(moved)));
    else
        QCOMPARE(moved, breaks);
    const int row = rowReading(*t, split);
    const auto [top, bottom] = rowExtent(*doc, *t, row);
    if (breaks == 0) {
        QCOMPARE(pageAt(top), 0);
        QVERIFY(pageAt(bottom - 0.5) > 0);
        return;
    }
    QCOMPARE(pageAt(top), 1);
    QCOMPARE(pageAt(bottom - 0.5), 1);
    QString first;
    for (QTextBlock b = doc->begin(); b.isValid() && first.isEmpty(); b = b.next()) {
        if (!b.text().isEmpty() && pageAt(doc->documentLayout()->blockBoundingRect(b).top()) == 1)
            first = b.text();
    }
    QCOMPARE(first, startsPage2);
    // Every other row of the table is on one page too, the rows keep their order, and a row
    // that starts a page under a repeated header starts right under it: no blank line between.
    int previous = 0;
    int previousPage = -1;
    const qreal headerHeight
        = header ? rowExtent(*doc, *t, 0).second - rowExtent(*doc, *t, 0).first : 0;
    for (int r = header ? 1 : 0; r < t->rows(); ++r) {
        const auto [rowTop, rowBottom] = rowExtent(*doc, *t, r);
        QCOMPARE(pageAt(rowTop), pageAt(rowBottom - 0.5));
        const QString text = t->cellAt(r, 0).firstCursorPosition().block().text();
        if (text.isEmpty())
            continue; // the empty row that fills a page
        if (header && previousPage >= 0 && pageAt(rowTop) > previousPage) {
            const qreal underHeader = rowTop - pageAt(rowTop) * pageHeight - headerHeight;
            QVERIFY2(underHeader < 15, qPrintable(s("%1 starts %2 px down its page, under a header "
                                                    "%3 px tall")
                                                      .arg(text)
                                                      .arg(rowTop - pageAt(rowTop) * pageHeight)
                                                      .arg(headerHeight)));
        }
        previousPage = pageAt(rowTop);
        if (!text.startsWith(s("row ")))
            continue; // the tall row
        QCOMPARE(text.mid(4).toInt(), previous + 1);
        previous = text.mid(4).toInt();
    }
    QCOMPARE(previous, rows);
}

// Each trial of the empty row's height lays the whole table out again, every cell twice. A row
// whose lines tell where Qt's page foot is moves in one layout of its table, at the height that
// takes it there; the halving search took 4 to 6 here, and 5 and 7 (and a layout to the end) for
// the 100,000-event PDF's two rows. Qt scales a cell's padding by the device's dots per inch over
// the screen's: the PDF lays out at 300. When the keeper takes the screen's for what it is not,
// the trials that do not move the row measure the scale, and the row moves in two to four. A row
// split between paragraphs tells nothing, and is moved by halving, in at most 16 trials and a
// layout to the end. Each time the empty row stays at the first page's foot, and what follows the
// table is where a fresh layout puts it.
void TestKeepWithNext::rowMovesInFewLayouts_data()
{
    QTest::addColumn<int>("dpi"); // 0: no paint device
    QTest::addColumn<QString>("cell");
    QTest::addColumn<int>("screen"); // the dots per inch the keeper takes the screen's for
    QTest::addColumn<int>("fewest"); // layouts of the table
    QTest::addColumn<int>("most");
    const QString words = s("the check read 0.15 against its threshold of under 0.01, and the ramp "
                            "was halted and set back to its rollback weight ");
    QTest::newRow("lines of one paragraph") << 0 << words.repeated(3) << 96 << 1 << 1;
    QTest::newRow("lines of one paragraph, at the PDF's 300 dpi")
        << 300 << words.repeated(3) << 96 << 1 << 1;
    QTest::newRow("lines of one paragraph, at 72 dpi") << 72 << words.repeated(3) << 96 << 1 << 1;
    // Nothing tells, so nothing is guessed: halving, within the search's bound.
    QTest::newRow("a row split between paragraphs")
        << 0 << s("<p>a line</p>").repeated(6) << 96 << 2 << 17;
    // The first guess misses, the trials that do not move the row measure the scale, and the
    // one that moves it is followed by a layout of what follows the table.
    QTest::newRow("at 300 dpi, the screen's taken for 120")
        << 300 << words.repeated(3) << 120 << 2 << 4;
    QTest::newRow("at 300 dpi, the screen's taken for 72")
        << 300 << words.repeated(3) << 72 << 2 << 4;
}

void TestKeepWithNext::rowMovesInFewLayouts()
{
    QFETCH(int, dpi);
    QFETCH(QString, cell);
    QFETCH(int, screen);
    QFETCH(int, fewest);
    QFETCH(int, most);

    QImage device(10, 10, QImage::Format_RGB32);
    const qreal scale = dpi > 0 ? dpi / 96.0 : 1;
    if (dpi > 0) {
        device.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
        device.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
    }
    QString table = s("<table><thead><tr><th>When</th><th>What</th></tr></thead>");
    for (int i = 1; i <= 6; ++i)
        table += s("<tr><td>row %1</td><td>%2</td></tr>").arg(i).arg(i == 4 ? cell : s("a line"));
    table += s("</table><p>After the table.</p>");
    auto lay = [&](QTextDocument &doc) {
        if (dpi > 0)
            doc.documentLayout()->setPaintDevice(&device);
        doc.setPageSize(QSizeF(400, pageHeight) * scale);
    };
    // Padded until row 4 is split between pages 1 and 2.
    std::unique_ptr<QTextDocument> doc;
    QTextTable *t = nullptr;
    auto page = [&doc](qreal y) {
        return int(std::floor(y / doc->pageSize().height()));
    };
    int padding = 1;
    for (; padding < pageHeight; padding += 2) {
        doc = paged(0, table, padding,
                    s("<p><img src=\"test:figure\" width=\"10\" height=\"%1\"></p>").arg(padding));
        lay(*doc);
        t = firstTable(*doc);
        QVERIFY(t);
        const auto [top, bottom] = rowExtent(*doc, *t, 4);
        if (page(top) == 0 && page(bottom - 0.5) > 0)
            break;
    }
    QVERIFY2(padding < pageHeight, "no padding splits row 4");

    TableRowKeeper rows(*doc, screen);
    const QTextBlock moved = rows.keep(*t, t->cellAt(4, 0).firstCursorPosition().block());
    QVERIFY(moved.isValid());
    QCOMPARE(moved.text(), s("row 4"));
    const int row = rowReading(*t, s("row 4"));
    const auto [top, bottom] = rowExtent(*doc, *t, row);
    QCOMPARE(page(top), 1);
    QCOMPARE(page(bottom - 0.5), 1);
    // The empty row before it stays at the first page's foot, its padding with it.
    const QTextBlock spacer = t->cellAt(row - 1, 0).firstCursorPosition().block();
    QVERIFY(spacer.text().isEmpty());
    QCOMPARE(page(doc->documentLayout()->blockBoundingRect(spacer).bottom() - 0.5), 0);
    QVERIFY2(rows.layouts() >= fewest && rows.layouts() <= most,
             qPrintable(QString::number(rows.layouts())));
    // What follows the table is where a fresh layout of the same document puts it.
    const std::unique_ptr<QTextDocument> fresh(doc->clone());
    lay(*fresh);
    const QRectF after = doc->documentLayout()->blockBoundingRect(doc->lastBlock());
    QCOMPARE(doc->lastBlock().text(), s("After the table."));
    QCOMPARE(fresh->documentLayout()->blockBoundingRect(fresh->lastBlock()), after);
}

QTEST_MAIN(TestKeepWithNext)
#include "tst_keepwithnext.moc"
