#pragma once

#include <QFont>
#include <QFontMetricsF>
#include <QGlyphRun>
#include <QHash>
#include <QList>
#include <QString>
#include <QTextOption>

class QPainter;
class QPaintDevice;
class QTextLayout;

namespace warroom {

// The texts of one column of the PDF's painted timeline table, in one font: how tall each one's
// cell is, and drawing it, wrapped to the column as QPainter::drawText(rect, text, wrapping())
// would: at words, and a word wider than the column (an address in a note) at any character,
// so that no part of it is cut off at the cell's edge. A line feed starts a new line.
//
// A long timeline repeats its texts: who acted, and what happened while a sampled check holds its
// value. Such a text is shaped and wrapped once, and each cell of it draws the glyphs kept from
// then (QPainter::drawText shapes its text every time): shaping was about two fifths of Qt's PDF
// writer painting a 100,000-row table (bench_pdf). A time repeats only in a burst of events
// within a second, so the time columns (`Kind::Times`) shape a time to keep only when the row
// before had it too, and keep only that one. When the font's digits are all one width (DejaVu
// Sans's are), a time's height is known from its pattern, "0000-00-00 00:00:00Z", instead of
// shaping every time twice, once to measure it.
class PdfCellText
{
public:
    enum class Kind { Times, Repeating };

    PdfCellText(const QFont &font, QPaintDevice *device, qreal width, Kind kind);

    // How the cells wrap their text.
    static QTextOption wrapping();
    qreal height(const QString &text);
    // Where each of its lines ends, from the top of its first: a row taller than a page is cut
    // between lines.
    QList<qreal> lineBottoms(const QString &text);
    // Draws `text` with its first line's top at `topLeft`, wrapped as height() measured it.
    void draw(QPainter &painter, QPointF topLeft, const QString &text);
    // The same, only the lines whose baseline is below `from` and not below `to`, measured from
    // that top: a part of a row cut across pages.
    void drawLines(QPainter &painter, QPointF topLeft, const QString &text, qreal from,
                   qreal to) const;

private:
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
    Shaped shape(const QString &text) const;
    const Shaped &shaped(const QString &text);
    Measured measured(const QString &text); // a time, by its pattern

    QFont m_font;
    QPaintDevice *m_device;
    QFontMetricsF m_metrics;
    qreal m_width;
    Kind m_kind;
    bool m_tabularDigits = false;
    QHash<QString, Shaped> m_shaped;     // by text; for Times, only the last
    QHash<QString, Measured> m_patterns; // Times: by the text with its digits as 0
    QString m_lastTime;
};

} // namespace warroom
