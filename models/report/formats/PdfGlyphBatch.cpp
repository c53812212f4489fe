#include "report/formats/PdfGlyphBatch.h"

#include <QPainter>

namespace warroom {

void PdfGlyphBatch::add(QPointF origin, const QGlyphRun &run)
{
    const QRawFont font = run.rawFont();
    if (!m_glyphs.isEmpty() && font != m_font)
        flush();
    if (m_glyphs.isEmpty())
        m_font = font;
    const QList<quint32> glyphs = run.glyphIndexes();
    const QList<QPointF> positions = run.positions();
    for (qsizetype i = 0; i < glyphs.size() && i < positions.size(); ++i) {
        const QPointF p = origin + positions.at(i);
        m_glyphs.append(glyphs.at(i));
        m_positions.append(QPointF(qRound(p.x()), qRound(p.y()))); // inline, not libm's round()
    }
}

void PdfGlyphBatch::flush()
{
    if (m_glyphs.isEmpty())
        return;
    QGlyphRun run;
    run.setRawFont(m_font);
    run.setGlyphIndexes(m_glyphs);
    run.setPositions(m_positions);
    m_painter.drawGlyphRun(QPointF(0, 0), run);
    m_glyphs.clear();
    m_positions.clear();
}

} // namespace warroom
