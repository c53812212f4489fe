#include "gantt/GanttBuilder.h"
#include "session/IncidentSession.h"
#include "gantt/SchedulePlanner.h"
#include "support/TestTimeline.h"
#include "store/TimelineStore.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;
using warroom::test::TestTimeline;

namespace {

const QString ic = QStringLiteral("ic");

// "start-end state [r] [o]" for each actual bar of a row: r running, o overridden.
QString bars(const GanttRow &row)
{
    QStringList out;
    for (const GanttBar &b : row.actual)
        out << QStringLiteral("%1-%2 %3%4%5")
                   .arg(b.startMs)
                   .arg(b.endMs)
                   .arg(barStateName(b.state), b.running ? QStringLiteral(" r") : QString(),
                        b.overridden ? QStringLiteral(" o") : QString());
    return out.join(QStringLiteral(", "));
}

GanttGeometry build(const TestTimeline &t, qint64 atMs)
{
    static const QMap<QString, QString> vars{{s("service"), s("api")}};
    const Checklist &c = const_cast<TestTimeline &>(t).engine().checklist();
    return GanttBuilder(c, vars, SchedulePlanner::plan(c))
        .build(t.events(), atMs, 1'700'000'000'000);
}

// The story most tests start from, on the diamond checklist a -> {b, c} -> d.
void parallelStory(TestTimeline &t)
{
    ChecklistEngine &e = t.engine();
    QVERIFY(t.commit(e.planConfirmItem(s("a"), s("a1"), ic), 0));
    QVERIFY(t.commit(e.planConfirmItem(s("a"), s("a2"), ic, s("x")), 60'000));
    QVERIFY(t.commit(e.planConfirmItem(s("b"), s("b1"), ic), 70'000));
    QVERIFY(t.commit(e.planStartStep(s("c"), ic), 80'000));
    QVERIFY(t.commit(e.planNote(ic, s("c is slow")), 200'000));
    QVERIFY(t.commit(e.planConfirmItem(s("c"), s("c1"), ic), 400'000));
}

} // namespace

class TestGantt : public QObject
{
    Q_OBJECT

private slots:
    void plan_data();
    void plan();
    void planShippedChecklist();
    void scenarios_data();
    void scenarios();
    void replayAtEarlierTime();
    void runsUnderTheirStep();
    void unknownSettledByAPerson_data();
    void unknownSettledByAPerson();
    void interruptedRampInDoubtUntilRunAgain();
    void markers();
    void reopenedIncidentDrawsTheSame();
};

void TestGantt::plan_data()
{
    QTest::addColumn<qint64>("measuredC"); // 0: use the checklist's expected minutes
    QTest::addColumn<QString>("expected");
    QTest::newRow("expected durations")
        << qint64(0)
        << s("a 0-120000 slack 0 critical; b 120000-300000 slack 90000; "
             "c 120000-390000 slack 0 critical; d 390000-450000 slack 0 critical");
    QTest::newRow("measured duration moves the critical path")
        << qint64(60'000)
        << s("a 0-120000 slack 0 critical; b 120000-300000 slack 0 critical; "
             "c 120000-180000 slack 120000; d 300000-360000 slack 0 critical");
}

void TestGantt::plan()
{
    QFETCH(qint64, measuredC);
    QFETCH(QString, expected);
    const Checklist c = test::parallelChecklist();
    QHash<QString, qint64> measured;
    if (measuredC > 0)
        measured.insert(s("c"), measuredC);
    const QList<PlannedStep> p = SchedulePlanner::plan(c, measured);
    QStringList out;
    for (int i = 0; i < p.size(); ++i)
        out << QStringLiteral("%1 %2-%3 slack %4%5")
                   .arg(c.steps.at(i).id)
                   .arg(p.at(i).startMs)
                   .arg(p.at(i).endMs)
                   .arg(p.at(i).slackMs)
                   .arg(p.at(i).critical ? QStringLiteral(" critical") : QString());
    QCOMPARE(out.join(QStringLiteral("; ")), expected);
}

void TestGantt::planShippedChecklist()
{
    const Checklist c = test::shippedChecklist();
    const QList<PlannedStep> p = SchedulePlanner::plan(c);
    const qint64 min = 60'000;
    // Notify (2) and freeze (3) both follow scope: planned side by side.
    QCOMPARE(p.at(1).startMs, 5 * min);
    QCOMPARE(p.at(2).startMs, 5 * min);
    QCOMPARE(p.at(7).endMs, 65 * min);
    QVERIFY(!p.at(1).critical); // communicate waits for re-enable far longer than for notify
    QCOMPARE(p.at(1).slackMs, 40 * min);
    for (int i : {0, 2, 3, 4, 5, 6, 7})
        QVERIFY2(p.at(i).critical, qPrintable(c.steps.at(i).id));
}

void TestGantt::scenarios_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("c");
    QTest::addColumn<QString>("d");
    QTest::newRow("parallel steps, one overrun")
        << s("parallel") << s("0-60000 done") << s("70000-500000 active r")
        << s("80000-400000 done") << s("");
    QTest::newRow("override") << s("override") << s("0-60000 done") << s("") << s("")
                              << s("90000-500000 active r o");
    QTest::newRow("retry after failure")
        << s("retry") << s("0-30000 failed, 40000-50000 done") << s("") << s("") << s("");
    QTest::newRow("undo of a completion")
        << s("undo") << s("0-500000 active r") << s("") << s("") << s("");
    QTest::newRow("skip before start")
        << s("skip") << s("0-60000 done") << s("70000-70000 skipped o") << s("") << s("");
    QTest::newRow("skip undone") << s("skip-undone") << s("0-60000 done") << s("") << s("")
                                 << s("");
}

void TestGantt::scenarios()
{
    QFETCH(QString, name);
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, c);
    QFETCH(QString, d);
    TestTimeline t(test::parallelChecklist());
    ChecklistEngine &e = t.engine();
    if (name == QLatin1String("parallel")) {
        parallelStory(t);
    } else if (name == QLatin1String("retry")) {
        QVERIFY(t.commit(e.planConfirmItem(s("a"), s("a1"), ic), 0));
        QVERIFY(t.commit(e.planFailStep(s("a"), ic, s("job died")), 30'000));
        QVERIFY(t.commit(e.planRestartStep(s("a"), ic), 40'000));
        QVERIFY(t.commit(e.planConfirmItem(s("a"), s("a2"), ic, s("x")), 50'000));
    } else {
        QVERIFY(t.commit(e.planConfirmItem(s("a"), s("a1"), ic), 0));
        QVERIFY(t.commit(e.planConfirmItem(s("a"), s("a2"), ic, s("x")), 60'000));
        if (name == QLatin1String("override"))
            QVERIFY(t.commit(e.planStartStep(s("d"), ic, s("bridge said go")), 90'000));
        if (name == QLatin1String("undo"))
            QVERIFY(t.commit(e.planUndo(ic), 65'000));
        if (name.startsWith(QLatin1String("skip")))
            QVERIFY(t.commit(e.planSkipStep(s("b"), ic, s("not here")), 70'000));
        if (name == QLatin1String("skip-undone"))
            QVERIFY(t.commit(e.planUndo(ic), 75'000));
    }
    const GanttGeometry g = build(t, 500'000);
    QCOMPARE(g.rows.size(), 4);
    QCOMPARE(bars(g.rows.at(0)), a);
    QCOMPARE(bars(g.rows.at(1)), b);
    QCOMPARE(bars(g.rows.at(2)), c);
    QCOMPARE(bars(g.rows.at(3)), d);
    if (name == QLatin1String("parallel")) {
        // c was planned for 4.5 minutes and took 5 minutes 20 seconds.
        QCOMPARE(g.rows.at(2).overrunMs, 50'000);
        QCOMPARE(g.rows.at(0).overrunMs, 0);
        QCOMPARE(g.rows.at(0).label, s("1. Start api"));
        QCOMPARE(g.barCount(), 4 + 3);
        QCOMPARE(g.extentMs, 500'000);
    }
}

void TestGantt::replayAtEarlierTime()
{
    TestTimeline t(test::parallelChecklist());
    parallelStory(t);
    const GanttGeometry g = build(t, 75'000);
    QCOMPARE(g.nowMs, 75'000);
    QCOMPARE(bars(g.rows.at(0)), s("0-60000 done"));
    QCOMPARE(bars(g.rows.at(1)), s("70000-75000 active r"));
    QCOMPARE(bars(g.rows.at(2)), s("")); // c starts at 80000, after the replayed moment
    for (const GanttMarker &m : g.markers)
        QVERIFY(m.kind != GanttMarker::Kind::Note); // the note comes at 200000
    // The plan does not depend on when you look.
    QCOMPARE(g.rows.at(3).planned.endMs, 450'000);
    QCOMPARE(g.extentMs, 450'000);
}

void TestGantt::runsUnderTheirStep()
{
    // One strip segment per run in the row of its step: a check that passed, an action whose
    // outcome became unknown and was re-sent, a ramp still holding.
    TestTimeline t(test::shippedChecklist());
    auto run = [&](const char *kind, const char *step, const char *item, const char *runId,
                   QJsonObject payload, qint64 at) {
        payload.insert(s("run"), s(runId));
        EnginePlan plan;
        plan.drafts << EventDraft{ic, s(kind), s(step), s(item), payload};
        return t.commit(plan, at);
    };
    QVERIFY(run("check.started", "freeze", "write-rate", "c1", {}, 10'000));
    QVERIFY(run("check.sampled", "freeze", "write-rate", "c1", {{s("passed"), true}}, 15'000));
    QVERIFY(
        run("check.finished", "freeze", "write-rate", "c1", {{s("outcome"), s("passed")}}, 20'000));
    QVERIFY(run("action.requested", "notify", "channel", "a1", {{s("phase"), s("send")}}, 30'000));
    QVERIFY(run("action.unknown", "notify", "channel", "a1", {}, 40'000));
    QVERIFY(run("ramp.started", "reenable", "ramp", "r1", {}, 50'000));

    GanttGeometry g = build(t, 70'000);
    const GanttRow &freeze = g.rows.at(2);
    QCOMPARE(freeze.runs.size(), 1);
    QCOMPARE(freeze.runs.first().startMs, 10'000);
    QCOMPARE(freeze.runs.first().endMs, 20'000);
    QCOMPARE(freeze.runs.first().state, BarState::Done);
    // Sent with no answer: it may have run, so neither skipped (grey, as it was drawn) nor failed.
    QCOMPARE(g.rows.at(1).runs.first().state, BarState::Unknown);
    QCOMPARE(g.rows.at(1).runs.first().endMs, 40'000);
    QCOMPARE(g.rows.at(1).alarm(), GanttRow::Alarm::Unknown);
    const GanttBar &ramp = g.rows.at(5).runs.first();
    QVERIFY(ramp.running);
    QCOMPARE(ramp.endMs, 70'000);
    QCOMPARE(g.rows.size(), 8); // runs add no rows

    // A re-send continues the same run: still one segment, running again.
    QVERIFY(run("action.requested", "notify", "channel", "a1",
                {{s("phase"), s("send")}, {s("resend"), true}}, 80'000));
    g = build(t, 90'000);
    QCOMPARE(g.rows.at(1).runs.size(), 1);
    QVERIFY(g.rows.at(1).runs.first().running);
    // Replay before the first run shows none.
    QVERIFY(build(t, 5'000).rows.at(2).runs.isEmpty());

    // A run id under two steps (a hand-made import's; warroom's are UUIDs): each step's bars are
    // its own. The end of "c1" under execute indexed execute's empty row, and every document and
    // the console crashed.
    QVERIFY(
        run("check.finished", "execute", "finished", "c1", {{s("outcome"), s("passed")}}, 95'000));
    QVERIFY(run("ramp.started", "execute", "finished", "r1", {}, 96'000));
    g = build(t, 100'000);
    QCOMPARE(g.rows.at(3).runs.size(), 1); // r1 anew in execute; c1 had not started there
    QCOMPARE(g.rows.at(3).runs.first().startMs, 96'000);
    QCOMPARE(g.rows.at(2).runs.first().endMs, 20'000); // freeze's c1 as it was
    QCOMPARE(g.rows.at(5).runs.size(), 1);
}

// Once a person confirms or skips the item (or skips its step), the wall, the summary and the
// briefing stop calling it in doubt: so does the chart, whose OUTCOME UNKNOWN stood until the
// step was done. Each story is on "freeze": an action (freeze-writes, run a1) whose answer is
// lost, and a check (write-rate) beside it. The chart must say what the engine says.
void TestGantt::unknownSettledByAPerson_data()
{
    QTest::addColumn<QStringList>("story"); // what happened, in order (see the test)
    QTest::addColumn<int>("state");         // a1's BarState then
    QTest::addColumn<int>("alarm");         // freeze's GanttRow::Alarm
    const auto unknown = int(BarState::Unknown);
    const auto doubt = int(GanttRow::Alarm::Unknown);
    const auto none = int(GanttRow::Alarm::None);
    QTest::newRow("nothing yet") << QStringList{s("sent"), s("lost")} << unknown << doubt;
    QTest::newRow("confirmed by hand")
        << QStringList{s("sent"), s("lost"), s("confirmed")} << int(BarState::Done) << none;
    QTest::newRow("item skipped") << QStringList{s("sent"), s("lost"), s("skipped")}
                                  << int(BarState::Skipped) << none;
    // A skip of the whole step finds nothing out about the request: the item stays in doubt
    // (the checklist's "? UNKNOWN", the briefing), the step does not. The chart drew it skipped.
    QTest::newRow("step skipped") << QStringList{s("sent"), s("lost"), s("step skipped")} << unknown
                                  << none;
    QTest::newRow("confirmed, then undone")
        << QStringList{s("sent"), s("lost"), s("confirmed"), s("undone")} << unknown << doubt;
    // Undoing a step's skip is a step.reopened, not an item.reverted: the doubt came back on the
    // wall and stayed settled on the chart.
    QTest::newRow("step skipped, then undone")
        << QStringList{s("sent"), s("lost"), s("step skipped"), s("undone")} << unknown << doubt;
    // The answer lost after the person had already confirmed by hand (a poll's deadline, a
    // restart): the chart said OUTCOME UNKNOWN where the engine said nothing was in doubt.
    QTest::newRow("lost after confirmed by hand")
        << QStringList{s("sent"), s("confirmed"), s("lost")} << int(BarState::Done) << none;
    // A re-send that failed stays failed whatever is undone later: a settling remembered from
    // before the re-send painted it Unknown again.
    QTest::newRow("re-sent and failed, confirmed, undone")
        << QStringList{s("sent"),   s("lost"),   s("step skipped"), s("undone"),
                       s("resent"), s("failed"), s("confirmed"),    s("undone")}
        << int(BarState::Failed) << int(GanttRow::Alarm::Failed);
    // Another item settles nothing, even with the row's latest run done: only that latest run
    // was looked at, and the badge went.
    QTest::newRow("the check beside it passed")
        << QStringList{s("sent"), s("lost"), s("checked")} << unknown << doubt;
    // The item put off to a later step, its step done without it: the same end whichever came
    // first. Compared by time, an answer lost after the step was done raised the badge.
    QTest::newRow("deferred, lost, then the step done")
        << QStringList{s("sent"), s("deferred"), s("lost"), s("rate confirmed")} << unknown << none;
    QTest::newRow("deferred, the step done, then lost")
        << QStringList{s("sent"), s("deferred"), s("rate confirmed"), s("lost")} << unknown << none;
}

void TestGantt::unknownSettledByAPerson()
{
    QFETCH(QStringList, story);
    QFETCH(int, state);
    QFETCH(int, alarm);
    TestTimeline t(test::shippedChecklist());
    ChecklistEngine &e = t.engine();
    const QString step = s("freeze");
    const QString action = s("freeze-writes");
    const QString why = s("checked the writes by hand");
    auto run = [&](const char *kind, const QString &item, QJsonObject payload) {
        EnginePlan plan;
        plan.drafts << EventDraft{ic, s(kind), step, item, payload};
        return plan;
    };
    const QJsonObject a1{{s("run"), s("a1")}};
    auto with = [](QJsonObject p, const char *key, const QJsonValue &v) {
        p.insert(s(key), v);
        return p;
    };
    QVERIFY(t.commit(e.planStartStep(step, ic, s("a drill of this step alone")), 5'000));
    QVERIFY(t.commit(e.planConfirmItem(step, s("capture"), ic), 10'000));
    qint64 at = 30'000;
    for (const QString &what : story) {
        EnginePlan plan
            = what == u"sent"     ? run("action.requested", action, with(a1, "phase", s("send")))
              : what == u"resent" ? run("action.requested", action,
                                        with(with(a1, "phase", s("send")), "resend", true))
              : what == u"lost"   ? run("action.unknown", action, a1)
              : what == u"failed" ? run("action.finished", action, with(a1, "outcome", s("failed")))
              : what == u"confirmed"      ? e.planConfirmItem(step, action, ic, {}, why)
              : what == u"skipped"        ? e.planSkipItem(step, action, ic, why)
              : what == u"step skipped"   ? e.planSkipStep(step, ic, why)
              : what == u"undone"         ? e.planUndo(ic)
              : what == u"deferred"       ? e.planDeferItem(step, action, s("validate"), ic, why)
              : what == u"rate confirmed" ? e.planConfirmItem(step, s("write-rate"), ic, {}, why)
                                          : EnginePlan{};
        if (what == u"checked") {
            const QJsonObject c1{{s("run"), s("c1")}};
            plan = run("check.started", s("write-rate"), c1);
            plan.drafts
                << run("check.finished", s("write-rate"), with(c1, "outcome", s("passed"))).drafts;
        }
        QVERIFY2(!plan.drafts.isEmpty(), qPrintable(what));
        QVERIFY2(t.commit(plan, at), qPrintable(what));
        at += 10'000;
    }
    const GanttGeometry g = build(t, at);
    const GanttRow &freeze = g.rows.at(2);
    QCOMPARE(int(freeze.runs.first().state), state);
    QCOMPARE(int(freeze.alarm()), alarm);
    // The wall, the summary and the briefing read the engine's doubt; the chart must agree.
    QCOMPARE(e.step(2).isInDoubt(), freeze.alarm() == GanttRow::Alarm::Unknown);
    // The run is drawn in doubt exactly while its item is (the checklist's "? UNKNOWN").
    QCOMPARE(e.step(2).items.at(1).isInDoubt(), state == int(BarState::Unknown));
    QCOMPARE(g.hasUnknownRun(), state == int(BarState::Unknown));
}

// A ramp stopped with a weight's request in flight ends interrupted, then its request is
// unknown: the engine holds the item in doubt, and the chart drew the run skipped. A new run of
// the ramp sets its weights again, and the doubt goes.
void TestGantt::interruptedRampInDoubtUntilRunAgain()
{
    TestTimeline t(test::shippedChecklist());
    auto run = [&](const char *kind, const char *runId, QJsonObject payload, qint64 at) {
        payload.insert(s("run"), s(runId));
        EnginePlan plan;
        plan.drafts << EventDraft{ic, s(kind), s("reenable"), s("ramp"), payload};
        return t.commit(plan, at);
    };
    QVERIFY(run("ramp.started", "r1", {}, 10'000));
    QVERIFY(run("ramp.finished", "r1", {{s("outcome"), s("interrupted")}}, 20'000));
    QVERIFY(run("action.unknown", "r1", {{s("phase"), s("send")}}, 20'000));
    GanttGeometry g = build(t, 30'000);
    QCOMPARE(g.rows.at(5).runs.first().state, BarState::Unknown);
    QCOMPARE(g.rows.at(5).alarm(), GanttRow::Alarm::Unknown);
    QVERIFY(t.engine().step(5).isInDoubt());

    QVERIFY(run("ramp.started", "r2", {}, 40'000));
    QVERIFY(run("ramp.finished", "r2", {{s("outcome"), s("completed")}}, 50'000));
    g = build(t, 60'000);
    QCOMPARE(g.rows.at(5).runs.size(), 2);
    QCOMPARE(g.rows.at(5).runs.first().state, BarState::Skipped); // replaced by r2
    QCOMPARE(g.rows.at(5).runs.last().state, BarState::Done);
    QCOMPARE(g.rows.at(5).alarm(), GanttRow::Alarm::None);
    QVERIFY(!t.engine().step(5).isInDoubt());
}

void TestGantt::markers()
{
    TestTimeline t(test::shippedChecklist());
    ChecklistEngine &e = t.engine();
    qint64 now = 0;
    while (e.currentStep() >= 0) {
        const int si = e.currentStep();
        const ChecklistStep &step = e.checklist().steps.at(si);
        const ChecklistItem &item = step.items.at(e.currentItem(si));
        now += 10'000;
        QVERIFY(test::passPoll(t, step.id, item.id, ic)); // steps 4 and 6 poll first
        QVERIFY(t.commit(e.planConfirmItem(
                             step.id, item.id, ic,
                             item.kind == ItemKind::Choice ? item.options.first().value : QString(),
                             item.isAutomated() ? s("checked by hand") : QString()),
                         now));
        if (step.id == QLatin1String("validate") && e.currentItem(si) == 1)
            QVERIFY(t.commit(e.planNote(ic, s("checksums match")), now));
    }
    QVERIFY(t.commit(e.planClose(ic), now + 1000));
    const GanttGeometry g = build(t, now + 1000);
    QStringList seen;
    for (const GanttMarker &m : g.markers) {
        // A note names its event rather than copying its text (the chart looks the text up).
        const QString label = m.kind == GanttMarker::Kind::Note
                                  ? t.events().at(m.seq - 1).payload.value(s("text")).toString()
                                  : m.label;
        seen << QStringLiteral("%1@%2").arg(label).arg(m.atMs);
    }
    // execute starts with its first confirmation; reenable is done with its last.
    const qint64 executeStart = e.step(3).startedElapsedMs;
    const qint64 reenableDone = e.step(5).endedElapsedMs;
    const qint64 noteAt = e.step(4).items.at(0).elapsedMs;
    QCOMPARE(seen,
             (QStringList{s("Declared@0"), QStringLiteral("Rollback start@%1").arg(executeStart),
                          QStringLiteral("checksums match@%1").arg(noteAt),
                          QStringLiteral("Rollback complete@%1").arg(reenableDone),
                          QStringLiteral("Closed@%1").arg(now + 1000)}));
}

void TestGantt::reopenedIncidentDrawsTheSame()
{
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY(store.open(dir.filePath(s("g.sqlite")), &error));
    qint64 now = 1'767'225'600'000;
    const Clock clock = [&now] {
        return now;
    };
    IncidentDeclaration d;
    d.title = s("T");
    d.commander = ic;
    d.variables = {{s("service"), s("api")}};
    auto session = IncidentSession::declare(store, test::parallelChecklist(), d, clock, &error);
    QVERIFY(session);
    now += 1000;
    QVERIFY(session->confirmItem(s("a"), s("a1")).ok());
    now += 1000;
    QVERIFY(session->confirmItem(s("a"), s("a2"), s("y")).ok());
    now += 1000;
    QVERIFY(session->confirmItem(s("c"), s("c1")).ok());
    const qint64 id = session->incident().id;
    const TimelineEvents before = session->events();
    session.reset();
    now += 60'000;
    auto reopened = IncidentSession::open(store, id, clock, &error);
    QVERIFY(reopened);
    const Checklist &c = reopened->checklist();
    const GanttBuilder builder(c, reopened->textVariables(), SchedulePlanner::plan(c));
    const GanttGeometry g1 = builder.build(before, 3000, 0);
    const GanttGeometry g2 = builder.build(reopened->events(), 3000, 0);
    for (int i = 0; i < g1.rows.size(); ++i)
        QCOMPARE(bars(g2.rows.at(i)), bars(g1.rows.at(i)));
    QCOMPARE(bars(g2.rows.at(0)), s("1000-2000 done"));
    QCOMPARE(bars(g2.rows.at(2)), s("3000-3000 done"));
}

QTEST_GUILESS_MAIN(TestGantt)
#include "tst_gantt.moc"
