#include "gantt/ScheduleForecast.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QTest>

using namespace warroom;
using warroom::test::s;
using warroom::test::TestTimeline;

namespace {

const QString ic = QStringLiteral("ic");

// The diamond checklist a -> {b, c} -> d, planned a 0-2 min, b 2-5, c 2-6.5, d 6.5-7.5.
bool tell(TestTimeline &t, const QString &story)
{
    ChecklistEngine &e = t.engine();
    if (story == QLatin1String("none"))
        return true;
    if (story == QLatin1String("retry"))
        return t.commit(e.planConfirmItem(s("a"), s("a1"), ic), 0)
               && t.commit(e.planFailStep(s("a"), ic, s("job died")), 30'000);
    if (story == QLatin1String("all skipped"))
        return t.commit(e.planSkipStep(s("a"), ic, s("n/a")), 10'000)
               && t.commit(e.planSkipStep(s("b"), ic, s("n/a")), 20'000)
               && t.commit(e.planSkipStep(s("c"), ic, s("n/a")), 30'000)
               && t.commit(e.planSkipStep(s("d"), ic, s("n/a")), 40'000);
    bool ok = t.commit(e.planConfirmItem(s("a"), s("a1"), ic), 0)
              && t.commit(e.planConfirmItem(s("a"), s("a2"), ic, s("x")), 60'000);
    if (story == QLatin1String("skip before start"))
        ok = ok && t.commit(e.planSkipStep(s("b"), ic, s("not here")), 70'000);
    if (story == QLatin1String("parallel"))
        ok = ok && t.commit(e.planConfirmItem(s("b"), s("b1"), ic), 70'000)
             && t.commit(e.planStartStep(s("c"), ic), 80'000)
             && t.commit(e.planConfirmItem(s("c"), s("c1"), ic), 400'000);
    return ok;
}

} // namespace

class TestScheduleForecast : public QObject
{
    Q_OBJECT

private slots:
    void forecast_data();
    void forecast();
};

void TestScheduleForecast::forecast_data()
{
    QTest::addColumn<QString>("story");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing done yet: the plan")
        << s("none") << qint64(0)
        << s("a 0-120000; b 120000-300000; c 120000-390000; d 390000-450000; "
             "finish 450000 of 450000");
    QTest::newRow("a late start moves everything")
        << s("none") << qint64(600'000)
        << s("a 600000-720000; b 720000-900000; c 720000-990000; d 990000-1050000; "
             "finish 1050000 of 450000");
    QTest::newRow("a step done early brings the finish forward")
        << s("a fast") << qint64(60'000)
        << s("a 0-60000 done; b 60000-240000; c 60000-330000; d 330000-390000; "
             "finish 390000 of 450000");
    QTest::newRow("an overrunning step ends no earlier than now")
        << s("parallel") << qint64(500'000)
        << s("a 0-60000 done; b 70000-500000 started; c 80000-400000 done; "
             "d 500000-560000; finish 560000 of 450000");
    QTest::newRow("a failed step is done again from now")
        << s("retry") << qint64(35'000)
        << s("a 0-155000 started; b 155000-335000; c 155000-425000; d 425000-485000; "
             "finish 485000 of 450000");
    QTest::newRow("a step skipped before it started takes no time")
        << s("skip before start") << qint64(70'000)
        << s("a 0-60000 done; b 70000-70000 done; c 70000-340000; d 340000-400000; "
             "finish 400000 of 450000");
    QTest::newRow("every step finished: complete, actual finish")
        << s("all skipped") << qint64(100'000)
        << s("a 10000-10000 done; b 20000-20000 done; c 30000-30000 done; "
             "d 40000-40000 done; finish 40000 of 450000 complete");
}

void TestScheduleForecast::forecast()
{
    QFETCH(QString, story);
    QFETCH(qint64, now);
    QFETCH(QString, expected);
    TestTimeline t(test::parallelChecklist());
    QVERIFY(tell(t, story));
    const ChecklistEngine &e = t.engine();
    const ScheduleForecast f =
        ScheduleForecaster::forecast(e, SchedulePlanner::plan(e.checklist()), now);
    QCOMPARE(f.steps.size(), e.stepCount());
    QStringList out;
    for (int i = 0; i < f.steps.size(); ++i) {
        const ForecastStep &step = f.steps.at(i);
        out << QStringLiteral("%1 %2-%3%4")
                   .arg(e.checklist().steps.at(i).id)
                   .arg(step.startMs)
                   .arg(step.endMs)
                   .arg(step.finished ? s(" done") : step.started ? s(" started") : QString());
    }
    out << QStringLiteral("finish %1 of %2%3")
               .arg(f.finishMs)
               .arg(f.plannedFinishMs)
               .arg(f.complete ? s(" complete") : QString());
    QCOMPARE(out.join(QStringLiteral("; ")), expected);
    QCOMPARE(f.slipMs(), f.finishMs - f.plannedFinishMs);
}

QTEST_GUILESS_MAIN(TestScheduleForecast)
#include "tst_scheduleforecast.moc"
