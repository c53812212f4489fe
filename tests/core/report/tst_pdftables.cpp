// The postmortem PDF's tables read back by programs we did not write: pdftotext -bbox finds every
// word inside the painted timeline table and a row taller than a page whole over several pages;
// pdftoppm's rendering shows the tables striped without a grid, the painted one and the
// document's own.
#include "PdfReading.h"
#include "report/PostmortemExporter.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"

#include <QHash>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace warroom;
using warroom::test::drillRows;
using warroom::test::margin;
using warroom::test::pdfPages;
using warroom::test::renderedPage;
using warroom::test::s;
using warroom::test::tableTop;

class TestPdfTables : public QObject, private test::ScriptedIncidentFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pdfTimelineTextStaysInsideTheTable();
    void pdfTableIsStriped();
    void pdfTablesLastPageIsUncovered();
    void pdfDocumentTablesAreStriped();
    void pdfRowTallerThanAPageGoesOn_data();
    void pdfRowTallerThanAPageGoesOn();
    void pdfKeyMomentRowsStayWhole();
};

void TestPdfTables::initTestCase()
{
    QVERIFY(declareScriptedIncident(s("export.sqlite")));
}

// Every word of the painted timeline stays inside the table, read back with pdftotext -bbox.
// Texts of every length around one line's width, each in a plain row and then a bold (override)
// one: bold is wider, so some of them wrap only in bold; a row measured as one line is painted
// unwrapped and would run off the page. The PDF measures a repeated text once, so this also
// catches a bold row given the height its plain twin was measured at.
void TestPdfTables::pdfTimelineTextStaysInsideTheTable()
{
    const QString words = s("rollback canary ok ").repeated(10);
    // A word wider than its column (an address in a note) wraps at any character, in a row of
    // its own and among words: none of it is cut off at the cell's edge.
    const QString address
        = s("https://grafana.example.com/d/rollback") + s("x").repeated(300) + s("/end");
    const QStringList addresses{address, s("see ") + address + s(" for the rollback")};
    constexpr int sized = 2 * (150 - 60 + 1); // lengths 60 to 150, each plain then bold
    PostmortemReport r = test::drillRows(s("Widths"), sized + 2, [&](int i) {
        return i <= sized ? words.left(60 + (i - 1) / 2) : addresses.at(i - sized - 1);
    });
    for (int i = 1; i < sized; i += 2)
        r.documentRows[i].isOverride = true;
    const QString path = m_dir.filePath(s("widths.pdf"));
    QString error;
    QVERIFY2(PostmortemExporter::write(r, ExportFormat::Pdf, path, &error), qPrintable(error));
    QProcess pdftotext;
    pdftotext.start(s("pdftotext"), {s("-bbox"), path, s("-")});
    QVERIFY2(pdftotext.waitForFinished(60000), "pdftotext did not run");
    QCOMPARE(pdftotext.exitCode(), 0);
    const QString boxes = QString::fromUtf8(pdftotext.readAllStandardOutput());
    // A4 is 595.3 pt wide; the table ends at the 15 mm (42.5 pt) right margin.
    const double rightEdge = 595.3 - 42.5;
    static const QRegularExpression word(s("<word xMin=\"[0-9.]+\" yMin=\"[0-9.]+\" "
                                           "xMax=\"([0-9.]+)\" yMax=\"[0-9.]+\">([^<]*)</word>"));
    int rollbacks = 0;
    for (auto it = word.globalMatch(boxes); it.hasNext();) {
        const auto m = it.next();
        if (m.captured(2) != s("rollback"))
            continue;
        ++rollbacks;
        QVERIFY2(m.captured(1).toDouble() <= rightEdge + 0.5,
                 qPrintable(s("'rollback' ends at %1 pt, past the table's edge at %2 pt")
                                .arg(m.captured(1))
                                .arg(rightEdge)));
    }
    QVERIFY2(rollbacks > 800, qPrintable(QString::number(rollbacks)));
    QProcess plain;
    plain.start(s("pdftotext"), {path, s("-")});
    QVERIFY2(plain.waitForFinished(60000), "pdftotext did not run");
    const QString text = QString::fromUtf8(plain.readAllStandardOutput()).remove(u'\n');
    QCOMPARE(text.count(address), 2);
}

namespace {

// A report of 150 rows, a third of them two lines tall and every seventh bold, as a PDF.
QString tablePdf(const QString &path)
{
    PostmortemReport r = drillRows(s("Borders"), 150, [](int i) {
        return i % 3 ? s("check sampled: 0.4% (threshold < 1%)")
                     : s("a note long enough to wrap onto a second line of the event column, "
                         "which is about half the page wide");
    });
    for (auto &row : r.documentRows)
        row.isOverride = row.seq % 7 == 0;
    QString error;
    return PostmortemExporter::write(r, ExportFormat::Pdf, path, &error) ? path : error;
}

// The runs of one shade down a column of pixels: white, a shaded row (#f1f3f6) or the header row's
// fill (#dfe5ec); the texts' dark pixels go with the run they are in.
enum class Shade { White, Row, Header };
struct Run
{
    Shade shade;
    int top;
    int bottom; // the last pixel
};

QList<Run> runsDown(const QImage &page, int x, int top, int bottom)
{
    QList<Run> runs;
    for (int y = top; y <= bottom; ++y) {
        const int grey = qGray(page.pixel(x, y));
        const Shade shade = grey >= 252 ? Shade::White : grey >= 236 ? Shade::Row : Shade::Header;
        if (runs.isEmpty() || runs.last().shade != shade)
            runs.append({shade, y, y});
        else
            runs.last().bottom = y;
    }
    return runs;
}

// The white pixels across the table at height `y`, from its left edge to its right.
int whiteAcross(const QImage &page, int y)
{
    int white = 0;
    for (int x = margin + 1; x < page.width() - margin - 1; ++x)
        white += qGray(page.pixel(x, y)) >= 252;
    return white;
}

} // namespace

// The painted table has no grid: its header row is filled and every second event's row (the
// second, fourth, … of the table, whatever page it is on) is shaded across the table's width, as
// the document's own tables are. On a page of the table alone (rendered by pdftoppm), a line of
// pixels down the first column's padding meets the header's fill, then one shaded run for each
// even row pdftotext finds there (row i is at T+i s), the first of them straight under the header
// when the page's first row is even.
void TestPdfTables::pdfTableIsStriped()
{
    const QString path = tablePdf(m_dir.filePath(s("stripes.pdf")));
    QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    static const QRegularExpression elapsed(s("T\\+00:(\\d\\d):(\\d\\d)"));
    QList<int> seconds;
    for (auto it = elapsed.globalMatch(pdfPages(path).value(2)); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        seconds << m.captured(1).toInt() * 60 + m.captured(2).toInt();
    }
    QVERIFY2(seconds.size() > 20, qPrintable(QString::number(seconds.size())));
    const auto even
        = std::count_if(seconds.cbegin(), seconds.cend(), [](int i) { return i % 2 == 0; });
    const QImage page = renderedPage(path, 3, m_dir.filePath(s("stripes")));
    QVERIFY(!page.isNull());
    QList<Run> runs = runsDown(page, margin + 1, tableTop, page.height() - 30);
    if (!runs.isEmpty() && runs.first().shade == Shade::White)
        runs.removeFirst(); // above the header row
    QVERIFY(runs.size() > 2);
    QCOMPARE(runs.at(0).shade, Shade::Header);
    QCOMPARE(runs.at(1).shade, seconds.first() % 2 == 0 ? Shade::Row : Shade::White);
    const auto shaded = std::count_if(runs.cbegin(), runs.cend(),
                                      [](const Run &r) { return r.shade == Shade::Row; });
    QCOMPARE(shaded, even);
    QCOMPARE(std::count_if(runs.cbegin(), runs.cend(),
                           [](const Run &r) { return r.shade == Shade::Header; }),
             1);
    // A stripe goes across the table: half way down a shaded row, no pixel is white.
    for (const Run &r : std::as_const(runs)) {
        if (r.shade == Shade::Row)
            QCOMPARE(whiteAcross(page, (r.top + r.bottom) / 2), 0);
    }
}

// On the table's last page the text after the table starts under it, held in place by a spacer
// image; a white one covered the first column's left edge ("JTC", "!026-01-01"). Across the
// header row there, from edge to edge, nothing is white.
void TestPdfTables::pdfTablesLastPageIsUncovered()
{
    const QString path = tablePdf(m_dir.filePath(s("last.pdf")));
    QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    const QStringList pages = pdfPages(path);
    int last = 0;
    for (int p = 0; p < pages.size(); ++p)
        last = pages.at(p).contains(s("T+00:02:30")) ? p + 1 : last; // the 150th row
    QVERIFY(last > 1);
    const QImage page = renderedPage(path, last, m_dir.filePath(s("last")));
    QVERIFY(!page.isNull());
    const QList<Run> runs = runsDown(page, margin + 1, tableTop, tableTop + 200);
    const auto header = std::find_if(runs.cbegin(), runs.cend(),
                                     [](const Run &r) { return r.shade == Shade::Header; });
    QVERIFY(header != runs.cend());
    QCOMPARE(whiteAcross(page, (header->top + header->bottom) / 2), 0);
}

// The document's own tables are striped as the painted one (TableStripes), without a grid: in
// the facts table on page 1, just left of its first words, the second and fourth rows ("Mode",
// "Declared") are shaded and the third ("Commander") is white. pdftotext -bbox says where each
// word is, in points; the page is rendered at 100 dpi.
void TestPdfTables::pdfDocumentTablesAreStriped()
{
    const QString path = m_dir.filePath(s("facts.pdf"));
    QString error;
    QVERIFY2(PostmortemExporter::write(report(), ExportFormat::Pdf, path, &error),
             qPrintable(error));
    QProcess pdftotext;
    pdftotext.start(s("pdftotext"), {s("-bbox"), s("-f"), s("1"), s("-l"), s("1"), path, s("-")});
    QVERIFY2(pdftotext.waitForFinished(60000), "pdftotext did not run");
    const QString boxes = QString::fromUtf8(pdftotext.readAllStandardOutput());
    static const QRegularExpression word(s("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                           "xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">([^<]*)</word>"));
    QHash<QString, QPoint> left; // a pixel just left of each word's first place
    for (auto it = word.globalMatch(boxes); it.hasNext();) {
        const auto m = it.next();
        const QPoint p(int(m.captured(1).toDouble() * 100 / 72) - 2,
                       int((m.captured(2).toDouble() + m.captured(3).toDouble()) / 2 * 100 / 72));
        if (!left.contains(m.captured(4)))
            left.insert(m.captured(4), p);
    }
    const QImage page = renderedPage(path, 1, m_dir.filePath(s("facts")));
    QVERIFY(!page.isNull());
    const auto grey = [&](const char *w) {
        const QPoint p = left.value(QString::fromLatin1(w), QPoint(-1, -1));
        return page.rect().contains(p) ? qGray(page.pixel(p)) : -1;
    };
    for (const char *shaded : {"Mode", "Declared"})
        QVERIFY2(grey(shaded) >= 236 && grey(shaded) < 252,
                 qPrintable(s("%1: grey %2").arg(QLatin1String(shaded)).arg(grey(shaded))));
    QCOMPARE(grey("Commander"), 255);
}

void TestPdfTables::pdfRowTallerThanAPageGoesOn_data()
{
    QTest::addColumn<QString>("note");
    QString words;
    for (int i = 0; words.size() < 9990; ++i)
        words += s("rollback%1 ").arg(i);
    QTest::newRow("10,000 characters of words") << words.trimmed();
    QString lines;
    for (int i = 0; i < 300; ++i)
        lines += s("log line %1\n").arg(i);
    QTest::newRow("300 lines") << lines.trimmed();
    QTest::newRow("one word of 10,000 characters") << s("0123456789").repeated(1000);
}

// A row taller than a page (a note near the longest the engine takes) is cut between its lines
// and goes on over the next pages: pdftotext finds all of it, once and in order, between the rows
// before and after it. Drawn whole, it ran off the page's foot and half such a note was lost.
void TestPdfTables::pdfRowTallerThanAPageGoesOn()
{
    QFETCH(QString, note);
    const PostmortemReport r = drillRows(
        s("Tall"), 60, [&note](int i) { return i == 30 ? note : s("row %1 of the table").arg(i); });
    const QString path = m_dir.filePath(s("tall.pdf"));
    QString error;
    QVERIFY2(PostmortemExporter::write(r, ExportFormat::Pdf, path, &error), qPrintable(error));
    QString text = pdfPages(path).join(QString());
    text.remove(QRegularExpression(s("\\s")));
    // Each page's band and the table's header row, between the parts (their words interleave).
    text.remove(
        QRegularExpression(s("DRILL\u2014Postmortem:Tall|page\\d+of\\d+|UTC|T\\+WhoEvent")));
    const QString expected = QString(note).remove(QRegularExpression(s("\\s")));
    QCOMPARE(text.count(expected), 1);
    QVERIFY(text.indexOf(s("row29ofthetable")) < text.indexOf(expected));
    QVERIFY(text.indexOf(expected) < text.indexOf(s("row31ofthetable")));
    // Row 30 is shaded, and so is each part of it: on a page of the note alone, the first
    // column's padding is the header's fill, then the row's shade down to the note's last line.
    const QStringList pages = pdfPages(path);
    int alone = 0;
    for (int p = 1; p < pages.size() && alone == 0; ++p)
        alone = pages.at(p).contains(s("of the table")) ? 0 : p + 1;
    QVERIFY2(alone > 0, "no page holds only the note");
    const QImage page = renderedPage(path, alone, m_dir.filePath(s("tall")));
    QVERIFY(!page.isNull());
    QList<Run> runs = runsDown(page, margin + 1, tableTop, page.height() - margin - 20);
    while (!runs.isEmpty() && runs.last().shade == Shade::White)
        runs.removeLast(); // under the last line
    if (!runs.isEmpty() && runs.first().shade == Shade::White)
        runs.removeFirst(); // above the header row
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).shade, Shade::Header);
    QCOMPARE(runs.at(1).shade, Shade::Row);
    QVERIFY2(runs.at(1).bottom - runs.at(1).top > page.height() / 2,
             qPrintable(QString::number(runs.at(1).bottom - runs.at(1).top)));
}

// The document's own tables keep each row on one page, as the HTML export asks a browser to
// (`tr { page-break-inside: avoid }`): Qt's text layout broke a key moment between two pages and
// left its "drill T+00:10:35" alone at the top of the next (KeepWithNext). Forty key moments of
// four to five lines each fill three pages; pdftotext finds each one's first and last words on
// one page (words without "fi", which the PDF writes as a ligature).
void TestPdfTables::pdfKeyMomentRowsStayWhole()
{
    PostmortemReport r = drillRows(s("Key moments"), 3, [](int i) { return s("row %1").arg(i); });
    constexpr int moments = 40;
    for (int i = 1; i <= moments; ++i) {
        PostmortemReport::KeyMomentRow row;
        row.seq = i;
        row.elapsedMs = i * 1000;
        row.actor = s("Priya");
        row.kind = KeyMoment::CheckMissed;
        row.text = s("opening%1 the error rate check read 0.15 against its threshold of under 0.01 "
                     "and the ramp was halted and set back to its rollback weight while the room "
                     "watched the dashboards for anomalies, closing%1")
                       .arg(i);
        r.keyMoments.append(row);
    }
    const QString path = m_dir.filePath(s("moments.pdf"));
    QString error;
    QVERIFY2(PostmortemExporter::write(r, ExportFormat::Pdf, path, &error), qPrintable(error));
    const QStringList pages = pdfPages(path);
    QSet<int> pagesUsed;
    for (int i = 1; i <= moments; ++i) {
        auto pageOf = [&pages](const QString &word) {
            const QRegularExpression whole(s("\\b%1\\b").arg(word));
            for (int p = 0; p < pages.size(); ++p) {
                if (pages.at(p).contains(whole))
                    return p + 1;
            }
            return 0;
        };
        const int first = pageOf(s("opening%1").arg(i));
        const int last = pageOf(s("closing%1").arg(i));
        QVERIFY2(first > 0, qPrintable(s("key moment %1 is not in the PDF").arg(i)));
        QVERIFY2(first == last, qPrintable(s("key moment %1 starts on page %2 and ends on page %3")
                                               .arg(i)
                                               .arg(first)
                                               .arg(last)));
        pagesUsed.insert(first);
    }
    QVERIFY2(pagesUsed.size() >= 2, "the key moments fit on one page: nothing to break");
}

QTEST_MAIN(TestPdfTables)
#include "tst_pdftables.moc"
