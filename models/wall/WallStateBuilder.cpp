#include "wall/WallStateBuilder.h"

#include "wall/WallMeasurementBuilder.h"
#include "wall/WallRoom.h"

#include "engine/ChecklistEngine.h"
#include "engine/StepsLeft.h"
#include "gantt/ScheduleForecast.h"
#include "gantt/SchedulePlanner.h"
#include "report/EventFormatter.h"
#include "session/IncidentSession.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"
#include "util/BidiControls.h"
#include "util/ListWords.h"
#include "util/TimeFormat.h"

#include <algorithm>

namespace warroom {

namespace {

// "RUN FAILED" (or "HALTED", a ramp set back) for a step with an open item whose last run failed,
// else empty: the step is still ACTIVE, and its blue tile and header read as a rollback going
// ahead while its job had failed (the measurement panel alone said so).
struct FailedRuns
{
    int runs = 0;  // failed outright
    int ramps = 0; // halted, set back
};

FailedRuns failedRuns(const StepStatus &st)
{
    FailedRuns n;
    // A finished step (done, skipped, or failed, which says so itself) keeps its items' states (a
    // skipped step's stay open), and a deferred item waits elsewhere: no run failing here now.
    if (st.isFinished())
        return n;
    for (const ItemStatus &item : st.items) {
        if (item.state != ItemState::Open || item.deferral.isActive()
            || item.automation.phase != AutomationStatus::Phase::Failed)
            continue;
        ++(item.automation.halted ? n.ramps : n.runs);
    }
    return n;
}

QString failedRunWord(const StepStatus &st)
{
    const FailedRuns n = failedRuns(st);
    return n.runs > 0    ? QStringLiteral("RUN FAILED")
           : n.ramps > 0 ? QStringLiteral("HALTED")
                         : QString();
}

WallTone stepTone(const StepStatus &st, bool overridden)
{
    switch (st.state) {
    case StepState::Failed:
        return WallTone::Failed;
    case StepState::Skipped:
        return WallTone::Deferred;
    case StepState::Done:
        return overridden ? WallTone::Deferred : WallTone::Done;
    case StepState::Active:
        return overridden ? WallTone::Deferred : WallTone::Active;
    case StepState::Pending:
    case StepState::Ready:
        break;
    }
    return WallTone::Pending;
}

bool isOverridden(const StepStatus &st)
{
    if (st.startOverridden)
        return true;
    return std::any_of(st.items.cbegin(), st.items.cend(),
                       [](const ItemStatus &i) { return i.overridden; });
}

// Passing samples and job polls come every few seconds; the measured value shows them, so the
// wall's few timeline lines keep what people did and what runs decided.
bool isRoutine(const TimelineEvent &e)
{
    if (e.kind == EventKind::CheckSampled)
        return e.payload.value(PayloadKey::Passed).toBool();
    const bool poll = e.payload.value(PayloadKey::Phase).toString() == RequestPhase::Poll;
    return poll && (e.kind == EventKind::ActionRequested || e.kind == EventKind::ActionResponded);
}

// A typed reason ends the wall's sentence: its own full stop made "job errored.. Restart".
QString withoutStop(QString text)
{
    while (text.endsWith(u'.'))
        text.chop(1);
    return text;
}

// What people typed (the title, names, notes, reasons, the variables in step and item texts, a
// facilitator's injects) and what a backend answered (a job's state, a measured value) shows a
// bidirectional control as U+FFFD instead of obeying it: obeyed, it reorders the line the whole
// room reads ("override" read as "edirrevo").
void showTypedText(WallState &state)
{
    WallMeasurement &m = state.measurement;
    for (QString *text :
         {&state.title, &state.commander, &state.roles, &state.poll, &state.stepHeading,
          &state.itemText, &m.heading, &m.value, &m.detail, &m.stages})
        *text = BidiControls::shown(std::move(*text));
    for (QString &reading : m.readings)
        reading = BidiControls::shown(std::move(reading));
    for (WallStepTile &tile : state.steps) {
        tile.shortTitle = BidiControls::shown(std::move(tile.shortTitle));
        tile.title = BidiControls::shown(std::move(tile.title));
    }
    for (WallTimelineEntry &entry : state.recent) {
        entry.actor = BidiControls::shown(std::move(entry.actor));
        entry.text = BidiControls::shown(std::move(entry.text));
    }
    for (WallAnnouncement &announcement : state.announcements)
        announcement.text = BidiControls::shown(std::move(announcement.text));
}

} // namespace

WallState WallStateBuilder::build(const WallSource &given, const WallAnnouncements &announcements)
{
    WallState state;
    if (!given.incident || !given.engine || !given.events)
        return state;
    const ScreenClock read = given.clock || given.incident->mode != IncidentMode::Drill
                                 ? ScreenClock()
                                 : ScreenClock::fromEvents(*given.events);
    WallSource source = given;
    if (!source.clock)
        source.clock = &read;
    state.hasIncident = true;
    addHeader(source, state);
    addCurrent(source, state);
    addStrip(source, state);
    addForecast(source, state);
    addRecent(source, state);
    addAnnouncements(source, announcements, state);
    WallRoom::apply(*source.engine, *source.events, source.nowMs, *source.clock, state);
    showTypedText(state);
    return state;
}

WallState WallStateBuilder::fromSession(const IncidentSession &session,
                                        const WallAnnouncements &announcements)
{
    WallSource source;
    source.incident = &session.incident();
    source.engine = &session.engine();
    source.events = &session.events();
    source.nowMs = session.elapsedMs();
    source.storageProblem = session.storageProblem();
    source.clock = &session.screenClock();
    source.runnerGone = session.isDrillRunnerGone();
    return build(source, announcements);
}

QString WallStateBuilder::shortTitle(const QString &title)
{
    const QStringList words = title.split(u' ', Qt::SkipEmptyParts);
    QString out = words.mid(0, 2).join(u' ');
    // "Confirm incident scope and…" is cut at a word; a comma or semicolon ends the phrase sooner.
    for (const QChar c : {u',', u';', u':'})
        out = out.section(c, 0, 0);
    return out;
}

QString WallStateBuilder::forecastText(const ScheduleForecast &f)
{
    // A finish says how far from its plan in the closing summary's words: "finished T+65 (plan
    // T+65)" stood beside the summary's "1 min over plan" for a finish at 65:40.
    if (f.complete)
        return QStringLiteral("finished %1 (plan %2): %3")
            .arg(formatPlanTime(f.finishMs), formatPlanTime(f.plannedFinishMs),
                 formatPlanDelta(f.slipMs()));
    return QStringLiteral("finish \u2248 %1 (plan %2)")
        .arg(formatPlanTime(f.finishMs), formatPlanTime(f.plannedFinishMs));
}

WallTone WallStateBuilder::forecastTone(const ScheduleForecast &f)
{
    // Compared as written: past two days the words are hours, and a forecast a few minutes
    // after its plan read "T+2 d 3 h (plan T+2 d 3 h)" in amber.
    const bool late
        = f.finishMs > f.plannedFinishMs
          && (f.complete ? isOverPlan(f.slipMs())
                         : formatPlanTime(f.finishMs) != formatPlanTime(f.plannedFinishMs));
    return late ? WallTone::Deferred : WallTone::Done;
}

void WallStateBuilder::addHeader(const WallSource &source, WallState &state)
{
    const IncidentRecord &inc = *source.incident;
    const bool closed = source.engine->isClosed();
    const bool drill = inc.mode == IncidentMode::Drill;
    state.title = inc.title;
    state.modeWord = drill ? QStringLiteral("DRILL") : QStringLiteral("LIVE");
    if (closed)
        state.modeWord += QStringLiteral(" \u00B7 CLOSED");
    state.modeTone = closed ? WallTone::Pending : drill ? WallTone::Deferred : WallTone::Failed;
    state.commander = QStringLiteral("Commander: %1").arg(inc.commander);
    // A closed incident's clock stops at its closing event, as the console's header does.
    const qint64 closedAt = ScreenClock::closedAt(closed, *source.events);
    if (!drill) {
        state.clock = formatElapsed(closedAt >= 0 ? closedAt : source.nowMs);
        return;
    }
    // A drill's clock, from its timeline (so a wall in another process sees it too): the drill
    // clock at its speed when a runner keeps one, standing still while paused, going on from
    // there after the resume, stopped where the runner ended it; the same T+ and the same words
    // as the console header and the facilitator's window (ScreenClock::liveText).
    const ScreenClock &pauses = *source.clock;
    state.clockPaused = pauses.liveState(closedAt) == ScreenClock::LiveState::Paused;
    state.clock = pauses.liveText(source.nowMs, closedAt);
    state.clockScale = pauses.scaleText(pauses.readingAt(source.nowMs, closedAt));
}

void WallStateBuilder::addCurrent(const WallSource &source, WallState &state)
{
    const ChecklistEngine &engine = *source.engine;
    const Checklist &checklist = engine.checklist();
    const auto &vars = engine.textVariables();
    // Closed, nothing is current: a pending item of a step never done was the headline, with its
    // live measurement, as if the room were still on it.
    const int step = engine.isClosed() ? -1 : engine.currentStep();
    const int item = step >= 0 ? engine.currentItem(step) : -1;
    state.measurement = WallMeasurementBuilder::build(engine, step, item, source.nowMs);
    if (step < 0) {
        const int open = engine.unfinishedStepCount();
        state.stepHeading
            = open == 0 ? QStringLiteral("ALL %1 STEPS FINISHED").arg(checklist.steps.size())
                        : QStringLiteral("INCIDENT CLOSED");
        state.stepStateWord = engine.isClosed() ? QStringLiteral("CLOSED")
                                                : QStringLiteral("DONE");
        state.stepTone = open == 0 ? WallTone::Done : WallTone::Deferred;
        state.itemText = !engine.isClosed()
                             ? QStringLiteral("Every step is finished: the commander closes the "
                                              "incident and exports the postmortem.")
                         : open == 0
                             ? QStringLiteral("The incident is closed.")
                             : QStringLiteral("The incident is closed with %1.")
                                   .arg(StepsLeft::of(engine).text(int(checklist.steps.size())));
        return;
    }
    const ChecklistStep &def = checklist.steps.at(step);
    const StepStatus &st = engine.step(step);
    state.stepHeading = QStringLiteral("STEP %1 OF %2 \u00B7 %3")
                            .arg(step + 1)
                            .arg(checklist.steps.size())
                            .arg(expandName(def.title, vars));
    state.stepStateWord = stepStateName(st.state).toUpper();
    state.stepTone = stepTone(st, isOverridden(st));
    if (const QString failed = failedRunWord(st); !failed.isEmpty()) {
        state.stepStateWord += QStringLiteral(" \u00B7 ") + failed;
        state.stepTone = WallTone::Failed;
    }
    if (st.state == StepState::Pending)
        state.stepStateWord += QStringLiteral(" \u00B7 waits for %1")
                                   .arg(engine.unmetDependencies(step).join(QStringLiteral(", ")));
    if (st.state == StepState::Failed) {
        // Its open items wait for a restart: the first of them read as the next thing to do.
        state.itemText
            = QStringLiteral("FAILED%1. Restart the step, or decide what waits for it.")
                  .arg(st.reason.isEmpty() ? QString()
                                           : QStringLiteral(": ") + withoutStop(st.reason));
        return;
    }
    if (item >= 0)
        state.itemText = QStringLiteral("%1/%2  %3")
                             .arg(item + 1)
                             .arg(def.items.size())
                             .arg(expandVariables(def.items.at(item).text, vars));
}

void WallStateBuilder::addStrip(const WallSource &source, WallState &state)
{
    const ChecklistEngine &engine = *source.engine;
    const auto &vars = engine.textVariables();
    const int current = engine.isClosed() ? -1 : engine.currentStep(); // as addCurrent says
    for (int i = 0; i < engine.stepCount(); ++i) {
        const StepStatus &st = engine.step(i);
        const bool overridden = isOverridden(st);
        WallStepTile tile;
        tile.number = i + 1;
        tile.title = expandName(engine.checklist().steps.at(i).title, vars);
        tile.shortTitle = shortTitle(tile.title);
        tile.stateWord = stepStateName(st.state).toUpper();
        tile.flagWord = overridden ? QStringLiteral("OVERRIDDEN") : QString();
        tile.tone = stepTone(st, overridden);
        // A step finished with items skipped is not the same DONE as one whose every item was
        // done: read from across the room, a plain green DONE would hide the skip.
        const auto skipped
            = std::count_if(st.items.cbegin(), st.items.cend(), [](const ItemStatus &item) {
                  return item.state == ItemState::Skipped;
              });
        if (skipped > 0 && st.state == StepState::Done) {
            const QString words = QStringLiteral("%1 SKIPPED").arg(skipped);
            tile.flagWord = overridden ? tile.flagWord + QStringLiteral(" \u00B7 ") + words : words;
            tile.tone = WallTone::Deferred;
        }
        // A side effect in doubt (a request sent and never answered): not failed, which would
        // invite running it again, and not a plain ACTIVE either, read from across the room.
        if (st.isInDoubt()) {
            tile.flagWord = overridden ? tile.flagWord + QStringLiteral(" \u00B7 UNKNOWN")
                                       : QStringLiteral("OUTCOME UNKNOWN");
            tile.tone = WallTone::Deferred;
        }
        if (const QString failed = failedRunWord(st); !failed.isEmpty()) {
            tile.flagWord = tile.flagWord.isEmpty()
                                ? failed
                                : tile.flagWord + QStringLiteral(" \u00B7 ") + failed;
            tile.tone = WallTone::Failed;
        }
        tile.current = i == current;
        state.steps.append(tile);
    }
}

namespace {

// A drill's last step finished after its runner ended it (timed out, the room went on): its
// clock stood still at the end, and the finish or the close read "under plan" in green there.
bool finishedAfterTheEnd(const StepsLeft &left, const ScreenClock &clock, qint64 planned,
                         const QString &prefix, WallForecast &out)
{
    if (!left.isEmpty() || !clock.isAfterEnd(left.lastEndMs))
        return false;
    out.text = prefix
               + QStringLiteral("the last step finished after the drill ended at %1 (plan %2)")
                     .arg(formatPlanTime(clock.shownMs(clock.endedAt())), formatPlanTime(planned));
    out.tone = WallTone::Deferred;
    return true;
}

// What an open incident's forecast assumes is settled now, where something failed: the forecast
// goes on at the pace so far, and read "finish ≈ T+52 (plan T+65)" in green, on track, under a
// header's red "ACTIVE · HALTED". Every kind is named (one alone let a room read the others as not
// mattering). Empty when nothing failed or is in doubt.
QString forecastCondition(const ChecklistEngine &engine, const StepsLeft &left)
{
    // Counted by item: a step with a failed job and a halted ramp named only the job.
    int runs = 0;
    int ramps = 0;
    for (int i = 0; i < engine.stepCount(); ++i) {
        const FailedRuns n = failedRuns(engine.step(i));
        runs += n.runs;
        ramps += n.ramps;
    }
    const auto part = [](int count, const char *one, const char *many) {
        return count == 1 ? QString::fromLatin1(one) : QString::fromLatin1(many).arg(count);
    };
    QStringList parts;
    if (left.failed > 0)
        parts << part(left.failed, "the failed step is started again",
                      "the %1 failed steps are started again");
    if (runs > 0)
        parts << part(runs, "the failed run is settled", "the %1 failed runs are settled");
    if (ramps > 0)
        parts << part(ramps, "the halted ramp is settled", "the %1 halted ramps are settled");
    if (left.inDoubt > 0)
        parts << part(left.inDoubt, "the unknown outcome is settled",
                      "the %1 unknown outcomes are settled");
    return parts.isEmpty() ? QString() : QStringLiteral("if %1 now").arg(joinAsList(parts));
}

} // namespace

WallForecast WallStateBuilder::forecast(const ChecklistEngine &engine, const ScreenClock &clock,
                                        qint64 nowMs, qint64 closedAtMs)
{
    WallForecast out;
    // Planned once: the close, a finish after the drill's end and the forecast all read it.
    const QList<PlannedStep> plan = SchedulePlanner::plan(engine.checklist());
    const qint64 planned = SchedulePlanner::finishMs(plan);
    const StepsLeft left = StepsLeft::of(engine);
    if (engine.isClosed()) {
        // Nothing more will finish: the forecast went on with the wall's clock after the close
        // ("finish ≈ T+58" in green, on an incident closed with a step failed).
        if (!left.isEmpty()) {
            out.text = QStringLiteral("closed with %1").arg(left.text());
            out.tone = WallTone::Deferred;
            return out;
        }
        // The room's number, as the console's closing summary says it: the close against the
        // plan ("closed, every step finished" left the drill's time to the console alone).
        if (finishedAfterTheEnd(left, clock, planned, QStringLiteral("closed; "), out))
            return out;
        const qint64 closedMs = clock.shownMs(std::max<qint64>(closedAtMs, 0));
        out.text = QStringLiteral("closed at %1 (plan %2): %3")
                       .arg(formatPlanTime(closedMs), formatPlanTime(planned),
                            formatPlanDelta(closedMs - planned));
        out.tone = isOverPlan(closedMs - planned) ? WallTone::Deferred : WallTone::Done;
        return out;
    }
    // Open, every step finished, the last after the drill's end: as closed, not "under plan".
    if (finishedAfterTheEnd(left, clock, planned, QString(), out))
        return out;
    // An ended drill's forecast stops with its clock: nothing more is drilled.
    const ScheduleForecast f = ScheduleForecaster::forecast(
        engine, plan, clock.liveAt(nowMs), [&clock](qint64 ms) { return clock.shownMs(ms); });
    out.text = forecastText(f);
    out.tone = forecastTone(f);
    if (const QString condition = forecastCondition(engine, left); !condition.isEmpty()) {
        out.text += u' ' + condition;
        out.tone = WallTone::Deferred;
    }
    return out;
}

void WallStateBuilder::addForecast(const WallSource &source, WallState &state)
{
    // On the clock the wall shows above it: a drill's, at its speed and without its pauses.
    const WallForecast f
        = forecast(*source.engine, *source.clock, source.nowMs,
                   ScreenClock::closedAt(source.engine->isClosed(), *source.events));
    state.forecast = f.text;
    state.forecastTone = f.tone;
}

void WallStateBuilder::addRecent(const WallSource &source, WallState &state)
{
    EventFormatter formatter(source.engine->checklist(), source.engine->textVariables());
    const TimelineEvents &events = *source.events;
    // On the drill clock in a drill that has one, as the wall's clock and announcements are.
    const ScreenClock &clock = *source.clock;
    formatter.setTimeText([&clock](qint64 elapsedMs) { return clock.shownText(elapsedMs); });
    // The faults a drill's runner injects are not told to the room while the drill runs.
    const bool faultsShown
        = EventFormatter::faultsShown(source.incident->mode, clock, source.engine->isClosed());
    for (qsizetype i = events.size() - 1; i >= 0 && state.recent.size() < recentCount; --i) {
        const TimelineEvent &e = events.at(i);
        // Private notes stay off a screen the whole room (and visitors) can read.
        if (isRoutine(e) || e.payload.value(PayloadKey::Private).toBool()
            || (!faultsShown && EventFormatter::isDrillFault(e)))
            continue;
        state.recent.append({clock.shownText(e.elapsedMs), e.actor, formatter.describe(e),
                             EventFormatter::isOverride(e)});
    }
}

void WallStateBuilder::addAnnouncements(const WallSource &source, const WallAnnouncements &given,
                                        WallState &state)
{
    if (!source.storageProblem.isEmpty())
        state.announcements.append({0,
                                     QStringLiteral("STORAGE LOST: %1. Nothing more is recorded; "
                                                    "the wall may be out of date.")
                                         .arg(source.storageProblem),
                                     WallTone::Failed});
    if (!source.chainProblem.isEmpty())
        state.announcements.append({0,
                                    QStringLiteral("TIMELINE DAMAGED: %1. Shown as stored; do "
                                                   "not act on it, warroom will not add to it.")
                                        .arg(source.chainProblem),
                                    WallTone::Failed});
    if (source.runnerGone && !source.engine->isClosed() && !source.clock->hasEnded())
        state.announcements.append(
            {0,
             QStringLiteral("DRILL RUNNER GONE: the app running this drill went away without "
                            "ending it. The clock here runs on until a console opens the "
                            "incident and records the end; no inject is coming."),
             WallTone::Failed});
    state.announcements.append(given.list());
}

} // namespace warroom
