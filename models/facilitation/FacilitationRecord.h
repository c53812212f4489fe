#pragma once

#include "drill/DrillClock.h"
#include "drill/InjectBoard.h"
#include "drill/Scenario.h"
#include "facilitation/FacilitatorLog.h"
#include "store/FacilitationEntry.h"
#include "timeline/TimelineEvent.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace warroom {

class ScreenClock;
class TimelineStore;

// The kinds of FacilitationEntry, and what each payload holds.
namespace FacilitationKind {
inline constexpr QLatin1StringView DrillStarted{"drill.started"}; // {scenario, speed}
inline constexpr QLatin1StringView DrillClock{"drill.clock"}; // {speed, start_real_ms, pauses, paused_since}
// {outcome, reason, passed, failures: [line...]}; passed and failures since the debrief gave the
// verdict (a record from before has neither, and its debrief says so).
inline constexpr QLatin1StringView DrillFinished{"drill.finished"};
inline constexpr QLatin1StringView Observation{"observation"}; // subject step; {text}
// subject: a step, or a capability of the scenario; {rating, note, of: step|capability}
inline constexpr QLatin1StringView Rating{"rating"};
inline constexpr QLatin1StringView InjectFired{"inject.fired"};       // subject inject
inline constexpr QLatin1StringView InjectFireNow{"inject.fire_now"};
inline constexpr QLatin1StringView InjectSkipped{"inject.skipped"};
inline constexpr QLatin1StringView InjectDelayed{"inject.delayed"};         // {span_ms}
inline constexpr QLatin1StringView InjectUnscheduled{"inject.unscheduled"}; // {inject}
inline constexpr QLatin1StringView InjectAcknowledged{"inject.acknowledged"};
} // namespace FacilitationKind

// A drill's facilitation record read back: the scenario as it was run (without its checklist:
// the incident keeps that), the drill clock with its pauses, the facilitator's log and the
// inject board, each rebuilt by replaying the entries in order, as the engine folds events.
struct FacilitationRecord
{
    bool started = false; // a drill.started entry was found
    Scenario scenario;
    DrillClock clock;
    FacilitatorLog log;
    InjectBoard board;
    // The outcome of a drill whose runner went away without ending it, when a screen found it
    // gone and wrote the end into the timeline (the record has no `drill.finished`).
    static constexpr QLatin1StringView runnerGoneOutcome{"ended without its runner"};
    // The runner ended the drill in the timeline but went away before its record's
    // `drill.finished`, and its end carries no verdict (a build before 2026-12-07).
    static constexpr QLatin1StringView unjudgedEndOutcome{"ended, its verdict not recorded"};
    QString outcome;        // completed, stopped, timed out, error; empty while it runs
    QString stopReason;
    std::optional<bool> passed; // the runner's verdict against the scenario; none if not recorded
    QStringList failures;       // DrillResult::failureLines, as recorded
    qint64 endDrillMs = -1;     // when it ended, on the drill clock
    QStringList problems; // entries that would not replay, in words

    // The events up to the drill's end (all of them while it runs): the debrief judges the drill
    // at its end, as its runner did, and stands still there as every screen did. A step the room
    // finished after the end ran on in the debrief, and read "done, met" beside the runner's
    // "not done when the drill ended, missed".
    TimelineEvents eventsToEnd(const TimelineEvents &events) const;
    // A `drill.finished` payload (DrillResult::verdictJson), ended at `drillMs`.
    void readFinished(const QJsonObject &verdict, qint64 drillMs);
    // The end the timeline records, for a record without `drill.finished`: its runner went
    // away before writing it. The runner's own end carries its verdict; a screen that found the
    // runner gone ended it without one. Either way the debrief ends where every clock stopped,
    // not "not ended", every expectation pending, for good.
    void settleEnd(const ScreenClock &screens);

    static FacilitationRecord replay(const FacilitationEntries &entries);
    static std::optional<FacilitationRecord> load(const TimelineStore &store, qint64 incidentId,
                                                  QString *error);

    // The scenario's parts the debrief and the board need, as JSON and back.
    static QJsonObject scenarioJson(const Scenario &scenario);
    static Scenario scenarioFromJson(const QJsonObject &json);
    static QJsonObject injectJson(const DrillInject &inject);
    static DrillInject injectFromJson(const QJsonObject &json);
    static QJsonObject clockJson(const DrillClock &clock);
    static DrillClock clockFromJson(const QJsonObject &json);
};

} // namespace warroom
