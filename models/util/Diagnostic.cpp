#include "util/Diagnostic.h"

#include <QStringList>

#include <algorithm>

namespace warroom {

namespace {

// Generous enough for any real path or message; a 1 MB id quoted in one is cut here at the latest.
constexpr qsizetype maxPartChars = 400;

} // namespace

QString printableText(const QString &text, qsizetype maxChars)
{
    QString out;
    out.reserve(std::min(text.size(), maxChars) + 8);
    qsizetype shown = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (shown >= maxChars) {
            out += QStringLiteral("\u2026");
            break;
        }
        const QChar c = text.at(i);
        // A pair of surrogates is one character, printable or not as a whole.
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            const char32_t ucs4 = QChar::surrogateToUcs4(c, text.at(i + 1));
            if (QChar::isPrint(ucs4)) {
                out += c;
                out += text.at(i + 1);
            } else {
                out += QStringLiteral("\\U%1").arg(static_cast<uint>(ucs4), 8, 16,
                                                   QLatin1Char('0'));
            }
            ++i;
        } else if (c.isPrint() || c == u' ') {
            out += c;
        } else {
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        }
        ++shown;
    }
    return out;
}

QString Diagnostic::toString() const
{
    QString where = file.isEmpty() ? QStringLiteral("<input>") : printableText(file, maxPartChars);
    if (line > 0) {
        where += u':' + QString::number(line);
        if (column > 0)
            where += u':' + QString::number(column);
    }
    QString text = where + QStringLiteral(": error: ");
    if (!path.isEmpty())
        text += printableText(path, maxPartChars) + QStringLiteral(": ");
    return text + printableText(message, maxPartChars);
}

QString formatDiagnostics(const Diagnostics &diagnostics)
{
    QStringList lines;
    lines.reserve(diagnostics.size());
    for (const Diagnostic &d : diagnostics)
        lines << d.toString();
    return lines.join(u'\n');
}

} // namespace warroom
