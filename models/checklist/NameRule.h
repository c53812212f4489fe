#pragma once

#include "util/OneLine.h"

#include <QString>

namespace warroom {

// What keeps a checklist's name (a title, a label, a prompt, a default) from being one line of at
// most `most` characters, as a diagnostic's message naming it as `what` ("a step's title");
// empty when nothing does. Without `length`, only the line is checked (a checklist recorded by
// an older build). Counted in characters, so 200 emoji are 200.
QString nameProblem(const QString &text, const QString &what, qsizetype most, OneLine::Bidi bidi,
                    bool length = true);

} // namespace warroom
