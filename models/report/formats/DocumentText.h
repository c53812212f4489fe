#pragma once

#include <QString>
#include <QStringList>

namespace warroom {

// How a text from the timeline (a title, a name, a note: typed, imported, or written into a
// shared server by another client) is written into a Markdown or HTML document, by every writer
// of those formats alike: it can break no table, and no control character reaches the file. A
// title and an actor written with ESC and BEL cleared and recoloured the terminal of whoever ran
// `cat` on the postmortem, through the room's tables, which escaped less than the others.
class DocumentText
{
public:
    // A Markdown table cell or list line: backslashes and pipes escaped, line breaks and tabs
    // folded to spaces, any other C0 or C1 control and DEL shown as \uXXXX.
    static QString markdown(QString text);
    // HTML text: QString::toHtmlEscaped, and controls but line breaks and tabs shown as \uXXXX.
    static QString html(const QString &text);
    // The same, appended in place: a 100,000-row table made a new string for every actor and text.
    static void appendHtml(QString &h, const QString &text);
    // Each of these shows at most EventFormatter::longestShown of one text, and how many more
    // characters the JSON export keeps (OneLine::shownStart): a reason, a briefing or a no-go's
    // words have no bound in the engine, and one of 3 MB forged into a server made the key
    // moments and the polls table 6 MB in Markdown and HTML, and the PDF ran for minutes.
    static QString cut(const QString &text, qsizetype units = longest());
    // `items` joined with `separator`, each cut to its share of longest() when all of them are
    // longer than that, so that the joined text is not cut as one (two overrides of 6,000
    // characters lost the second one's end, three or more the later ones whole).
    static QString joined(const QStringList &items, QStringView separator);
    static qsizetype longest();
};

} // namespace warroom
