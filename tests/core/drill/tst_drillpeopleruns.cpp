// A drill people play (the facilitator's, no players' script): the runs they start at the console
// are moments of the drill as the script's are. An inject `on: run-started:…` never fired when a
// person pressed Run (flapping-error-rate and full-restore-slow lost their main fault in the mode
// people rehearse in, and the debrief said the room had not reacted to it); and a halted ramp's
// weight set back ended its run a second time, moving the halt to the set-back's time, so the
// verdict failed an expectation the debrief's own table said was met.
#include "automation/AutomationRunner.h"
#include "control/IncidentController.h"
#include "drill/DrillRunner.h"
#include "drill/ScenarioParser.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/FaultServer.h"
#include "support/TestStrings.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"
#include "util/Diagnostic.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace warroom;
using warroom::test::s;

class TestDrillPeopleRuns : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void aRunStartedAtTheConsoleFiresItsInject_data();
    void aRunStartedAtTheConsoleFiresItsInject();
    void settingARampBackKeepsWhenItEnded();
    void aResendEndsItsRunAgain();

private:
    // A people-played drill at ×10 of the shipped checklist, its backend nowhere (port 1): every
    // run starts, and ends at once refused.
    bool start(const QByteArray &injects, const QByteArray &backend = "http://127.0.0.1:1");
    QTemporaryDir m_dir;
    int m_databases = 0; // one database a test row
    std::unique_ptr<TimelineStore> m_store;
    std::unique_ptr<IncidentController> m_controller;
    std::unique_ptr<DrillRunner> m_runner;
};

void TestDrillPeopleRuns::initTestCase()
{
    // The shipped checklist's requests carry it; the backend they go to is nowhere.
    qputenv("WARROOM_SIM_TOKEN", "drill-token");
}

void TestDrillPeopleRuns::init()
{
    m_store = std::make_unique<TimelineStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir.filePath(s("people-%1.db").arg(++m_databases)), &error),
             qPrintable(error));
    m_controller = std::make_unique<IncidentController>(*m_store, systemClock());
}

void TestDrillPeopleRuns::cleanup()
{
    m_runner.reset();
    m_controller.reset();
    m_store.reset();
}

bool TestDrillPeopleRuns::start(const QByteArray &injects, const QByteArray &backend)
{
    const QByteArray json = R"({"scenario": 1, "id": "people", "checklist": ")"
                            + QByteArray(WARROOM_CHECKLISTS) + R"(/rollback-eight-step.json",
        "variables": {"backend": ")"
                            + backend + R"(", "prometheus": "http://127.0.0.1:1"},
        "backend": {"kind": "external"}, "drill_speed": 10, "injects": )"
                            + injects + "}";
    const ScenarioParseResult parsed = ScenarioParser::parse(json, s("people.json"));
    if (!parsed.ok()) {
        qWarning("%s", qPrintable(formatDiagnostics(parsed.diagnostics)));
        return false;
    }
    m_controller->setDrillSpeed(10);
    m_runner = std::make_unique<DrillRunner>(*m_controller, *parsed.scenario, *parsed.checklist);
    m_runner->setScripted(false);
    QString error;
    if (!m_runner->start(&error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

void TestDrillPeopleRuns::aRunStartedAtTheConsoleFiresItsInject_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("item");
    QTest::newRow("an action") << s("notify") << s("channel");
    QTest::newRow("a ramp") << s("reenable") << s("ramp");
}

void TestDrillPeopleRuns::aRunStartedAtTheConsoleFiresItsInject()
{
    QFETCH(QString, step);
    QFETCH(QString, item);
    const QByteArray target = (step + u'/' + item).toUtf8();
    QVERIFY(start(R"([{"id": "on-run", "on": "run-started:)" + target
                  + R"(", "message": "The error rate flaps."},
                      {"id": "other", "on": "run-started:validate/version", "message": "No."}])"));
    QTest::qWait(300); // a few ticks with nothing run: nothing fires
    QVERIFY(!m_runner->facts().injectFiredAt.contains(s("on-run")));
    IncidentSession *session = m_controller->session();
    QVERIFY(session);
    session->setActor(s("Mara Quinn"));
    const qint64 before = m_runner->drillNow();
    const CommandResult r
        = m_controller->runner()->start(step, item, s("rehearsing it out of order"), {});
    QVERIFY2(r.ok(), qPrintable(r.message));
    QTRY_VERIFY_WITH_TIMEOUT(m_runner->facts().injectFiredAt.contains(s("on-run")), 5'000);
    // At the run's start on the drill clock (as every screen shows it), within a tick of it;
    // the other run's inject waits.
    const TimelineEvents &events = session->events();
    const auto started = std::find_if(events.cbegin(), events.cend(), [](const TimelineEvent &e) {
        return startsRun(e.kind, e.payload);
    });
    QVERIFY(started != events.cend());
    const qint64 runAt = ScreenClock::fromEvents(events).shownMs(started->elapsedMs);
    const qint64 firedAt = m_runner->facts().injectFiredAt.value(s("on-run"));
    QVERIFY2(runAt >= before && firedAt >= runAt && firedAt <= runAt + 10 * 500,
             qPrintable(s("run at %1, inject at %2").arg(runAt).arg(firedAt)));
    QVERIFY(!m_runner->facts().injectFiredAt.contains(s("other")));
}

void TestDrillPeopleRuns::settingARampBackKeepsWhenItEnded()
{
    QVERIFY(start("[]"));
    IncidentSession *session = m_controller->session();
    QVERIFY(session);
    session->setActor(s("Mara Quinn"));
    const CommandResult r
        = m_controller->runner()->start(s("reenable"), s("ramp"), s("rehearsing the ramp"), {});
    QVERIFY2(r.ok(), qPrintable(r.message));
    const QString ramp = s("reenable/ramp");
    QTRY_VERIFY_WITH_TIMEOUT(m_runner->facts().runEndedAt.contains(ramp), 5'000);
    const qint64 ended = m_runner->facts().runEndedAt.value(ramp);
    QTest::qWait(500); // five drill seconds on
    const CommandResult back = m_controller->runner()->rollbackRamp(s("reenable"), s("ramp"));
    QVERIFY2(back.ok(), qPrintable(back.message));
    // The set-back's request is refused at once (port 1) and ends the adopted run again.
    QTRY_VERIFY_WITH_TIMEOUT(!m_controller->runner()->isActive(s("reenable"), s("ramp")), 5'000);
    QTest::qWait(200); // a tick or two after
    const TimelineEvents &events = session->events();
    QVERIFY(std::any_of(events.cbegin(), events.cend(), [](const TimelineEvent &e) {
        return e.kind == EventKind::ActionRequested
               && e.payload.value(PayloadKey::Phase).toString() == RequestPhase::Rollback;
    })); // else this proves nothing
    QCOMPARE(m_runner->facts().runEndedAt.value(ramp), ended);
}

// An action whose answer was lost ends in doubt; re-sent under the same run, its end is the
// re-send's (the check that kept a ramp's set-back from moving its end had kept this one too).
void TestDrillPeopleRuns::aResendEndsItsRunAgain()
{
    test::FaultServer server; // "/empty" hangs up without a word, whatever the query says
    QVERIFY(start("[]", server.url("/empty?to=").toUtf8()));
    IncidentSession *session = m_controller->session();
    QVERIFY(session);
    session->setActor(s("Mara Quinn"));
    const auto phase = [session] {
        return session->engine().itemStatus(s("notify"), s("channel"))->automation.phase;
    };
    const QString channel = s("notify/channel");
    const CommandResult r
        = m_controller->runner()->start(s("notify"), s("channel"), s("rehearsing it"), {});
    QVERIFY2(r.ok(), qPrintable(r.message));
    QTRY_VERIFY_WITH_TIMEOUT(m_runner->facts().runEndedAt.contains(channel), 10'000);
    QCOMPARE(phase(), AutomationStatus::Phase::Unknown);
    const qint64 first = m_runner->facts().runEndedAt.value(channel);
    const QByteArray path = "/empty?to=/slack/webhook";
    const int tries = server.count(path); // with the engine's retries
    QVERIFY(tries >= 1);
    QTest::qWait(300); // three drill seconds on
    const CommandResult again
        = m_controller->runner()->resend(s("notify"), s("channel"), s("did it go out?"));
    QVERIFY2(again.ok(), qPrintable(again.message));
    QTRY_VERIFY_WITH_TIMEOUT(m_runner->facts().runEndedAt.value(channel) > first, 10'000);
    QCOMPARE(phase(), AutomationStatus::Phase::Unknown); // it hung up again
    QVERIFY(server.count(path) > tries);                 // the re-send went out
}

QTEST_GUILESS_MAIN(TestDrillPeopleRuns)
#include "tst_drillpeopleruns.moc"
