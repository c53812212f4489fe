// PdfCellText: the PDF's timeline cells measure as QPainter::drawText(rect, text,
// PdfCellText::wrapping()) would, for texts it shapes once and keeps (who, what) and times whose
// height it knows from their pattern; a word wider than its column wraps, nothing is cut off.
// Measured against QPainter::boundingRect at the PDF's resolution. A time's glyphs made from its
// pattern's (PdfTimeGlyphs) are compared with its own, shaped, glyph for glyph. How the cells are
// drawn is tst_pdfcelldrawing's, which needs pdftotext.
#include "PdfCellRows.h"
#include "report/EventFormatter.h"
#include "report/formats/PdfCellText.h"
#include "report/formats/PdfTimeGlyphs.h"
#include "support/TestStrings.h"
#include "util/OneLine.h"

#include <QFontInfo>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <QTextLayout>

#include <algorithm>

using namespace warroom;
using warroom::test::cellFont;
using warroom::test::s;

namespace {

constexpr qreal width = warroom::test::cellWidth;

QImage page()
{
    QImage image(1400, 1800, QImage::Format_ARGB32_Premultiplied);
    image.setDotsPerMeterX(qRound(warroom::test::pdfDpi / 0.0254));
    image.setDotsPerMeterY(qRound(warroom::test::pdfDpi / 0.0254));
    image.fill(Qt::white);
    return image;
}

} // namespace

class TestPdfCellText : public QObject
{
    Q_OBJECT

private slots:
    void measuresAsDrawText_data() { warroom::test::addPdfCellRows(); }
    void measuresAsDrawText();
    void forgetsAndStillAnswers();
    void timesAreTheirShapedGlyphs_data();
    void timesAreTheirShapedGlyphs();
    void kernedDigitsAreShaped();
    void aVeryLongCellIsCutSayingSo_data();
    void aVeryLongCellIsCutSayingSo();
};

void TestPdfCellText::measuresAsDrawText()
{
    QFETCH(bool, times);
    QFETCH(bool, bold);
    QFETCH(qreal, columnWidth);
    QFETCH(QString, family);
    QFETCH(QString, text);
    QImage device = page();
    const QFont font = cellFont(bold, family);
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

// A font that kerns one digit against another ("11" in Liberation Serif): its times cannot be
// made from a pattern's glyphs, and none is; they are shaped (measured and drawn as drawText
// does, tst_pdfcelldrawing's "kerned digits" rows).
void TestPdfCellText::kernedDigitsAreShaped()
{
    const QFont font = cellFont(false, warroom::test::kernedDigitsFamily());
    QCOMPARE(QFontInfo(font).family(), warroom::test::kernedDigitsFamily()); // installed
    QImage device = page();
    PdfTimeGlyphs glyphs(font, &device);
    QVERIFY(!glyphs.digitsAlike());
    QVERIFY(!glyphs.run(s("2011-11-11 11:11:11Z")));
    QVERIFY(!glyphs.run(s("T+00:00:00")));
}

void TestPdfCellText::aVeryLongCellIsCutSayingSo_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown");
    // The longest note the engine takes, with "Note: " before it, prints whole.
    QTest::newRow("a note of 10,000 characters, whole")
        << QStringLiteral("Note: ") + QString(10'000, u'A')
        << QStringLiteral("Note: ") + QString(10'000, u'A');
    QTest::newRow("a 256 KiB word")
        << QString(262'144, u'A')
        << QString(9'944, u'A')
               + QStringLiteral(" \u2026 [252200 more characters; the JSON export keeps them all]");
    // An emoji across the cut is kept whole, and counted once.
    QTest::newRow("an emoji at the cut")
        << QString(9'943, u'A') + QStringLiteral("\U0001F680\U0001F680") + QString(80, u'B')
        << QString(9'943, u'A')
               + QStringLiteral(" \u2026 [82 more characters; the JSON export keeps them all]");
    // What the timeline's sentences cut (EventFormatter::describe) is not cut again here.
    const QString cut = OneLine::shownStart(QString(50'000, u'C'), EventFormatter::longestShown,
                                            u"the JSON export keeps them all");
    QTest::newRow("a sentence the formatter cut") << cut << cut;
}

// A note brought in by import as one 256 KiB word took the PDF 320 s: Qt's line breaking looks
// ahead to the end of the word for every line. A cell shows at most 10,016 UTF-16 units (the
// longest note the engine takes, and what comes before it in the row), the words saying how many
// more characters the JSON export keeps among them.
void TestPdfCellText::aVeryLongCellIsCutSayingSo()
{
    QFETCH(QString, text);
    QFETCH(QString, shown);
    QCOMPARE(PdfCellText::prepared(text), shown);
}

QTEST_MAIN(TestPdfCellText)
#include "tst_pdfcelltext.moc"
