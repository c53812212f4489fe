#pragma once

#include <QFont>
#include <QFontMetricsF>
#include <QGlyphRun>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QTextOption>

#include <bitset>
#include <memory>

class QPainter;
class QPaintDevice;
class QTextLayout;

namespace warroom {

class PdfGlyphBatch;
class PdfTimeGlyphs;

// The texts of one column of the PDF's painted timeline table, in one font: how tall each one's
// cell is, and drawing it, wrapped to the column as QPainter::drawText(rect, text, wrapping())
// would: at words, and a word wider than the column (an address in a note) at any character,
// so that no part of it is cut off at the cell's edge. A line feed starts a new line.
//
// A long timeline repeats its texts: who acted, and what happened while a sampled check holds its
// value. Such a text is shaped and wrapped once, and each cell of it draws the glyphs kept from
// then (QPainter::drawText shapes its text every time): shaping was about two fifths of Qt's PDF
// writer painting a 100,000-row table (bench_pdf). Only a text seen before is kept: a timeline of
// notes never repeats one, and keeping every note cost more than shaping each twice (the whole
// table is measured before it is drawn, so a kept note was forgotten by then and shaped again).
// A text seen once is measured by its width when it is plain, on one line in the font's own
// glyphs, and drawn with drawText. A time repeats only in a burst of events
// within a second, so the time columns (`Kind::Times`) shape a time to keep only when the row
// before had it too, and keep only that one. When the font's digits are all one width (DejaVu
// Sans's are), a time's height is known from its pattern, "0000-00-00 00:00:00Z", instead of
// shaping every time twice, once to measure it.
class PdfCellText
{
public:
    enum class Kind { Times, Repeating };

    PdfCellText(const QFont &font, QPaintDevice *device, qreal width, Kind kind);
    ~PdfCellText();

    // How the cells wrap their text.
    static QTextOption wrapping();
    // `text` as QPainter::drawText should be given it in this PDF: a line feed breaks the line, a
    // carriage return and a tab are spaces, a bidirectional or C1 control is shown as U+FFFD.
    static QString prepared(const QString &text);
    // `run` without its spaces' glyphs, as the PDF is given it.
    static QGlyphRun forPdf(QGlyphRun run);
    qreal height(const QString &text);
    // Where each of its lines ends, from the top of its first: a row taller than a page is cut
    // between lines.
    QList<qreal> lineBottoms(const QString &text);
    // Draws `text` with its first line's top at `topLeft`, wrapped as height() measured it: its
    // glyphs added to `glyphs`, or, for a text not kept, drawn by its painter after what it holds.
    void draw(PdfGlyphBatch &glyphs, QPointF topLeft, const QString &text);
    // The same, only the lines whose baseline is below `from` and not below `to`, measured from
    // that top: a part of a row cut across pages.
    void drawLines(PdfGlyphBatch &glyphs, QPointF topLeft, const QString &text, qreal from,
                   qreal to) const;

private:
    // Latin, where a one-line text with every character in the cell's font is as tall as the
    // font's line: a fallback font (CJK, emoji) can make a line taller.
    static constexpr char16_t plainEnd = 0x250;

    struct Shaped
    {
        qreal height = 0;
        QList<QGlyphRun> runs;
        QList<qreal> lineBottoms;
    };
    struct Measured
    {
        qreal height = 0;
        bool oneLine = true; // no wider than the column, and no line feed
    };
    QList<qreal> layOut(QTextLayout &layout) const;
    Shaped shape(const QString &text, bool withRuns) const;
    const Shaped &shaped(const QString &text);
    Measured measured(const QString &text); // a time, by its pattern
    bool seenBefore(const QString &text);
    bool plainLine(const QString &text) const;
    void drawUnkept(PdfGlyphBatch &glyphs, QPointF topLeft, const QString &text) const;

    QFont m_font;
    QPaintDevice *m_device;
    QFontMetricsF m_metrics;
    qreal m_width;
    Kind m_kind;
    bool m_tabularDigits = false;
    QHash<QString, Shaped> m_shaped;     // by text; for Times, only the last
    QHash<QString, Measured> m_patterns; // Times: by the text with its digits as 0
    QSet<QString> m_seenOnce;            // Repeating: texts measured once and not kept
    std::bitset<plainEnd> m_plain;       // the characters below plainEnd in the font itself
    QString m_lastTime;
    std::unique_ptr<PdfTimeGlyphs> m_times; // Times: glyphs made from their pattern's
};

} // namespace warroom
