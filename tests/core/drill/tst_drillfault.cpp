// A fault inject the drill backend does not take: noted as sent before it went (an answer that
// came after the drill ended, or after the halt it caused, left the halt with no recorded
// cause), then the refusal, a key moment of its own, so the postmortem does not leave "Fault
// injected by the drill" standing as the cause of what follows. The fault that is taken:
// tests/app/tst_drill shippedScenarioHaltsTheRamp. Table-driven over the backend's answers: a
// refused connection, an HTTP 500, an answer lost, a 2xx a second late.
#include "control/IncidentController.h"
#include "drill/DrillRunner.h"
#include "drill/ScenarioParser.h"
#include "report/KeyMoments.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/FaultServer.h"
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
    void faultAnswer_data();
    void faultAnswer();
};

void TestDrillFault::faultAnswer_data()
{
    QTest::addColumn<QString>("path");        // on the FaultServer; empty: loopback port 1
    QTest::addColumn<QString>("problem");     // the start of the drill's problem; empty: none
    QTest::addColumn<QStringList>("moments"); // the fault's notes, as key moments and words
    QTest::addColumn<QString>("note");        // a plain note the runner adds; empty: none
    const QString sent = s("Fault injected by the drill: Drill inject flaps: fault "
                           "{\"flapping_error_rate\":true} sent to the drill backend");
    const QString refused = s("Fault not taken by the drill backend: Drill inject flaps: the "
                              "drill backend did not take its fault, so nothing after it is its "
                              "doing: ");
    // Nothing listens: the POST is refused at once, and never reached the backend.
    QTest::newRow("connection refused")
        << QString() << s("inject flaps was not taken by the drill backend: ")
        << QStringList{sent, refused} << QString();
    // The backend's own words are in both the note and the problem.
    QTest::newRow("HTTP 500") << s("/500")
                              << s("inject flaps was not taken by the drill backend: HTTP 500 "
                                   "{\"error\":\"boom\"}")
                              << QStringList{sent, refused + s("HTTP 500 {\"error\":\"boom\"}")}
                              << QString();
    // It went out and the connection closed without a word: it may have been taken, so the fault
    // stays the possible cause of what follows, and a note says so: no key moment, but a fault
    // fact ({inject, taken: null}), kept off the room's screens with the fault while the drill
    // runs (a plain note named the fault on the console and the wall).
    QTest::newRow("answer lost")
        << s("/empty")
        << s("inject flaps: the drill backend's answer was lost, so it may have "
             "taken it: ")
        << QStringList{sent}
        << s("Drill inject flaps: the drill backend's answer to its fault was lost, so it may "
             "have taken it: ");
    // A 2xx a second late (a hundred seconds of drill time) adds nothing: the note went first.
    QTest::newRow("taken, answered late")
        << s("/delay?fault") << QString() << QStringList{sent} << QString(); // the query: recorded
}

void TestDrillFault::faultAnswer()
{
    QFETCH(QString, path);
    QFETCH(QString, problem);
    QFETCH(QStringList, moments);
    QFETCH(QString, note);
    test::FaultServer server;
    const QString url = path.isEmpty() ? s("http://127.0.0.1:1/api/faults")
                                       : server.url(path.toLatin1().constData());
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("fault.db")), &error), qPrintable(error));
    IncidentController controller(store, systemClock());
    const QByteArray json = R"({"scenario": 1, "id": "refused", "checklist": ")"
                            + QByteArray(WARROOM_CHECKLISTS) + R"(/rollback-eight-step.json",
        "backend": {"kind": "external", "faults_url": ")"
                            + url.toUtf8() + R"("},
        "drill_speed": 100, "players": {"after": "0:10:00"},
        "injects": [{"id": "flaps", "at": "T+0:00:10", "fault": {"flapping_error_rate": true}}]})";
    const ScenarioParseResult parsed = ScenarioParser::parse(json, s("fault.json"));
    QVERIFY2(parsed.ok(), qPrintable(formatDiagnostics(parsed.diagnostics)));
    controller.setDrillSpeed(100);
    DrillRunner runner(controller, *parsed.scenario, *parsed.checklist);
    QVERIFY2(runner.start(&error), qPrintable(error));
    if (problem.isEmpty()) {
        QTRY_COMPARE_WITH_TIMEOUT(server.count(path.toLatin1()), 1, 10'000);
        QTest::qWait(2'000); // its answer comes after a second
        QVERIFY2(runner.result().problems.isEmpty(),
                 qPrintable(runner.result().problems.join(u'\n')));
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(!runner.result().problems.isEmpty(), 10'000);
        QVERIFY2(runner.result().problems.first().startsWith(problem),
                 qPrintable(runner.result().problems.first()));
    }
    QStringList seen;
    QStringList notes;
    int facts = 0;
    for (const TimelineEvent &e : controller.session()->events()) {
        if (e.kind != EventKind::NoteAdded || e.actor != ScreenClock::facilitator)
            continue;
        const QString text = e.payload.value(PayloadKey::Text).toString();
        facts += e.payload.contains(PayloadKey::DrillFault) ? 1 : 0;
        const KeyMoment moment = keyMomentOf(e, IncidentMode::Drill);
        if (e.payload.contains(PayloadKey::DrillFault) && moment != KeyMoment::None)
            seen << keyMomentName(moment) + s(": ") + text;
        else if (text.contains(s("inject flaps")))
            notes << text;
    }
    // Every note about the fault is a fault fact, which the room's screens keep back.
    QCOMPARE(facts, moments.size() + (note.isEmpty() ? 0 : 1));
    QCOMPARE(seen.size(), moments.size());
    for (qsizetype i = 0; i < moments.size(); ++i)
        QVERIFY2(seen.at(i).startsWith(moments.at(i)), qPrintable(seen.at(i)));
    QCOMPARE(notes.size(), note.isEmpty() ? 0 : 1);
    if (!note.isEmpty())
        QVERIFY2(notes.first().startsWith(note), qPrintable(notes.first()));
}

QTEST_GUILESS_MAIN(TestDrillFault)
#include "tst_drillfault.moc"
