#include "gantt/GanttBuilder.h"
#include "gantt/GanttForecast.h"
#include "gantt/ScheduleForecast.h"
#include "gantt/SchedulePlanner.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"

#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace warroom;
using warroom::test::s;
using warroom::test::TestTimeline;

namespace {

const QString ic = QStringLiteral("ic");

// A readable dump of what differs, for the failure message.
QString dump(const GanttGeometry &g)
{
    QStringList out{QStringLiteral("now %1 extent %2").arg(g.nowMs).arg(g.extentMs)};
    for (const GanttRow &r : g.rows) {
        QStringList bars;
        for (const QList<GanttBar> *list : {&r.actual, &r.runs})
            for (const GanttBar &b : *list)
                bars << QStringLiteral("%1-%2 %3%4%5")
                            .arg(b.startMs)
                            .arg(b.endMs)
                            .arg(barStateName(b.state), b.running ? s(" r") : QString(),
                                 b.halted ? s(" h") : QString());
        out << QStringLiteral("%1 [%2] over %3").arg(r.label, bars.join(s(", "))).arg(r.overrunMs);
    }
    for (const GanttMarker &m : g.markers)
        out << QStringLiteral("marker %1 #%2@%3").arg(m.label).arg(m.seq).arg(m.atMs);
    return out.join(u'\n');
}

bool run(TestTimeline &t, const char *kind, const char *step, const char *item, const char *runId,
         QJsonObject payload, qint64 at)
{
    payload.insert(s("run"), s(runId));
    EnginePlan plan;
    plan.drafts << EventDraft{ic, s(kind), s(step), s(item), payload};
    return t.commit(plan, at);
}

// Scripted timelines: each a story the chart must draw the same however it was folded.
std::unique_ptr<TestTimeline> script(const QString &name)
{
    const bool shipped = name == QLatin1String("runs") || name == QLatin1String("whole drill");
    auto t = std::make_unique<TestTimeline>(shipped ? test::shippedChecklist()
                                                    : test::parallelChecklist());
    ChecklistEngine &e = t->engine();
    if (name == QLatin1String("parallel")) {
        t->commit(e.planConfirmItem(s("a"), s("a1"), ic), 0);
        t->commit(e.planConfirmItem(s("a"), s("a2"), ic, s("x")), 60'000);
        t->commit(e.planConfirmItem(s("b"), s("b1"), ic), 70'000);
        t->commit(e.planStartStep(s("c"), ic), 80'000);
        t->commit(e.planNote(ic, s("c is slow")), 200'000);
        t->commit(e.planConfirmItem(s("c"), s("c1"), ic), 400'000);
    } else if (name == QLatin1String("retry, undo and skip")) {
        t->commit(e.planConfirmItem(s("a"), s("a1"), ic), 0);
        t->commit(e.planFailStep(s("a"), ic, s("job died")), 30'000);
        t->commit(e.planRestartStep(s("a"), ic), 40'000);
        t->commit(e.planConfirmItem(s("a"), s("a2"), ic, s("x")), 50'000);
        t->commit(e.planUndo(ic), 55'000);
        t->commit(e.planConfirmItem(s("a"), s("a2"), ic, s("y")), 58'000);
        t->commit(e.planSkipStep(s("b"), ic, s("not here")), 70'000);
        t->commit(e.planUndo(ic), 75'000);
        t->commit(e.planStartStep(s("d"), ic, s("bridge said go")), 90'000);
    } else if (name == QLatin1String("runs")) {
        run(*t, "check.started", "freeze", "write-rate", "c1", {}, 10'000);
        run(*t, "check.sampled", "freeze", "write-rate", "c1", {{s("passed"), true}}, 15'000);
        run(*t, "check.finished", "freeze", "write-rate", "c1", {{s("outcome"), s("passed")}},
            20'000);
        run(*t, "action.requested", "notify", "channel", "a1", {{s("phase"), s("send")}}, 30'000);
        run(*t, "action.unknown", "notify", "channel", "a1", {}, 40'000);
        run(*t, "ramp.started", "reenable", "ramp", "r1", {}, 50'000);
        run(*t, "action.requested", "notify", "channel", "a1",
            {{s("phase"), s("send")}, {s("resend"), true}}, 60'000);
        run(*t, "ramp.finished", "reenable", "ramp", "r1", {{s("outcome"), s("halted")}}, 70'000);
    } else { // the whole drill on the shipped checklist, with a note and the close
        qint64 now = 0;
        while (e.currentStep() >= 0) {
            const ChecklistStep &step = e.checklist().steps.at(e.currentStep());
            const ChecklistItem &item = step.items.at(e.currentItem(e.currentStep()));
            now += 10'000;
            // Steps 4 and 6 poll first; a refused command would otherwise repeat for ever.
            if (!test::passPoll(*t, step.id, item.id, ic)
                || !t->commit(e.planConfirmItem(step.id, item.id, ic,
                                        item.kind == ItemKind::Choice ? item.options.first().value
                                                                      : QString(),
                                        item.isAutomated() ? s("checked by hand") : QString()),
                              now))
                return nullptr;
            if (now % 70'000 == 0)
                t->commit(e.planNote(ic, s("note %1").arg(now)), now);
        }
        t->commit(e.planClose(ic), now + 1000);
    }
    return t;
}

} // namespace

class TestGanttIncremental : public QObject
{
    Q_OBJECT

private slots:
    void incrementalEqualsFullRebuild_data();
    void incrementalEqualsFullRebuild();
    void shorterTimelineStartsOver();
    void alarms();
    void forecastShiftsTheRemainingSteps();
    void shortDrillFitsItsOwnSpan();
};

void TestGanttIncremental::incrementalEqualsFullRebuild_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("minEvents");
    QTest::newRow("parallel steps, overrun, note") << s("parallel") << 6;
    QTest::newRow("retry, undo and skip") << s("retry, undo and skip") << 9;
    QTest::newRow("runs: check, unknown, re-send, halted ramp") << s("runs") << 8;
    QTest::newRow("whole drill with notes and close") << s("whole drill") << 40;
}

void TestGanttIncremental::incrementalEqualsFullRebuild()
{
    QFETCH(QString, name);
    QFETCH(int, minEvents);
    const std::unique_ptr<TestTimeline> t = script(name);
    QVERIFY2(t, "the script could not be played");
    const TimelineEvents &all = t->events();
    QVERIFY2(all.size() >= minEvents, qPrintable(QString::number(all.size())));
    const Checklist &c = t->engine().checklist();
    const QMap<QString, QString> vars{{s("service"), s("api")}};
    GanttBuilder incremental(c, vars, SchedulePlanner::plan(c));
    const GanttBuilder full(c, vars, SchedulePlanner::plan(c));
    // The live list grows one event at a time; after each, and at a later tick, both agree.
    TimelineEvents live;
    for (const TimelineEvent &e : all) {
        live.append(e);
        incremental.append(live);
        QCOMPARE(incremental.folded(), live.size());
        for (qint64 later : {qint64(0), qint64(1500)}) {
            const qint64 at = e.elapsedMs + later;
            const GanttGeometry a = incremental.geometry(at, 42);
            const GanttGeometry b = full.build(live, at, 42);
            QVERIFY2(a == b, qPrintable(QStringLiteral("after event %1 at %2:\n%3\n--- full:\n%4")
                                            .arg(e.seq)
                                            .arg(at)
                                            .arg(dump(a), dump(b))));
        }
    }
    // Several events at once (a burst) fold the same as one by one.
    GanttBuilder burst(c, vars, SchedulePlanner::plan(c));
    burst.append(all);
    QVERIFY(burst.geometry(all.constLast().elapsedMs, 42)
            == incremental.geometry(all.constLast().elapsedMs, 42));
}

void TestGanttIncremental::shorterTimelineStartsOver()
{
    const std::unique_ptr<TestTimeline> t = script(s("parallel"));
    QVERIFY2(t, "the script could not be played");
    const Checklist &c = t->engine().checklist();
    const QMap<QString, QString> vars;
    GanttBuilder b(c, vars, SchedulePlanner::plan(c));
    b.append(t->events());
    const TimelineEvents first = t->events().mid(0, 2);
    b.append(first);
    QCOMPARE(b.folded(), 2);
    QVERIFY(b.geometry(60'000, 0) == b.build(first, 60'000, 0));
    QVERIFY(b.geometry(60'000, 0).markers.size() == 1); // the note (200000) is gone
}

void TestGanttIncremental::alarms()
{
    const std::unique_ptr<TestTimeline> t = script(s("runs"));
    QVERIFY2(t, "the script could not be played");
    const Checklist &c = t->engine().checklist();
    const QMap<QString, QString> vars;
    const GanttBuilder b(c, vars, SchedulePlanner::plan(c));
    GanttGeometry g = b.build(t->events(), 80'000, 0);
    QCOMPARE(g.rows.at(5).alarm(), GanttRow::Alarm::Halted); // reenable: the ramp halted
    QVERIFY(g.rows.at(5).runs.first().halted);
    QCOMPARE(g.rows.at(2).alarm(), GanttRow::Alarm::None); // freeze: the check passed
    QCOMPARE(g.rows.at(1).alarm(), GanttRow::Alarm::None); // notify: running again
    // Between the lost answer and the re-send, the row says so in words.
    const GanttGeometry inDoubt = b.build(t->events(), 45'000, 0);
    QCOMPARE(inDoubt.rows.at(1).runs.first().state, BarState::Unknown);
    QCOMPARE(inDoubt.rows.at(1).alarm(), GanttRow::Alarm::Unknown);

    const std::unique_ptr<TestTimeline> retry = script(s("retry, undo and skip"));
    QVERIFY(retry);
    const Checklist &pc = retry->engine().checklist();
    const GanttBuilder pb(pc, vars, SchedulePlanner::plan(pc));
    QCOMPARE(pb.build(retry->events(), 35'000, 0).rows.at(0).alarm(), GanttRow::Alarm::Failed);
    // Restarted: the failed attempt stays drawn, but the alarm is over.
    QCOMPARE(pb.build(retry->events(), 45'000, 0).rows.at(0).alarm(), GanttRow::Alarm::None);
}

void TestGanttIncremental::forecastShiftsTheRemainingSteps()
{
    // Diamond a -> {b, c} -> d, planned a 0-2, b 2-5, c 2-6.5, d 6.5-7.5 min.
    const std::unique_ptr<TestTimeline> t = script(s("parallel"));
    QVERIFY2(t, "the script could not be played");
    const Checklist &c = t->engine().checklist();
    const QMap<QString, QString> vars;
    const QList<PlannedStep> plan = SchedulePlanner::plan(c);
    GanttGeometry g = GanttBuilder(c, vars, plan).build(t->events(), 500'000, 0);
    const ScheduleForecast f = ScheduleForecaster::forecast(t->engine(), plan, 500'000);
    applyForecast(g, f);
    QVERIFY(g.hasForecast);
    QVERIFY(!g.rows.at(0).hasForecast); // a and c are done: drawn as they happened
    QVERIFY(!g.rows.at(2).hasForecast);
    // b started at 70 s and overran its 3 min: what is left starts now.
    QVERIFY(g.rows.at(1).hasForecast);
    QCOMPARE(g.rows.at(1).forecast.startMs, 500'000);
    // d waits for b: after b's forecast end, for its planned minute.
    QCOMPARE(g.rows.at(3).forecast.startMs, g.rows.at(1).forecast.endMs);
    QCOMPARE(g.rows.at(3).forecast.endMs - g.rows.at(3).forecast.startMs, 60'000);
    QCOMPARE(g.forecastFinishMs, g.rows.at(3).forecast.endMs);
    QCOMPARE(g.plannedFinishMs, 450'000);
    QCOMPARE(g.fitEndMs, g.forecastFinishMs);
    QVERIFY(g.extentMs >= g.forecastFinishMs);
}

void TestGanttIncremental::shortDrillFitsItsOwnSpan()
{
    // The whole shipped checklist (planned 65 min) done in a few minutes: fit is the drill.
    const std::unique_ptr<TestTimeline> t = script(s("whole drill"));
    QVERIFY2(t, "the script could not be played");
    const Checklist &c = t->engine().checklist();
    const QMap<QString, QString> vars;
    const QList<PlannedStep> plan = SchedulePlanner::plan(c);
    const qint64 end = t->events().constLast().elapsedMs;
    GanttGeometry g = GanttBuilder(c, vars, plan).build(t->events(), end, 0);
    applyForecast(g, ScheduleForecaster::forecast(t->engine(), plan, end));
    QVERIFY2(end < 10 * 60'000, qPrintable(QString::number(end)));
    QCOMPARE(g.extentMs, 65 * 60'000); // the whole plan is still there, for "Whole plan"
    QCOMPARE(g.fitEndMs, end);
    for (const GanttRow &r : g.rows)
        QVERIFY(!r.hasForecast);
}

QTEST_GUILESS_MAIN(TestGanttIncremental)
#include "tst_ganttincremental.moc"
