#include "facilitation/DebriefChart.h"
#include "facilitation/DrillScore.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"

#include <QTest>

using namespace warroom;
using warroom::test::s;

namespace {

// One scripted event: "kind step/item @seconds [outcome|phase]".
struct Ev
{
    QString kind;
    QString target;
    double atS;    // fractions: a drill clock at ×50 puts events between whole seconds
    QString extra; // a run's outcome, or an action.requested's phase
};

struct Fired
{
    QString id;
    qint64 atDrillS;
    QString onEvent; // "run-started:reenable/ramp"; empty: a fixed time
};

using Pauses = QList<QPair<qint64, qint64>>; // real seconds

TimelineEvents script(const QList<Ev> &evs)
{
    TimelineEvents out;
    for (const Ev &ev : evs) {
        TimelineEvent e;
        e.seq = out.size() + 1;
        e.kind = ev.kind;
        e.stepId = ev.target.section(u'/', 0, 0);
        e.itemId = ev.target.section(u'/', 1);
        e.elapsedMs = qRound64(ev.atS * 1000);
        QJsonObject p;
        if (!ev.extra.isEmpty())
            p.insert(ev.kind == EventKind::ActionRequested ? PayloadKey::Phase : PayloadKey::Outcome,
                     ev.extra);
        e.payload = p;
        out.append(e);
    }
    return out;
}

// Steps scope to validate done one second apart from `from`: reenable is then ready.
QList<Ev> upToReenable(qint64 from)
{
    QList<Ev> out;
    qint64 t = from;
    for (const char *id : {"scope", "notify", "freeze", "execute", "validate"}) {
        out << Ev{s("step.started"), s(id), double(t), {}}
            << Ev{s("step.completed"), s(id), double(t + 1), {}};
        t += 1;
    }
    return out;
}

DrillScore::Input input(const QList<Ev> &evs, const QList<Fired> &fired, const Pauses &pauses)
{
    DrillScore::Input in;
    in.checklist = test::shippedChecklist();
    in.events = script(evs);
    DrillExpectation job;
    job.id = s("job-in-time");
    job.kind = DrillExpectation::Kind::StepDoneBy;
    job.target = s("execute");
    job.byMs = 20 * 60'000;
    DrillExpectation halts;
    halts.id = s("ramp-halts");
    halts.kind = DrillExpectation::Kind::RunOutcome;
    halts.target = s("reenable/ramp");
    halts.outcome = s("halted");
    halts.withinMs = 60'000;
    halts.ofInject = s("error-rate-flaps");
    in.record.scenario.expectations = {job, halts};
    QList<DrillInject> injects;
    for (const Fired &f : fired) {
        DrillInject i;
        i.id = f.id;
        if (!f.onEvent.isEmpty()) {
            i.when.event = DrillMoment::Event::RunStarted;
            i.when.target = f.onEvent.section(u':', 1);
        } else {
            i.when.atMs = f.atDrillS * 1000;
        }
        injects << i;
    }
    in.record.board = InjectBoard(injects);
    for (const Fired &f : fired)
        in.record.board.markFired(f.id, f.atDrillS * 1000);
    for (const auto &p : pauses) {
        in.record.clock.pause(p.first * 1000);
        in.record.clock.resume(p.second * 1000);
    }
    return in;
}

} // namespace

// Scoring from scripted timelines: time to decision per step (from ready or from the inject,
// paused time left out, a job poll is no decision), against the scenario's target, and the
// expectations met or missed by how much.
class TestDrillScore : public QObject
{
    Q_OBJECT

private slots:
    void timeToDecision_data();
    void timeToDecision();
    void expectations_data();
    void expectations();
    void planHistoryAndRatings();
    void standsStillAtTheEnd_data();
    void standsStillAtTheEnd();
};

void TestDrillScore::timeToDecision_data()
{
    QTest::addColumn<QList<Ev>>("events");
    QTest::addColumn<QList<Fired>>("fired");
    QTest::addColumn<Pauses>("pauses");
    QTest::addColumn<QString>("step");
    QTest::addColumn<qint64>("ttdS");
    QTest::addColumn<QString>("fromInject");
    QTest::addColumn<QString>("decision");
    QTest::addColumn<int>("onTarget"); // -1 no target, 0 over it, 1 within

    const QList<Ev> scope{{s("step.started"), s("scope"), 0, {}},
                          {s("item.confirmed"), s("scope/impact"), 10, {}},
                          {s("item.confirmed"), s("scope/class"), 40, {}},
                          {s("step.completed"), s("scope"), 60, {}}};
    QTest::newRow("a choice decides scope") << scope << QList<Fired>{} << Pauses{} << s("scope")
                                            << qint64(40) << QString() << s("choice") << -1;
    const QList<Ev> paused{{s("step.started"), s("scope"), 0, {}},
                           {s("item.confirmed"), s("scope/class"), 70, {}}};
    QTest::newRow("a pause is left out") << paused << QList<Fired>{} << Pauses{{20, 50}}
                                         << s("scope") << qint64(40) << QString() << s("choice")
                                         << -1;
    const QList<Ev> freeze{{s("step.completed"), s("scope"), 60, {}},
                           {s("step.started"), s("freeze"), 60, {}},
                           {s("action.requested"), s("freeze/freeze-writes"), 100, s("send")}};
    QTest::newRow("an inject restarts the count")
        << freeze << QList<Fired>{{s("page"), 70, {}}} << Pauses{} << s("freeze") << qint64(30)
        << s("page") << s("action sent") << -1;
    const QList<Ev> poll{{s("step.completed"), s("scope"), 60, {}},
                         {s("action.requested"), s("freeze/freeze-writes"), 80, s("poll")},
                         {s("check.started"), s("freeze/write-rate"), 120, {}}};
    QTest::newRow("a job poll is no decision") << poll << QList<Fired>{} << Pauses{}
                                               << s("freeze") << qint64(60) << QString()
                                               << s("check started") << -1;
    QList<Ev> halt = upToReenable(0);
    halt << Ev{s("ramp.started"), s("reenable/ramp"), 100, {}}
         << Ev{s("ramp.finished"), s("reenable/ramp"), 130, s("halted")};
    QTest::newRow("a halt within the target")
        << halt << QList<Fired>{{s("error-rate-flaps"), 100, s("run-started:reenable/ramp")}}
        << Pauses{} << s("reenable") << qint64(30) << s("error-rate-flaps") << s("halt") << 1;
    QList<Ev> weight = upToReenable(0);
    weight << Ev{s("ramp.started"), s("reenable/ramp"), 100, {}}
           << Ev{s("action.requested"), s("reenable/ramp"), 110, s("weight")}
           << Ev{s("ramp.finished"), s("reenable/ramp"), 130, s("halted")};
    QTest::newRow("a ramp's weight request is no decision")
        << weight << QList<Fired>{{s("error-rate-flaps"), 100, s("run-started:reenable/ramp")}}
        << Pauses{} << s("reenable") << qint64(30) << s("error-rate-flaps") << s("halt") << 1;
    QList<Ev> late = upToReenable(0);
    late << Ev{s("ramp.started"), s("reenable/ramp"), 100, {}}
         << Ev{s("ramp.finished"), s("reenable/ramp"), 200, s("halted")};
    QTest::newRow("a halt over the target")
        << late << QList<Fired>{{s("error-rate-flaps"), 100, s("run-started:reenable/ramp")}}
        << Pauses{} << s("reenable") << qint64(100) << s("error-rate-flaps") << s("halt") << 0;
    // Fired after the room's decision and never answered: the room's own count, from ready (it
    // read "Counted from inject … · Decision —").
    QList<Ev> unanswered = upToReenable(0);
    unanswered << Ev{s("ramp.started"), s("reenable/ramp"), 100, {}};
    QTest::newRow("an inject after the decision, unanswered")
        << unanswered << QList<Fired>{{s("error-rate-flaps"), 130, s("run-started:reenable/ramp")}}
        << Pauses{} << s("reenable") << qint64(95) << QString() << s("ramp started") << -1;
    QTest::newRow("not ready: no decision")
        << QList<Ev>{{s("step.started"), s("scope"), 0, {}}} << QList<Fired>{} << Pauses{}
        << s("execute") << qint64(-1) << QString() << QString() << -1;
}

void TestDrillScore::timeToDecision()
{
    QFETCH(QList<Ev>, events);
    QFETCH(QList<Fired>, fired);
    QFETCH(Pauses, pauses);
    QFETCH(QString, step);
    QFETCH(qint64, ttdS);
    QFETCH(QString, fromInject);
    QFETCH(QString, decision);
    QFETCH(int, onTarget);
    const DrillScore score = DrillScore::compute(input(events, fired, pauses));
    const auto it = std::find_if(score.steps.cbegin(), score.steps.cend(),
                                 [&](const StepScore &x) { return x.stepId == step; });
    QVERIFY(it != score.steps.cend());
    QCOMPARE(it->timeToDecisionMs(), ttdS < 0 ? qint64(-1) : ttdS * 1000);
    QCOMPARE(it->fromInject, fromInject);
    QCOMPARE(it->decision, decision);
    QCOMPARE(it->hasTarget() ? int(it->onTarget()) : -1, onTarget);
}

void TestDrillScore::expectations_data()
{
    QTest::addColumn<QList<Ev>>("events");
    QTest::addColumn<Pauses>("pauses");
    QTest::addColumn<QString>("outcome"); // of the drill; empty: still running
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("status");
    QTest::addColumn<qint64>("marginS");
    QTest::addColumn<qint64>("injectS"); // when error-rate-flaps fired; -1: not yet
    QTest::addColumn<QString>("words");  // in what the debrief says; empty: not read

    QList<Ev> early = upToReenable(0);
    early << Ev{s("step.completed"), s("execute"), 15 * 60, {}};
    QTest::newRow("done early") << early << Pauses{} << s("stopped") << s("job-in-time") << s("met")
                                << qint64(5 * 60) << qint64(100) << QString();
    const QList<Ev> late{{s("step.started"), s("execute"), 0, {}},
                         {s("step.completed"), s("execute"), 25 * 60, {}}};
    QTest::newRow("done late") << late << Pauses{} << s("stopped") << s("job-in-time")
                               << s("missed") << qint64(-5 * 60) << qint64(100) << QString();
    QTest::newRow("late only by the pause: met")
        << late << Pauses{{60, 60 + 10 * 60}} << s("stopped") << s("job-in-time") << s("met")
        << qint64(5 * 60) << qint64(100) << QString();
    QTest::newRow("not done, running: pending")
        << QList<Ev>{{s("step.started"), s("execute"), 60, {}}} << Pauses{} << QString()
        << s("job-in-time") << s("pending") << qint64(0) << qint64(100) << QString();
    // Not done when the drill ended: over by as long as it ran past the time, and by nothing
    // where it ended first (a drill ended at T+00:16:37 read "00:03:22 over" of T+00:20:00).
    QTest::newRow("not done, ended before its time")
        << QList<Ev>{{s("step.started"), s("execute"), 60, {}}} << Pauses{} << s("stopped")
        << s("job-in-time") << s("missed") << qint64(0) << qint64(100) << QString();
    QTest::newRow("not done, ran past its time")
        << QList<Ev>{{s("step.started"), s("execute"), 60, {}},
                     {s("note.added"), QString(), 25 * 60, {}}}
        << Pauses{} << s("stopped") << s("job-in-time") << s("missed") << qint64(-5 * 60)
        << qint64(100) << QString();
    // A ramp the room never reached is "not run", as the runner's verdict says it.
    QTest::newRow("ramp never run")
        << upToReenable(0) << Pauses{} << s("stopped") << s("ramp-halts") << s("missed")
        << qint64(0) << qint64(100) << s("not run");
    QList<Ev> halt = upToReenable(0);
    halt << Ev{s("ramp.finished"), s("reenable/ramp"), 145, s("halted")};
    QTest::newRow("halted in time") << halt << Pauses{} << s("stopped") << s("ramp-halts")
                                    << s("met") << qint64(15) << qint64(100)
                                    << s("halted at T+00:02:25, 00:00:45 after inject "
                                         "error-rate-flaps (00:00:15 to spare)");
    QList<Ev> completed = upToReenable(0);
    completed << Ev{s("ramp.finished"), s("reenable/ramp"), 130, s("completed")};
    // The margin as the times beside it show it, in whole seconds: it was worked out from the
    // exact times, and "done at T+00:05:07, 00:14:52 to spare" of T+00:20:00 did not add up.
    QList<Ev> fraction = upToReenable(0);
    fraction << Ev{s("step.completed"), s("execute"), 5 * 60 + 7.4, {}};
    QTest::newRow("done between seconds")
        << fraction << Pauses{} << s("stopped") << s("job-in-time") << s("met")
        << qint64(14 * 60 + 53) << qint64(100) << QString();
    QList<Ev> halfway = upToReenable(0);
    halfway << Ev{s("ramp.finished"), s("reenable/ramp"), 116.6, s("halted")};
    QTest::newRow("halted between seconds")
        << halfway << Pauses{} << s("stopped") << s("ramp-halts") << s("met") << qint64(44)
        << qint64(100)
        << s("halted at T+00:01:56, 00:00:16 after inject error-rate-flaps (00:00:44 to spare)");
    QList<Ev> justLate = upToReenable(0);
    justLate << Ev{s("step.completed"), s("execute"), 20 * 60 + 0.4, {}};
    QTest::newRow("late by under a second") // not "00:00:00 to spare" beside MISSED
        << justLate << Pauses{} << s("stopped") << s("job-in-time") << s("missed") << qint64(-1)
        << qint64(100) << QString();
    // Missed by its outcome: no time to spare (it read "00:00:30 to spare" beside MISSED).
    QTest::newRow("ramp completed instead")
        << completed << Pauses{} << s("completed") << s("ramp-halts") << s("missed") << qint64(0)
        << qint64(100) << s("completed at T+00:02:10, 00:00:30 after inject error-rate-flaps");
    // Ended before the inject it answers: it read "00:00:15 after inject (00:01:15 to spare)".
    QList<Ev> before = upToReenable(0);
    before << Ev{s("ramp.finished"), s("reenable/ramp"), 85, s("halted")};
    QTest::newRow("halted before the inject fired")
        << before << Pauses{} << s("stopped") << s("ramp-halts") << s("missed") << qint64(0)
        << qint64(100) << s("halted at T+00:01:25, 00:00:15 before inject error-rate-flaps fired");
    // While the drill runs another run may still answer the inject: pending, as on the live
    // panel.
    QTest::newRow("halted before the inject, drill running")
        << before << Pauses{} << QString() << s("ramp-halts") << s("pending") << qint64(0)
        << qint64(100) << s("halted at T+00:01:25, 00:00:15 before inject error-rate-flaps fired");
    // Under a second before: it read "00:00:00 before inject", as if at once.
    QList<Ev> justBefore = upToReenable(0);
    justBefore << Ev{s("ramp.finished"), s("reenable/ramp"), 99.6, s("halted")};
    QTest::newRow("halted under a second before the inject")
        << justBefore << Pauses{} << s("stopped") << s("ramp-halts") << s("missed") << qint64(0)
        << qint64(100)
        << s("halted at T+00:01:39, under a second before inject error-rate-flaps fired");
    // The inject not fired while the drill runs may still fire: the facilitator's score read
    // MISSED for an inject only delayed.
    QTest::newRow("inject not fired, drill running")
        << before << Pauses{} << QString() << s("ramp-halts") << s("pending") << qint64(0)
        << qint64(-1) << s("halted at T+00:01:25, inject error-rate-flaps not fired yet");
    QTest::newRow("inject never fired, drill ended")
        << before << Pauses{} << s("stopped") << s("ramp-halts") << s("missed") << qint64(0)
        << qint64(-1) << s("halted at T+00:01:25, inject error-rate-flaps never fired");
}

void TestDrillScore::expectations()
{
    QFETCH(QList<Ev>, events);
    QFETCH(Pauses, pauses);
    QFETCH(QString, outcome);
    QFETCH(QString, id);
    QFETCH(QString, status);
    QFETCH(qint64, marginS);
    QFETCH(qint64, injectS);
    QFETCH(QString, words);
    QList<Fired> fired;
    if (injectS >= 0)
        fired.append({s("error-rate-flaps"), injectS, s("run-started:reenable/ramp")});
    DrillScore::Input in = input(events, fired, pauses);
    in.record.outcome = outcome;
    const DrillScore score = DrillScore::compute(in);
    const auto it = std::find_if(score.expectations.cbegin(), score.expectations.cend(),
                                 [&](const ExpectationScore &x) { return x.id == id; });
    QVERIFY(it != score.expectations.cend());
    QCOMPARE(ExpectationScore::statusName(it->status), status);
    QCOMPARE(it->marginMs, marginS * 1000);
    // Its words say the same: before or after the inject, and time to spare only where met.
    if (!words.isEmpty())
        QCOMPARE(it->measured, words);
}

void TestDrillScore::planHistoryAndRatings()
{
    DrillScore::Input in = input(upToReenable(0), {}, {{10, 17}});
    in.historyStepMs.insert(s("scope"), 4 * 60'000);
    in.historyDrillMs = 70 * 60'000;
    in.historyDrills = 3;
    QString error;
    QVERIFY(in.record.log.rate({s("scope"), PerformanceRating::SomeChallenges, s("slow"), 0,
                                s("Fran")},
                               &error));
    const DrillScore score = DrillScore::compute(in);
    QCOMPARE(score.steps.first().historyMs, 4 * 60'000);
    QCOMPARE(score.steps.first().plannedMs, 5 * 60'000);
    QCOMPARE(score.steps.first().rating, s("S"));
    QCOMPARE(score.steps.at(1).rating, QString());
    // The plan's critical path: scope freeze execute validate reenable communicate audit.
    QCOMPARE(score.plannedMs, (5 + 5 + 15 + 10 + 15 + 5 + 10) * 60'000);
    QCOMPARE(score.historyMs, 70 * 60'000);
    QCOMPARE(score.pausedMs, 7'000);
    QCOMPARE(score.drillMs, 5'000); // validate ended at 5 s, before the pause
    QCOMPARE(score.tally, (QList<int>{0, 1, 0, 0}));
}

// The debrief judges the drill at its end, as its runner did, and stands still there as every
// screen's clock did: what the room did after the end is not in its steps, its length or its
// chart. A step the room finished after the end ran on for minutes in the debrief's steps, and
// (clamped to the end) read "done, met" beside the runner's "not done when the drill ended".
void TestDrillScore::standsStillAtTheEnd_data()
{
    QTest::addColumn<qint64>("endS");     // the drill's end on its clock (×1 here), -1: running
    QTest::addColumn<qint64>("startedS"); // reenable's start and end in the debrief, -1: none
    QTest::addColumn<qint64>("endedS");
    QTest::addColumn<qint64>("drillS"); // the drill's length, and where the chart's bars end
    QTest::addColumn<QString>("doneBy"); // "reenable done by T+25 s": met, missed or pending
    QTest::addColumn<qint64>("pausedAtS");    // the record's clock paused here and never resumed
    QTest::addColumn<qint64>("timelineEndS"); // the end the timeline records (real), -1: none
    // reenable runs from 6 s to 20 s (real and drill time alike); validate ends at 5 s.
    QTest::newRow("still running") << qint64(-1) << qint64(6) << qint64(20) << qint64(20)
                                   << s("met") << qint64(-1) << qint64(-1);
    QTest::newRow("ended while reenable ran") << qint64(12) << qint64(6) << qint64(-1) << qint64(12)
                                              << s("missed") << qint64(-1) << qint64(12);
    QTest::newRow("ended after everything") << qint64(30) << qint64(6) << qint64(20) << qint64(30)
                                            << s("met") << qint64(-1) << qint64(30);
    QTest::newRow("ended before reenable started")
        << qint64(3) << qint64(-1) << qint64(-1) << qint64(3) << s("missed") << qint64(-1)
        << qint64(3);
    // Stopped at real 12 s while paused since 10 s: the drill clock stands at 10 s from the pause
    // on, so on it everything the room did after the stop was "at the end" and let through.
    QTest::newRow("stopped while paused") << qint64(10) << qint64(6) << qint64(-1) << qint64(10)
                                          << s("missed") << qint64(10) << qint64(12);
    // The runner died: no end in its record, but a screen that found it gone wrote the end.
    QTest::newRow("its runner gone, the end a screen wrote")
        << qint64(-1) << qint64(6) << qint64(-1) << qint64(12) << s("pending") << qint64(-1)
        << qint64(12);
}

void TestDrillScore::standsStillAtTheEnd()
{
    QFETCH(qint64, endS);
    QFETCH(qint64, startedS);
    QFETCH(qint64, endedS);
    QFETCH(qint64, drillS);
    QFETCH(QString, doneBy);
    QFETCH(qint64, pausedAtS);
    QFETCH(qint64, timelineEndS);
    QList<Ev> events = upToReenable(0);
    events << Ev{s("step.started"), s("reenable"), 6, {}}
           << Ev{s("step.completed"), s("reenable"), 20, {}};
    DrillScore::Input in = input(events, {}, {});
    if (pausedAtS >= 0)
        in.record.clock.pause(pausedAtS * 1000);
    if (timelineEndS >= 0) { // the runner's end note (or a screen's), in commit order
        TimelineEvent end;
        end.elapsedMs = timelineEndS * 1000;
        end.actor = ScreenClock::facilitator;
        end.kind = EventKind::NoteAdded;
        end.payload = {{PayloadKey::Text, s("Drill ended")},
                       {PayloadKey::DrillClock,
                        ScreenClock::fact(DrillClockChange::Ended, timelineEndS * 1000)}};
        const auto at = std::find_if(in.events.begin(), in.events.end(),
                                     [&end](const auto &e) { return e.elapsedMs > end.elapsedMs; });
        in.events.insert(at, end);
        for (qsizetype i = 0; i < in.events.size(); ++i)
            in.events[i].seq = i + 1;
    }
    DrillExpectation by;
    by.id = s("reenable-by");
    by.kind = DrillExpectation::Kind::StepDoneBy;
    by.target = s("reenable");
    by.byMs = 25'000;
    in.record.scenario.expectations = {by};
    in.record.endDrillMs = endS < 0 ? -1 : endS * 1000;
    if (endS >= 0)
        in.record.outcome = s("stopped");
    const DrillScore score = DrillScore::compute(in);
    const auto reenable
        = std::find_if(score.steps.cbegin(), score.steps.cend(),
                       [](const StepScore &x) { return x.stepId == s("reenable"); });
    QVERIFY(reenable != score.steps.cend());
    QCOMPARE(reenable->startedMs, startedS < 0 ? -1 : startedS * 1000);
    QCOMPARE(reenable->endedMs, endedS < 0 ? -1 : endedS * 1000);
    QCOMPARE(reenable->durationMs(), endedS < 0 ? -1 : (endedS - startedS) * 1000);
    QCOMPARE(score.drillMs, drillS * 1000);
    QCOMPARE(score.expectations.size(), 1);
    QCOMPARE(ExpectationScore::statusName(score.expectations.first().status), doneBy);
    const GanttGeometry chart = DebriefChart::geometry(in.checklist, in.events, in.record, 0);
    QCOMPARE(chart.actualEndMs(), drillS * 1000);
}

QTEST_MAIN(TestDrillScore)
#include "tst_drillscore.moc"
