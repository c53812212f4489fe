// A fault inject the drill backend does not take: noted as sent before it went (an answer that
// came after the drill ended, or after the halt it caused, left the halt with no recorded
// cause), then the refusal, a key moment of its own, so the postmortem does not leave "Fault
// injected by the drill" standing as the cause of what follows. The fault that is taken:
// tests/app/tst_drill shippedScenarioHaltsTheRamp.
#include "control/IncidentController.h"
#include "drill/DrillRunner.h"
#include "drill/ScenarioParser.h"
#include "report/KeyMoments.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/TestStrings.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"

#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestDrillFault : public QObject
{
    Q_OBJECT

private slots:
    void refusedFaultIsSaidSo();
};

void TestDrillFault::refusedFaultIsSaidSo()
{
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("fault.db")), &error), qPrintable(error));
    IncidentController controller(store, systemClock());
    // Loopback port 1, where nothing listens: the fault's POST is refused at once.
    const QByteArray json = R"({"scenario": 1, "id": "refused", "checklist": ")"
                            + QByteArray(WARROOM_CHECKLISTS) + R"(/rollback-eight-step.json",
        "backend": {"kind": "external", "faults_url": "http://127.0.0.1:1/api/faults"},
        "drill_speed": 100, "players": {"after": "0:10:00"},
        "injects": [{"id": "flaps", "at": "T+0:00:10", "fault": {"flapping_error_rate": true}}]})";
    const ScenarioParseResult parsed = ScenarioParser::parse(json, s("refused.json"));
    QVERIFY2(parsed.ok(), qPrintable(formatDiagnostics(parsed.diagnostics)));
    controller.setDrillSpeed(100);
    DrillRunner runner(controller, *parsed.scenario, *parsed.checklist);
    QVERIFY2(runner.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!runner.result().problems.isEmpty(), 10'000);
    QVERIFY2(runner.result().problems.first().startsWith(
                 s("inject flaps was not taken by the drill backend: ")),
             qPrintable(runner.result().problems.first()));
    QStringList moments; // the fault's notes, as their key moments and words
    for (const TimelineEvent &e : controller.session()->events()) {
        if (!e.payload.contains(PayloadKey::DrillFault))
            continue;
        QCOMPARE(e.actor, QString(ScreenClock::facilitator));
        moments << keyMomentName(keyMomentOf(e, IncidentMode::Drill)) + s(": ")
                       + e.payload.value(PayloadKey::Text).toString();
    }
    QCOMPARE(moments.size(), 2);
    QCOMPARE(moments.at(0), s("Fault injected by the drill: Drill inject flaps: fault "
                              "{\"flapping_error_rate\":true} sent to the drill backend"));
    QVERIFY2(moments.at(1).startsWith(s("Fault not taken by the drill backend: Drill inject flaps: "
                                        "the drill backend did not take its fault, so nothing "
                                        "after it is its doing: ")),
             qPrintable(moments.at(1)));
}

QTEST_GUILESS_MAIN(TestDrillFault)
#include "tst_drillfault.moc"
