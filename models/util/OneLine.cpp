#include "util/OneLine.h"

#include "util/BidiControls.h"

#include <QList>

#include <algorithm>

namespace warroom {

std::optional<OneLine::Breaker> OneLine::firstBreaker(const QString &text, Bidi bidi)
{
    const QList<uint> chars = text.toUcs4();
    for (qsizetype i = 0; i < chars.size(); ++i) {
        const char32_t c = chars.at(i);
        if (isControl(c) || c == 0x2028 || c == 0x2029
            || (bidi == Bidi::Breaks && c < 0x10000 && BidiControls::isControl(char16_t(c))))
            return Breaker{c, i + 1};
    }
    return std::nullopt;
}

std::optional<OneLine::Breaker> OneLine::firstControl(QStringView text, QStringView allowed)
{
    // Every control is below U+00A0, so UTF-16 units are looked at: half a surrogate pair is none.
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (isControl(c) && !allowed.contains(QChar(c)))
            return Breaker{c, characterAt(text, i)};
    }
    return std::nullopt;
}

qsizetype OneLine::characterAt(QStringView text, qsizetype index)
{
    // A unit inside a surrogate pair is the place of the pair's character.
    if (index > 0 && index < text.size() && text.at(index).isLowSurrogate()
        && text.at(index - 1).isHighSurrogate())
        --index;
    qsizetype place = 1;
    for (qsizetype i = 0; i < index && i < text.size(); ++i) {
        // The second half of a surrogate pair is the same character as the first.
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate()))
            ++place;
    }
    return place;
}

QStringView OneLine::startOf(QStringView text, qsizetype units)
{
    if (text.size() <= units)
        return text;
    return text.left(units > 0 && text.at(units - 1).isHighSurrogate() ? units - 1 : units);
}

QString OneLine::shownStart(QStringView text, qsizetype units, QStringView kept)
{
    if (text.size() <= units)
        return text.toString();
    // Room for the words after the cut: " … [", up to 19 digits, " more characters; ", "]".
    const qsizetype words = 4 + 19 + 18 + kept.size() + 1;
    const QStringView start = startOf(text, std::max<qsizetype>(0, units - words));
    return start.toString()
           + QStringLiteral(" \u2026 [%1 more characters; %2]")
                 .arg(characterCount(text.mid(start.size())))
                 .arg(kept);
}

qsizetype OneLine::characterCount(QStringView text)
{
    return characterAt(text, text.size()) - 1;
}

QString OneLine::codePoint(char32_t code)
{
    return QStringLiteral("U+") + QString::number(code, 16).toUpper().rightJustified(4, u'0');
}

} // namespace warroom
