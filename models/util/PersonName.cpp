#include "util/PersonName.h"

#include <QList>

#include <algorithm>
#include <iterator>

namespace warroom::PersonName {

namespace {

// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15): characters a
// renderer shows as nothing. Among them the soft hyphen, the combining grapheme joiner, the
// Hangul fillers, the zero-width spaces and joiners, the bidirectional marks and controls,
// the variation selectors, the byte order mark and the tag characters.
struct Range
{
    char32_t first;
    char32_t last;
};
constexpr Range ignorable[] = {
    {0x00AD, 0x00AD},   {0x034F, 0x034F},   {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
    {0x180B, 0x180F},   {0x200B, 0x200F},   {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164},
    {0xFE00, 0xFE0F},   {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
};

bool isIgnorable(char32_t c)
{
    const auto *it = std::upper_bound(std::begin(ignorable), std::end(ignorable), c,
                                      [](char32_t v, const Range &r) { return v < r.first; });
    return it != std::begin(ignorable) && c <= std::prev(it)->last;
}

// Control characters (tab and line feed too: a name is one line) and ignorable ones.
bool invisible(char32_t c)
{
    return QChar::category(c) == QChar::Other_Control || isIgnorable(c);
}

bool isLetterOrMark(char32_t c)
{
    return QChar::isLetter(c) || QChar::isMark(c);
}

QString key(const QString &name)
{
    // Invisible characters out first, so that what is left composes as it reads ("Jose", a
    // zero-width space, a combining acute: "José"); a control that spaces (a tab) is a space.
    QString visible;
    visible.reserve(name.size());
    for (const char32_t c : name.toUcs4()) {
        if (!invisible(c))
            visible += QStringView(QChar::fromUcs4(c));
        else if (QChar::isSpace(c))
            visible += u' ';
    }
    return visible.normalized(QString::NormalizationForm_KC).simplified().toCaseFolded();
}

} // namespace

QString problem(const QString &name)
{
    const QList<uint> chars = name.toUcs4();
    // A name is read in a header, a tile and a table cell: 10,000 characters typed into the
    // facilitator's commander were taken, and took the console's header and the documents' cells.
    constexpr qsizetype maxCharacters = 200;
    if (chars.size() > maxCharacters)
        return QStringLiteral("is %1 characters long, more than the %2 a name may have")
            .arg(chars.size())
            .arg(maxCharacters);
    for (qsizetype i = 0; i < chars.size(); ++i) {
        const char32_t c = chars.at(i);
        // A zero-width non-joiner or joiner between letters is spelling (Persian, the Indic
        // scripts); anywhere else it only hides.
        if ((c == 0x200C || c == 0x200D) && i > 0 && i + 1 < chars.size()
            && isLetterOrMark(chars.at(i - 1)) && isLetterOrMark(chars.at(i + 1)))
            continue;
        if (invisible(c))
            return QStringLiteral("has an invisible or control character (U+%1) at character %2")
                .arg(QString::number(c, 16).toUpper().rightJustified(4, u'0'))
                .arg(i + 1);
    }
    return {};
}

QString refusal(const QString &whose, const QString &name)
{
    const QString bad = problem(name);
    return bad.isEmpty() ? bad : QStringLiteral("%1 %2: type it plainly.").arg(whose, bad);
}

QString commanderRefusal(const QString &name)
{
    return refusal(QStringLiteral("The commander's name"), name);
}

bool blank(const QString &text)
{
    const QList<uint> chars = text.toUcs4();
    return std::all_of(chars.cbegin(), chars.cend(),
                       [](char32_t c) { return QChar::isSpace(c) || invisible(c); });
}

bool same(const QString &a, const QString &b)
{
    return key(a) == key(b);
}

} // namespace warroom::PersonName
