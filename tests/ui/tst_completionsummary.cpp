// The completion summary of an incident closed with an action in doubt: the request went out and
// its answer was lost (a loopback server that hangs up without a word), so the step is neither
// failed nor merely unfinished. It read "NOT FINISHED", which invites nobody to find out whether
// the action ran before someone runs it again.
#include "automation/AutomationRunner.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/FaultServer.h"
#include "support/OwnSettings.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/ScreenClock.h"
#include "ui/incident/CompletionSummary.h"
#include "ui/incident/IncidentView.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace warroom;
using warroom::test::s;

class TestCompletionSummary : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void closedInDoubt_data();
    void closedInDoubt();
    void finishedAfterTheDrillEnded_data();
    void finishedAfterTheDrillEnded();

private:
    QTemporaryDir m_dir;
};

void TestCompletionSummary::initTestCase()
{
    initResources();
    test::useOwnSettings(m_dir.filePath(s("settings")));
    qputenv("WARROOM_TEST_SECRET", "secret"); // the checklist's header reads it
}

void TestCompletionSummary::closedInDoubt_data()
{
    QTest::addColumn<QString>("path"); // what the server does with the action's POST
    QTest::addColumn<QString>("says");
    QTest::addColumn<QString>("never");
    QTest::newRow("answer lost") << s("/empty")
                                 << s("? OUTCOME UNKNOWN \u2014 1. Send: a request went out and "
                                      "got no answer; find out whether it took effect before "
                                      "anyone runs it again")
                                 << s("NOT FINISHED \u2014 1. Send");
    // Answered: the action is done, and the step is only unfinished (its second item is a
    // person's).
    QTest::newRow("answered") << s("/ok") << s("\u25A1 NOT FINISHED \u2014 1. Send")
                              << s("OUTCOME UNKNOWN");
}

void TestCompletionSummary::closedInDoubt()
{
    QFETCH(QString, path);
    QFETCH(QString, says);
    QFETCH(QString, never);
    test::FaultServer server;
    TimelineStore store;
    QString error;
    QVERIFY2(
        store.open(m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + s(".db")), &error),
        qPrintable(error));
    MainWindow w(store, QStringList{});
    w.show();
    const Checklist checklist
        = test::loadChecklist(s(WARROOM_TEST_DATA "/checklists/good/one-action.json"));
    IncidentDeclaration d = test::declarationWithDefaults(checklist, s("Checkout errors"),
                                                          s("Alice Chen"), IncidentMode::Drill);
    d.variables[s("base")] = server.url("");
    d.variables[s("path")] = path;
    QVERIFY(w.declareIncident(checklist, d));
    IncidentSession *session = w.session();
    const CommandResult run = w.runner()->start(s("send"), s("post"));
    QVERIFY2(run.ok(), qPrintable(run.message));
    QTRY_VERIFY_WITH_TIMEOUT(!w.runner()->isActive(s("send"), s("post")), 20'000);
    QCOMPARE(session->engine().step(0).isInDoubt(), path == QLatin1String("/empty"));

    QVERIFY(session->close(s("drill over")).ok());
    CompletionSummary *summary = w.incidentView()->completionSummary();
    QTRY_VERIFY(summary->isVisible());
    const QString details = summary->detailsText();
    QVERIFY2(details.contains(says), qPrintable(details));
    QVERIFY2(!details.contains(never), qPrintable(details));
}

// A drill its runner ended (timed out) before the room finished its last step: every screen's
// clock stood still at the end, and the summary read the close there, "under plan".
void TestCompletionSummary::finishedAfterTheDrillEnded_data()
{
    QTest::addColumn<bool>("ended"); // the runner ended the drill before the step was done
    QTest::addColumn<QString>("says");
    QTest::newRow("ended first") << true
                                 << s(": the drill had ended there, before its last step "
                                      "finished (plan T+00:01:00)");
    QTest::newRow("still running") << false << s("under plan");
}

void TestCompletionSummary::finishedAfterTheDrillEnded()
{
    QFETCH(bool, ended);
    QFETCH(QString, says);
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("ended%1.db").arg(ended)), &error), qPrintable(error));
    MainWindow w(store, QStringList{});
    w.show();
    const Checklist checklist
        = test::loadChecklist(s(WARROOM_TEST_DATA "/checklists/good/minimal.json"));
    QVERIFY(w.declareIncident(checklist,
                              test::declarationWithDefaults(checklist, s("Drill"), s("Alice Chen"),
                                                            IncidentMode::Drill)));
    IncidentSession *session = w.session();
    session->setActor(ScreenClock::facilitator);
    QVERIFY(
        session->recordDrillClock(s("clock"), ScreenClock::fact(DrillClockChange::Started, 0, 1))
            .ok());
    if (ended)
        QVERIFY(
            session
                ->recordDrillClock(s("Drill timed out."),
                                   ScreenClock::fact(DrillClockChange::Ended, session->elapsedMs()))
                .ok());
    QThread::msleep(20); // the room goes on after the end
    session->setActor(s("Alice Chen"));
    QVERIFY(session->confirmItem(s("only"), s("done")).ok());
    QVERIFY(session->close(s("drill over")).ok());
    CompletionSummary *summary = w.incidentView()->completionSummary();
    QTRY_VERIFY(summary->isVisible());
    const QString details = summary->detailsText();
    QVERIFY2(details.contains(says), qPrintable(details));
}

QTEST_MAIN(TestCompletionSummary)
#include "tst_completionsummary.moc"
