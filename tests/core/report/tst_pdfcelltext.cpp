// PdfCellText: the PDF's timeline cells measure and draw as QPainter::drawText(rect, text,
// PdfCellText::wrapping()) would, for texts it shapes once and keeps (who, what) and times whose
// height it knows from their pattern; a word wider than its column wraps, nothing is cut off.
// Measured against QPainter::boundingRect at the PDF's resolution; drawn into images at that
// resolution and compared pixel for pixel.
#include "report/formats/PdfCellText.h"
#include "support/TestStrings.h"

#include <QImage>
#include <QPainter>
#include <QTest>

#include <algorithm>

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
    QImage ours = page();
    QImage theirs = page();
    {
        QPainter painter(&ours);
        painter.setFont(font);
        PdfCellText cells(font, &ours, columnWidth,
                          times ? PdfCellText::Kind::Times : PdfCellText::Kind::Repeating);
        // A time is drawn as it comes the first time and from its kept glyphs after. Another
        // text is drawn as it comes until it has been measured twice, and then kept.
        cells.draw(painter, QPointF(20, 20), text);
        if (!times) {
            cells.height(text);
            cells.height(text);
        }
        cells.draw(painter, QPointF(20, 620), text);
        cells.draw(painter, QPointF(20, 1220), text);
    }
    {
        QPainter painter(&theirs);
        painter.setFont(font);
        for (const qreal top : {20.0, 620.0, 1220.0})
            painter.drawText(QRectF(20, top, columnWidth, 1e9), text, PdfCellText::wrapping());
    }
    QVERIFY2(text.isEmpty() || ours != page(), "nothing was drawn");
    QCOMPARE(ours, theirs);
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
    QImage ours = page();
    QImage theirs = page();
    qreal heights[3] = {};
    {
        QPainter painter(&ours);
        painter.setFont(font);
        PdfCellText cells(font, &ours, width, PdfCellText::Kind::Repeating);
        cells.draw(painter, QPointF(20, 20), text); // as it comes
        heights[0] = cells.height(text);
        heights[1] = cells.height(text); // seen again: kept
        heights[2] = cells.height(text);
        cells.draw(painter, QPointF(20, 620), text); // from the kept glyphs
    }
    {
        QPainter painter(&theirs);
        painter.setFont(font);
        for (const qreal top : {20.0, 620.0})
            painter.drawText(QRectF(20, top, width, 1e9), shown, PdfCellText::wrapping());
        const qreal expected
            = painter.boundingRect(QRectF(0, 0, width, 1e9), shown, PdfCellText::wrapping())
                  .height();
        for (const qreal h : heights)
            QCOMPARE(h, expected);
    }
    QCOMPARE(ours, theirs);
}

QTEST_MAIN(TestPdfCellText)
#include "tst_pdfcelltext.moc"
