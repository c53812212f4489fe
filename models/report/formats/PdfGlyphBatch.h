#pragma once

#include <QGlyphRun>
#include <QList>
#include <QPointF>
#include <QRawFont>

class QPainter;

namespace warroom {

// The glyphs the PDF's timeline table draws, given to Qt's PDF writer as few runs as their order
// allows, each glyph at whole device pixels.
//
// The writer starts every run it is given with a text object of its own: the painter's state,
// the font, the colour, about sixty bytes. A row was four runs, one a cell; now the cells of one
// font that follow each other are one run, a page's worth when nothing else comes between. What
// comes between (a run in the bold font, a note drawn by QPainter::drawText, the grid) first
// draws what is held, so the page's text stays in the order it is read.
//
// The writer writes each glyph with its offset from the one before. At whole pixels an offset is
// written in two or three digits instead of ten. At 300 dpi a glyph moves at most a 600th of an
// inch, less than a printer's dot (compared at 600 dpi: no difference to be seen).
class PdfGlyphBatch
{
public:
    explicit PdfGlyphBatch(QPainter &painter)
        : m_painter(painter)
    {}
    PdfGlyphBatch(const PdfGlyphBatch &) = delete;
    PdfGlyphBatch &operator=(const PdfGlyphBatch &) = delete;
    ~PdfGlyphBatch() { flush(); }

    // The painter, for drawing anything else or changing its state (a clip, a pen): what is held
    // is drawn first, so that it keeps its place in the page and the state it was added under.
    QPainter &painter()
    {
        flush();
        return m_painter;
    }
    // `run` drawn with its origin at `origin`, in order after what was added before.
    void add(QPointF origin, const QGlyphRun &run);
    // Draws what is held, before anything else is drawn.
    void flush();

private:
    QPainter &m_painter;
    QRawFont m_font;
    QList<quint32> m_glyphs;
    QList<QPointF> m_positions;
};

} // namespace warroom
