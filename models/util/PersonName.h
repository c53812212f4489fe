#pragma once

#include <QString>

namespace warroom {

// A name that vouches for someone: the second person who looks at an irreversible action before
// it is sent. The two-person rule compared the names as typed, so "Priya" and "Priya" with a
// zero-width space, a soft hyphen or a bidirectional control in it counted as two people and
// read as one in the timeline and the postmortem.
namespace PersonName {

// Why `name` cannot stand for a person: a control or invisible (format) character in it, named
// by its code point and place; empty when it can. An empty name is the caller's to refuse.
QString problem(const QString &name);
// Whether two names are the same person's as a reader would see them: compared in Unicode's
// compatibility form (NFKC, so a full-width letter is its letter), case folded, white space runs
// as one space and trimmed, control and invisible characters left out.
bool same(const QString &a, const QString &b);

} // namespace PersonName

} // namespace warroom
