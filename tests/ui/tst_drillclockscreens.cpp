#include "ui/actions/FacilitationActions.h"
#include "ui/facilitation/FacilitationSession.h"
#include "ui/facilitation/FacilitatorWindow.h"
#include "ui/facilitation/RatingDialog.h"
#include "ui/incident/CompletionSummary.h"
#include "ui/incident/IncidentHeader.h"
#include "ui/incident/IncidentView.h"
#include "ui/main/MainWindow.h"
#include "ui/wall/WallStandalone.h"
#include "ui/wall/WallWindow.h"

#include "control/IncidentController.h"
#include "drill/DrillRunner.h"
#include "facilitation/FacilitationRecord.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/TestStrings.h"

#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

// One drill T+ on every screen: a facilitated drill at x50 on a scripted clock, read at scripted
// moments by the facilitator's window, the console header, the wall that follows the console and
// a wall-only machine's wall (another store on the same file, as another process reads it). All
// four show the drill clock (not the real time since the declaration), the same "×50 drill clock
// · real …" beside it, the same frozen T+ through a pause and the same T+ after the resume.
class TestDrillClockScreens : public QObject
{
    Q_OBJECT

private slots:
    void threeClocksReadOneTPlus();
    void scenarioSpeedIsNotThePlayers();
    void secondFacilitatorOnOneDatabaseOnlyWatches();
    void ratingAndObservationInputs_data();
    void ratingAndObservationInputs();

private:
    // A facilitated drill started by `actions` from a scenario written into `dir`.
    static bool startDrill(FacilitationActions &actions, const QTemporaryDir &dir, double speed,
                           QString *error);
};

bool TestDrillClockScreens::startDrill(FacilitationActions &actions, const QTemporaryDir &dir,
                                       double speed, QString *error)
{
    // Injects a drill day away: nothing fires unless the facilitator says so.
    const QByteArray json = R"({"scenario": 1, "id": "screens", "title": "Clocks", "checklist": ")"
                            + QByteArray(WARROOM_CHECKLISTS) + R"(/rollback-eight-step.json",
        "backend": {"kind": "external"}, "drill_speed": )"
                            + QByteArray::number(speed) + R"(,
        "injects": [{"id": "late", "at": "T+23:00:00", "message": "Late."}]})";
    QFile f(dir.filePath(s("screens.json")));
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size())
        return false;
    f.close();
    return actions.startDrill(f.fileName(), QStringLiteral("Mara Quinn"), error);
}

void TestDrillClockScreens::threeClocksReadOneTPlus()
{
    QTemporaryDir dir;
    qint64 now = 1'800'000'000'000;
    const Clock clock = [&now] { return now; };
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("screens.db")), &error), qPrintable(error));
    MainWindow console(store, {}, clock);
    auto *actions = new FacilitationActions(console, {});
    console.show();
    console.setDrillSpeed(50); // --drill-speed 50: the scenario's own is for `warroom drill`
    QVERIFY2(startDrill(*actions, dir, 50, &error), qPrintable(error));
    QVERIFY(actions->session().lines().filter(s("drill_speed")).isEmpty());
    FacilitatorWindow *facilitator = actions->showFacilitator();
    facilitator->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(facilitator));
    DrillRunner *runner = actions->session().runner();
    QVERIFY(runner);
    // The runner's first tick sets T+0 (at real 0 here: the clock has not moved).
    QTRY_VERIFY(runner->clock().startReal() == 0 && !console.session()->events().isEmpty()
                && console.session()->events().constLast().payload.contains(s("drill_clock")));

    auto *header = console.findChild<QLabel *>(s("elapsedClock"));
    auto *headerScale = console.findChild<QLabel *>(s("clockScale"));
    auto *facilitatorClock = facilitator->findChild<QLabel *>(s("facilitatorClock"));
    auto *facilitatorScale = facilitator->findChild<QLabel *>(s("facilitatorClockScale"));
    QVERIFY(header && headerScale && facilitatorClock && facilitatorScale);
    WallWindow wall;
    wall.follow(*console.controller());
    TimelineStore other;
    QVERIFY2(other.openReadOnly(store.path(), &error), qPrintable(error));
    WallStandalone standalone(other, console.session()->incident().id, clock);

    // Every screen at the moment `now` stands at: {clock, scale} of each, in one list.
    const auto read = [&] {
        facilitator->refresh();
        wall.refresh();
        standalone.follow();
        standalone.window()->refresh();
        return QStringList{facilitatorClock->text(), header->text(), wall.state().clock,
                           standalone.window()->state().clock, facilitatorScale->text(),
                           headerScale->text(), wall.state().clockScale,
                           standalone.window()->state().clockScale};
    };
    const auto expect = [](const QString &clockText, const QString &scale) {
        return QStringList{clockText, clockText, clockText, clockText,
                           scale,     scale,     scale,     scale};
    };

    now += 7'000; // 7 s of real time: 350 s of drill time
    // The header moves on its own quarter-second timer: QTRY waits for its next tick.
    QTRY_COMPARE(read(), expect(s("T+00:05:50"), s("\u00D750 drill clock \u00B7 real 00:00:07")));

    QTest::keyClick(facilitator, Qt::Key_P, Qt::ControlModifier); // pause at T+00:05:50
    QVERIFY(actions->session().isPaused());
    now += 30'000;
    QTRY_COMPARE(read(), expect(s("T+00:05:50  PAUSED"),
                                s("\u00D750 drill clock \u00B7 real 00:00:37")));

    QTest::keyClick(facilitator, Qt::Key_P, Qt::ControlModifier); // resume at real 37 s
    QVERIFY(!actions->session().isPaused());
    now += 2'000; // 2 s more: 100 drill seconds after the pause, none of it counted
    QTRY_COMPARE(read(), expect(s("T+00:07:30"), s("\u00D750 drill clock \u00B7 real 00:00:39")));
    QCOMPARE(runner->drillNow(), qint64(450'000));
    // A handover at T+00:07:30, then 2.4 real seconds (two drill minutes): the console's header
    // and the wall say "0:02 on duty" (the console counted the drill clock's now less the period's
    // real start, "0:08", and the wall real time, "0:00").
    QVERIFY(console.session()
                ->handOver(s("Marco Diaz"), s("Marco Diaz"), {{s("situation"), s("step 1")}})
                .ok());
    now += 2'400;
    auto *headerBar = console.findChild<IncidentHeader *>();
    QVERIFY(headerBar);
    QTRY_VERIFY2(headerBar->commanderText().endsWith(s(" \u00B7 2\u00A0min on duty")),
                 qPrintable(headerBar->commanderText()));
    wall.refresh();
    QCOMPARE(wall.state().duty, s("2\u00A0min on duty"));
    // The closing summary on the same clock: it said "Closed at T+00:00:41", the real time.
    QVERIFY(console.session()->close(s("the rehearsal ends here")).ok());
    const QString summary = console.incidentView()->completionSummary()->detailsText();
    QVERIFY2(summary.startsWith(s("Closed at T+00:09:30 with ")), qPrintable(summary));
}

// A scenario's drill_speed is for `warroom drill`, whose script answers at once: started from
// the window, where people play, a shipped scenario's ×50 passed the drill's hour-long deadline
// 72 real seconds in. The drill runs at the window's speed, and the facilitator is told why.
void TestDrillClockScreens::scenarioSpeedIsNotThePlayers()
{
    QTemporaryDir dir;
    qint64 now = 1'800'000'000'000;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("players.db")), &error), qPrintable(error));
    MainWindow console(store, {}, [&now] { return now; });
    auto *actions = new FacilitationActions(console, {});
    console.show();
    QVERIFY2(startDrill(*actions, dir, 50, &error), qPrintable(error));
    DrillRunner *runner = actions->session().runner();
    QVERIFY(runner);
    QCOMPARE(runner->clock().speed(), 1.0);
    QCOMPARE(console.controller()->drillSpeed(), 1.0);
    QCOMPARE(actions->session().lines().filter(s("drill_speed")),
             QStringList{s("The scenario's drill_speed is \u00D750, for warroom drill; the people "
                           "here play at \u00D71, this window's speed (start warroom with "
                           "--drill-speed 50 to run the drill that fast).")});
    QTRY_VERIFY(runner->clock().startReal() == 0 && !console.session()->events().isEmpty()
                && console.session()->events().constLast().payload.contains(s("drill_clock")));
    now += 60'000; // a real minute is a minute of the drill
    QTRY_COMPARE(console.findChild<QLabel *>(s("elapsedClock"))->text(), s("T+00:01:00"));
}

// `warroom --facilitator` twice on one database, as two processes would be: two consoles, each
// on a store of its own over the same file. The first starts the drill; the second opens it and
// its facilitator's window only watches: pause, fire, rate and observe are refused in words that
// say where the drill is run, nothing is written twice, and its console's clock follows the
// first one's pause (the screens converge on one T+).
void TestDrillClockScreens::secondFacilitatorOnOneDatabaseOnlyWatches()
{
    QTemporaryDir dir;
    TimelineStore storeA;
    TimelineStore storeB;
    QString error;
    const QString path = dir.filePath(s("two.db"));
    QVERIFY2(storeA.open(path, &error), qPrintable(error));
    MainWindow consoleA(storeA, {});
    auto *actionsA = new FacilitationActions(consoleA, {});
    consoleA.show();
    QVERIFY2(startDrill(*actionsA, dir, 1, &error), qPrintable(error));
    FacilitatorWindow *windowA = actionsA->showFacilitator();
    const qint64 id = consoleA.session()->incident().id;
    QTRY_VERIFY(actionsA->session().runner()->clock().startReal() >= 0
                && consoleA.session()->events().constLast().payload.contains(s("drill_clock")));

    QVERIFY2(storeB.open(path, &error), qPrintable(error));
    MainWindow consoleB(storeB, {});
    auto *actionsB = new FacilitationActions(consoleB, {});
    consoleB.show();
    QVERIFY(consoleB.openIncident(id));
    FacilitatorWindow *windowB = actionsB->showFacilitator();
    windowB->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(windowB));
    windowB->refresh();
    const QString title = windowB->findChild<QLabel *>(s("facilitatorTitle"))->text();
    QVERIFY2(title.contains(s("Watching only")) && title.contains(s("incident %1").arg(id)),
             qPrintable(title));
    const qsizetype before = consoleA.session()->events().size();
    for (const Qt::Key key : {Qt::Key_P, Qt::Key_F, Qt::Key_S, Qt::Key_R}) {
        QTest::keyClick(windowB, key, Qt::ControlModifier);
        QVERIFY2(windowB->status().contains(s("run by the facilitator's window that started it")),
                 qPrintable(windowB->status()));
    }
    QString why;
    QVERIFY(!actionsB->session().observe(s("from the second window"), {}, &why));
    QVERIFY2(why.contains(s("another warroom on this database")), qPrintable(why));
    QVERIFY(!actionsB->session().rate(s("scope"), PerformanceRating::Performed, {}, &why));
    QVERIFY(!actionsB->session().fireNow(s("late"), &why));
    QVERIFY(!actionsA->session().isPaused());
    QCOMPARE(consoleA.session()->events().size(), before); // B wrote nothing

    // The first window pauses: both consoles' clocks stand at one T+.
    windowA->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(windowA));
    QTest::keyClick(windowA, Qt::Key_P, Qt::ControlModifier);
    QVERIFY(actionsA->session().isPaused());
    auto *clockA = consoleA.findChild<QLabel *>(s("elapsedClock"));
    auto *clockB = consoleB.findChild<QLabel *>(s("elapsedClock"));
    QTRY_VERIFY(clockA->text().endsWith(s("PAUSED")));
    QTRY_VERIFY_WITH_TIMEOUT(clockB->text() == clockA->text(), 5000); // B polls the file
    windowB->refresh(); // the watching window shows the room's T+, not a zero of its own
    QCOMPARE(windowB->findChild<QLabel *>(s("facilitatorClock"))->text(), clockA->text());
    int pauses = 0;
    for (const TimelineEvent &e : consoleB.session()->events())
        pauses += e.payload.value(s("drill_clock")).toObject().value(s("change")) == s("paused");
    QCOMPARE(pauses, 1);
    // The fire from the first window fires once, whatever the second one pressed.
    QVERIFY2(actionsA->session().fireNow(s("late"), &why), qPrintable(why));
    QTest::keyClick(windowA, Qt::Key_P, Qt::ControlModifier); // resume: it fires on a tick
    QTRY_VERIFY(actionsA->session().runner()->result().injects.size() == 1);
    QTest::qWait(300);
    QCOMPARE(actionsA->session().runner()->result().injects.size(), 1);
}

// The rating dialog's note and an observation, attacked through the window's own keys and
// fields: what is refused keeps the dialog open with the reason and writes nothing; what is
// taken is recorded as one line (read back from the database's facilitation record).
void TestDrillClockScreens::ratingAndObservationInputs_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("recorded"); // or a word of the reason
    QTest::newRow("empty note") << QString() << true << QString();
    QTest::newRow("10,000 characters") << QString(10000, u'n') << true << QString(10000, u'n');
    QTest::newRow("10,001 characters") << QString(10001, u'n') << false << s("longer than 10000");
    QTest::newRow("CR LF") << s("held\r\nthen went") << true << s("held then went");
    QTest::newRow("ESC") << s("red \x1b[31m") << false << s("control character U+001B");
    QTest::newRow("NUL") << s("a") + QChar(0) + s("b") << false << s("U+0000");
}

void TestDrillClockScreens::ratingAndObservationInputs()
{
    QFETCH(QString, typed);
    QFETCH(bool, ok);
    QFETCH(QString, recorded);
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("inputs.db")), &error), qPrintable(error));
    MainWindow console(store, {});
    auto *actions = new FacilitationActions(console, {});
    console.show();
    QVERIFY2(startDrill(*actions, dir, 1, &error), qPrintable(error));
    FacilitatorWindow *window = actions->showFacilitator();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    QTest::keyClick(window, Qt::Key_R, Qt::ControlModifier);
    RatingDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<RatingDialog *>()) && dialog->isVisible());
    QTest::keyClick(dialog, Qt::Key_M, Qt::AltModifier);
    QTRY_VERIFY(dialog->findChild<QRadioButton *>(s("ratingM"))->isChecked());
    // Pasted, not typed: a line edit takes CR, LF and control characters from the clipboard.
    dialog->findChild<QLineEdit *>(s("ratingNote"))->setText(typed);
    QTest::keyClick(dialog, Qt::Key_Return);
    if (ok) {
        QTRY_VERIFY(!window->findChild<RatingDialog *>());
    } else {
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->problem().contains(recorded), qPrintable(dialog->problem()));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!window->findChild<RatingDialog *>());
    }
    auto *observation = window->findChild<QLineEdit *>(s("facilitatorObservation"));
    observation->setText(typed);
    QTest::keyClick(observation, Qt::Key_Return);
    const bool observed = ok && !recorded.isEmpty();
    QVERIFY2(observed || window->status().startsWith(s("Not done")), qPrintable(window->status()));

    // What the database kept, read back as after a restart.
    const std::optional<FacilitationRecord> loaded
        = FacilitationRecord::load(store, console.session()->incident().id, &error);
    QVERIFY2(loaded, qPrintable(error));
    const FacilitationRecord &record = *loaded;
    const StepRating *r = record.log.rating(s("scope"));
    QCOMPARE(r != nullptr, ok);
    if (r)
        QCOMPARE(r->note, recorded);
    QCOMPARE(record.log.observations().size(), observed ? 1 : 0);
    if (observed)
        QCOMPARE(record.log.observations().constFirst().text, recorded);
    QVERIFY2(record.problems.isEmpty(), qPrintable(record.problems.join(u'\n')));
}

QTEST_MAIN(TestDrillClockScreens)
#include "tst_drillclockscreens.moc"
