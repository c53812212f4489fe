// A run another screen of the room started, on one database file: this screen shows it running
// and had Stop off without a word; a run whose screen had died showed as running everywhere with
// nothing saying why. The step panel says who started it elsewhere and what becomes of it.
#include "automation/AutomationRunner.h"
#include "http/HttpEngine.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/FaultServer.h"
#include "support/OwnSettings.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"

#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestRunElsewhere : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void anotherScreensRunIsSaid();

private:
    QTemporaryDir m_dir;
};

void TestRunElsewhere::initTestCase()
{
    initResources();
    test::useOwnSettings(m_dir.filePath(s("settings")));
    qputenv("WARROOM_TEST_SECRET", "s3cret"); // the checklist's request header reads it
}

void TestRunElsewhere::anotherScreensRunIsSaid()
{
    test::FaultServer http;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("room.sqlite")), &error), qPrintable(error));
    MainWindow w(store, QStringList{});
    w.show();
    const Checklist checklist
        = test::loadChecklist(s(WARROOM_TEST_DATA "/checklists/good/one-action.json"));
    IncidentDeclaration d = test::declarationWithDefaults(checklist, s("Payments 5xx"),
                                                          s("Alice Chen"), IncidentMode::Live);
    d.variables = {{s("base"), QStringLiteral("http://127.0.0.1:%1").arg(http.port())},
                   {s("path"), s("/stall")}};
    QVERIFY(w.declareIncident(checklist, d));
    auto *details = w.findChild<QLabel *>(s("runDetails"));
    QVERIFY(details);
    QVERIFY(!details->text().contains(s("screen")));
    // Dave's screen, on the same file, sends the request; the server never answers.
    TimelineStore other;
    QVERIFY2(other.open(store.path(), &error), qPrintable(error));
    auto dave = IncidentSession::open(other, w.session()->incident().id, systemClock(), &error);
    QVERIFY2(dave, qPrintable(error));
    QVERIFY(dave->setActor(s("Dave Kim")));
    HttpEngine engine;
    AutomationRunner runner(*dave, engine);
    const CommandResult sent = runner.start(s("send"), s("post"));
    QVERIFY2(sent.ok(), qPrintable(sent.message));
    QTRY_COMPARE_WITH_TIMEOUT(
        w.session()->engine().itemStatus(s("send"), s("post"))->automation.phase,
        AutomationStatus::Phase::Running, 5000);
    QTRY_VERIFY2(details->text().contains(s("Run started on another screen by Dave Kim at T+")),
                 qPrintable(details->text()));
    QVERIFY2(details->text().contains(
                 s("only that screen can stop it. Should that screen have stopped, the run shows "
                   "as running until warroom opens this database with no other window open, "
                   "which marks it cut short.")),
             qPrintable(details->text()));
    QVERIFY(!w.findChild<QPushButton *>(s("stopRunButton"))->isVisibleTo(&w));
}

QTEST_MAIN(TestRunElsewhere)
#include "tst_runelsewhere.moc"
