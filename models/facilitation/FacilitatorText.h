#pragma once

#include <QString>

#include <optional>

namespace warroom {

// What a facilitator types into the record (an observation, a rating's note) becomes one line of
// plain text before it is written: it goes into the debrief's tables and its PDF, into the
// facilitator's lists, and back through FacilitationRecord after a restart. Line breaks and tabs
// (a pasted paragraph) fold into single spaces; any other control character (NUL, ESC, DEL,
// C1: a terminal's CSI) is refused with its place, since nothing a person means is written so;
// past maxChars (the timeline's own note limit) it is refused as too long.
class FacilitatorText
{
public:
    static constexpr qsizetype maxChars = 10000;

    // The text as it will be recorded (trimmed, breaks folded), or nullopt with the reason.
    static std::optional<QString> clean(const QString &text, QString *error);
};

} // namespace warroom
