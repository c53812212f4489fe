#include "checklist/NameRule.h"

namespace warroom {

QString nameProblem(const QString &text, const QString &what, qsizetype most, OneLine::Bidi bidi,
                    bool length)
{
    if (const auto bad = OneLine::firstBreaker(text, bidi))
        return QStringLiteral("control character %1 at character %2: %3 is one line of plain text")
            .arg(OneLine::codePoint(bad->code))
            .arg(bad->at)
            .arg(what);
    const qsizetype characters = OneLine::characterCount(text);
    if (length && characters > most)
        return QStringLiteral("%1 characters: %2 is at most %3")
            .arg(characters)
            .arg(what)
            .arg(most);
    return {};
}

} // namespace warroom
