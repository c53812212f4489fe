#include "facilitation/LiveExpectations.h"

#include <QTest>

using namespace warroom;

Q_DECLARE_METATYPE(warroom::DrillFacts)
Q_DECLARE_METATYPE(warroom::DrillExpectation)

// The facilitator's live expectations: met, missed, or pending with the drill time left,
// judged from scripted facts of a drill under way.
class TestLiveExpectations : public QObject
{
    Q_OBJECT

private slots:
    void judge_data();
    void judge();
    void oneEntryPerExpectationInOrder();
};

namespace {

constexpr qint64 minute = 60'000;

QString text(const char *s)
{
    return QString::fromUtf8(s);
}

DrillExpectation stepBy(const QString &step, qint64 byMs)
{
    DrillExpectation e;
    e.id = step + QStringLiteral("-by");
    e.kind = DrillExpectation::Kind::StepDoneBy;
    e.target = step;
    e.byMs = byMs;
    return e;
}

DrillExpectation runWithin(const QString &target, const QString &outcome, qint64 withinMs,
                           const QString &inject)
{
    DrillExpectation e;
    e.id = QStringLiteral("run");
    e.kind = DrillExpectation::Kind::RunOutcome;
    e.target = target;
    e.outcome = outcome;
    e.withinMs = withinMs;
    e.ofInject = inject;
    return e;
}

DrillExpectation drillEnds(const QString &outcome)
{
    DrillExpectation e;
    e.id = QStringLiteral("end");
    e.kind = DrillExpectation::Kind::DrillOutcome;
    e.outcome = outcome;
    return e;
}

DrillFacts at(qint64 nowMs)
{
    DrillFacts f;
    f.nowMs = nowMs;
    return f;
}

DrillFacts stepDone(qint64 nowMs, const QString &step, qint64 doneAt)
{
    DrillFacts f = at(nowMs);
    f.stepState.insert(step, QStringLiteral("done"));
    f.stepDoneAt.insert(step, doneAt);
    return f;
}

DrillFacts run(qint64 nowMs, const QString &target, const QString &outcome, qint64 endedAt,
               qint64 injectAt)
{
    DrillFacts f = at(nowMs);
    f.runOutcome.insert(target, outcome);
    if (endedAt >= 0)
        f.runEndedAt.insert(target, endedAt);
    if (injectAt >= 0)
        f.injectFiredAt.insert(QStringLiteral("flap"), injectAt);
    return f;
}

DrillFacts finished(const QString &outcome)
{
    DrillFacts f = at(40 * minute);
    f.finished = true;
    f.outcome = outcome;
    return f;
}

} // namespace

void TestLiveExpectations::judge_data()
{
    QTest::addColumn<DrillExpectation>("expectation");
    QTest::addColumn<DrillFacts>("facts");
    QTest::addColumn<QString>("status");
    QTest::addColumn<qint64>("remainingMs");
    QTest::addColumn<QString>("detail");

    const DrillExpectation scope = stepBy(QStringLiteral("scope"), 10 * minute);
    QTest::newRow("step: pending, 7 min left")
        << scope << at(3 * minute) << text("pending") << 7 * minute << text("pending; 00:07:00 left");
    QTest::newRow("step: done in time")
        << scope << stepDone(9 * minute, QStringLiteral("scope"), 8 * minute) << text("met")
        << qint64(-1) << text("done at T+00:08:00");
    QTest::newRow("step: done late")
        << scope << stepDone(12 * minute, QStringLiteral("scope"), 11 * minute) << text("missed")
        << qint64(-1) << text("done at T+00:11:00, 00:01:00 late");
    QTest::newRow("step: deadline passed while active") << scope << [] {
        DrillFacts f = at(10 * minute + 1000);
        f.stepState.insert(QStringLiteral("scope"), QStringLiteral("active"));
        return f;
    }() << text("missed") << qint64(-1) << text("not done by T+00:10:00 (the step is active)");
    QTest::newRow("step: the drill ended before its time")
        << scope <<
        [] {
            DrillFacts f = finished(QStringLiteral("stopped"));
            f.nowMs = 4 * minute;
            return f;
        }()
        << text("missed") << qint64(-1)
        << text("not done when the drill ended at T+00:04:00 (the step was pending)");

    const DrillExpectation halt = runWithin(QStringLiteral("ramp/r"), QStringLiteral("halted"),
                                            2 * minute, QStringLiteral("flap"));
    const QString target = QStringLiteral("ramp/r");
    QTest::newRow("run: inject not fired yet")
        << halt << run(minute, target, QStringLiteral("still running"), -1, -1) << text("pending")
        << qint64(-1) << text("still running, inject flap not fired yet");
    QTest::newRow("run: clock running after the inject")
        << halt << run(6 * minute, target, QStringLiteral("still running"), -1, 5 * minute)
        << text("pending") << minute << text("still running; 00:01:00 left");
    QTest::newRow("run: halted in time")
        << halt << run(7 * minute, target, QStringLiteral("halted"), 6 * minute, 5 * minute)
        << text("met") << qint64(-1) << text("halted 00:01:00 after inject flap");
    QTest::newRow("run: halted too late")
        << halt << run(9 * minute, target, QStringLiteral("halted"), 8 * minute, 5 * minute)
        << text("missed") << qint64(-1)
        << text("halted 00:03:00 after inject flap (00:01:00 over)");
    QTest::newRow("run: halted before the inject, deadline passed")
        << halt << run(8 * minute, target, QStringLiteral("halted"), 4 * minute, 5 * minute)
        << text("missed") << qint64(-1)
        << text("halted at T+00:04:00, 00:01:00 before inject flap fired");
    QTest::newRow("run: halted before the inject, another run may answer it")
        << halt << run(6 * minute, target, QStringLiteral("halted"), 4 * minute, 5 * minute)
        << text("pending") << minute << text("halted; 00:01:00 left");
    QTest::newRow("run: completed after the inject, not halted")
        << halt
        << run(6 * minute, target, QStringLiteral("completed"), 5 * minute + 30'000, 5 * minute)
        << text("pending") << minute
        << text("completed 00:00:30 after inject flap; expected halted");
    QTest::newRow("run: the drill ended, the inject never fired") << halt << [] {
        DrillFacts f = finished(QStringLiteral("completed"));
        f.runOutcome.insert(QStringLiteral("ramp/r"), QStringLiteral("halted"));
        f.runEndedAt.insert(QStringLiteral("ramp/r"), 4 * minute);
        return f;
    }() << text("missed") << qint64(-1) << text("halted at T+00:04:00, inject flap never fired");
    // Over by half a second: a second over, as the debrief says it (it read "(00:00:00 over)").
    QTest::newRow("run: halted half a second too late")
        << halt << run(9 * minute, target, QStringLiteral("halted"), 7 * minute + 500, 5 * minute)
        << text("missed") << qint64(-1)
        << text("halted 00:02:00 after inject flap (00:00:01 over)");
    QTest::newRow("run: still running past the window")
        << halt << run(8 * minute, target, QStringLiteral("still running"), -1, 5 * minute)
        << text("missed") << qint64(-1) << text("still running, not halted within 00:02:00 of inject flap");
    const DrillExpectation succeeds = runWithin(target, QStringLiteral("succeeded"), -1, {});
    QTest::newRow("run without a window: succeeded")
        << succeeds << run(8 * minute, target, QStringLiteral("succeeded"), 7 * minute, -1)
        << text("met") << qint64(-1) << text("succeeded");
    QTest::newRow("run without a window: failed, drill on")
        << succeeds << run(8 * minute, target, QStringLiteral("failed"), 7 * minute, -1)
        << text("pending") << qint64(-1) << text("failed so far");

    QTest::newRow("drill: under way") << drillEnds(QStringLiteral("completed")) << at(minute)
                                      << text("pending") << qint64(-1) << text("the drill is under way");
    QTest::newRow("drill: completed") << drillEnds(QStringLiteral("completed"))
                                      << finished(QStringLiteral("completed")) << text("met")
                                      << qint64(-1) << text("the drill completed");
    QTest::newRow("drill: stopped") << drillEnds(QStringLiteral("completed"))
                                    << finished(QStringLiteral("stopped")) << text("missed")
                                    << qint64(-1) << text("the drill stopped");
}

void TestLiveExpectations::judge()
{
    QFETCH(DrillExpectation, expectation);
    QFETCH(DrillFacts, facts);
    QFETCH(QString, status);
    QFETCH(qint64, remainingMs);
    QFETCH(QString, detail);
    const LiveExpectation r = LiveExpectations::judge(expectation, facts);
    QCOMPARE(LiveExpectation::statusName(r.status), status);
    QCOMPARE(r.remainingMs, remainingMs);
    QCOMPARE(r.detail, detail);
    QCOMPARE(r.description, expectation.describe());
}

void TestLiveExpectations::oneEntryPerExpectationInOrder()
{
    const QList<DrillExpectation> all = {stepBy(QStringLiteral("a"), minute),
                                         drillEnds(QStringLiteral("completed")),
                                         stepBy(QStringLiteral("b"), 3 * minute)};
    const QList<LiveExpectation> live
        = LiveExpectations::judge(all, stepDone(2 * minute, QStringLiteral("a"), 30'000));
    QCOMPARE(live.size(), 3);
    QCOMPARE(live.at(0).id, QStringLiteral("a-by"));
    QCOMPARE(live.at(0).status, LiveExpectation::Status::Met);
    QCOMPARE(live.at(1).status, LiveExpectation::Status::Pending);
    QCOMPARE(live.at(2).remainingMs, minute);
}

QTEST_APPLESS_MAIN(TestLiveExpectations)
#include "tst_liveexpectations.moc"
