#pragma once

#include <QString>

#include <optional>

namespace warroom {

// A title is one line of plain text on every screen, page band and document: a line break, a
// tab or a terminal's escape in it forges or breaks lines, and a bidirectional control makes it
// read as something else.
namespace OneLine {

struct Breaker
{
    char32_t code = 0;
    qsizetype at = 0; // 1-based, in characters (code points) as written
};

// A C0 control, DEL or a C1 control (0x9B is a terminal's CSI): what no line of text written by
// a person or a file may carry into a screen, a terminal or a document. Inline, so that the drill
// backend (warroom_sim, which does not link the core) asks the same question.
constexpr bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

// Whether a bidirectional control keeps a text from being one line of plain text. A title is
// refused with one (it makes the title read as something else); a step's or a role's name and a
// variable's value keep it, and every display shows it (BidiControls::shown).
enum class Bidi { Breaks, Kept };

// The first character that keeps `text` from being one line of plain text: a C0 or C1 control,
// Unicode's line or paragraph separator, or a bidirectional control (unless `bidi` keeps it).
// Nothing when there is none.
std::optional<Breaker> firstBreaker(const QString &text, Bidi bidi = Bidi::Breaks);
// The first control character (isControl) in `text` that `allowed` does not list (a note keeps
// its line feeds and tabs), at its place in characters as written; nothing when there is none.
std::optional<Breaker> firstControl(QStringView text, QStringView allowed = {});
// "U+000A", as the messages name a code point.
QString codePoint(char32_t code);
// The 1-based place, in characters (code points) as written, of the UTF-16 unit at `index`: an
// emoji before it counts once, as an editor's cursor counts it.
qsizetype characterAt(QStringView text, qsizetype index);
// How many characters (code points) `text` has: 200 emoji are 200, as the length rules count.
qsizetype characterCount(QStringView text);
// The start of `text`, at most `units` UTF-16 units long, never half a surrogate pair: where a
// long value is cut for showing (the rest is counted in words beside it).
QStringView startOf(QStringView text, qsizetype units);
// `text` whole when it is at most `units` UTF-16 units long; else its start and
// " … [N more characters; `kept`]", N counted in characters, all of it within `units`: how a text
// longer than any build writes (a row forged into a timeline, an import) is shown, so that a
// second cut of the same length further on (the PDF's cell) finds nothing to cut and the count
// stays the true one.
QString shownStart(QStringView text, qsizetype units, QStringView kept);

} // namespace OneLine

} // namespace warroom
