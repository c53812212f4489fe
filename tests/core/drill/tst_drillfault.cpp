// A fault inject the drill backend does not take: the runner records that it was not taken, as
// a plain note, and nothing in the timeline names the fault as the cause of what follows (it was
// noted as "sent" before the answer came, and the postmortem listed it among the key moments).
// The fault that is taken is its key moment: tests/app/tst_drill shippedScenarioHaltsTheRamp.
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
    void refusedFaultIsNoKeyMoment();
};

void TestDrillFault::refusedFaultIsNoKeyMoment()
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
    int refusedNotes = 0;
    for (const TimelineEvent &e : controller.session()->events()) {
        QVERIFY2(!e.payload.contains(PayloadKey::DrillFault), qPrintable(e.kind));
        if (e.kind == EventKind::NoteAdded)
            QCOMPARE(static_cast<int>(keyMomentOf(e, IncidentMode::Drill)),
                     static_cast<int>(KeyMoment::None));
        const QString text = e.payload.value(PayloadKey::Text).toString();
        if (text.startsWith(s("Drill inject flaps: fault {\"flapping_error_rate\":true} was not "
                              "taken by the drill backend, so nothing after it is its doing: "))) {
            QCOMPARE(e.actor, QString(ScreenClock::facilitator));
            ++refusedNotes;
        }
    }
    QCOMPARE(refusedNotes, 1);
}

QTEST_GUILESS_MAIN(TestDrillFault)
#include "tst_drillfault.moc"
