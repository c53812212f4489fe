#include "facilitation/Debrief.h"
#include "facilitation/DebriefSections.h"
#include "facilitation/DebriefText.h"
#include "support/ShippedDeclaration.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextBoundaryFinder>
#include <QTest>

#include <algorithm>

using namespace warroom;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

const QString longWord = QString(10'000, u'W');
const QString longLine = QString(s("lorem ipsum ")).repeated(850); // 10,200 characters

// A debrief whose every typed text is an attack on one of its formats: markup, table pipes,
// line breaks, control characters, 10,000-character lines and words, right-to-left text with a
// bidirectional override, and QString::arg's own placeholders.
Debrief hostile()
{
    Debrief d;
    d.checklist = test::shippedChecklist();
    d.incident.id = 9;
    d.incident.title = s("Drill %1 %2 <i>italic</i>");
    d.incident.commander = s("Priya | <b>");
    d.incident.mode = IncidentMode::Drill;
    d.incident.checklistId = d.checklist.id;
    d.incident.checklistRevision = d.checklist.revision;
    Scenario &sc = d.record.scenario;
    sc.title = s("<script>alert(\"x\")</script> & <b>bold</b> | %1");
    sc.description = s("line one\r\n# Not a heading\n1. not a list\n> not a quote\n    not code");
    sc.objectives = {s("pipe | in | objective"),
                     s("**stars** _under_ `tick` [link](http://x.example) <http://y.example> &amp;"),
                     longLine};
    DrillInject page{s("heads-up"), {}, {}, s("</td></tr></table><h1>forged</h1>"), s("comms")};
    page.when.atMs = 30'000;
    sc.injects = {page};
    sc.capabilities = {{s("halt"), s("Halt | on <signal> \\ back\\slash"), {s("reenable")}}};
    d.record.started = true;
    d.record.board = InjectBoard(sc.injects);
    d.record.board.markFired(s("heads-up"), 30'000);
    QString error;
    (void)d.record.board.acknowledge(s("heads-up"), s("Dana | <i>"), 75'000, &error);
    // The facilitator's own inputs refuse control characters (FacilitatorText), so these come
    // in the scenario the record stored, which is replayed as it was written, not re-read.
    const QString controls = s("NUL") + QChar(0) + s(" ESC") + QChar(0x1b) + s("[31m red DEL")
                             + QChar(0x7f) + s(" C1") + QChar(0x85) + s(" tab\tend");
    sc.objectives << controls;
    if (d.record.log.observe({40'000, s("scope"), controls, s("Fran")}, &error))
        qFatal("an observation with control characters was taken");
    (void)d.record.log.observe({40'000, s("scope"), s("Seen: <b>bold</b> | pipe"), s("Fran")},
                               &error);
    (void)d.record.log.observe({50'000, s("scope"), longWord, s("Fran")}, &error);
    (void)d.record.log.rate({s("scope"), PerformanceRating::Unable,
                             s("RTL: \u05e9\u05dc\u05d5\u05dd \u202eevil\u202c and "
                               "\u0645\u0631\u062d\u0628\u0627"),
                             60'000, s("Fran\r\nForged: line")},
                            &error);
    (void)d.record.log.rate({s("halt"), PerformanceRating::Performed, s("| a | b |"), 70'000,
                             s("Lee")},
                            &error);
    DrillScore::Input in{d.checklist, {}, d.record, {}, -1, 0};
    d.score = DrillScore::compute(in);
    return d;
}

// What each format must still say, as text once parsed.
QStringList needles()
{
    return {s("Drill %1 %2 <i>italic</i>"),
            s("<script>alert(\"x\")</script> & <b>bold</b> | %1"),
            s("line one # Not a heading 1. not a list > not a quote not code"),
            s("pipe | in | objective"),
            s("**stars** _under_ `tick` [link](http://x.example) <http://y.example> &amp;"),
            s("</td></tr></table><h1>forged</h1>"),
            s("NUL\ufffd ESC\ufffd[31m red DEL\ufffd C1\ufffd tab end"),
            s("RTL: \u05e9\u05dc\u05d5\u05dd \ufffdevil\ufffd and \u0645\u0631\u062d\u0628\u0627"),
            s("Fran Forged: line"),
            s("Halt | on <signal> \\ back\\slash"),
            s("| a | b |"),
            s("Seen: <b>bold</b> | pipe"),
            longWord,
            longLine.trimmed()};
}

} // namespace

// The debrief's formats against hostile text: the HTML read by python's html.parser, the
// Markdown by pandoc (then the same reader), the PDF by pdftotext. Each stays well-formed
// (headings, tables and rows as the debrief made them, no smuggled element) and says the text.
class TestDebriefHostile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void html();
    void markdown();
    void pdf();

private:
    void check(const QString &htmlPath);
    QTemporaryDir m_dir;
    Debrief m_d = hostile();
    int m_headings = 1; // the title
    int m_tables = 0;
};

void TestDebriefHostile::initTestCase()
{
    // To look at what the formats made of it: chromium, pdftoppm.
    m_dir.setAutoRemove(!qEnvironmentVariableIsSet("WARROOM_KEEP_DIR"));
    for (const DebriefSection &section : debriefSections(m_d)) {
        m_headings += section.title.isEmpty() ? 0 : 1;
        m_tables += section.headers.isEmpty() || section.rows.isEmpty() ? 0 : 1;
    }
    QFile f(m_dir.filePath(s("needles.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonArray::fromStringList(needles())).toJson());
}

void TestDebriefHostile::check(const QString &htmlPath)
{
    QProcess p;
    p.start(s("/usr/bin/python3"),
            {s(WARROOM_TEST_DATA "/../core/drill/check_debrief_html.py"), htmlPath,
             m_dir.filePath(s("needles.json")), QString::number(m_headings),
             QString::number(m_tables)});
    QVERIFY(p.waitForFinished(60'000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardOutput().constData());
}

void TestDebriefHostile::html()
{
    const QString path = m_dir.filePath(s("debrief.html"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(m_d.html().toUtf8());
    f.close();
    check(path);
}

void TestDebriefHostile::markdown()
{
    if (QStandardPaths::findExecutable(s("pandoc")).isEmpty())
        QSKIP("pandoc is not installed");
    const QString md = m_dir.filePath(s("debrief.md"));
    QFile f(md);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(m_d.markdown().toUtf8());
    f.close();
    // GitHub's dialect, where a reader of the file most likely sees it.
    const QString out = m_dir.filePath(s("debrief-md.html"));
    QProcess pandoc;
    pandoc.start(s("pandoc"), {s("-f"), s("gfm"), s("-t"), s("html"), md, s("-o"), out});
    QVERIFY(pandoc.waitForFinished(60'000));
    QVERIFY2(pandoc.exitCode() == 0, pandoc.readAllStandardError().constData());
    check(out);
}

void TestDebriefHostile::pdf()
{
    if (QStandardPaths::findExecutable(s("pdftotext")).isEmpty())
        QSKIP("poppler-utils (pdftotext) is not installed");
    const QString pdf = m_dir.filePath(s("debrief.pdf"));
    QString error;
    QVERIFY2(m_d.writePdf(pdf, &error), qPrintable(error));
    QProcess p;
    p.start(s("pdftotext"), {pdf, s("-")});
    QVERIFY(p.waitForFinished(60'000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(p.readAllStandardError().isEmpty(), "pdftotext complained");
    // Wrapped over lines, and a cell's lines interleaved with its neighbours' by pdftotext: each
    // piece of a text that the layout cannot break (between two line-break opportunities, with
    // the zero-width spaces the PDF adds) must be there whole, white space aside.
    QString text = QString::fromUtf8(p.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
    text.remove(QChar(0x200B));
    text.remove(QRegularExpression(s("\\s+")));
    int pieces = 0;
    for (const QString &needle : needles()) {
        const QString laid = DebriefText::breakable(DebriefText::oneLine(needle));
        const bool rtl = std::any_of(needle.cbegin(), needle.cend(), [](QChar c) {
            return c.direction() == QChar::DirR || c.direction() == QChar::DirAL;
        });
        QTextBoundaryFinder lines(QTextBoundaryFinder::Line, laid);
        qsizetype from = 0;
        while (lines.toNextBoundary() >= 0) {
            QString piece = laid.mid(from, lines.position() - from);
            from = lines.position();
            piece.remove(QChar(0x200B)).remove(QRegularExpression(s("\\s+")));
            // Right-to-left words, and the neutral characters beside them, come out of
            // pdftotext in either order: those are checked in the HTML and the Markdown.
            if (piece.isEmpty() || piece.isRightToLeft() || (rtl && piece.contains(QChar(0xFFFD))))
                continue;
            ++pieces;
            QVERIFY2(text.contains(piece), qPrintable(piece.left(80) + s(" of ") + needle.left(60)));
        }
    }
    QVERIFY(pieces > 100);
}

QTEST_MAIN(TestDebriefHostile)
#include "tst_debriefhostile.moc"
