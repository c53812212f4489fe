// "Rollback complete" is a step done, not a step ended: a drill whose ramp halted failed the
// milestone's step, and its postmortem still said "Rollback complete at T+00:00:05" with a time
// to healthy, and its CDEvents that the service was rolled back (the new-user helper's drill).
#include "engine/ChecklistEngine.h"
#include "history/IncidentFacts.h"
#include "report/PostmortemReport.h"
#include "report/ReportText.h"
#include "report/formats/CdEventsExport.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QTest>

using namespace warroom;
using warroom::test::minute;
using warroom::test::s;

class TestMilestones : public QObject
{
    Q_OBJECT

private slots:
    void completeOnlyWhenDone_data();
    void completeOnlyWhenDone();
};

namespace {

enum class Ending { Done, Failed, Skipped, FailedThenDone, FailedThenRestarted };

// Every item of `step` confirmed, those a run confirms by hand with a reason.
bool confirmAll(test::TestTimeline &t, const QString &step, qint64 at)
{
    ChecklistEngine &e = t.engine();
    const int si = e.checklist().stepIndex(step);
    for (const ChecklistItem &item : e.checklist().steps.at(si).items) {
        const int ii = int(&item - e.checklist().steps.at(si).items.data());
        // Its go/no-go poll first, every role GO (Dana holds them all).
        for (QString role = e.pollNextRole(si, ii); !role.isEmpty();
             role = e.pollNextRole(si, ii)) {
            if (!t.commit(e.planAnswerPoll(step, item.id, role, true, s("Dana")), at))
                return false;
        }
        if (!t.commit(
                e.planConfirmItem(step, item.id, s("ic"), {},
                                  item.isAutomated() ? s("seen on the dashboard") : QString()),
                at))
            return false;
    }
    return true;
}

} // namespace

void TestMilestones::completeOnlyWhenDone_data()
{
    QTest::addColumn<Ending>("ending");
    QTest::addColumn<qint64>("completeMs"); // -1: not reached
    QTest::newRow("done") << Ending::Done << 20 * minute;
    QTest::newRow("failed") << Ending::Failed << qint64(-1);
    QTest::newRow("skipped") << Ending::Skipped << qint64(-1);
    QTest::newRow("failed, restarted, done") << Ending::FailedThenDone << 30 * minute;
    QTest::newRow("failed, restarted, open") << Ending::FailedThenRestarted << qint64(-1);
}

void TestMilestones::completeOnlyWhenDone()
{
    QFETCH(Ending, ending);
    QFETCH(qint64, completeMs);
    test::TestTimeline t(test::shippedChecklist());
    ChecklistEngine &e = t.engine();
    const QString ic = s("ic");
    for (const ChecklistRole &role : e.checklist().roles) {
        const EnginePlan assign = e.planAssignRole(role.id, s("Dana"), {}, ic);
        QVERIFY(!assign.ok() || t.commit(assign, minute)); // the commander's is handed over
    }
    QVERIFY(t.commit(e.planStartStep(s("execute"), ic, s("drill: straight to the rollback")),
                     5 * minute));
    const QString reenable = s("reenable");
    if (ending == Ending::Skipped) {
        QVERIFY(t.commit(e.planSkipStep(reenable, ic, s("traffic never left")), 20 * minute));
    } else {
        QVERIFY(t.commit(e.planStartStep(reenable, ic, s("validated by eye")), 10 * minute));
        if (ending == Ending::Done)
            QVERIFY(confirmAll(t, reenable, 20 * minute));
        else
            QVERIFY(t.commit(e.planFailStep(reenable, ic, s("ramp halted at 25 %")), 20 * minute));
    }
    if (ending == Ending::FailedThenDone || ending == Ending::FailedThenRestarted)
        QVERIFY(t.commit(e.planRestartStep(reenable, ic), 25 * minute));
    if (ending == Ending::FailedThenDone)
        QVERIFY(confirmAll(t, reenable, 30 * minute));
    QVERIFY(t.commit(e.planClose(ic, s("drill over")), 40 * minute));

    IncidentRecord record;
    record.id = 1;
    record.mode = IncidentMode::Drill;
    record.commander = ic;
    record.variables = {{s("service"), s("payments-api")}, {s("good_version"), s("v1.2.0")}};
    const PostmortemReport r = PostmortemReport::build(record, e.checklist(), t.events(), {});
    QCOMPARE(r.rollbackStartMs, std::optional<qint64>(5 * minute));
    const IncidentFacts facts = IncidentFacts::fromReport(r);
    const QString cdevents = QString::fromUtf8(CdEventsExport::write(r));
    if (completeMs < 0) {
        QVERIFY(!r.rollbackCompleteMs);
        QCOMPARE(ReportText::triggerToHealthy(r), s("not measured (rollback not complete)"));
        QVERIFY(!facts.triggerToHealthyMs);
        QVERIFY(!cdevents.contains(s("service.rolledback")));
        QVERIFY(cdevents.contains(s("without completing the rollback")));
    } else {
        QCOMPARE(r.rollbackCompleteMs, std::optional<qint64>(completeMs));
        QCOMPARE(facts.triggerToHealthyMs, std::optional<qint64>(completeMs - 5 * minute));
        QVERIFY(cdevents.contains(s("service.rolledback")));
        QVERIFY(!cdevents.contains(s("without completing the rollback")));
    }
}

QTEST_GUILESS_MAIN(TestMilestones)
#include "tst_milestones.moc"
