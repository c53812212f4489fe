#pragma once

#include <QFont>
#include <QFontMetricsF>
#include <QGlyphRun>
#include <QHash>
#include <QList>
#include <QString>

#include <array>
#include <optional>

class QPaintDevice;

namespace warroom {

// The glyphs of the times in a column of the PDF's timeline table ("2026-01-01 00:00:06Z",
// "T+00:00:06"), made from their pattern's ("0000-00-00 00:00:00Z") by putting each digit's
// glyph in its place, instead of shaping every time: every row of a long timeline has two times,
// each different, and shaping them was the most of what the table's own code cost.
//
// That gives the glyphs shaping would only when it cannot tell digits apart by where they put
// the glyphs: every digit as wide as the others, and no digit kerned against its neighbour
// (DejaVu Sans). For a font where that does not hold, or a pattern whose glyphs are not one per
// character in the font itself, run() answers nothing and the time is drawn as before.
class PdfTimeGlyphs
{
public:
    PdfTimeGlyphs(const QFont &font, QPaintDevice *device);

    // `time`'s glyphs on one line, its top at 0, without the spaces' (PdfCellText::forPdf).
    std::optional<QGlyphRun> run(const QString &time);

    // `time` with every digit 0: times of one pattern have the same glyphs but for the digits'.
    static QString patternOf(const QString &time);
    // Whether no digit is kerned against another, and every digit is as wide as the others.
    bool digitsAlike() const { return m_digitsAlike; }

private:
    struct Pattern
    {
        std::optional<QGlyphRun> run; // none: this pattern's times are shaped
        QList<qsizetype> glyphOf;     // each character's glyph in `run`; a space's, -1
    };
    Pattern makePattern(const QString &pattern);
    bool keptApart(QChar c); // no digit kerned against `c`, either side

    QFont m_font;
    QPaintDevice *m_device;
    QFontMetricsF m_metrics;
    bool m_digitsAlike = false;
    std::array<quint32, 10> m_digits{};
    QHash<QString, Pattern> m_patterns;
    QHash<char16_t, bool> m_keptApart;
};

} // namespace warroom
