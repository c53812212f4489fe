#include "session/DrillRunnerSight.h"

#include "session/DrillRunnerClaim.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"

#include <QJsonObject>

#include <algorithm>

namespace warroom {

QString DrillRunnerSight::owner(const TimelineEvents &events)
{
    // The first "started" fact (only the runner writes one): it comes within the first few
    // events, and a payload is only read on the runner's own notes.
    for (; m_owner.isEmpty() && m_scanned < events.size(); ++m_scanned) {
        const TimelineEvent &e = events.at(m_scanned);
        if (e.kind != EventKind::NoteAdded || e.actor != ScreenClock::facilitator)
            continue;
        const QJsonObject fact = e.payload.value(PayloadKey::DrillClock).toObject();
        if (fact.value(PayloadKey::Change).toString() != DrillClockChange::Started
            || !ScreenClock::takesFact(fact)) // the start the screens' clock took
            continue;
        m_owner = fact.value(PayloadKey::Owner).toString();
        if (m_owner.trimmed().isEmpty())
            m_owner = QStringLiteral(" "); // unclaimed: never judged
    }
    return m_owner.trimmed();
}

bool DrillRunnerSight::isGone(bool mayLook, const TimelineStore &store, qint64 incidentId,
                              const TimelineEvents &events, const ScreenClock &clock, qint64 nowMs,
                              qint64 lapseMs)
{
    if (!mayLook || !clock.isDrillClock() || clock.hasEnded()) {
        m_goneLooks = 0;
        return false;
    }
    const QString who = owner(events);
    if (who.isEmpty())
        return false;
    constexpr qint64 askWritersEveryMs = 10'000;
    // The look that would confirm a "gone" may always ask: else a missing lock file, judged on
    // one look in ten seconds, never made two in a row.
    const bool mayAsk = m_goneLooks > 0 || !m_writersAsked.isValid()
                        || m_writersAsked.hasExpired(askWritersEveryMs);
    if (mayAsk)
        m_writersAsked.start();
    const DrillRunnerClaim::Sighting seen
        = DrillRunnerClaim::look(store, incidentId, who, lapseMs, nowMs, mayAsk);
    m_seenMs = std::max(m_seenMs, seen.seenMs);
    m_goneLooks = seen.state == DrillRunnerClaim::State::Gone ? m_goneLooks + 1 : 0;
    return m_goneLooks >= 2;
}

} // namespace warroom
