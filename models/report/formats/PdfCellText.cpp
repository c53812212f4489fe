#include "report/formats/PdfCellText.h"

#include "report/EventFormatter.h"

#include "report/formats/PdfGlyphBatch.h"
#include "report/formats/PdfTimeGlyphs.h"
#include "util/BidiControls.h"
#include "util/OneLine.h"

#include <QPainter>
#include <QTextLayout>

#include <cmath>
#include <limits>

namespace warroom {

namespace {

// A timeline of texts that never repeat must not keep every one of them.
constexpr qsizetype maxKept = 4096;

} // namespace

// As QPainter::drawText prepares a text before laying it out: a line feed breaks the line, a
// carriage return and a tab are spaces. A bidirectional control is shown, not obeyed. A C1
// control is shown too: drawText takes U+009C as the end of the text (Qt's separator of a
// string's length variants), and a note with one in it was printed only up to it.
QString PdfCellText::prepared(const QString &text)
{
    // A value a backend answered (a 300,000-letter "version") or a note brought in by import, as
    // one word, took Qt's line breaking minutes: each line looks ahead to the end of the word.
    // The page shows its start and says so; the JSON and CSV exports keep every character. As
    // long as the longest note the engine takes (10,000 characters) prints whole.
    QString out
        = text.size() <= EventFormatter::longestShown
              ? text // shared, not copied
              : OneLine::shownStart(text, EventFormatter::longestShown, EventFormatter::keptWhole);
    for (QChar &c : out) {
        if (c == u'\n')
            c = QChar::LineSeparator;
        else if (c == u'\r' || c == u'\t')
            c = u' ';
        else if (BidiControls::isControl(c.unicode()) || (c >= u'\u0080' && c <= u'\u009f'))
            c = QChar(0xFFFD);
    }
    return out;
}

// Qt's PDF writer writes every glyph it is given with its own offset from the one before, and
// what a page's text costs to write and to compress goes with its glyphs. A space draws nothing:
// readers (pdftotext, browsers' viewers) find the gap between words as they do in TeX's PDFs,
// which have no spaces either, and the table's extracted text is the same without them.
QGlyphRun PdfCellText::forPdf(QGlyphRun run)
{
    const quint32 space = run.rawFont().glyphIndexesForString(QStringLiteral(" ")).value(0);
    const QList<quint32> glyphs = run.glyphIndexes();
    const QList<QPointF> positions = run.positions();
    if (space == 0 || !glyphs.contains(space))
        return run;
    QList<quint32> keptGlyphs;
    QList<QPointF> keptPositions;
    keptGlyphs.reserve(glyphs.size());
    keptPositions.reserve(glyphs.size());
    for (qsizetype i = 0; i < glyphs.size() && i < positions.size(); ++i) {
        if (glyphs.at(i) != space) {
            keptGlyphs.append(glyphs.at(i));
            keptPositions.append(positions.at(i));
        }
    }
    run.setGlyphIndexes(keptGlyphs);
    run.setPositions(keptPositions);
    return run;
}

QTextOption PdfCellText::wrapping()
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setTextDirection(Qt::LayoutDirectionAuto); // QPainter's default
    return option;
}

PdfCellText::PdfCellText(const QFont &font, QPaintDevice *device, qreal width, Kind kind)
    : m_font(font)
    , m_device(device)
    , m_metrics(font, device)
    , m_width(width)
    , m_kind(kind)
{
    if (kind == Kind::Times) {
        m_times = std::make_unique<PdfTimeGlyphs>(font, device);
        m_tabularDigits = m_times->digitsAlike();
        return;
    }
    for (char16_t c = u' '; c < plainEnd; ++c) {
        if (c < 0x7f || c > 0x9f) // not DEL or a C1 control
            m_plain[c] = m_metrics.inFont(QChar(c));
    }
}

PdfCellText::~PdfCellText() = default;

// Lines laid out as QPainter::drawText(rect, text, wrapping()) lays them out; where each ends.
QList<qreal> PdfCellText::layOut(QTextLayout &layout) const
{
    layout.setTextOption(wrapping());
    layout.beginLayout();
    const qreal leading = m_metrics.leading();
    qreal height = -leading;
    QList<qreal> bottoms;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(m_width);
        height = std::ceil(height + leading);
        line.setPosition(QPointF(0, height));
        height += line.ascent() + line.descent(); // QTextLine::height() is rounded up
        bottoms.append(height);
    }
    layout.endLayout();
    return bottoms;
}

PdfCellText::Shaped PdfCellText::shape(const QString &text, bool withRuns) const
{
    QTextLayout layout(prepared(text), m_font, m_device);
    const QList<qreal> bottoms = layOut(layout);
    const qreal height = bottoms.isEmpty() ? 0 : bottoms.constLast();
    QList<QGlyphRun> runs;
    if (withRuns) {
        runs = layout.glyphRuns();
        for (QGlyphRun &run : runs)
            run = forPdf(run);
    }
    return {std::max(height, m_metrics.height()), runs, bottoms};
}

const PdfCellText::Shaped &PdfCellText::shaped(const QString &text)
{
    auto it = m_shaped.constFind(text);
    if (it == m_shaped.constEnd()) {
        if (m_shaped.size() >= (m_kind == Kind::Times ? 1 : maxKept))
            m_shaped.clear();
        it = m_shaped.insert(text, shape(text, true));
    }
    return *it;
}

// A time on one line, known from its pattern, or else shaped.
PdfCellText::Measured PdfCellText::measured(const QString &text)
{
    const auto measure = [this](const QString &t) {
        if (m_metrics.horizontalAdvance(t) <= m_width && !t.contains(u'\n'))
            return Measured{m_metrics.height(), true};
        return Measured{shaped(t).height, false};
    };
    if (!m_tabularDigits)
        return measure(text);
    const QString pattern = PdfTimeGlyphs::patternOf(text);
    auto it = m_patterns.constFind(pattern);
    if (it == m_patterns.constEnd()) {
        if (m_patterns.size() >= maxKept)
            m_patterns.clear();
        it = m_patterns.insert(pattern, measure(pattern));
    }
    return *it;
}

QList<qreal> PdfCellText::lineBottoms(const QString &text)
{
    if (m_kind == Kind::Times && measured(text).oneLine)
        return {m_metrics.height()};
    return shaped(text).lineBottoms;
}

// Whether `text` was measured before and not kept; it is remembered if not. A text that comes
// again only after a few thousand others is counted as new.
bool PdfCellText::seenBefore(const QString &text)
{
    if (m_seenOnce.remove(text))
        return true;
    if (m_seenOnce.size() >= 4 * maxKept)
        m_seenOnce.clear();
    m_seenOnce.insert(text);
    return false;
}

bool PdfCellText::plainLine(const QString &text) const
{
    for (const QChar c : text) {
        if (c.unicode() >= plainEnd || !m_plain[c.unicode()])
            return false;
    }
    return m_metrics.horizontalAdvance(text) <= m_width;
}

qreal PdfCellText::height(const QString &text)
{
    if (m_kind == Kind::Times)
        return measured(text).height;
    if (const auto it = m_shaped.constFind(text); it != m_shaped.constEnd())
        return it->height;
    if (seenBefore(text))
        return shaped(text).height;
    return plainLine(text) ? m_metrics.height() : shape(text, false).height;
}

void PdfCellText::draw(PdfGlyphBatch &glyphs, QPointF topLeft, const QString &text)
{
    if (m_kind == Kind::Repeating) {
        const auto it = m_shaped.constFind(text);
        if (it == m_shaped.constEnd()) {
            drawUnkept(glyphs, topLeft, text);
            return;
        }
        for (const QGlyphRun &run : it->runs)
            glyphs.add(topLeft, run);
        return;
    }
    const bool oneLine = measured(text).oneLine;
    if (m_times && oneLine) {
        if (const std::optional<QGlyphRun> run = m_times->run(text)) {
            glyphs.add(topLeft, *run);
            return;
        }
    }
    // Else a time is shaped for keeping only when the row before had it too; drawn once on one
    // line, drawText does as well.
    const bool again = text == m_lastTime;
    m_lastTime = text;
    if (!again && oneLine) {
        glyphs.painter().drawText(QPointF(topLeft.x(), topLeft.y() + m_metrics.ascent()), text);
    } else {
        for (const QGlyphRun &run : shaped(text).runs)
            glyphs.add(topLeft, run);
    }
}

// A text not kept is shaped as it is drawn, as QPainter does it, in the painter's font.
void PdfCellText::drawUnkept(PdfGlyphBatch &glyphs, QPointF topLeft, const QString &text) const
{
    glyphs.painter().drawText(QRectF(topLeft, QSizeF(m_width, std::numeric_limits<int>::max())),
                              prepared(text), wrapping());
}

// Only for a row cut across pages, so laid out again here, line by line: the kept runs join a
// text's lines into one, and lines clipped away would still be in the page for search and copy.
void PdfCellText::drawLines(PdfGlyphBatch &glyphs, QPointF topLeft, const QString &text, qreal from,
                            qreal to) const
{
    QTextLayout layout(prepared(text), m_font, m_device);
    layOut(layout);
    for (int i = 0; i < layout.lineCount(); ++i) {
        const QTextLine line = layout.lineAt(i);
        const qreal baseline = line.y() + line.ascent();
        if (baseline > from && baseline <= to) {
            for (const QGlyphRun &run : line.glyphRuns())
                glyphs.add(topLeft, forPdf(run));
        }
    }
}

} // namespace warroom
