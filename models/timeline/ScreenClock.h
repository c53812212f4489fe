#pragma once

#include "timeline/PauseSpans.h"
#include "timeline/TimelineEvent.h"

#include <QJsonObject>

#include <algorithm>

namespace warroom {

// The words of the drill clock's facts. They belong with the rest in EventVocabulary.h; they are
// declared here (the same namespaces, reopened) only so that adding them did not rebuild every
// file that includes the vocabulary on a loaded build machine: moving them there is a paste.
namespace PayloadKey {
// On note.added, written only by the drill runner's clock command (IncidentSession::
// recordDrillClock, never by addNote): {change, at_ms, speed} of the drill clock.
inline constexpr QLatin1StringView DrillClock{"drill_clock"};
// On note.added, written only by the drill runner when it sends a fault to the drill backend
// (IncidentSession::recordDrillFault): the inject's id. The postmortem's key moments list it, so
// that a halt it caused does not read as a real regression.
inline constexpr QLatin1StringView DrillFault{"drill_fault"};
// Inside DrillFault when the backend refused the fault: {inject: id, taken: false}; when its
// answer was lost: {inject: id, taken: null} (nobody knows; the fault's own note is the moment).
inline constexpr QLatin1StringView Inject{"inject"};
inline constexpr QLatin1StringView Taken{"taken"};
inline constexpr QLatin1StringView Change{"change"}; // DrillClockChange
inline constexpr QLatin1StringView AtMs{"at_ms"};    // the incident's elapsed ms (real time)
inline constexpr QLatin1StringView Speed{"speed"};   // on "started": the drill clock's factor
// Inside an "ended" fact that a screen wrote on the runner's behalf, having found the runner gone
// (IncidentSession's checkDrillRunner): that screen's actor. The postmortem says whose end it is.
inline constexpr QLatin1StringView RunnerGone{"runner_gone"};
// Inside the runner's own "ended" fact: its verdict, {outcome, reason, passed, failures}, as its
// facilitation record's `drill.finished` keeps it (DrillResult::verdictJson). Builds before
// 2026-12-07 wrote the verdict in the note's words alone.
inline constexpr QLatin1StringView Verdict{"verdict"};
} // namespace PayloadKey

// The values of PayloadKey::Change inside PayloadKey::DrillClock.
namespace DrillClockChange {
inline constexpr QLatin1StringView Started{"started"}; // T+0 of the drill clock, and its speed
inline constexpr QLatin1StringView Paused{"paused"};
inline constexpr QLatin1StringView Resumed{"resumed"};
// The runner ended the drill (completed, timed out, stopped): the live clocks stop there while
// the room, which closes the incident itself, goes on. Builds before 2026-12-05 ignore it.
inline constexpr QLatin1StringView Ended{"ended"};
} // namespace DrillClockChange

// The T+ every screen shows for an incident, read from its timeline alone, so that the console
// header, the wall (in this process or a wall-only machine's) and the facilitator's window show
// one number. In a drill run by a DrillRunner that is the drill clock: T+0 at the runner's first
// tick, `speed` times the wall clock, standing still while the facilitator pauses; the runner
// records each of these as a fact (PayloadKey::DrillClock on its note, written by
// IncidentSession::recordDrillClock, never by a person's note), with the exact real moment its
// own DrillClock used, and the same PauseSpans arithmetic turns them into T+.
//
// Timelines written before those facts (the runner's notes "Drill paused at …" and "Drill
// resumed at …" signed "drill facilitator") still read as before, but only where the runner
// visibly wrote them: the incident's first note is the runner's old opening note, the pause and
// resume notes are its exact sentences, and no clock fact appears anywhere in the timeline (a
// timeline that has one was written by this build, whose runner never writes the old form). A
// person who signs as "drill facilitator" and types those words writes a plain note.
class ScreenClock
{
public:
    static constexpr QLatin1StringView facilitator{"drill facilitator"};
    static constexpr QLatin1StringView pausedPrefix{"Drill paused at "};
    static constexpr QLatin1StringView resumedPrefix{"Drill resumed at "};

    static ScreenClock fromEvents(const TimelineEvents &events);
    // The payload value of PayloadKey::DrillClock the runner records (speed on "started" only).
    static QJsonObject fact(QLatin1StringView change, qint64 atMs, double speed = 0);
    // Whether a clock fact is one the screens' clock takes: at a moment from 0 to the latest a
    // row may carry, a start at a speed a drill runs at. Everything that reads the facts asks
    // this, so that what one believes the others do (a forged end the clock ignored still
    // stood in the postmortem as the drill's end).
    static bool takesFact(const QJsonObject &fact);
    // Events in order; only the facilitator's notes are looked into (a session parses a payload
    // on first read and keeps it, which a drill of 100,000 notes would feel).
    void add(const TimelineEvent &event);

    // A runner started the drill clock: T+ is drill time at speed(), not time since declaring.
    bool isDrillClock() const { return m_startMs >= 0; }
    double speed() const { return m_speed; }
    bool isPaused() const { return spans().isPaused(); }
    qint64 pausedSince() const { return spans().pausedSince(); }
    int pauseCount() const { return spans().count(); }
    // The runner recorded the drill's end (DrillClockChange::Ended).
    bool hasEnded() const { return m_endedMs >= 0; }
    // The real elapsed ms of that end, or -1.
    qint64 endedAt() const { return m_endedMs; }
    // Whether that end was written by a screen that found the runner gone (RunnerGone), not by
    // the runner.
    bool endedWithoutRunner() const { return m_endedWithoutRunner; }
    // The verdict the runner's end carries (PayloadKey::Verdict); empty for an end written
    // without one (by a screen that found the runner gone, or by an older build).
    const QJsonObject &endVerdict() const { return m_endVerdict; }
    // An event at `elapsedMs` came after the drill's end: every screen's clock had stopped, and
    // shownMs gives it the end's T+. From the end's moment, not from the note that records it:
    // the runner judges the drill before it writes the note, and what another screen recorded
    // in those ms was shown at the end's T+ unmarked. The runner's own note and close come after
    // the moment too; a reader that must not mark them tells them by their actor (ReportText).
    bool isAfterEnd(qint64 elapsedMs) const { return hasEnded() && elapsedMs > m_endedMs; }
    // The real moment a screen's live clock reads at the incident's `elapsedMs`: the drill's end
    // once its runner ended it, so that the console, the walls and a watching facilitator stop
    // at the T+ the runner stopped at (they went on counting a ×50 clock for as long as the
    // incident stayed open); else `elapsedMs`. shownMs applies it to events too: an event after
    // the end is shown at the end's T+.
    qint64 liveAt(qint64 elapsedMs) const
    {
        return hasEnded() && elapsedMs > m_endedMs ? m_endedMs : elapsedMs;
    }
    // The real moment a screen's clock reads at `nowMs`: a closed incident's stops at its
    // closing event (`closedAtMs`, negative while open), an ended drill's at its end (liveAt),
    // closed later or not: a ×50 clock closed ten minutes after its end read eight hours on.
    // The header, the walls, the Gantt and a watching facilitator all stop at this one moment.
    qint64 readingAt(qint64 nowMs, qint64 closedAtMs) const
    {
        return liveAt(closedAtMs >= 0 ? closedAtMs : nowMs);
    }
    // The closing event's elapsed ms of an incident whose engine is `closed`, else -1: the
    // `closedAtMs` every screen passes to readingAt (the session and the wall each worked it out).
    static qint64 closedAt(bool closed, const TimelineEvents &events)
    {
        return closed && !events.isEmpty() ? events.constLast().elapsedMs : -1;
    }
    // What a screen's live clock is doing, decided here once: the header, the wall and the
    // facilitator's windows each decided "paused" themselves, and drifted (a drill ended while
    // paused read PAUSED on one screen, ENDED on another). Closed wins over ended (the room is
    // done; the clock shows the moment it stopped), ended over paused (no resume is to come).
    enum class LiveState { Running, Paused, Ended, Closed };
    LiveState liveState(qint64 closedAtMs) const
    {
        return closedAtMs >= 0 ? LiveState::Closed
               : hasEnded()    ? LiveState::Ended
               : isPaused()    ? LiveState::Paused
                               : LiveState::Running;
    }
    // The clock as every screen writes it at readingAt: "T+00:10:55", "T+00:10:55  PAUSED" while
    // the facilitator pauses, "T+00:10:55  ENDED" after the runner's end; no word once the
    // incident is closed. In words, not only a colour: a frozen clock must not be read as a
    // stalled screen.
    QString liveText(qint64 nowMs, qint64 closedAtMs) const
    {
        return worded(shownText(readingAt(nowMs, closedAtMs)), liveState(closedAtMs));
    }
    // `shown` (a T+) with the word for `state`; the runner's own window words its runner's clock
    // with it.
    static QString worded(const QString &shown, LiveState state);
    // T+ is not the real time since the declaration: a drill clock, or pauses left out of it.
    bool isShifted() const { return isDrillClock() || pauseCount() > 0; }
    // Real ms paused before `elapsedMs` (every pause, the open one up to elapsedMs).
    qint64 pausedMs(qint64 elapsedMs) const { return spans().pausedMs(elapsedMs); }
    // What a T+ clock shows at the incident's real `elapsedMs`: the drill clock when a runner
    // started one, else the time since the declaration; the pauses left out either way (while
    // paused, the moment the pause began); after the drill's end, the end (liveAt). What the room
    // recorded after the end was shown at a drill time the screens never reached: a note at real
    // T+9 of a x10 drill ended at real T+5 read T+00:01:30 in the timeline and the postmortem
    // while the header, the wall and the scribe's notes said T+00:00:50 ENDED.
    qint64 shownMs(qint64 elapsedMs) const;
    // shownMs as every screen writes it ("T+00:12:40"); a time not yet known (negative) is
    // written as formatElapsed writes it, not moved by the clock.
    QString shownText(qint64 elapsedMs) const;
    // Beside the T+ of a drill clock faster than real time: "×50 drill clock · real 00:00:12"
    // (the real time since the declaration, pauses included); empty otherwise.
    QString scaleText(qint64 elapsedMs) const
    {
        return scaleText(isDrillClock() ? m_speed : 1.0, elapsedMs);
    }
    // The same words for a clock of `speed` (the facilitator's window, from its runner).
    static QString scaleText(double speed, qint64 elapsedMs);

private:
    enum class Legacy { Undecided, Allowed, Refused };
    const PauseSpans &spans() const { return m_facts ? m_spans : m_legacySpans; }
    void addFact(const QJsonObject &fact);
    void addLegacy(const TimelineEvent &event);

    PauseSpans m_spans;       // from the runner's clock facts, in the incident's elapsed ms
    PauseSpans m_legacySpans; // from old-form notes, at the notes' own elapsed ms
    qint64 m_startMs = -1;
    qint64 m_endedMs = -1; // real elapsed ms of the runner's end, or -1
    bool m_endedWithoutRunner = false;
    QJsonObject m_endVerdict;
    double m_speed = 1.0;
    bool m_facts = false; // a clock fact seen: old-form notes no longer count
    Legacy m_legacy = Legacy::Undecided;
    bool m_declared = false; // the first incident.declared seen
    bool m_live = false;     // declared LIVE: no note moves the clock
};

} // namespace warroom
