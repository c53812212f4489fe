#pragma once

#include "wall/WallAnnouncements.h"
#include "wall/WallState.h"

#include "timeline/TimelineEvent.h"

namespace warroom {

class ChecklistEngine;
class IncidentSession;
class ScreenClock;
struct IncidentRecord;
struct ScheduleForecast;

// What the wall is computed from: the incident, its engine and events as they stand, and the
// moment (elapsed since the declaration) the wall shows.
struct WallSource
{
    const IncidentRecord *incident = nullptr;
    const ChecklistEngine *engine = nullptr;
    const TimelineEvents *events = nullptr;
    qint64 nowMs = 0;
    QString storageProblem; // set once the database can no longer be trusted
    QString chainProblem;   // the chain's summary once it is found broken (a forged event)
    // The T+ clock the room reads (a session keeps one as its events come); null: build() reads
    // it from the events, once for the header, the forecast and the recent entries.
    const ScreenClock *clock = nullptr;
    // A screen that cannot write (a wall) found the drill's runner gone without an end
    // (IncidentSession::isDrillRunnerGone): its clock runs on until a console records the end.
    bool runnerGone = false;
};

// Computes the WallState: words and tones only, so tests read the wall without a screen.
class WallStateBuilder
{
public:
    static constexpr int recentCount = 5; // timeline entries kept; the widget shows what fits

    static WallState build(const WallSource &source, const WallAnnouncements &announcements = {});
    static WallState fromSession(const IncidentSession &session,
                                 const WallAnnouncements &announcements = {});

    // "Confirm incident", "Re-enable traffic": a title's first two words, for the strip.
    static QString shortTitle(const QString &title);
    // "finish ≈ T+52 (plan T+65)", or "finished T+48 (plan T+65): 17 min under plan" once
    // every step is.
    static QString forecastText(const ScheduleForecast &forecast);
    // Amber when the words say late: a forecast whose time reads later than its plan's, a finish
    // "over plan" (to the nearest minute, as the closing summary says it).
    static WallTone forecastTone(const ScheduleForecast &forecast);
    // The forecast line on `clock` at `nowMs` (closedAtMs: ScreenClock::closedAt): the close
    // against the plan, what a close left unfinished, a finish after a drill's end, or
    // forecastText. The wall and the handover briefing both say it (the briefing said "under
    // plan" for a drill the room finished after its runner had ended it).
    static WallForecast forecast(const ChecklistEngine &engine, const ScreenClock &clock,
                                 qint64 nowMs, qint64 closedAtMs);

private:
    static void addHeader(const WallSource &source, WallState &state);
    static void addCurrent(const WallSource &source, WallState &state);
    static void addStrip(const WallSource &source, WallState &state);
    static void addForecast(const WallSource &source, WallState &state);
    static void addRecent(const WallSource &source, WallState &state);
    static void addAnnouncements(const WallSource &source, const WallAnnouncements &given,
                                 WallState &state);
};

} // namespace warroom
