// The exports read by programs we did not write: Python's standard library (CSV, JSON with the
// chain recomputed, HTML), pandoc for the Markdown, pdftotext for the PDF.
#include "PdfReading.h"
#include "gantt/GanttPalette.h"
#include "report/PostmortemExporter.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TroubleDrill.h"
#include "util/BidiControls.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHash>
#include <QImage>
#include <QPalette>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace warroom;
using warroom::test::drillRows;
using warroom::test::margin;
using warroom::test::minute;
using warroom::test::pdfPages;
using warroom::test::renderedPage;
using warroom::test::s;
using warroom::test::tableTop;

class TestExportReaders : public QObject, private test::ScriptedIncidentFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readBackByOtherPrograms();
    void pdfSaysDrillOnEveryPage();
    void troubleDrillPdfSaysWhatWentWrongFirst();
    void bidiControlsAreShownNotObeyed_data();
    void bidiControlsAreShownNotObeyed();
    void pdfBandShowsTheWholeTitle();
    void pdfTextIsBlackUnderADarkTheme();
};

void TestExportReaders::initTestCase()
{
    QVERIFY(declareScriptedIncident(s("export.sqlite")));
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
    QVERIFY(PostmortemExporter::write(report(), ExportFormat::Html,
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
    // key moments, facts, action items, timeline, steps, runs; roles held, command periods, polls
    QCOMPARE(html.count(s("<table")), 9);
    // Timeline rows (one per exported event) plus the header row.
    const qsizetype timelineStart = html.indexOf(s("id=\"timeline\""));
    QVERIFY(timelineStart > 0);
    const QString timeline
        = html.mid(timelineStart, html.indexOf(s("</table>"), timelineStart) - timelineStart);
    QCOMPARE(timeline.count(s("<tr")), r.documentRows.size() + 1);
    QVERIFY(html.contains(s("EU card payments | 12% of checkouts in Zürich")));
}

void TestExportReaders::pdfSaysDrillOnEveryPage()
{
    const QString path = m_dir.filePath(s("drill.pdf"));
    QString error;
    QVERIFY2(PostmortemExporter::write(report(), ExportFormat::Pdf, path, &error),
             qPrintable(error));
    QProcess pdftotext;
    // -layout: the header band's words stay on their line, whatever the text under it.
    pdftotext.start(s("pdftotext"), {s("-layout"), path, s("-")});
    QVERIFY2(pdftotext.waitForFinished(60000), "pdftotext did not run");
    QCOMPARE(pdftotext.exitCode(), 0);
    const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
    const QStringList pages = text.split(u'\f', Qt::SkipEmptyParts);
    QVERIFY2(pages.size() >= 3, qPrintable(QString::number(pages.size())));
    for (int p = 0; p < pages.size(); ++p) {
        QVERIFY2(pages.at(p).contains(s("DRILL")),
                 qPrintable(QStringLiteral("page %1").arg(p + 1)));
        QVERIFY2(pages.at(p).contains(QStringLiteral("page %1 of %2").arg(p + 1).arg(pages.size())),
                 qPrintable(pages.at(p).left(300)));
    }
    for (const char *must : {"Postmortem: Checkout 5xx after v1.3.0 deploy", "Summary", "Timeline",
                             "Rollback steps: planned against actual", "Steps planned against actual",
                             "Time from rollback trigger to healthy"})
        QVERIFY2(text.contains(QString::fromUtf8(must)), must);
}

// The trouble drill's PDF read by pdftotext: what went wrong is on the first page, under the
// chart drawn as text and lines, the polls are folded (fewer lines than with --all-events), and
// the table headers are whole words.
void TestExportReaders::troubleDrillPdfSaysWhatWentWrongFirst()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("trouble.sqlite")), &error));
    const qint64 id = test::troubleIncident(store);
    const auto pdfText = [&](bool allEvents) {
        const auto snap = IncidentSnapshot::load(store, id, &error);
        ExportOptions o;
        o.allEvents = allEvents;
        const QString path = m_dir.filePath(allEvents ? s("all.pdf") : s("folded.pdf"));
        if (!snap || !PostmortemExporter::write(PostmortemReport::build(snap->incident,
                                                                        snap->checklist,
                                                                        snap->events, o),
                                                ExportFormat::Pdf, path, &error))
            return QStringList();
        QProcess pdftotext;
        pdftotext.start(s("pdftotext"), {s("-layout"), path, s("-")});
        pdftotext.waitForFinished(60000);
        return QString::fromUtf8(pdftotext.readAllStandardOutput()).split(u'\f', Qt::SkipEmptyParts);
    };
    const QStringList folded = pdfText(false);
    const QStringList all = pdfText(true);
    QVERIFY2(!folded.isEmpty() && !all.isEmpty(), qPrintable(error));
    // Folding shortens the document: fewer lines of text (a page or less in so short a drill).
    QVERIFY(folded.join(u'\n').count(u'\n') < all.join(u'\n').count(u'\n'));
    QVERIFY(folded.size() <= all.size());
    const QString first = folded.first(); // "fi" comes out as a ligature: words without it
    for (const char *must : {"Key moments", "Action failed", "by hand"})
        QVERIFY2(first.contains(QString::fromUtf8(must)), must);
    // The chart is drawn as text and lines, not an image: its axis and milestones read as text.
    for (const char *must : {"T+20 min", "Rollback start", "Rollback complete"})
        QVERIFY2(first.contains(QString::fromUtf8(must)), must);
    const QString text = folded.join(u'\n');
    for (const char *must : {"Check missed", "Ramp halted", "Outcome unknown",
                             "warroom stopped", "second person for",
                             "drill at ×10 speed", "polled 6 time(s)", "State", "Actual", "NO-GO",
                             "Command handed over", "Deferred", "STILL OPEN"})
        QVERIFY2(text.contains(QString::fromUtf8(must)), must);
    QVERIFY(!text.contains(s("polling")));
    QVERIFY(all.join(u'\n').contains(s("polling")));
    // The steps table keeps its words whole: Qt cut "Communicati ons lead" and "stakehol ders"
    // when its columns were its own to share (TableColumns).
    const qsizetype steps = text.indexOf(s("Rollback steps: planned against actual"));
    const qsizetype decisions = text.indexOf(s("Decisions"), steps);
    QVERIFY(steps > 0 && decisions > steps);
    const QStringList words
        = text.mid(steps, decisions - steps).split(QRegularExpression(s("\\s+")));
    for (const char *word : {"Communications", "stakeholders,", "acceptance", "webhook's"})
        QVERIFY2(words.contains(QLatin1String(word)), word);

    // The chart, near the top: one of the first pages, rendered by pdftoppm, shows the bars of
    // steps done in the light palette's green.
    QProcess pdftoppm;
    pdftoppm.start(s("pdftoppm"), {s("-png"), s("-r"), s("40"), s("-l"), s("4"),
                                   m_dir.filePath(s("folded.pdf")), m_dir.filePath(s("page"))});
    QVERIFY(pdftoppm.waitForFinished(60000));
    const QColor done = GanttPalette::light().done;
    int greenPixels = 0;
    for (const QString &png : QDir(m_dir.path()).entryList({s("page-*.png")})) {
        const QImage page(m_dir.filePath(png));
        for (int y = 0; y < page.height(); ++y)
            for (int x = 0; x < page.width(); ++x) {
                const QColor c = page.pixelColor(x, y);
                greenPixels += std::abs(c.red() - done.red()) + std::abs(c.green() - done.green())
                                   + std::abs(c.blue() - done.blue())
                               < 30;
            }
    }
    QVERIFY2(greenPixels > 50, qPrintable(QString::number(greenPixels)));
}

void TestExportReaders::bidiControlsAreShownNotObeyed_data()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"md", "html", "pdf"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

// A right-to-left override in a note, an isolate in a name and in the title: the documents
// show each as U+FFFD where it was, instead of reordering what follows ("override" read as
// "edirrevo"). Read back as text (pdftotext for the PDF).
void TestExportReaders::bidiControlsAreShownNotObeyed()
{
    QFETCH(QString, format);
    PostmortemReport r = drillRows(s("Checkout \u2067deploy\u2069 rollback"), 3, [](int i) {
        return i == 2 ? s("bidi \u202Eoverride\u202C end") : s("row %1").arg(i);
    });
    r.documentRows[0].actor = s("Pri\u202Dya");
    const QString path = m_dir.filePath(s("bidi.") + format);
    QString error;
    QVERIFY2(PostmortemExporter::write(r, *exportFormatFromName(format), path, &error),
             qPrintable(error));
    QString text;
    if (format == s("pdf")) {
        text = pdfPages(path).join(QString());
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        text = QString::fromUtf8(file.readAll());
    }
    for (const QChar c : std::as_const(text))
        QVERIFY2(!BidiControls::isControl(c.unicode()), qPrintable(QString::number(c.unicode(), 16)));
    const QChar shown(0xFFFD);
    QVERIFY(text.contains(s("bidi ") + shown + s("override") + shown + s(" end")));
    QVERIFY(text.contains(s("Pri") + shown + s("ya")));
    QVERIFY(text.contains(s("Checkout ") + shown + s("deploy") + shown + s(" rollback")));
    QVERIFY(!text.contains(s("edirrevo")));
}

// A title with a C1 control, as an older build took it: the band on every page shows all of it,
// the control as U+FFFD. QPainter::drawText ended the band's text at U+009C (Qt's separator of a
// string's length variants).
void TestExportReaders::pdfBandShowsTheWholeTitle()
{
    PostmortemReport r = drillRows(s("Checkout \u009c rollback, all of it"), 3,
                                   [](int i) { return s("row %1").arg(i); });
    const QString path = m_dir.filePath(s("band.pdf"));
    QString error;
    QVERIFY2(PostmortemExporter::write(r, ExportFormat::Pdf, path, &error), qPrintable(error));
    QStringList pages = pdfPages(path);
    pages.removeAll(QString()); // after the last page's form feed
    QVERIFY(!pages.isEmpty());
    for (const QString &page : std::as_const(pages))
        QVERIFY2(page.contains(s("Postmortem: Checkout \ufffd rollback, all of it")),
                 qPrintable(page.left(300)));
}

// Under a dark desktop theme the application's palette has white text, and the text documents
// around the painted table (the title, the facts, every section) were drawn with it: white on
// the white page. Drawn as QTextDocument::print draws, their text is black whatever the theme.
void TestExportReaders::pdfTextIsBlackUnderADarkTheme()
{
    const PostmortemReport r
        = drillRows(s("Dark theme"), 3, [](int i) { return s("row %1").arg(i); });
    const QString path = m_dir.filePath(s("dark.pdf"));
    const QPalette before = QGuiApplication::palette();
    QPalette dark = before;
    for (const QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText})
        dark.setColor(role, Qt::white);
    dark.setColor(QPalette::Base, Qt::black);
    QGuiApplication::setPalette(dark);
    QString error;
    const bool wrote = PostmortemExporter::write(r, ExportFormat::Pdf, path, &error);
    QGuiApplication::setPalette(before);
    QVERIFY2(wrote, qPrintable(error));
    const QImage page = renderedPage(path, 1, m_dir.filePath(s("dark")));
    QVERIFY(!page.isNull());
    // The title and the facts, under the header band and above the table: black text.
    int black = 0;
    for (int y = tableTop; y < tableTop + 150; ++y)
        for (int x = margin; x < page.width() - margin; ++x)
            black += qGray(page.pixel(x, y)) < 80;
    QVERIFY2(black > 400, qPrintable(QString::number(black)));
}

QTEST_MAIN(TestExportReaders)
#include "tst_exportreaders.moc"
