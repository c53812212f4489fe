#include "facilitation/FacilitatorText.h"

#include "util/OneLine.h"

namespace warroom {

namespace {

bool isBreak(char16_t c)
{
    return c == u'\r' || c == u'\n' || c == u'\t' || c == 0x2028 || c == 0x2029;
}

} // namespace

std::optional<QString> FacilitatorText::clean(const QString &text, QString *error)
{
    QString out;
    out.reserve(text.size());
    bool space = false; // a run of breaks folds into one space
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (isBreak(c)) {
            space = true;
            continue;
        }
        if (OneLine::isControl(c)) {
            *error
                = QStringLiteral("control character %1 at character %2: a note is one line "
                                 "of plain text")
                      .arg(OneLine::codePoint(c), QString::number(OneLine::characterAt(text, i)));
            return std::nullopt;
        }
        if (space && !out.isEmpty() && !out.endsWith(u' '))
            out += u' ';
        space = false;
        out += QChar(c);
    }
    out = out.trimmed();
    if (out.size() > maxChars) {
        *error = QStringLiteral("the note is %1 characters, longer than %2; split it")
                     .arg(out.size())
                     .arg(maxChars);
        return std::nullopt;
    }
    return out;
}

} // namespace warroom
