// TableColumns: a paged document's table keeps every word whole when its words fit the page.
// Each case lays a table out on an A4 PDF page at 300 dpi, as the postmortem's PDF does, and
// reads where Qt ended each line of each cell.
#include "report/KeepWithNext.h"
#include "report/TableColumns.h"
#include "support/TestStrings.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QTest>
#include <QTextBlock>
#include <QTextBoundaryFinder>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextTable>

#include <memory>

using namespace warroom;
using warroom::test::s;

namespace {

const QString styles = s("table { border-collapse: collapse; } td, th { border: 1px solid #bbb; "
                         "padding: 3px; }");

// The postmortem's steps table, as the trouble drill fills it: eight columns, two of them long.
QString stepsTable(const QString &firstTitle = {})
{
    QString h = s("<table width=\"100%\" cellspacing=\"0\"><thead><tr>");
    for (const char *c : {"#", "Step", "Owner", "State", "Planned", "Actual", "Confirmed by",
                          "Overrides and skips"})
        h += s("<th nowrap>%1</th>").arg(QLatin1String(c));
    h += s("</tr></thead>");
    const char *rows[][8] = {
        {"1", "Confirm incident scope and declare rollback class <em>(critical path)</em>",
         "Incident commander", "done", "5 min 00 s", "1 min 00 s (drill at ×10 speed)",
         "Priya Raman", ""},
        {"2", "Notify stakeholders, open incident channel, assign roles", "Communications lead",
         "done", "15 min 00 s", "1 min 00 s (drill at ×10 speed)", "Sam Okafor",
         "confirmed by hand instead of by its run by Sam Okafor: posted by hand in "
         "#inc-checkout after the webhook's 500"},
        {"5", "Run validation suite; compare against acceptance thresholds", "Application owner",
         "done", "10 min 00 s", "3 min 05 s (drill at ×10 speed)", "Ada Mensah",
         "started out of order by Sam Okafor: customers are asking on social; the status page "
         "cannot wait; item skipped by Sam Okafor: drill: no customers to tell"},
    };
    for (const auto &row : rows) {
        h += s("<tr>");
        for (const char *cell : row)
            h += s("<td>%1</td>")
                     .arg(cell == rows[0][1] && !firstTitle.isEmpty() ? firstTitle
                                                                      : QString::fromUtf8(cell));
        h += s("</tr>");
    }
    return h + s("</table>");
}

struct Paged
{
    QBuffer buffer;
    QPdfWriter writer{&buffer};
    QTextDocument doc;
    QSizeF body;

    explicit Paged(const QString &html, bool pagedFirst = false)
    {
        buffer.open(QIODevice::WriteOnly);
        writer.setResolution(300);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        body = writer.pageLayout().paintRectPixels(writer.resolution()).size();
        QFont font(s("DejaVu Sans"));
        font.setPointSizeF(9);
        doc.setDefaultFont(font);
        doc.setDefaultStyleSheet(styles);
        if (pagedFirst) {
            doc.documentLayout()->setPaintDevice(&writer);
            doc.setPageSize(body);
        }
        // Longer than the first step of Qt's lazy layout (1,000 characters) before the table.
        const QString before = s("<p>A paragraph before the table.</p>").repeated(60);
        doc.setHtml(s("<html><body><h2>Before</h2>%1%2<h2>After the table</h2><p>The rest.</p>"
                      "</body></html>")
                        .arg(before, html));
    }

    int fitThenPage()
    {
        // As the PDF does: the layout and its pages after the tables are fitted.
        const int fitted = TableColumns::fit(doc, &writer, body.width());
        doc.documentLayout()->setPaintDevice(&writer);
        doc.setPageSize(body);
        KeepWithNext::apply(doc); // lays it all out, as the PDF does
        return fitted;
    }

    QTextTable *table() const
    {
        for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
            if (QTextTable *t = QTextCursor(b).currentTable())
                return t;
        return nullptr;
    }
};

// The words Qt broke: each whole word (a run without spaces) in which a line of a cell ends where
// no line may end.
QStringList brokenWords(const QTextTable &table)
{
    QStringList broken;
    for (int row = 0; row < table.rows(); ++row)
        for (int column = 0; column < table.columns(); ++column) {
            const QTextTableCell cell = table.cellAt(row, column);
            for (auto it = cell.begin(); !it.atEnd(); ++it) {
                const QTextBlock b = it.currentBlock();
                const QString text = b.text();
                QTextBoundaryFinder finder(QTextBoundaryFinder::Line, text);
                const QTextLayout *layout = b.layout();
                for (int l = 0; layout && l + 1 < layout->lineCount(); ++l) {
                    const QTextLine line = layout->lineAt(l);
                    const int end = line.textStart() + line.textLength();
                    finder.setPosition(end);
                    if (finder.isAtBoundary())
                        continue;
                    qsizetype from = end;
                    while (from > 0 && !text.at(from - 1).isSpace())
                        --from;
                    qsizetype to = end;
                    while (to < text.size() && !text.at(to).isSpace())
                        ++to;
                    broken << text.mid(from, to - from);
                }
            }
        }
    return broken;
}

int linesOf(const QTextTable &table, int row, int column)
{
    const QTextBlock b = table.cellAt(row, column).firstCursorPosition().block();
    return b.layout() ? b.layout()->lineCount() : -1;
}

} // namespace

class TestTableColumns : public QObject
{
    Q_OBJECT

private slots:
    void wordsStayWhole_data();
    void wordsStayWhole();
    void shortValuesStayOnOneLine();
    void textAfterAFittedTableIsLaidOut_data();
    void textAfterAFittedTableIsLaidOut();
};

void TestTableColumns::wordsStayWhole_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<int>("fitted");
    QTest::addColumn<QString>("cut"); // the one word Qt may cut, or none
    const QString hash = s("3f2a9c1e7b4d8f60a1b2c3d4e5f60718293a4b5c");
    const QString page = s("x").repeated(400);
    QTest::newRow("the steps table: fitted") << stepsTable() << 1 << QString();
    // A commit hash in a step's title is longer than its column can be: only it is cut, where
    // given the table Qt cut every word ("Stat e", "Actua l", "Communicati ons").
    QTest::newRow("a commit hash in a step's title: only it is cut")
        << stepsTable(s("Verify commit %1 is deployed").arg(hash)) << 1 << hash;
    QTest::newRow("every line fits: left to Qt")
        << s("<table width=\"100%\"><tr><th nowrap>Role</th><th nowrap>Person</th></tr>"
             "<tr><td>Communications lead</td><td>Sam Okafor</td></tr></table>")
        << 0 << QString();
    QTest::newRow("widths of its own: left alone")
        << s("<table width=\"100%\"><tr><th width=\"30%\">Owner</th><th width=\"70%\">What</th>"
             "</tr><tr><td>Communications lead</td><td>%1</td></tr></table>")
               .arg(s("long text ").repeated(80))
        << 0 << QString();
    // One word wider than the page: no widths can keep it whole; it is cut rather than let the
    // table run off the page, and the column beside it keeps its words.
    QTest::newRow("a word wider than the page: only it is cut")
        << s("<table width=\"100%\"><tr><td>Communications lead</td><td>%1</td></tr></table>")
               .arg(page)
        << 1 << page;
    QTest::newRow("empty cells: left to Qt")
        << s("<table width=\"100%\"><tr><td></td><td></td></tr></table>") << 0 << QString();
}

void TestTableColumns::wordsStayWhole()
{
    QFETCH(QString, html);
    QFETCH(int, fitted);
    QFETCH(QString, cut);
    Paged p(html);
    QCOMPARE(p.fitThenPage(), fitted);
    const QTextTable *table = p.table();
    QVERIFY(table);
    const QStringList broken = brokenWords(*table);
    if (cut.isEmpty()) {
        QVERIFY2(broken.isEmpty(), qPrintable(broken.join(s(" / "))));
    } else {
        QVERIFY2(!broken.isEmpty(), "the word too long for its column was not cut");
        for (const QString &word : broken)
            QVERIFY2(word == cut, qPrintable(word));
    }
}

// A duration, a state, a name: on one line while the long texts beside them wrap.
void TestTableColumns::shortValuesStayOnOneLine()
{
    Paged p(stepsTable());
    QCOMPARE(p.fitThenPage(), 1);
    const QTextTable *table = p.table();
    QVERIFY(table);
    for (int row = 1; row < table->rows(); ++row) {
        bool empty = true; // the empty row KeepWithNext put at a page's foot to move the next on
        for (int column = 0; column < table->columns(); ++column)
            empty = empty
                    && table->cellAt(row, column).firstCursorPosition().block().text().isEmpty();
        if (empty)
            continue;
        for (int column : {0, 3, 4, 6})
            QCOMPARE(linesOf(*table, row, column), 1);
        QVERIFY(linesOf(*table, row, 1) > 1);
    }
    int two = 1; // step 2's row
    while (two < table->rows()
           && table->cellAt(two, 0).firstCursorPosition().block().text() != s("2"))
        ++two;
    QVERIFY(two < table->rows());
    QVERIFY(linesOf(*table, two, 7) > 1);
}

// The text between and after fitted tables is laid out and drawn; a document that already has
// pages is not fitted (Qt left the headings between re-formatted tables undrawn in the PDF).
void TestTableColumns::textAfterAFittedTableIsLaidOut_data()
{
    QTest::addColumn<bool>("pagedFirst");
    QTest::addColumn<int>("fitted");
    QTest::newRow("fitted before the pages") << false << 2;
    QTest::newRow("on pages already: not fitted") << true << 0;
}

void TestTableColumns::textAfterAFittedTableIsLaidOut()
{
    QFETCH(bool, pagedFirst);
    QFETCH(int, fitted);
    Paged p(stepsTable() + s("<h2>Between the tables</h2><p>Their text.</p>") + stepsTable(),
            pagedFirst);
    QCOMPARE(p.fitThenPage(), fitted);
    int checked = 0;
    for (QTextBlock b = p.doc.begin(); b.isValid(); b = b.next()) {
        if (!QStringList{s("Between the tables"), s("Their text."), s("After the table"),
                         s("The rest.")}
                 .contains(b.text()))
            continue;
        QVERIFY2(b.layout() && b.layout()->lineCount() == 1, qPrintable(b.text()));
        // Drawn: the block's place, painted as the PDF paints a page, has ink in it.
        const QRectF place = p.doc.documentLayout()->blockBoundingRect(b);
        QVERIFY(place.height() > 0);
        QImage image(place.size().toSize(), QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.translate(-place.topLeft());
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette.setColor(QPalette::Text, Qt::black);
        context.clip = place;
        p.doc.documentLayout()->draw(&painter, context);
        painter.end();
        int ink = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                ink += qGray(image.pixel(x, y)) < 128;
        QVERIFY2(ink > 20, qPrintable(s("%1: %2 dark pixels").arg(b.text()).arg(ink)));
        ++checked;
    }
    QCOMPARE(checked, 4);
    QCOMPARE(brokenWords(*p.table()).isEmpty(), fitted > 0);
}

QTEST_MAIN(TestTableColumns)
#include "tst_tablecolumns.moc"
