#pragma once

#include <QString>

namespace warroom {

// A name that vouches for someone: the second person who looks at an irreversible action before
// it is sent. The two-person rule compared the names as typed, so "Priya" and "Priya" with a
// zero-width space, a soft hyphen or a bidirectional control in it counted as two people and
// read as one in the timeline and the postmortem.
namespace PersonName {

// Why `name` cannot stand for a person: a control or invisible character in it (Unicode's
// default-ignorable code points), named by its code point and place counted in characters;
// empty when it can; or that it is longer than 200 characters. A zero-width non-joiner or joiner
// between letters is spelling and allowed.
// An empty name is the caller's to refuse.
QString problem(const QString &name);
// The refusal of `name` given for `whose` ("The second person's name"), said the same wherever a
// name is refused: "<whose> <problem>: type it plainly."; empty when the name can stand.
QString refusal(const QString &whose, const QString &name);
// The refusal of an incident's or a drill's commander: the declaration, the facilitator's start
// and `warroom --facilitator --actor` said it in words of their own.
QString commanderRefusal(const QString &name);
// Whether two names are the same person's as a reader would see them: compared in Unicode's
// compatibility form (NFKC, so a full-width letter is its letter), case folded, white space runs
// as one space and trimmed, control and invisible characters left out (a tab as a space).
// Look-alike letters of other scripts and full case folding (ß, ss) are not compared.
bool same(const QString &a, const QString &b);
// Whether `text` shows a reader nothing: only white space, control and invisible characters (a
// title of zero-width spaces was taken, and read as blank on the wall). Titles and values too.
bool blank(const QString &text);

} // namespace PersonName

} // namespace warroom
