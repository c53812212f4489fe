// What the debrief says, section by section. Every time is drill time (T+ from the declaration,
// on the drill clock), so the facilitator's pauses are in none of them.
#include "facilitation/DebriefSections.h"

#include "drill/DrillResult.h"
#include "facilitation/Debrief.h"
#include "facilitation/DebriefChart.h"
#include "facilitation/DebriefText.h"
#include "util/TimeFormat.h"

#include <QJsonDocument>

#include <algorithm>
#include <limits>

namespace warroom {

namespace {

QString span(qint64 ms)
{
    return ms < 0 ? QStringLiteral("\u2014") : formatElapsed(ms).mid(2);
}

QString at(qint64 ms)
{
    return ms < 0 ? QStringLiteral("\u2014") : formatElapsed(ms);
}

QString signedSpan(qint64 ms, const QString &plus, const QString &minus)
{
    return QStringLiteral("%1 %2").arg(span(qAbs(ms)), ms >= 0 ? plus : minus);
}

QString stepTitle(const Debrief &d, const QString &id)
{
    if (id.isEmpty())
        return QStringLiteral("the drill");
    for (const ChecklistStep &s : d.checklist.steps) {
        if (s.id == id)
            return s.title;
    }
    return id;
}

// The room's first decision after an inject fired, on any step: what it answered with.
QString response(const Debrief &d, const InjectState &i)
{
    for (const StepScore &s : d.score.steps) {
        if (s.fromInject == i.inject.id && s.decisionMs >= 0)
            return QStringLiteral("%1: %2 after %3").arg(s.title, s.decision,
                                                         span(s.timeToDecisionMs()));
    }
    return QStringLiteral("\u2014");
}

DebriefSection injects(const Debrief &d)
{
    DebriefSection s;
    s.title = QStringLiteral("Injects and the room's response");
    s.headers = {QStringLiteral("Fired"), QStringLiteral("Inject"), QStringLiteral("To"),
                 QStringLiteral("What"), QStringLiteral("Acknowledged"),
                 QStringLiteral("Time to acknowledge"), QStringLiteral("The room's decision")};
    // In the order they fired, then those that never did as the scenario lists them: the board
    // keeps the scenario's order with unscheduled ones after it, and a message sent at T+11:55
    // was listed below a fault fired at T+12:21.
    QList<const InjectState *> ordered;
    for (const InjectState &i : d.record.board.injects())
        ordered.append(&i);
    const auto key = [](const InjectState *i) {
        return i->state == InjectState::State::Fired && i->firedAtMs >= 0
                   ? i->firedAtMs
                   : std::numeric_limits<qint64>::max();
    };
    std::stable_sort(
        ordered.begin(), ordered.end(),
        [&key](const InjectState *a, const InjectState *b) { return key(a) < key(b); });
    for (const InjectState *fromBoard : ordered) {
        const InjectState &i = *fromBoard;
        const QString what = i.inject.fault.isEmpty()
                                 ? i.inject.message
                                 : QStringLiteral("backend fault %1 (not announced)")
                                       .arg(QString::fromUtf8(QJsonDocument(i.inject.fault)
                                                                  .toJson(QJsonDocument::Compact)));
        const QString fired = i.state == InjectState::State::Fired   ? at(i.firedAtMs)
                              : i.state == InjectState::State::Skipped ? QStringLiteral("skipped")
                                                                       : QStringLiteral("not fired");
        const QString ack = i.acknowledgedAtMs < 0
                                ? QStringLiteral("\u2014")
                                : QStringLiteral("%1 by %2").arg(at(i.acknowledgedAtMs),
                                                                 i.acknowledgedBy);
        s.rows.append(QStringList{
            fired,
            QString(i.inject.id + (i.unscheduled ? QStringLiteral(" (unscheduled)") : QString())),
            i.inject.recipient(d.checklist), what, ack, span(i.timeToAcknowledgeMs()),
            response(d, i)});
    }
    if (s.rows.isEmpty())
        s.paragraphs << QStringLiteral("No inject was thrown in.");
    return s;
}

DebriefSection chart(const Debrief &d)
{
    DebriefSection s;
    s.title = QStringLiteral("The drill on the chart: steps planned against actual, and the "
                             "injects");
    s.chart = true;
    const DebriefChart c = DebriefChart::of(d);
    const QString caption = QStringLiteral(
        "On the drill clock. Outline: the plan (thick on the critical path); filled: what "
        "happened (green done, blue under way, grey skipped, orange failed); thin strip: the runs "
        "of actions and checks%1; numbered dashed lines: the injects as they fired (the table "
        "says which); hatched band: a pause.");
    s.paragraphs << caption.arg(ReportChart::unknownRunsCaption(d.gantt));
    // In the caption's own paragraph: the PDF keeps the heading and the one paragraph before
    // the chart with it (KeepWithNext), and a second one left them at the foot of a page.
    if (const qint64 end = c.axisEndMs(d.gantt); end > 0)
        s.paragraphs.last() += QStringLiteral(" The time axis ends at %1, shortly after the "
                                              "drill did; the plan runs on to %2, past its "
                                              "right edge (\u2192).")
                                   .arg(at(end), at(d.gantt.extentMs));
    s.headers = {QStringLiteral("#"), QStringLiteral("Inject"), QStringLiteral("Fired"),
                 QStringLiteral("To"), QStringLiteral("Steps under way")};
    for (const DebriefChart::Inject &i : c.injects)
        s.rows.append(QStringList{i.label, i.id, at(i.atMs), i.to,
                                  i.onSteps.isEmpty() ? QStringLiteral("none")
                                                      : i.onSteps.join(QStringLiteral("; "))});
    if (s.rows.isEmpty())
        s.paragraphs << QStringLiteral("No inject fired.");
    QStringList pauses;
    for (const DebriefChart::Pause &p : c.pauses)
        pauses << (p.realMs < 0 ? QStringLiteral("at %1, not resumed").arg(at(p.atMs))
                                : QStringLiteral("at %1 for %2").arg(at(p.atMs), span(p.realMs)));
    s.afterTable = pauses.isEmpty()
                       ? QStringLiteral("The drill was not paused.")
                       : QStringLiteral("Paused (hatched on the chart; real time, the drill "
                                        "clock stood still): %1.")
                             .arg(pauses.join(QStringLiteral("; ")));
    return s;
}

DebriefSection steps(const Debrief &d)
{
    DebriefSection s;
    s.title = QStringLiteral("Steps: time to decision, duration, rating");
    s.headers = {QStringLiteral("#"), QStringLiteral("Step"), QStringLiteral("Counted from"),
                 QStringLiteral("Decision"), QStringLiteral("Time to decision"),
                 QStringLiteral("Target"), QStringLiteral("Duration"), QStringLiteral("Plan"),
                 QStringLiteral("History"), QStringLiteral("Rating")};
    int n = 0;
    for (const StepScore &x : d.score.steps) {
        const QString from = x.readyMs < 0 ? QStringLiteral("not ready")
                             : x.fromInject.isEmpty()
                                 ? QStringLiteral("ready %1").arg(at(x.fromMs))
                                 : QStringLiteral("inject %1 %2").arg(x.fromInject, at(x.fromMs));
        QString target = span(x.targetMs);
        if (x.hasTarget())
            target += x.onTarget() ? QStringLiteral(" (met)") : QStringLiteral(" (over)");
        s.rows.append(QStringList{QString::number(++n), x.title, from,
                       x.decision.isEmpty() ? QStringLiteral("\u2014") : x.decision,
                       span(x.timeToDecisionMs()), target,
                       x.ending.isEmpty() ? span(-1) : QString(span(x.durationMs()) + u' ' + x.ending),
                       span(x.plannedMs), span(x.historyMs),
                       x.rating.isEmpty() ? QStringLiteral("\u2014") : x.rating});
    }
    s.afterTable = QStringLiteral(
        "Time to decision: from the step becoming ready (or from the latest inject before the "
        "room decided it) to its first decisive act: an action sent, a check or ramp started, a "
        "choice made, a skip, a halt. Plan: the checklist's expected minutes. History: the median "
        "of past drills people played at \u00D71.");
    return s;
}

DebriefSection expectations(const Debrief &d)
{
    DebriefSection s;
    s.title = QStringLiteral("Expectations");
    s.headers = {QStringLiteral("Expectation"), QStringLiteral("What"), QStringLiteral("Result"),
                 QStringLiteral("By how much"), QStringLiteral("Measured")};
    for (const ExpectationScore &e : d.score.expectations) {
        const QString margin = e.marginMs == 0 ? QStringLiteral("\u2014")
                                               : signedSpan(e.marginMs, QStringLiteral("to spare"),
                                                            QStringLiteral("over"));
        s.rows.append(QStringList{e.id, e.description, ExpectationScore::statusName(e.status).toUpper(),
                       margin, e.measured});
    }
    if (s.rows.isEmpty())
        s.paragraphs << QStringLiteral("The scenario sets no expectations.");
    return s;
}

// The runner's verdict, first: "Outcome: stopped (reenable/ramp halted)" read as a failure in a
// drill whose scenario expects that halt, and nothing said whether the drill passed.
void verdict(const FacilitationRecord &r, DebriefSection &s)
{
    if (r.outcome.isEmpty()) {
        s.bullets << QStringLiteral("Verdict: none yet, the drill has not ended.");
        return;
    }
    if (!r.passed && r.outcome == FacilitationRecord::runnerGoneOutcome) {
        s.bullets << QStringLiteral("Verdict: none: the app running the drill went away before "
                                    "it judged it. The expectations below are judged where a "
                                    "screen found it gone and every clock stopped.");
        return;
    }
    if (!r.passed && r.outcome == FacilitationRecord::unjudgedEndOutcome) {
        s.bullets << QStringLiteral("Verdict: not saved. The app running the drill stopped "
                                    "right after ending it; its end note in the timeline gives "
                                    "the verdict.");
        return;
    }
    if (!r.passed) {
        s.bullets << QStringLiteral("Verdict: not recorded (this drill ran before warroom "
                                    "recorded its verdict in the facilitation record).");
        return;
    }
    if (*r.passed) {
        s.bullets << QStringLiteral("Verdict: PASSED, every step and expectation as its scenario "
                                    "expects.");
        return;
    }
    const qsizetype n = r.failures.size();
    // The runner fails a drill on its steps too (a step failed), and on its own problems (an
    // inject the backend did not take, a NO-GO), which no expectation names: "1 failure against
    // what its scenario expects" stood above "Expectations: 3 met, 0 missed". Its lines say
    // which: an expectation's begins "expectation ", a step's "step " (DrillResult).
    const auto all = [&r](QLatin1StringView prefix, bool starts) {
        return std::all_of(r.failures.cbegin(), r.failures.cend(),
                           [&](const QString &line) { return line.startsWith(prefix) == starts; });
    };
    const bool noExpectation = all(QLatin1StringView("expectation "), false);
    const bool stepsOnly = all(QLatin1StringView("step "), true);
    const QString count = DrillResult::failureCount(n);
    s.bullets << (n == 0 ? QStringLiteral("Verdict: DID NOT PASS (the drill did not end as its "
                                          "scenario expects).")
                  : noExpectation && stepsOnly
                      ? QStringLiteral("Verdict: DID NOT PASS, %1 in its steps (every "
                                       "expectation of its scenario is met):")
                            .arg(count)
                  : noExpectation ? QStringLiteral("Verdict: DID NOT PASS, %1 (every expectation "
                                                   "of its scenario is met):")
                                        .arg(count)
                                  : QStringLiteral("Verdict: DID NOT PASS, %1 against what its "
                                                   "scenario expects:")
                                        .arg(count));
    // The record is the facilitator's file: a long list is cut, and so is a long line (the
    // runner's own lines are a few hundred characters).
    constexpr qsizetype shown = 20;
    constexpr qsizetype lineChars = 2000;
    for (qsizetype i = 0; i < std::min(n, shown); ++i)
        s.bullets << QStringLiteral("Failure %1: %2")
                         .arg(i + 1)
                         .arg(DebriefText::oneLine(DebriefText::cut(r.failures.at(i), lineChars)));
    if (n > shown)
        s.bullets << QStringLiteral("and %1 more, in the drill's JUnit report and JSON summary.")
                         .arg(n - shown);
}

DebriefSection overview(const Debrief &d)
{
    DebriefSection s;
    const DrillScore &x = d.score;
    const QString outcome = d.record.outcome.isEmpty()
                                ? QStringLiteral("not ended")
                                : QString(d.record.outcome
                                          + (d.record.stopReason.isEmpty()
                                                 ? QString()
                                                 : QStringLiteral(" (%1)").arg(d.record.stopReason)));
    // One arg() for all: a title with "%1" in it must not take the next argument's place.
    s.paragraphs << QStringLiteral("Incident #%1 (DRILL) “%2”, declared %3 by %4; checklist %5 "
                                   "revision %6, at ×%7 on the drill clock. Outcome: %8.")
                        .arg(QString::number(d.incident.id), d.incident.title,
                             formatUtc(d.incident.declaredUtcMs), d.incident.commander,
                             d.checklist.id, d.incident.checklistRevision,
                             QString::number(d.record.clock.speed()), outcome);
    s.paragraphs << QStringLiteral(
        "This is the after-action report of a drill, for everyone who took part. It carries the "
        "facilitator's ratings and notes; the incident's postmortem does not.");
    verdict(d.record, s);
    QList<int> counts{0, 0, 0};
    for (const ExpectationScore &e : x.expectations)
        counts[int(e.status)] += 1;
    s.bullets << QStringLiteral("Drill: %1 on the drill clock; plan %2 (the checklist's expected "
                                "minutes, critical path)%3.")
                     .arg(span(x.drillMs), span(x.plannedMs),
                          x.historyMs < 0
                              ? QStringLiteral("; no past drill people played at ×1 to compare")
                              : QStringLiteral("; history %1 (the plan from the "
                                               "median of %2 past drills)")
                                    .arg(span(x.historyMs))
                                    .arg(x.historyDrills));
    s.bullets << QStringLiteral("Paused %1 time(s), %2 of real time, left out of every figure.")
                     .arg(x.pauses)
                     .arg(span(x.pausedMs));
    s.bullets << QStringLiteral("Expectations: %1 met, %2 missed, %3 pending.")
                     .arg(counts[0])
                     .arg(counts[1])
                     .arg(counts[2]);
    qsizetype ofCapabilities = 0;
    for (const StepRating &r : d.record.log.ratings())
        ofCapabilities += d.record.scenario.capability(r.stepId) ? 1 : 0;
    const qsizetype capabilityCount = d.record.scenario.capabilities.size();
    s.bullets << QStringLiteral("Ratings: P %1, S %2, M %3, U %4 (%5 of %6 steps%7 rated).")
                     .arg(x.tally.value(0))
                     .arg(x.tally.value(1))
                     .arg(x.tally.value(2))
                     .arg(x.tally.value(3))
                     .arg(d.record.log.ratings().size() - ofCapabilities)
                     .arg(d.checklist.steps.size())
                     .arg(capabilityCount == 0
                              ? QString()
                              : QStringLiteral(" and %1 of %2 capabilities")
                                    .arg(ofCapabilities)
                                    .arg(capabilityCount));
    return s;
}

DebriefSection scenario(const Debrief &d)
{
    DebriefSection s;
    s.title = QStringLiteral("Scenario and objectives");
    if (!d.record.scenario.description.isEmpty())
        s.paragraphs << d.record.scenario.description;
    s.bullets = d.record.scenario.objectives;
    if (s.bullets.isEmpty())
        s.paragraphs << QStringLiteral("The scenario names no learning objectives.");
    return s;
}

// HSEEP rates capabilities; the scenario names them, each over the steps that exercise it.
DebriefSection capabilities(const Debrief &d)
{
    DebriefSection s;
    s.title = QStringLiteral("Capabilities (P / S / M / U)");
    s.headers = {QStringLiteral("Capability"), QStringLiteral("Steps"), QStringLiteral("Rating"),
                 QStringLiteral("Meaning"), QStringLiteral("Note"), QStringLiteral("By"),
                 QStringLiteral("When")};
    for (const DrillCapability &c : d.record.scenario.capabilities) {
        QStringList steps;
        for (const QString &id : c.steps) {
            const int index = d.checklist.stepIndex(id);
            steps << (index < 0 ? id : QStringLiteral("%1. %2").arg(index + 1).arg(stepTitle(d, id)));
        }
        const StepRating *r = d.record.log.rating(c.id);
        s.rows.append(QStringList{c.name, steps.join(QStringLiteral("; ")),
                                  r ? FacilitatorLog::letter(r->rating) : QStringLiteral("\u2014"),
                                  r ? FacilitatorLog::meaning(r->rating) : QStringLiteral("not rated"),
                                  r ? r->note : QString(), r ? r->author : QString(),
                                  r ? at(r->atDrillMs) : QString()});
    }
    return s;
}

QList<DebriefSection> notes(const Debrief &d)
{
    DebriefSection ratings;
    ratings.title = QStringLiteral("The facilitator's ratings (P / S / M / U)");
    ratings.headers = {QStringLiteral("Step"), QStringLiteral("Rating"),
                       QStringLiteral("Meaning"), QStringLiteral("Note"), QStringLiteral("By")};
    for (const StepRating &r : d.record.log.ratings()) {
        if (d.record.scenario.capability(r.stepId))
            continue; // in the capabilities' own table
        ratings.rows.append(QStringList{stepTitle(d, r.stepId), FacilitatorLog::letter(r.rating),
                             FacilitatorLog::meaning(r.rating), r.note, r.author});
    }
    if (ratings.rows.isEmpty())
        ratings.paragraphs << QStringLiteral("No step was rated.");
    DebriefSection obs;
    obs.title = QStringLiteral("Observations");
    obs.headers = {QStringLiteral("When"), QStringLiteral("Step"), QStringLiteral("Observation"),
                   QStringLiteral("By")};
    for (const Observation &o : d.record.log.observations())
        obs.rows.append(QStringList{at(o.atDrillMs), stepTitle(d, o.stepId), o.text, o.author});
    if (obs.rows.isEmpty())
        obs.paragraphs << QStringLiteral("The facilitator wrote no observation.");
    DebriefSection lessons;
    lessons.title = QStringLiteral("Lessons and improvement items");
    lessons.paragraphs << QStringLiteral(
        "To fill in together at the debrief: what to change in the checklist, the tooling or the "
        "training, who owns it and by when.");
    lessons.headers = {QStringLiteral("Improvement"), QStringLiteral("Owner"),
                       QStringLiteral("Due")};
    for (int i = 0; i < 4; ++i)
        lessons.rows.append(QStringList{QString(), QString(), QString()});
    if (d.record.scenario.capabilities.isEmpty())
        return {ratings, obs, lessons};
    return {capabilities(d), ratings, obs, lessons};
}

} // namespace

QList<DebriefSection> debriefSections(const Debrief &d)
{
    QList<DebriefSection> out{overview(d), scenario(d), injects(d), chart(d), steps(d),
                              expectations(d)};
    out << notes(d);
    // Whatever people typed is one line of plain text in every format (DebriefText).
    for (DebriefSection &s : out) {
        s.title = DebriefText::oneLine(s.title);
        for (QStringList *list : {&s.paragraphs, &s.bullets, &s.headers})
            for (QString &t : *list)
                t = DebriefText::oneLine(t);
        for (QStringList &row : s.rows)
            for (QString &t : row)
                t = DebriefText::oneLine(t);
        s.afterTable = DebriefText::oneLine(s.afterTable);
    }
    return out;
}

QString debriefTitle(const Debrief &d)
{
    return DebriefText::oneLine(
        QStringLiteral("Drill debrief: %1")
            .arg(d.record.scenario.title.isEmpty() ? d.incident.title : d.record.scenario.title));
}

} // namespace warroom
