// PdfCellText: the PDF's timeline cells measure and draw as QPainter::drawText(rect, text,
// PdfCellText::wrapping()) would, for texts it shapes once and keeps (who, what) and times whose
// height it knows from their pattern and whose glyphs it makes from the pattern's
// (PdfTimeGlyphs); a word wider than its column wraps, nothing is cut off. Measured against
// QPainter::boundingRect at the PDF's resolution. Drawn into a PDF beside drawText's, and both
// read back with `pdftotext -bbox`: the same words, each within half a device pixel of
// drawText's (the table's glyphs are at whole pixels, PdfGlyphBatch). A time's glyphs made
// from its pattern are compared with its own, shaped, glyph for glyph.
#include "report/formats/PdfCellText.h"
#include "report/formats/PdfGlyphBatch.h"
#include "report/formats/PdfTimeGlyphs.h"
#include "support/TestProcess.h"
#include "support/TestStrings.h"

#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>

#include <algorithm>
#include <functional>

using namespace warroom;
using warroom::test::s;

namespace {

constexpr int dpi = 300;
constexpr qreal width = 520; // about the "Who" column at 300 dpi; the tests vary it

QFont cellFont(bool bold)
{
    QFont font(s("DejaVu Sans"));
    font.setPointSizeF(7.5);
    font.setBold(bold);
    return font;
}

struct Word
{
    QString text;
    QRectF box; // in points
};

// The words of a PDF as pdftotext reads them, with their boxes.
QList<Word> pdfWords(const QString &path)
{
    const auto run = warroom::test::runProgram(s("pdftotext"), {s("-bbox"), path, s("-")});
    if (run.exitCode != 0)
        qFatal("pdftotext -bbox %s: %s", qPrintable(path), qPrintable(run.err));
    static const QRegularExpression word(s(R"re(<word xMin="([-\d.]+)" yMin="([-\d.]+)")re"
                                           R"re( xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)<)re"));
    QList<Word> words;
    for (const auto &m : word.globalMatch(run.out)) {
        const QPointF topLeft(m.captured(1).toDouble(), m.captured(2).toDouble());
        const QPointF bottomRight(m.captured(3).toDouble(), m.captured(4).toDouble());
        words.append({m.captured(5), QRectF(topLeft, bottomRight)});
    }
    return words;
}

// A PDF page at the postmortem's resolution, drawn on by `draw`.
void drawPdf(const QString &path, const QFont &font,
             const std::function<void(QPainter &, QPdfWriter &)> &draw)
{
    QPdfWriter writer(path);
    writer.setResolution(dpi);
    writer.setPageSize(QPageSize(QPageSize::A4));
    QPainter painter(&writer);
    painter.setFont(font);
    draw(painter, writer);
}

// The same words in the same order, each edge of each within half a device pixel.
void compareWords(const QList<Word> &ours, const QList<Word> &theirs)
{
    constexpr qreal halfPixel = 0.5 * 72.0 / dpi + 1e-5; // pdftotext writes six decimals
    QCOMPARE(ours.size(), theirs.size());
    for (qsizetype i = 0; i < ours.size(); ++i) {
        QCOMPARE(ours.at(i).text, theirs.at(i).text);
        const QRectF a = ours.at(i).box;
        const QRectF b = theirs.at(i).box;
        const qreal off
            = std::max({std::abs(a.left() - b.left()), std::abs(a.top() - b.top()),
                        std::abs(a.right() - b.right()), std::abs(a.bottom() - b.bottom())});
        QVERIFY2(
            off <= halfPixel,
            qPrintable(
                s("\"%1\" is %2 pt from where drawText puts it").arg(ours.at(i).text).arg(off)));
    }
}

QImage page()
{
    QImage image(1400, 1800, QImage::Format_ARGB32_Premultiplied);
    image.setDotsPerMeterX(qRound(dpi / 0.0254));
    image.setDotsPerMeterY(qRound(dpi / 0.0254));
    image.fill(Qt::white);
    return image;
}

} // namespace

class TestPdfCellText : public QObject
{
    Q_OBJECT

private slots:
    void measuresAsDrawText_data();
    void measuresAsDrawText();
    void drawsAsDrawText_data() { measuresAsDrawText_data(); }
    void drawsAsDrawText();
    void forgetsAndStillAnswers();
    void c1ControlsAreShown_data();
    void c1ControlsAreShown();
    void timesAreTheirShapedGlyphs_data();
    void timesAreTheirShapedGlyphs();
};

void TestPdfCellText::measuresAsDrawText_data()
{
    QTest::addColumn<bool>("times");
    QTest::addColumn<bool>("bold");
    QTest::addColumn<qreal>("columnWidth");
    QTest::addColumn<QString>("text");
    const QString sentence = s("\u201cLatency p99 under the acceptance threshold (300 ms)\u201d: "
                               "measured 0.4% (threshold < 1%) passing");
    QTest::newRow("who, one line") << false << false << width << s("automation");
    QTest::newRow("who, bold") << false << true << width << s("Priya (commander)");
    QTest::newRow("event, two lines") << false << false << 1700.0 << sentence;
    QTest::newRow("event, five lines, bold") << false << true << 700.0 << sentence;
    QTest::newRow("event, a word longer than the column")
        << false << false << width << s("x").repeated(400);
    QTest::newRow("event, an address longer than the column")
        << false << false << 1700.0
        << s("dashboard: https://grafana.example.com/d/checkout-5xx/overview?orgId=1&from=now-6h"
             "&to=now&var-service=payments-api&var-region=eu-west-1 (see the p99 panel)");
    QTest::newRow("event, plain, two lines")
        << false << false << 1200.0
        << s("Latency p99 under the acceptance threshold (300 ms): measured 0.4% passing");
    QTest::newRow("event, plain, Latin-1")
        << false << false << width << s("caf\u00e9, d\u00e9j\u00e0 vu, \u00c6r\u00f8");
    QTest::newRow("event, a soft hyphen") << false << false << 300.0 << s("roll\u00adback done");
    QTest::newRow("event, a fallback font (CJK)")
        << false << false << width << s("\u56de\u6eda rollback \u5b8c\u6210");
    QTest::newRow("event, empty") << false << false << width << QString();
    QTest::newRow("event, right to left") << false << false << width
                                          << s("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd "
                                               "rollback \u05e9\u05dc\u05d5\u05dd");
    QTest::newRow("event, right to left, wrapped")
        << false << false << 200.0
        << s("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd rollback \u05e9\u05dc\u05d5\u05dd");
    QTest::newRow("event, words and then one longer than the column")
        << false << true << width << s("before it ") + s("y").repeated(300) + s(" after it");
    QTest::newRow("event, a line break")
        << false << false << width << s("first line\nsecond line of the note");
    QTest::newRow("event, a tab") << false << false << width << s("before\tafter the tab");
    QTest::newRow("event, CR LF") << false << false << width << s("first line\r\nsecond line");
    QTest::newRow("utc") << true << false << 690.0 << s("2026-01-01 00:00:06Z");
    QTest::newRow("utc, other digits") << true << false << 690.0 << s("2027-12-31 23:59:58Z");
    QTest::newRow("utc, too wide for a narrow column")
        << true << false << 300.0 << s("2026-01-01 00:00:06Z");
    QTest::newRow("utc, a year out of range")
        << true << false << 690.0 << s("+275760-09-13 00:00:00Z");
    QTest::newRow("elapsed") << true << false << 360.0 << s("T+00:00:06");
    QTest::newRow("elapsed, days") << true << true << 360.0 << s("T+1234d 07:08:09");
    QTest::newRow("time column header") << true << true << 690.0 << s("UTC");
}

void TestPdfCellText::measuresAsDrawText()
{
    QFETCH(bool, times);
    QFETCH(bool, bold);
    QFETCH(qreal, columnWidth);
    QFETCH(QString, text);
    QImage device = page();
    const QFont font = cellFont(bold);
    PdfCellText cells(font, &device, columnWidth,
                      times ? PdfCellText::Kind::Times : PdfCellText::Kind::Repeating);
    QPainter painter(&device);
    painter.setFont(font);
    // An empty text still takes a line.
    const qreal expected = std::max(
        painter.boundingRect(QRectF(0, 0, columnWidth, 1e9), text, PdfCellText::wrapping())
            .height(),
        QFontMetricsF(font, &device).height());
    // Measured when first seen, shaped to keep when seen again, then from what was kept.
    QCOMPARE(cells.height(text), expected);
    QCOMPARE(cells.height(text), expected);
    QCOMPARE(cells.height(text), expected);
}

void TestPdfCellText::drawsAsDrawText()
{
    QFETCH(bool, times);
    QFETCH(bool, bold);
    QFETCH(qreal, columnWidth);
    QFETCH(QString, text);
    const QFont font = cellFont(bold);
    QTemporaryDir dir;
    const QString oursPath = dir.filePath(s("ours.pdf"));
    const QString theirsPath = dir.filePath(s("theirs.pdf"));
    drawPdf(oursPath, font, [&](QPainter &painter, QPdfWriter &writer) {
        PdfCellText cells(font, &writer, columnWidth,
                          times ? PdfCellText::Kind::Times : PdfCellText::Kind::Repeating);
        PdfGlyphBatch glyphs(painter);
        // A time is drawn from its pattern's glyphs every time. Another text is drawn as it
        // comes until it has been measured twice, and then from the glyphs kept.
        cells.draw(glyphs, QPointF(20, 20), text);
        if (!times) {
            cells.height(text);
            cells.height(text);
        }
        cells.draw(glyphs, QPointF(20, 1020), text);
        cells.draw(glyphs, QPointF(20, 2020), text);
    });
    drawPdf(theirsPath, font, [&](QPainter &painter, QPdfWriter &) {
        for (const qreal top : {20.0, 1020.0, 2020.0})
            painter.drawText(QRectF(20, top, columnWidth, 1e9), text, PdfCellText::wrapping());
    });
    const QList<Word> ours = pdfWords(oursPath);
    QVERIFY2(text.trimmed().isEmpty() || !ours.isEmpty(), "nothing was drawn");
    compareWords(ours, pdfWords(theirsPath));
}

void TestPdfCellText::forgetsAndStillAnswers()
{
    QImage device = page();
    const QFont font = cellFont(false);
    PdfCellText cells(font, &device, width, PdfCellText::Kind::Repeating);
    const QFontMetricsF metrics(font, &device);
    const QString first = s("the first text, long enough to wrap in this column of the table");
    const qreal firstHeight = cells.height(first);
    QVERIFY(firstHeight > metrics.height());
    // More distinct texts than are kept: the first is forgotten, then measured again.
    for (int i = 0; i < 5000; ++i)
        QCOMPARE(cells.height(s("note %1").arg(i)), metrics.height());
    QCOMPARE(cells.height(first), firstHeight);
}

// A C1 control is shown as U+FFFD, never obeyed: drawText takes U+009C as the end of the text
// (Qt's separator of a string's length variants) and printed a note only up to it.
void TestPdfCellText::c1ControlsAreShown_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("string terminator") << s("before \u009c after it, all of it");
    QTest::newRow("next line") << s("before \u0085 after it");
    QTest::newRow("control sequence introducer") << s("before \u009b31m after it");
}

void TestPdfCellText::c1ControlsAreShown()
{
    QFETCH(QString, text);
    QString shown = text;
    for (QChar &c : shown) {
        if (c >= u'\u0080' && c <= u'\u009f')
            c = QChar(0xFFFD);
    }
    const QFont font = cellFont(false);
    QTemporaryDir dir;
    const QString oursPath = dir.filePath(s("ours.pdf"));
    const QString theirsPath = dir.filePath(s("theirs.pdf"));
    qreal heights[3] = {};
    drawPdf(oursPath, font, [&](QPainter &painter, QPdfWriter &writer) {
        PdfCellText cells(font, &writer, width, PdfCellText::Kind::Repeating);
        PdfGlyphBatch glyphs(painter);
        cells.draw(glyphs, QPointF(20, 20), text); // as it comes
        heights[0] = cells.height(text);
        heights[1] = cells.height(text); // seen again: kept
        heights[2] = cells.height(text);
        cells.draw(glyphs, QPointF(20, 620), text); // from the kept glyphs
    });
    drawPdf(theirsPath, font, [&](QPainter &painter, QPdfWriter &) {
        for (const qreal top : {20.0, 620.0})
            painter.drawText(QRectF(20, top, width, 1e9), shown, PdfCellText::wrapping());
        const qreal expected
            = painter.boundingRect(QRectF(0, 0, width, 1e9), shown, PdfCellText::wrapping())
                  .height();
        for (const qreal h : heights)
            QCOMPARE(h, expected);
    });
    const QList<Word> ours = pdfWords(oursPath);
    // Every word of the note, the one after the control too, on both lines drawn.
    QCOMPARE(ours.last().text, s("it"));
    compareWords(ours, pdfWords(theirsPath));
}

// A time's glyphs made from its pattern's are the glyphs shaping the time gives, at the same
// places (without the space's glyph, as every run of the PDF's table).
void TestPdfCellText::timesAreTheirShapedGlyphs_data()
{
    QTest::addColumn<bool>("bold");
    QTest::addColumn<QString>("time");
    QTest::newRow("utc") << false << s("2026-01-01 00:00:06Z");
    QTest::newRow("utc, every digit") << false << s("2019-12-31 23:45:58Z");
    QTest::newRow("utc, bold") << true << s("2027-08-19 16:37:42Z");
    QTest::newRow("utc, a year out of range") << false << s("+275760-09-13 00:00:00Z");
    QTest::newRow("elapsed") << false << s("T+00:00:06");
    QTest::newRow("elapsed, days") << true << s("T+1234d 07:08:09");
    QTest::newRow("elapsed, before the declaration") << false << s("T-00:01:59");
    QTest::newRow("digits only") << false << s("01234567899876543210");
    QTest::newRow("no digit") << false << s("UTC");
}

void TestPdfCellText::timesAreTheirShapedGlyphs()
{
    QFETCH(bool, bold);
    QFETCH(QString, time);
    const QFont font = cellFont(bold);
    QImage device = page();
    PdfTimeGlyphs glyphs(font, &device);
    QVERIFY(glyphs.digitsAlike()); // DejaVu Sans: else every time would be shaped
    // Another time of the same pattern first, so that the answer is made from the pattern's.
    QString other = time;
    for (QChar &c : other) {
        if (c >= u'0' && c <= u'9')
            c = QChar(u'0' + (c.unicode() - u'0' + 7) % 10);
    }
    QVERIFY(glyphs.run(other));
    const std::optional<QGlyphRun> made = glyphs.run(time);
    QVERIFY(made);

    QTextLayout layout(time, font, &device);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(1e6);
    line.setPosition(QPointF(0, 0));
    layout.endLayout();
    const QList<QGlyphRun> runs = layout.glyphRuns();
    QCOMPARE(runs.size(), 1);
    const QGlyphRun shaped = PdfCellText::forPdf(runs.first());
    QCOMPARE(made->glyphIndexes(), shaped.glyphIndexes());
    QCOMPARE(made->positions(), shaped.positions());
    QCOMPARE(made->rawFont(), shaped.rawFont());
}

QTEST_MAIN(TestPdfCellText)
#include "tst_pdfcelltext.moc"
