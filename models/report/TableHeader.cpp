#include "report/TableHeader.h"

#include <QStringList>

namespace warroom {

QString TableHeader::cell(const QString &html)
{
    return QStringLiteral("<th nowrap>") + html + QStringLiteral("</th>");
}

QString TableHeader::wrapped(const QString &text, int lineChars)
{
    QStringList lines;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (!lines.isEmpty() && lines.last().size() + 1 + word.size() <= lineChars)
            lines.last() += u' ' + word;
        else
            lines.append(word);
    }
    for (QString &line : lines)
        line = line.toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}

} // namespace warroom
