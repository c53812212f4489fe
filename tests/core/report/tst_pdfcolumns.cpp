// The painted timeline's T+ column fits its widest time (PdfExport): past 999 hours, an incident
// left open six weeks or a note added months later, "T+1000:00:00" was wrapped before its last
// digit. Read back with `pdftotext -bbox`: the time is one word, in a plain row and in a bold
// one, after zero and before it, up to the widest a forged time can be.
#include "report/PostmortemExporter.h"
#include "support/TestProcess.h"
#include "support/TestStrings.h"
#include "util/TimeFormat.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace warroom;
using warroom::test::s;

namespace {

constexpr qint64 hour = 3'600'000;

// The postmortem of a drill whose only timeline row is Priya's note at `elapsedMs`, as a PDF.
QString pdfWithRowAt(const QTemporaryDir &dir, qint64 elapsedMs, bool bold)
{
    PostmortemReport r;
    r.incident.title = s("Left open");
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

QStringList pdfWords(const QString &path)
{
    const auto run = test::runProgram(s("pdftotext"), {s("-bbox"), path, s("-")});
    if (run.exitCode != 0)
        qFatal("pdftotext -bbox %s: %s", qPrintable(path), qPrintable(run.err));
    static const QRegularExpression word(s(R"re(<word [^>]*>([^<]*)</word>)re"));
    QStringList words;
    for (const auto &m : word.globalMatch(run.out))
        words << m.captured(1);
    return words;
}

} // namespace

class TestPdfColumns : public QObject
{
    Q_OBJECT

private slots:
    void elapsedTimeIsWhole_data();
    void elapsedTimeIsWhole();
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

QTEST_MAIN(TestPdfColumns)
#include "tst_pdfcolumns.moc"
