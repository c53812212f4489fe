// The painted timeline's T+ column fits its widest time (PdfExport): past 999 hours, an incident
// left open six weeks or a note added months later, "T+1000:00:00" was wrapped before its last
// digit. Read back with `pdftotext -bbox`: the time is one word, in a plain row and in a bold
// one, after zero and before it, up to the widest a forged time can be.
// The page band's two columns: the incident's title on the left stops before "page N of M" on the
// right (a title of 141 characters ran under it).
#include "report/PostmortemExporter.h"
#include "support/TestProcess.h"
#include "support/TestStrings.h"
#include "util/TimeFormat.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace warroom;
using warroom::test::s;

namespace {

constexpr qint64 hour = 3'600'000;

// The postmortem of a drill whose only timeline row is Priya's note at `elapsedMs`, as a PDF.
QString pdfWithRowAt(const QTemporaryDir &dir, qint64 elapsedMs, bool bold,
                     const QString &title = s("Left open"))
{
    PostmortemReport r;
    r.incident.title = title;
    r.incident.mode = IncidentMode::Drill;
    PostmortemReport::TimelineRow row;
    row.seq = 1;
    row.elapsedMs = elapsedMs;
    row.actor = s("Priya");
    row.text = s("Note: still open");
    row.isOverride = bold;
    r.documentRows.append(row);
    const QString path = dir.filePath(s("columns.pdf"));
    QString error;
    if (!PostmortemExporter::write(r, ExportFormat::Pdf, path, &error))
        qFatal("%s", qPrintable(error));
    return path;
}

struct PdfWord
{
    QString text;
    double left = 0;
    double top = 0;
    double right = 0;
};

// Every word of the PDF with its box, in points, in the order pdftotext reads them.
QList<PdfWord> pdfBoxes(const QString &path)
{
    const auto run = test::runProgram(s("pdftotext"), {s("-bbox"), path, s("-")});
    if (run.exitCode != 0)
        qFatal("pdftotext -bbox %s: %s", qPrintable(path), qPrintable(run.err));
    static const QRegularExpression word(s(R"re(<word xMin="([^"]*)" yMin="([^"]*)" )re"
                                           R"re(xMax="([^"]*)" yMax="[^"]*">([^<]*)</word>)re"));
    QList<PdfWord> words;
    for (const auto &m : word.globalMatch(run.out))
        words << PdfWord{m.captured(4), m.captured(1).toDouble(), m.captured(2).toDouble(),
                         m.captured(3).toDouble()};
    return words;
}

QStringList pdfWords(const QString &path)
{
    QStringList words;
    for (const PdfWord &w : pdfBoxes(path))
        words << w.text;
    return words;
}

} // namespace

class TestPdfColumns : public QObject
{
    Q_OBJECT

private slots:
    void elapsedTimeIsWhole_data();
    void elapsedTimeIsWhole();
    void bandTitleStopsBeforeThePage_data();
    void bandTitleStopsBeforeThePage();
};

void TestPdfColumns::elapsedTimeIsWhole_data()
{
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<bool>("bold");
    QTest::newRow("999 hours") << 999 * hour + 3'599'000 << false;
    QTest::newRow("1000 hours") << 1000 * hour << false;
    QTest::newRow("1000 hours, bold") << 1000 * hour << true;
    QTest::newRow("a note months later") << 8024 * hour + 3'488'000 << false;
    QTest::newRow("99999 hours, bold") << 99'999 * hour << true;
    QTest::newRow("1000 hours before zero") << -1000 * hour << false;
    // Only forged: the widest times there are.
    QTest::newRow("largest") << std::numeric_limits<qint64>::max() << true;
    QTest::newRow("most negative") << std::numeric_limits<qint64>::min() << true;
}

void TestPdfColumns::elapsedTimeIsWhole()
{
    QFETCH(qint64, elapsedMs);
    QFETCH(bool, bold);
    QTemporaryDir dir;
    const QStringList words = pdfWords(pdfWithRowAt(dir, elapsedMs, bold));
    const QString time = formatElapsed(elapsedMs);
    QVERIFY2(words.contains(time),
             qPrintable(s("%1 is not one word in the PDF; its words near T: %2")
                            .arg(time, words.filter(s("T")).join(u' '))));
}

void TestPdfColumns::bandTitleStopsBeforeThePage_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<bool>("cut");
    QTest::newRow("short") << s("Left open") << false;
    QTest::newRow("141 characters")
        << s("Payments API rollback after the v2.4 schema migration locked the ledger table and "
             "checkout latency breached the SLO in three regions at once")
        << true;
    QTest::newRow("one word of 300") << QString(300, u'W') << true;
    QTest::newRow("right to left")
        << QString(40, u'\u05D0') + s(" ") + QString(90, u'\u05D1') << true;
}

void TestPdfColumns::bandTitleStopsBeforeThePage()
{
    QFETCH(QString, title);
    QFETCH(bool, cut);
    QTemporaryDir dir;
    const QList<PdfWord> words = pdfBoxes(pdfWithRowAt(dir, hour, false, title));
    const auto page = std::find_if(words.begin(), words.end(),
                                   [](const PdfWord &w) { return w.text == s("page"); });
    QVERIFY2(page != words.end(), "no \"page\" in the PDF");
    QStringList left; // the band's words left of "page", and the page label's
    QStringList label;
    for (const PdfWord &w : words) {
        if (std::abs(w.top - page->top) > 1)
            continue;
        if (w.left >= page->left) {
            label << w.text;
            continue;
        }
        left << w.text;
        QVERIFY2(w.right <= page->left,
                 qPrintable(s("\"%1\" ends at %2 pt, under \"page\" at %3 pt")
                                .arg(w.text.left(20))
                                .arg(w.right)
                                .arg(page->left)));
    }
    QVERIFY2(left.size() >= 2, qPrintable(left.join(u' '))); // "DRILL", "Postmortem:", ...
    QCOMPARE(left.join(u' ').contains(u'\u2026'), cut);
    QVERIFY2(label.join(u' ').startsWith(s("page 1 of ")), qPrintable(label.join(u' ')));
}

QTEST_MAIN(TestPdfColumns)
#include "tst_pdfcolumns.moc"
