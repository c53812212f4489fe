#pragma once

#include <QString>

namespace warroom {

// What the debrief does to text that people typed (a scenario's names and notes, the
// facilitator's observations and rating notes), so that every format stays what it says.
namespace DebriefText {

// One line of plain text: CR, LF and tabs become spaces; other control characters (C0, DEL,
// C1) and the bidirectional embedding, override and isolate controls, which would reorder what
// follows them on the line, become U+FFFD, visible where they were. Right-to-left letters stay.
QString oneLine(const QString &text);

// At most maxChars characters of `text` (a pair of surrogates counts as one and is never split),
// then "… (N more characters not shown)": for text from a file with no limit of its own, such as
// the runner's failure lines in the facilitation record, where a hand-edited line of megabytes
// would otherwise fill the debrief.
QString cut(const QString &text, qsizetype maxChars);

// Markdown: every character that could start markup (emphasis, code, links, raw HTML, entity
// references, table pipes, a heading, list or quote at the start, an address GitHub would make
// a link of) is backslash-escaped.
QString markdown(const QString &text);

// For the PDF's rich-text layout, which cannot break a word: a zero-width space after every
// `every` characters of a word longer than that, so a 10,000-character token wraps in its cell
// and does not widen its column over the page (squeezing the others until their headers break
// mid-word).
QString breakable(const QString &text, int every = 20);

} // namespace DebriefText

} // namespace warroom
