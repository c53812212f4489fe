#include "facilitation/DebriefText.h"

#include "util/BidiControls.h"
#include "util/OneLine.h"

#include <QRegularExpression>

namespace warroom {

QString DebriefText::oneLine(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c == u'\r' || c == u'\n' || c == u'\t')
            out += u' ';
        else if (OneLine::isControl(c) || BidiControls::isControl(c))
            out += QChar(0xFFFD);
        else
            out += ch;
    }
    return out;
}

QString DebriefText::cut(const QString &text, qsizetype maxChars)
{
    if (text.size() <= maxChars)
        return text;
    qsizetype end = maxChars;
    if (end > 0 && text.at(end - 1).isHighSurrogate())
        --end;
    return text.left(end)
           + QStringLiteral("\u2026 (%1 more characters not shown)").arg(text.size() - end);
}

QString DebriefText::markdown(const QString &text)
{
    static const QString special = QStringLiteral("\\`*_[]<>|&~#");
    const QString trimmed = text.trimmed(); // four leading spaces would make a code block
    QString out;
    out.reserve(trimmed.size() + 8);
    for (const QChar ch : trimmed) {
        if (special.contains(ch))
            out += u'\\';
        out += ch;
    }
    // GitHub's Markdown links bare addresses (scheme://, www., an e-mail address) by itself.
    out.replace(QStringLiteral("://"), QStringLiteral("\\://"));
    static const QRegularExpression www(QStringLiteral("(www)\\."),
                                        QRegularExpression::CaseInsensitiveOption);
    out.replace(www, QStringLiteral("\\1\\\\."));
    out.replace(QStringLiteral("@"), QStringLiteral("\\@"));
    // A line that starts like a block (list, setext underline, numbered item) stays a paragraph.
    if (out.startsWith(u'+') || out.startsWith(u'-') || out.startsWith(u'='))
        return QChar(u'\\') + out;
    qsizetype digits = 0;
    while (digits < out.size() && out.at(digits).isDigit())
        ++digits;
    if (digits > 0 && digits < out.size() && (out.at(digits) == u'.' || out.at(digits) == u')'))
        out.insert(digits, u'\\');
    return out;
}

QString DebriefText::breakable(const QString &text, int every)
{
    QString out;
    out.reserve(text.size() + text.size() / every);
    int run = 0;
    for (const QChar ch : text) {
        run = ch.isSpace() ? 0 : run + 1;
        out += ch;
        if (run >= every) {
            out += QChar(0x200B);
            run = 0;
        }
    }
    return out;
}

} // namespace warroom
