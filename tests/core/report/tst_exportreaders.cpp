// The exports read by programs we did not write: Python's standard library (CSV, JSON with the
// chain recomputed, HTML), pandoc for the Markdown, pdftotext for the PDF.
#include "report/PostmortemExporter.h"
#include "store/TimelineStore.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::minute;
using warroom::test::s;

class TestExportReaders : public QObject, private test::ScriptedIncidentFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readBackByOtherPrograms();
    void pdfSaysDrillOnEveryPage();
};

void TestExportReaders::initTestCase()
{
    QString error;
    QVERIFY(m_store.open(m_dir.filePath(s("export.sqlite")), &error));
    m_id = test::scriptedIncident(m_store);
}

void TestExportReaders::readBackByOtherPrograms()
{
    const PostmortemReport r = report();
    QString error;
    for (const char *f : {"md", "csv", "json", "html"})
        QVERIFY2(PostmortemExporter::write(r, *exportFormatFromName(QString::fromLatin1(f)),
                                           m_dir.filePath(s("drill.") + QString::fromLatin1(f)),
                                           &error),
                 qPrintable(error));
    ExportOptions withChart;
    withChart.chartSvg
        = QByteArrayLiteral("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                            "width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>");
    QVERIFY(PostmortemExporter::write(report(withChart), ExportFormat::Html,
                                      m_dir.filePath(s("drill-chart.html")), &error));

    // Python's standard library: CSV, JSON with the chain recomputed, HTML.
    QProcess python;
    python.start(s("/usr/bin/python3"), {s(WARROOM_TEST_SUPPORT "/read_exports.py"), m_dir.path()});
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardOutput().constData());

    // pandoc renders the Markdown; its tables must come through as tables.
    QProcess pandoc;
    pandoc.start(s("pandoc"),
                 {s("-f"), s("gfm"), s("-t"), s("html"), m_dir.filePath(s("drill.md"))});
    QVERIFY2(pandoc.waitForFinished(60000), "pandoc did not run");
    QCOMPARE(pandoc.exitCode(), 0);
    const QString html = QString::fromUtf8(pandoc.readAllStandardOutput());
    QCOMPARE(html.count(s("<table")), 5);
    // Timeline rows (one per exported event) plus the header row.
    const qsizetype timelineStart = html.indexOf(s("id=\"timeline\""));
    QVERIFY(timelineStart > 0);
    const QString timeline
        = html.mid(timelineStart, html.indexOf(s("</table>"), timelineStart) - timelineStart);
    QCOMPARE(timeline.count(s("<tr")), r.timeline.size() + 1);
    QVERIFY(html.contains(s("EU card payments | 12% of checkouts in Zürich")));
}

void TestExportReaders::pdfSaysDrillOnEveryPage()
{
    const QString path = m_dir.filePath(s("drill.pdf"));
    ExportOptions options;
    bool chartPainted = false;
    options.paintChart = [&chartPainted](QPainter &, const QRectF &) {
        chartPainted = true;
    };
    QString error;
    QVERIFY2(PostmortemExporter::write(report(options), ExportFormat::Pdf, path, &error),
             qPrintable(error));
    QVERIFY(chartPainted);
    QProcess pdftotext;
    pdftotext.start(s("pdftotext"), {path, s("-")});
    QVERIFY2(pdftotext.waitForFinished(60000), "pdftotext did not run");
    QCOMPARE(pdftotext.exitCode(), 0);
    const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
    const QStringList pages = text.split(u'\f', Qt::SkipEmptyParts);
    QVERIFY2(pages.size() >= 3, qPrintable(QString::number(pages.size())));
    for (int p = 0; p < pages.size(); ++p) {
        QVERIFY2(pages.at(p).contains(s("DRILL")),
                 qPrintable(QStringLiteral("page %1").arg(p + 1)));
        QVERIFY(pages.at(p).contains(QStringLiteral("page %1 of %2").arg(p + 1).arg(pages.size())));
    }
    for (const char *must : {"Postmortem: Checkout 5xx after v1.3.0 deploy", "Summary", "Timeline",
                             "Rollback steps: planned against actual", "Gantt chart",
                             "Time from rollback trigger to healthy"})
        QVERIFY2(text.contains(QString::fromUtf8(must)), must);
}

QTEST_MAIN(TestExportReaders)
#include "tst_exportreaders.moc"
