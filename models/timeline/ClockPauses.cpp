#include "timeline/ClockPauses.h"

namespace warroom {

ClockPauses ClockPauses::fromEvents(const TimelineEvents &events)
{
    ClockPauses out;
    for (const TimelineEvent &e : events)
        out.add(e);
    return out;
}

void ClockPauses::add(const TimelineEvent &e)
{
    // The actor first: the room's own notes are never parsed (a session parses a payload on
    // first read and keeps it, which a drill of 100,000 notes would feel).
    if (e.kind != EventKind::NoteAdded || e.actor != facilitator)
        return;
    const QString text = e.payload.value(PayloadKey::Text).toString();
    if (text.startsWith(pausedPrefix))
        m_spans.begin(e.elapsedMs);
    else if (text.startsWith(resumedPrefix))
        m_spans.end(e.elapsedMs);
}

} // namespace warroom
