// PdfCellText drawn: each cell drawn into a 300-dpi PDF as the postmortem draws it (a time from
// its pattern's glyphs, another text as it comes and then from its kept glyphs, all through
// PdfGlyphBatch) beside QPainter::drawText(rect, text, PdfCellText::wrapping())'s, and both read
// back with `pdftotext -bbox`: the same words in the same order, each within half a device pixel
// of drawText's (the table's glyphs are at whole pixels).
#include "PdfCellRows.h"
#include "report/formats/PdfCellText.h"
#include "report/formats/PdfGlyphBatch.h"
#include "support/TestProcess.h"
#include "support/TestStrings.h"

#include <QFontInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace warroom;
using warroom::test::cellFont;
using warroom::test::s;

namespace {

constexpr int dpi = warroom::test::pdfDpi;
constexpr qreal width = warroom::test::cellWidth;

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

} // namespace

class TestPdfCellDrawing : public QObject
{
    Q_OBJECT

private slots:
    void drawsAsDrawText_data() { warroom::test::addPdfCellRows(); }
    void drawsAsDrawText();
    void c1ControlsAreShown_data();
    void c1ControlsAreShown();
};

void TestPdfCellDrawing::drawsAsDrawText()
{
    QFETCH(bool, times);
    QFETCH(bool, bold);
    QFETCH(qreal, columnWidth);
    QFETCH(QString, family);
    QFETCH(QString, text);
    const QFont font = cellFont(bold, family);
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

// A C1 control is shown as U+FFFD, never obeyed: drawText takes U+009C as the end of the text
// (Qt's separator of a string's length variants) and printed a note only up to it.
void TestPdfCellDrawing::c1ControlsAreShown_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("string terminator") << s("before \u009c after it, all of it");
    QTest::newRow("next line") << s("before \u0085 after it");
    QTest::newRow("control sequence introducer") << s("before \u009b31m after it");
}

void TestPdfCellDrawing::c1ControlsAreShown()
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

QTEST_MAIN(TestPdfCellDrawing)
#include "tst_pdfcelldrawing.moc"
