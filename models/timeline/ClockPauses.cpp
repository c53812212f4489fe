#include "timeline/ClockPauses.h"

#include <algorithm>

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
    if (text.startsWith(pausedPrefix)) {
        if (m_pausedAt < 0)
            m_pausedAt = e.elapsedMs;
    } else if (text.startsWith(resumedPrefix) && m_pausedAt >= 0) {
        m_pauses.append({m_pausedAt, std::max(e.elapsedMs, m_pausedAt)});
        m_pausedAt = -1;
    }
}

qint64 ClockPauses::pausedMs(qint64 elapsedMs) const
{
    qint64 paused = 0;
    for (const auto &[from, to] : m_pauses)
        paused += std::clamp(elapsedMs, from, to) - from;
    if (m_pausedAt >= 0 && elapsedMs > m_pausedAt)
        paused += elapsedMs - m_pausedAt;
    return paused;
}

} // namespace warroom
