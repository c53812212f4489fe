// TableStripes: every other body row of a paged document's tables shaded, the PDF's tables having
// no grid. Each case reads back which cells of which table carry the shade.
#include "report/TableStripes.h"
#include "support/TestStrings.h"

#include <QTest>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>

using namespace warroom;
using warroom::test::s;

namespace {

// The document's tables in order, nested ones after the table holding them.
void collectTables(QTextFrame &frame, QList<QTextTable *> &tables)
{
    for (QTextFrame *child : frame.childFrames()) {
        if (auto *table = qobject_cast<QTextTable *>(child))
            tables << table;
        collectTables(*child, tables);
    }
}

// "t:r,c" for every shaded cell (its first row and column), table t counted from 0.
QStringList shadedCells(QTextDocument &doc)
{
    QList<QTextTable *> tables;
    collectTables(*doc.rootFrame(), tables);
    QStringList shaded;
    for (int t = 0; t < tables.size(); ++t) {
        for (int r = 0; r < tables.at(t)->rows(); ++r) {
            for (int c = 0; c < tables.at(t)->columns(); ++c) {
                const QTextTableCell cell = tables.at(t)->cellAt(r, c);
                if (cell.row() != r || cell.column() != c)
                    continue;
                const QBrush brush = cell.format().background();
                if (brush.style() != Qt::NoBrush && brush.color() == TableStripes::shade())
                    shaded << s("%1:%2,%3").arg(t).arg(r).arg(c);
            }
        }
    }
    return shaded;
}

QString rows(int count, int columns = 2)
{
    QString h;
    for (int r = 0; r < count; ++r) {
        h += s("<tr>");
        for (int c = 0; c < columns; ++c)
            h += s("<td>r%1c%2</td>").arg(r).arg(c);
        h += s("</tr>");
    }
    return h;
}

} // namespace

class TestTableStripes : public QObject
{
    Q_OBJECT

private slots:
    void shadesEveryOtherBodyRow_data();
    void shadesEveryOtherBodyRow();
    void aHeaderCellKeepsItsOwnFill();
};

void TestTableStripes::shadesEveryOtherBodyRow_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<int>("rowsShaded");
    QTest::addColumn<QStringList>("cells");

    QTest::newRow("no header: the second and fourth rows")
        << s("<table>%1</table>").arg(rows(5)) << 2
        << QStringList{s("0:1,0"), s("0:1,1"), s("0:3,0"), s("0:3,1")};
    QTest::newRow("a header row: counted from the body")
        << s("<table><thead><tr><th>a</th><th>b</th></tr></thead>%1</table>").arg(rows(4)) << 2
        << QStringList{s("0:2,0"), s("0:2,1"), s("0:4,0"), s("0:4,1")};
    QTest::newRow("one row: nothing") << s("<table>%1</table>").arg(rows(1)) << 0 << QStringList{};
    QTest::newRow("header only: nothing")
        << s("<table><thead><tr><th>a</th></tr></thead></table>") << 0 << QStringList{};
    QTest::newRow("a cell spanning two rows is shaded by the row it starts on")
        << s("<table><tr><td>a</td><td>b</td></tr>"
             "<tr><td rowspan=\"2\">tall</td><td>c</td></tr><tr><td>d</td></tr>"
             "<tr><td rowspan=\"2\">tall2</td><td>e</td></tr><tr><td>f</td></tr></table>")
        << 2 << QStringList{s("0:1,0"), s("0:1,1"), s("0:3,0"), s("0:3,1")};
    QTest::newRow("a cell spanning two columns is shaded once")
        << s("<table><tr><td>a</td><td>b</td></tr><tr><td colspan=\"2\">wide</td></tr></table>")
        << 1 << QStringList{s("0:1,0")};
    QTest::newRow("two tables, each counted from its own first row")
        << s("<table>%1</table><p>between</p><table>%2</table>").arg(rows(3), rows(2)) << 2
        << QStringList{s("0:1,0"), s("0:1,1"), s("1:1,0"), s("1:1,1")};
    QTest::newRow("a table inside a cell is striped too")
        << s("<table><tr><td>outer</td></tr><tr><td><table>%1</table></td></tr></table>")
               .arg(rows(2, 1))
        << 2 << QStringList{s("0:1,0"), s("1:1,0")};
    QTest::newRow("no table") << s("<p>text</p>") << 0 << QStringList{};
}

void TestTableStripes::shadesEveryOtherBodyRow()
{
    QFETCH(QString, html);
    QFETCH(int, rowsShaded);
    QFETCH(QStringList, cells);
    QTextDocument doc;
    doc.setHtml(html);
    QCOMPARE(shadedCells(doc), QStringList{});
    const QString text = doc.toPlainText();
    QCOMPARE(TableStripes::apply(doc), rowsShaded);
    QCOMPARE(shadedCells(doc), cells);
    QCOMPARE(doc.toPlainText(), text); // only the cells' fill changed
    // No undo record for each cell (no one edits the document), and undo is as it was.
    QCOMPARE(doc.availableUndoSteps(), 0);
    QVERIFY(doc.isUndoRedoEnabled());
}

// The header row's fill comes from the style sheet (th), and a body row's own text formats stay.
void TestTableStripes::aHeaderCellKeepsItsOwnFill()
{
    QTextDocument doc;
    doc.setDefaultStyleSheet(s("th { background-color: %1; }").arg(TableStripes::header().name()));
    doc.setHtml(s("<table><thead><tr><th>Who</th></tr></thead><tr><td>a</td></tr>"
                  "<tr><td><b>bold</b></td></tr></table>"));
    QCOMPARE(TableStripes::apply(doc), 1);
    QList<QTextTable *> tables;
    collectTables(*doc.rootFrame(), tables);
    QCOMPARE(tables.size(), 1);
    QCOMPARE(tables.first()->cellAt(0, 0).format().background().color(), TableStripes::header());
    const QTextTableCell shaded = tables.first()->cellAt(2, 0);
    QCOMPARE(shaded.format().background().color(), TableStripes::shade());
    QTextCursor cursor = shaded.firstCursorPosition();
    cursor.movePosition(QTextCursor::NextCharacter);
    QVERIFY(cursor.charFormat().font().bold());
}

QTEST_MAIN(TestTableStripes)
#include "tst_tablestripes.moc"
