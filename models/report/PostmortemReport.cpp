#include "report/PostmortemReport.h"

#include "engine/ChecklistEngine.h"
#include "gantt/GanttBuilder.h"
#include "gantt/SchedulePlanner.h"
#include "report/AuditEvidence.h"
#include "report/EventFormatter.h"
#include "report/KeyMomentText.h"
#include "report/RoutineFold.h"
#include "report/TimelineRows.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"
#include "util/TimeFormat.h"

#include <algorithm>
#include <system_error>
#include <thread>
#include <utility>

namespace warroom {

namespace {

PostmortemReport::RunRow runRow(int stepNumber, const ChecklistItem &item, const ItemStatus &is,
                                const QMap<QString, QString> &vars)
{
    const AutomationStatus &run = is.automation;
    PostmortemReport::RunRow row;
    row.stepNumber = stepNumber;
    row.item = expandVariables(item.text, vars);
    row.kind = itemKindName(item.kind);
    row.runs = run.runCount;
    row.requests = run.requests + run.samples; // a sample is a request too
    row.lastResult = run.lastResult;
    // As its confirmation says; else (a timeline from before the flag) as the run left it. A
    // run's success, undone and then confirmed by hand, read "confirmed by its run" here.
    row.byHand
        = is.state == ItemState::Confirmed
          && (is.byHand || (is.overridden && run.phase != AutomationStatus::Phase::Succeeded));
    // A ramp's gates, each with its last reading: the last sample alone showed one of two.
    if (run.readings.size() > 1) {
        QStringList gates;
        for (const AutomationStatus::Reading &r : run.readings)
            gates << QStringLiteral("%1%2: %3 (threshold %4)%5")
                         .arg(r.label,
                              r.weight < 0 ? QString() : QStringLiteral(" at %1%").arg(r.weight),
                              r.valueText, r.threshold,
                              r.passed ? QString() : QStringLiteral(" FAILING"));
        row.lastValue = gates.join(QStringLiteral("; "));
    } else if (run.hasSample)
        row.lastValue
            = QStringLiteral("%1 (threshold %2)%3")
                  .arg(run.valueText.isEmpty() ? run.sampleError : run.valueText, run.threshold,
                       run.sampleLabel.isEmpty() ? QString()
                                                 : QStringLiteral(", ") + run.sampleLabel);
    else if (!run.polledValue.isEmpty())
        row.lastValue = run.polledValue;
    if (run.weight >= 0)
        row.lastValue += (row.lastValue.isEmpty() ? QString() : QStringLiteral("; "))
                         + QStringLiteral("weight %1%").arg(run.weight);
    switch (is.state) {
    case ItemState::Confirmed:
        // A run that succeeded after others did not says so: "confirmed by its run" alone read
        // as if the first run had worked.
        row.outcome = row.byHand         ? QStringLiteral("confirmed BY HAND: ") + is.reason
                      : run.runCount > 1 ? QStringLiteral("confirmed by its run %1, after %2 that "
                                                          "did not succeed")
                                               .arg(run.runCount)
                                               .arg(run.runCount - 1)
                                         : QStringLiteral("confirmed by its run");
        break;
    case ItemState::Skipped:
        row.outcome = QStringLiteral("skipped: ") + is.reason;
        break;
    case ItemState::Open:
        row.outcome
            = run.phase == AutomationStatus::Phase::Idle
                  ? QStringLiteral("not run")
                  : QStringLiteral("open, last run ") + AutomationStatus::phaseName(run.phase)
                        + (run.reason.isEmpty() ? QString() : QStringLiteral(": ") + run.reason);
        break;
    }
    return row;
}

// Who confirmed items and which overrides happened, by step id; filled from the exported slice.
struct StepFacts
{
    QMap<QString, QStringList> confirmedBy;
    QMap<QString, QStringList> overrides;
};

QString overrideWhat(const TimelineEvent &e)
{
    if (e.kind == EventKind::StepStarted)
        return QStringLiteral("started out of order");
    if (e.kind == EventKind::StepSkipped)
        return QStringLiteral("step skipped");
    if (e.kind == EventKind::ItemSkipped)
        return QStringLiteral("item skipped");
    if (e.payload.value(PayloadKey::ByHand).toBool())
        return QStringLiteral("confirmed by hand instead of by its run");
    return isRunEventKind(e.kind) ? QStringLiteral("run out of order")
                                  : QStringLiteral("item out of order");
}

// A poll's answer by someone who had answered for another role in the same round: known only
// from the answers before it (PostmortemRoom), not from the event alone as keyMomentOf is.
// `kind` is what the event is alone; a NO-GO stays one (its sentence says both).
KeyMoment secondVoice(const PostmortemRoom &room, const TimelineEvent &e, KeyMoment kind)
{
    if (e.kind != EventKind::PollAnswered || kind == KeyMoment::NoGo)
        return kind;
    // Once a round and person: at their second role. Not where one person answered every poll
    // (a drill played alone): there the room had one voice, which the People section says.
    const bool others = std::any_of(room.polls.cbegin(), room.polls.cend(),
                                    [&e](const auto &p) { return p.person != e.actor; });
    const bool second = std::any_of(room.polls.cbegin(), room.polls.cend(), [&e](const auto &p) {
        return p.seq == e.seq && p.alsoAnsweredAs.size() == 1;
    });
    return others && second ? KeyMoment::SecondVoice : kind;
}

PostmortemReport::Person &personNamed(PostmortemReport &r, const QString &name)
{
    for (PostmortemReport::Person &p : r.persons)
        if (p.name == name)
            return p;
    r.people << name;
    r.persons.append({name, 0, {}, {}, {}});
    return r.persons.last();
}

// Who acted, how fast a drill ran, how long warroom was away: from every event, in or out of
// the slice, because they describe the incident, not the slice.
void collectIncidentFacts(PostmortemReport &r, const TimelineEvent &e, const TimelineEvent *before,
                          const EventFormatter &formatter)
{
    ++personNamed(r, e.actor).eventsSigned;
    const QString second = e.payload.value(PayloadKey::SecondPerson).toString();
    if (!second.isEmpty()) {
        const QString item = formatter.itemText(e.stepId, e.itemId);
        QStringList &looked = personNamed(r, second).secondPersonFor;
        if (!looked.contains(item))
            looked << item;
    }
    // Whoever commanded, from the declaration or a handover, held command: one who signed
    // nothing was left out of People.
    const QString commander
        = e.kind == EventKind::IncidentDeclared ? e.payload.value(PayloadKey::Commander).toString()
          : e.kind == EventKind::CommandHandedOver ? e.payload.value(PayloadKey::To).toString()
                                                   : QString();
    if (!commander.isEmpty()) {
        QStringList &held = personNamed(r, commander).held;
        const QString command = QStringLiteral("command");
        if (!held.contains(command))
            held.prepend(command);
    }
    if (e.kind == EventKind::RoleAssigned) {
        const QString role = r.checklist.roleTitle(e.payload.value(PayloadKey::Role).toString());
        const auto add = [&role](QStringList &titles) {
            if (!titles.contains(role))
                titles << role;
        };
        if (const QString holder = e.payload.value(PayloadKey::Person).toString();
            !holder.isEmpty())
            add(personNamed(r, holder).held);
        if (const QString fallback = e.payload.value(PayloadKey::Fallback).toString();
            !fallback.isEmpty())
            add(personNamed(r, fallback).fallbackFor);
    }
    const double scale = e.payload.value(PayloadKey::TimeScale).toDouble(1.0);
    if (scale > 0 && scale < 1)
        r.drillSpeed = std::max(r.drillSpeed, 1.0 / scale);
    if (e.kind == EventKind::IncidentResumed && before) {
        r.awayMs += e.elapsedMs - before->elapsedMs;
        r.stops.append({before->elapsedMs, e.elapsedMs});
    }
}

// The document's rows (routine events folded unless --all-events), the key moments and the
// per-step facts of the events in the slice.
void collectTimeline(PostmortemReport &r, const EventFormatter &formatter,
                     const KeyMomentText &moments, StepFacts &facts)
{
    TimelineRows rows(r.checklist, formatter);
    const ExportOptions &options = r.options;
    RoutineFold fold(formatter);
    const TimelineEvent *before = nullptr;
    const bool document = r.isDocument();
    bool drillEndSeen = false;
    // The screens' clock as it stood before each event: a close that comes while a runner's
    // drill clock runs is the drill's end (its runner can no longer write one).
    ScreenClock clockSoFar;
    // At most a row an event, reserved whatever folds: growing to 100,000 notes' rows copied
    // them over 17 times, and pages of the heap a long folded timeline never uses are never
    // touched.
    if (document)
        r.documentRows.reserve(r.events.size());
    for (const TimelineEvent &e : std::as_const(r.events)) {
        collectIncidentFacts(r, e, before, formatter);
        const TimelineEvent *previous = before;
        before = &e;
        const bool isPrivate
            = e.kind == EventKind::NoteAdded && e.payload.value(PayloadKey::Private).toBool();
        // A drill ends once: the screens' clock takes the first end (ScreenClock::addFact), and
        // a second end note (only a forged timeline has one) is no second verdict, also where
        // a slice leaves the first out.
        const bool secondEnd = e.kind == EventKind::NoteAdded && e.actor == ScreenClock::facilitator
                               && keyMomentOf(e, r.incident.mode) == KeyMoment::DrillEnded
                               && std::exchange(drillEndSeen, true);
        // The room's close: the runner's own (a scripted drill's end) closes what it ended.
        const bool closesTheDrill = e.kind == EventKind::IncidentClosed && r.isDrill()
                                    && e.actor != ScreenClock::facilitator
                                    && clockSoFar.isDrillClock() && !clockSoFar.hasEnded();
        clockSoFar.add(e);
        if (document && !options.allEvents)
            fold.see(e);
        const bool inSlice = (!options.fromMs || e.elapsedMs >= *options.fromMs)
                             && (!options.toMs || e.elapsedMs <= *options.toMs);
        if (isPrivate && !options.includePrivateNotes)
            ++r.privateNotesLeftOut;
        if (!inSlice || (isPrivate && !options.includePrivateNotes)) {
            r.omitted.insert(e.seq);
            continue;
        }
        ++r.exportedEvents;
        if (e.kind == EventKind::ItemConfirmed && !facts.confirmedBy[e.stepId].contains(e.actor))
            facts.confirmedBy[e.stepId] << e.actor;
        if (EventFormatter::isOverride(e) && !e.stepId.isEmpty())
            facts.overrides[e.stepId] << QStringLiteral("%1 by %2: %3")
                                             .arg(overrideWhat(e), e.actor,
                                                  e.payload.value(PayloadKey::Reason).toString());
        if (!document)
            continue;
        if (const KeyMoment kind = secondVoice(r.room, e, keyMomentOf(e, r.incident.mode));
            kind != KeyMoment::None && !(kind == KeyMoment::DrillEnded && secondEnd))
            r.keyMoments.append({e.seq, e.elapsedMs, e.actor, kind, moments.describe(e, previous)});
        if (closesTheDrill)
            r.keyMoments.append(
                {e.seq, e.elapsedMs, e.actor, KeyMoment::DrillClosed, drillClosedText()});
        // A routine event that folds is not described: that was a sixth of a folded
        // 100,000-event Markdown export.
        if (options.allEvents)
            r.documentRows.append(rows.row(e, true));
        else
            fold.add(r.documentRows, e, [&] { return rows.row(e, !RoutineFold::isRoutine(e)); });
    }
    fold.finish(r.documentRows);
}

// What a step's state does not say: items skipped, confirmed by hand instead of by their run,
// or deferred and still open ("done" alone hid them).
QString stateNote(const ChecklistStep &def, const StepStatus &st)
{
    int skipped = 0;
    int byHand = 0;
    int deferred = 0;
    int deferredDone = 0;
    for (int j = 0; j < st.items.size() && j < def.items.size(); ++j) {
        const ItemStatus &is = st.items.at(j);
        skipped += is.state == ItemState::Skipped ? 1 : 0;
        // The rule of the runs table (runRow).
        byHand += is.state == ItemState::Confirmed && def.items.at(j).isAutomated()
                          && (is.byHand
                              || (is.overridden
                                  && is.automation.phase != AutomationStatus::Phase::Succeeded))
                      ? 1
                      : 0;
        deferred += is.state == ItemState::Open && is.deferral.isActive() ? 1 : 0;
        // The deferral is kept on an item confirmed later (for an undo).
        deferredDone += is.state != ItemState::Open && is.deferral.isActive() ? 1 : 0;
    }
    QStringList notes;
    // A reader of the trouble drill missed step 7's start before step 6 was done, and step 2's
    // deferred item, in "not all by the book".
    if (st.startOverridden)
        notes << QStringLiteral("started out of order");
    if (skipped > 0)
        notes << (skipped > 1 ? QStringLiteral("%1 items skipped").arg(skipped)
                              : QStringLiteral("1 item skipped"));
    if (byHand > 0)
        notes << QStringLiteral("%1 confirmed by hand").arg(byHand);
    if (deferred > 0)
        notes << QStringLiteral("%1 deferred, still open").arg(deferred);
    if (deferredDone > 0)
        notes << QStringLiteral("%1 deferred, done later").arg(deferredDone);
    return notes.join(QStringLiteral(", "));
}

// The step table, the runs of automated items and the decisions taken at choice items.
void collectSteps(PostmortemReport &r, const ChecklistEngine &engine, const StepFacts &facts)
{
    const Checklist &checklist = r.checklist;
    const QMap<QString, QString> &vars = engine.textVariables();
    const QList<PlannedStep> plan = SchedulePlanner::plan(checklist);
    for (int i = 0; i < checklist.steps.size(); ++i) {
        const ChecklistStep &def = checklist.steps.at(i);
        const StepStatus &st = engine.step(i);
        PostmortemReport::StepRow row;
        row.number = i + 1;
        row.id = def.id;
        row.title = expandName(def.title, vars);
        row.role = checklist.roleTitle(def.role);
        row.state = stepStateName(st.state);
        row.plannedMs = plan.at(i).endMs - plan.at(i).startMs;
        row.critical = plan.at(i).critical;
        row.startedMs = st.startedElapsedMs;
        row.endedMs = st.endedElapsedMs;
        if (st.isStarted())
            row.actualMs
                = (st.endedElapsedMs >= 0 ? st.endedElapsedMs : r.durationMs) - st.startedElapsedMs;
        row.confirmedBy = facts.confirmedBy.value(def.id);
        row.overrides = facts.overrides.value(def.id);
        row.stateNote = stateNote(def, st);
        r.steps.append(row);
        for (int j = 0; j < def.items.size(); ++j) {
            const ChecklistItem &item = def.items.at(j);
            const ItemStatus &is = st.items.at(j);
            if (item.isAutomated())
                r.runs.append(runRow(i + 1, item, is, vars));
            if (item.kind != ItemKind::Choice || is.state != ItemState::Confirmed)
                continue;
            const ChoiceOption *o = item.option(is.value);
            r.decisions.append({expandVariables(item.text, vars),
                                o ? expandVariables(o->label, vars) : is.value, is.actor,
                                is.elapsedMs});
        }
    }
}

void collectMilestones(PostmortemReport &r, const ChecklistEngine &engine)
{
    for (const ChecklistMilestone &m : std::as_const(r.checklist.milestones)) {
        const int i = r.checklist.stepIndex(m.stepId);
        const StepStatus &st = engine.step(i);
        // "Done" is reached only by a step done: a failed or skipped step has an end too, and a
        // drill whose ramp halted read "Rollback complete", with a time to healthy, and its
        // CDEvents said the service was rolled back (the chart, which folds step.completed,
        // drew no such line).
        if (m.when == ChecklistMilestone::When::Done && st.state != StepState::Done)
            continue;
        const qint64 at
            = m.when == ChecklistMilestone::When::Started ? st.startedElapsedMs : st.endedElapsedMs;
        if (at < 0)
            continue;
        if (m.id == QLatin1String("rollback-start"))
            r.rollbackStartMs = at;
        else if (m.id == QLatin1String("rollback-complete"))
            r.rollbackCompleteMs = at;
    }
}

// Runs `work` on a thread of its own, joined when the returned jthread is destroyed (however the
// caller returns); on a machine that cannot start one, here and now.
template<typename Work>
std::jthread beside(const Work &work)
{
    try {
        return std::jthread(work);
    } catch (const std::system_error &) {
        work();
        return {};
    }
}

} // namespace

PostmortemReport PostmortemReport::build(const IncidentRecord &incident, const Checklist &checklist,
                                         const TimelineEvents &events, const ExportOptions &options,
                                         const std::shared_future<ChainReport> &checking)
{
    PostmortemReport r;
    r.incident = incident;
    r.checklist = checklist;
    r.options = options;
    r.events = events;
    r.durationMs = events.isEmpty() ? 0 : events.constLast().elapsedMs;
    // The chain is checked beside the rest (it reads only the stored texts and hashes, which
    // nothing below writes), on one core: this thread keeps the other busy folding the timeline.
    // Unless the caller's check is under way already.
    std::jthread chainCheck;
    if (!checking.valid()) {
        chainCheck = beside([&r, &incident, &events] {
            r.chain = ChainVerifier::verifyOnOneCore(incident, events);
        });
    }

    // The whole timeline folded first, so the text says what the screen says: the incident's
    // variables and every value an action extracted ({{job_id}}), whatever the slice.
    ChecklistEngine engine(checklist, incidentTextVariables(incident));
    engine.applyAll(events);
    r.textVariables = engine.textVariables();
    // A document's audit evidence and chart each read the whole timeline again: beside the
    // timeline's rows, on the core the chain check leaves when it is done. They read only what
    // this thread no longer writes (the caller's checklist and events, a copy of the variables),
    // write only their own members of the report, and have a formatter of their own, as one
    // keeps the last text it made. Only when every payload is parsed: an event read for a
    // session parses its payload at the first read, which writes (EventPayload), and both
    // threads read payloads; a dialog's export of such events makes them here, one after another.
    const auto evidenceAndChartOf = [&r, &checklist, &events, &incident,
                                     variables = r.textVariables, durationMs = r.durationMs] {
        AuditEvidence::collect(events, EventFormatter(checklist, variables), r.notifications,
                               r.validations);
        const GanttBuilder chart(checklist, variables, SchedulePlanner::plan(checklist));
        r.gantt = chart.build(events, durationMs, incident.declaredUtcMs);
    };
    std::jthread evidenceAndChart;
    if (r.isDocument()) {
        if (std::all_of(events.cbegin(), events.cend(),
                        [](const TimelineEvent &e) { return e.payload.isParsed(); }))
            evidenceAndChart = beside(evidenceAndChartOf);
        else
            evidenceAndChartOf();
    }
    const EventFormatter formatter(r.checklist, r.textVariables);
    r.room = PostmortemRoom::collect(engine, events);
    StepFacts facts;
    collectTimeline(r, formatter, KeyMomentText(formatter, engine, r.room, &events), facts);
    r.closed = engine.isClosed();
    collectSteps(r, engine, facts);
    collectMilestones(r, engine);
    // Joined before `r` is returned: the return may move it before the threads are destroyed.
    for (std::jthread *t : {&evidenceAndChart, &chainCheck}) {
        if (t->joinable())
            t->join();
    }
    if (checking.valid())
        r.chain = checking.get();
    return r;
}

} // namespace warroom
