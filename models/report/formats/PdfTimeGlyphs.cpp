#include "report/formats/PdfTimeGlyphs.h"

#include "report/formats/PdfCellText.h"

#include <QRawFont>
#include <QTextLayout>

namespace warroom {

namespace {

constexpr qsizetype maxPatterns = 4096; // a hostile export's times cannot fill memory

QString pair(QChar a, QChar b)
{
    const QChar both[] = {a, b};
    return QString(both, 2);
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

PdfTimeGlyphs::PdfTimeGlyphs(const QFont &font, QPaintDevice *device)
    : m_font(font)
    , m_device(device)
    , m_metrics(font, device)
{
    const qreal zero = m_metrics.horizontalAdvance(u'0');
    m_digitsAlike = true;
    for (char16_t a = u'0'; a <= u'9' && m_digitsAlike; ++a) {
        for (char16_t b = u'0'; b <= u'9' && m_digitsAlike; ++b)
            m_digitsAlike = m_metrics.horizontalAdvance(pair(QChar(a), QChar(b))) == 2 * zero;
    }
    if (!m_digitsAlike)
        return;
    // The digits' glyphs as shaping gives them, which must be the font's own for each: a font
    // that substitutes digits (old-style figures by default) is shaped time by time.
    const QString digits = QStringLiteral("0123456789");
    const std::optional<QGlyphRun> shaped = makePattern(digits).run;
    if (!shaped) {
        m_digitsAlike = false;
        return;
    }
    for (size_t d = 0; d < m_digits.size(); ++d)
        m_digits[d] = shaped->glyphIndexes().at(qsizetype(d));
}

QString PdfTimeGlyphs::patternOf(const QString &time)
{
    QString pattern = time;
    for (QChar &c : pattern) {
        if (c > u'0' && c <= u'9')
            c = u'0';
    }
    return pattern;
}

// No digit is kerned against `c`: with every digit as wide as '0', a pair's width differs from
// '0''s pair only by its kerning.
bool PdfTimeGlyphs::keptApart(QChar c)
{
    const auto it = m_keptApart.constFind(c.unicode());
    if (it != m_keptApart.constEnd())
        return *it;
    const qreal before = m_metrics.horizontalAdvance(pair(c, QChar(u'0')));
    const qreal after = m_metrics.horizontalAdvance(pair(QChar(u'0'), c));
    bool apart = true;
    for (char16_t d = u'1'; d <= u'9' && apart; ++d) {
        apart = m_metrics.horizontalAdvance(pair(c, QChar(d))) == before
                && m_metrics.horizontalAdvance(pair(QChar(d), c)) == after;
    }
    if (m_keptApart.size() < maxPatterns)
        m_keptApart.insert(c.unicode(), apart);
    return apart;
}

// The pattern shaped on one line as QPainter::drawText(point, pattern) shapes it, if its glyphs
// are one per character, in order, from the cell's font itself.
PdfTimeGlyphs::Pattern PdfTimeGlyphs::makePattern(const QString &pattern)
{
    QTextLayout layout(pattern, m_font, m_device);
    QTextOption option;
    option.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (!line.isValid()) { // an empty text
        layout.endLayout();
        return {};
    }
    line.setLineWidth(m_metrics.horizontalAdvance(pattern) + 1);
    line.setPosition(QPointF(0, 0));
    layout.endLayout();
    const QList<QGlyphRun> runs = layout.glyphRuns();
    if (runs.size() != 1
        || runs.first().glyphIndexes() != runs.first().rawFont().glyphIndexesForString(pattern))
        return {};
    // One glyph per character: the PDF's glyphs are those but the spaces'.
    Pattern made{PdfCellText::forPdf(runs.first()), {}};
    made.glyphOf.reserve(pattern.size());
    qsizetype glyph = 0;
    for (const QChar c : pattern)
        made.glyphOf.append(c == u' ' ? -1 : glyph++);
    if (glyph != made.run->glyphIndexes().size())
        return {};
    return made;
}

std::optional<QGlyphRun> PdfTimeGlyphs::run(const QString &time)
{
    if (!m_digitsAlike)
        return std::nullopt;
    const QString pattern = patternOf(time);
    auto it = m_patterns.constFind(pattern);
    if (it == m_patterns.constEnd()) {
        if (m_patterns.size() >= maxPatterns)
            m_patterns.clear();
        bool apart = true;
        for (const QChar c : pattern)
            apart = apart && (c == u'0' || keptApart(c));
        it = m_patterns.insert(pattern, apart ? makePattern(pattern) : Pattern{});
    }
    if (!it->run)
        return std::nullopt;
    QGlyphRun run = *it->run;
    QList<quint32> glyphs = run.glyphIndexes();
    for (qsizetype i = 0; i < time.size(); ++i) {
        if (isDigit(time.at(i)))
            glyphs[it->glyphOf.at(i)] = m_digits[size_t(time.at(i).unicode() - u'0')];
    }
    run.setGlyphIndexes(glyphs);
    return run;
}

} // namespace warroom
