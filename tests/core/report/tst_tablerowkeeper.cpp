// TableRowKeeper, through KeepWithNext's pass and alone: a table row of a paged document is never
// split between two pages, and moving one costs few layouts of its table.
#include "report/KeepWithNext.h"
#include "report/TableRowKeeper.h"
#include "support/PagedDocument.h"
#include "support/TestStrings.h"

#include <QAbstractTextDocumentLayout>
#include <QImage>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextTable>

#include <cmath>
#include <memory>

using namespace warroom;
using namespace warroom::test;

class TestTableRowKeeper : public QObject
{
    Q_OBJECT

private slots:
    void rowStaysOnOnePage_data();
    void rowStaysOnOnePage();
    void rowMovesInFewLayouts_data();
    void rowMovesInFewLayouts();
};

// A table row is never split between two pages: Qt's layout breaks a page inside a row, line by
// line in each cell, and a key moment's "drill T+00:10:35" stood alone at the top of the PDF's
// next page. Each case pads the document until the row `split` (its first cell's text) starts on
// page 1 and ends on page 2, then checks that apply() moved it to page 2 whole and what starts
// page 2: the row itself under its repeated header, the whole table with its header, or the
// heading over the table. A row taller than a page is left split.
void TestTableRowKeeper::rowStaysOnOnePage_data()
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

void TestTableRowKeeper::rowStaysOnOnePage()
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
void TestTableRowKeeper::rowMovesInFewLayouts_data()
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

void TestTableRowKeeper::rowMovesInFewLayouts()
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

QTEST_MAIN(TestTableRowKeeper)
#include "tst_tablerowkeeper.moc"
