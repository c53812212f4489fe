#pragma once

#include <QString>

namespace warroom {

// A table's header cell for the rich-text layout the PDFs are made with (QTextDocument), which
// squeezes a column below its longest word when the table is wide ("Acknowled ged",
// "Stat e"): `nowrap` keeps the header whole and so its column at least that wide. The
// postmortem's HTML and the drill debrief both lay their headers out with it.
namespace TableHeader {

// <th nowrap>html</th>, `html` already escaped.
QString cell(const QString &html);

// `text` escaped, and when it has several words laid on lines of about `lineChars` characters
// (never breaking a word), so that a long header takes the width of its longest line.
QString wrapped(const QString &text, int lineChars);

} // namespace TableHeader

} // namespace warroom
