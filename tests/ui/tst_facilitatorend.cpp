// A facilitated drill after its end (here, its deadline): the room is told on the console's banner
// and the walls, the facilitator's clocks stop, and nothing more goes out to the room or the
// backend. The runner keeps its inject board once the drill has ended, so that the window can
// still rate and note it; the window said a fault was queued for a tick that would never come.
#include "support/FacilitatedDrill.h"
#include "support/TestStrings.h"

#include "ui/actions/FacilitationActions.h"
#include "ui/facilitation/FacilitatorWindow.h"
#include "ui/gantt/GanttChartView.h"
#include "ui/incident/AnnouncementBanner.h"
#include "ui/main/MainWindow.h"
#include "ui/wall/AnnouncementWallFeed.h"

#include "drill/DrillRunner.h"
#include "drill/WatchedDrillClock.h"
#include "session/IncidentSession.h"
#include "util/TimeFormat.h"
#include "wall/WallStateBuilder.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace warroom;
using warroom::test::clockMs;
using warroom::test::s;

class TestFacilitatorEnd : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void theRoomIsToldTheDrillEnded();
    void theClocksStopWhereTheDrillEnded();
    void nothingGoesOutOnceTheDrillHasEnded();
    void theRoomClosesAPausedDrill();
    void theFacilitatorEndsTheDrillEarly();

private:
    // A ×10 drill with a deadline of T+0:00:20 (two real seconds), "hello" announced and not
    // acknowledged, waited until it has timed out.
    void endDrill();
    FacilitationSession &session() { return m_drill->actions()->session(); }

    std::unique_ptr<test::FacilitatedDrill> m_drill;
    FacilitatorWindow *m_window = nullptr;
};

void TestFacilitatorEnd::init()
{
    m_drill = std::make_unique<test::FacilitatedDrill>();
    QVERIFY2(m_drill->ok(), qPrintable(m_drill->error()));
}

void TestFacilitatorEnd::cleanup()
{
    m_drill.reset();
    m_window = nullptr;
}

void TestFacilitatorEnd::endDrill()
{
    m_drill->console()->setDrillSpeed(10); // the real time beside the drill clock is shown
    QVERIFY(m_drill->start("T+0:00:20"));
    m_window = m_drill->window();
    QString error;
    QVERIFY2(session().fireNow(s("hello"), &error), qPrintable(error));
    QTRY_COMPARE(session().pendingAnnouncements().size(), 1); // the room has not acknowledged it
    QTRY_VERIFY_WITH_TIMEOUT(session().runner()->isFinished(), 10000);
    QCOMPARE(session().runner()->result().outcome, s("timed out"));
    m_window->refresh();
}

// The banner and the walls say the drill ended, its outcome and its verdict, in place of the
// announcement that asked for Ctrl+K; an acknowledgement after the end would time a moment when
// no one was being drilled.
void TestFacilitatorEnd::theRoomIsToldTheDrillEnded()
{
    endDrill();
    QVERIFY(session().pendingAnnouncements().isEmpty());
    const QStringList banner{s("DRILL ENDED at %1: timed out (the drill passed its deadline, "
                               "T+00:00:20); the drill did not pass: 1 failure against what its "
                               "scenario expects. The incident stays open until the room "
                               "closes it.")
                                 .arg(formatElapsed(session().runner()->result().drillMs))};
    QCOMPARE(m_drill->actions()->banner()->lines(), banner);
    QCOMPARE(m_drill->actions()->wallFeed()->lines(), banner);
    // One line, cut to the console's width: unelided, this line alone asked for 1,700 pixels,
    // and the console grew past a 1600-pixel screen, its clock off the right edge.
    QVERIFY2(m_drill->console()->minimumSizeHint().width() <= 1280,
             qPrintable(QString::number(m_drill->console()->minimumSizeHint().width())));
    QTest::keyClick(m_drill->console(), Qt::Key_K, Qt::ControlModifier);
    QString error;
    QVERIFY(!session().runner()->acknowledge(s("hello"), s("Sam"), &error));
    QCOMPARE(error, s("the drill has ended: its announcements need no acknowledgement"));
    QCOMPARE(session().runner()->injects().find(s("hello"))->acknowledgedAtMs, -1);
    // The facilitator's board says so too: it said "waiting" for an acknowledgement that could
    // no longer come.
    m_window->refresh();
    const auto *hello
        = m_window->findChild<QTreeWidget *>(s("facilitatorInjects"))->topLevelItem(0);
    QCOMPARE(hello->text(0), s("hello"));
    QVERIFY2(hello->text(3).startsWith(s("never (")), qPrintable(hello->text(3)));
    QVERIFY2(hello->text(3).endsWith(s(" until the end)")), qPrintable(hello->text(3)));
    // The live panel judges at the end, where the clocks stopped (it counted on past it).
    QTest::qWait(300);
    const QList<LiveExpectation> live = session().expectations();
    QVERIFY(!live.isEmpty());
    QVERIFY2(live.first().detail.startsWith(
                 s("not done when the drill ended at %1 (the step was ")
                     .arg(formatElapsed(session().runner()->result().drillMs))),
             qPrintable(live.first().detail));
    // One still to come never fires now (it read "upcoming" beside "… never fired").
    const auto *later
        = m_window->findChild<QTreeWidget *>(s("facilitatorInjects"))->topLevelItem(1);
    QCOMPARE(later->text(0), s("later"));
    QCOMPARE(later->text(2), s("never fired (the drill ended)"));
}

// The facilitator's clock stops where the drill did, and the real time beside it; nothing is
// "next". A ×10 clock counted on for as long as the window stayed open.
void TestFacilitatorEnd::theClocksStopWhereTheDrillEnded()
{
    endDrill();
    const auto *clock = m_window->findChild<QLabel *>(s("facilitatorClock"));
    QVERIFY2(clock->text().endsWith(s("  ENDED")), qPrintable(clock->text()));
    const qint64 endedAt = session().runner()->result().drillMs / 1000 * 1000; // in seconds
    QCOMPARE(clockMs(clock->text()), endedAt);
    QVERIFY(m_window->findChild<QLabel *>(s("facilitatorNext"))->text().isEmpty());
    const auto *scale = m_window->findChild<QLabel *>(s("facilitatorClockScale"));
    const QString scaleAtEnd = scale->text(); // "×10 drill clock · real 00:00:02"
    QVERIFY2(scaleAtEnd.startsWith(s("\u00D710 drill clock")), qPrintable(scaleAtEnd));
    // The console's header and the wall, read from the timeline's end fact, stop there too:
    // they counted the ×10 clock on while the room kept the incident open.
    const auto *header = m_drill->console()->findChild<QLabel *>(s("elapsedClock"));
    const QString headerAtEnd = formatElapsed(endedAt) + s("  ENDED");
    QTRY_COMPARE(header->text(), headerAtEnd);
    QCOMPARE(WallStateBuilder::fromSession(*m_drill->console()->session()).clock, headerAtEnd);
    // So does the Gantt's "now" line, and its forecast with it: both ran on at ×10.
    const auto *chart = m_drill->console()->findChild<GanttChartView *>();
    QVERIFY(chart);
    QTRY_COMPARE(chart->gantt().nowMs / 1000 * 1000, endedAt);
    const qint64 forecastAtEnd = chart->gantt().forecastFinishMs;
    QTest::qWait(1100);
    m_window->refresh();
    QCOMPARE(clockMs(clock->text()), endedAt);
    QCOMPARE(scale->text(), scaleAtEnd);
    QCOMPARE(header->text(), headerAtEnd);
    const WallState wall = WallStateBuilder::fromSession(*m_drill->console()->session());
    QCOMPARE(wall.clock, headerAtEnd);
    QCOMPARE(wall.clockScale, scaleAtEnd);
    QCOMPARE(chart->gantt().nowMs / 1000 * 1000, endedAt);
    QCOMPARE(chart->gantt().forecastFinishMs, forecastAtEnd);
    // What the room records after the end is still drawn (the chart was folded only up to the
    // end, and a note after it vanished), at the end's T+, where every screen's clock stands:
    // it was drawn ten drill seconds a real second further on, past the now line.
    IncidentSession *incident = m_drill->console()->session();
    QVERIFY(incident->addNote(s("After the end")).ok());
    const ScreenClock &screens = incident->screenClock();
    const qint64 noteReal = incident->events().constLast().elapsedMs;
    QVERIFY(screens.isAfterEnd(noteReal));
    const qint64 noteAt = screens.shownMs(noteReal);
    QCOMPARE(noteAt, screens.shownMs(screens.endedAt()));
    QCOMPARE(noteAt / 1000 * 1000, endedAt);
    QTRY_COMPARE(chart->gantt().markers.constLast().atMs, noteAt);
    QVERIFY(chart->gantt().markers.constLast().atMs <= chart->gantt().nowMs);
    QCOMPARE(chart->gantt().markers.constLast().kind, GanttMarker::Kind::Note);
    QCOMPARE(header->text(), headerAtEnd);
    // Once the room closes it, no screen says ENDED: the clock is the incident's, stopped at
    // its close (a watching facilitator's said ENDED where the header and the wall did not).
    QVERIFY(incident->close(s("drill over")).ok());
    // At the drill's end, not at the close on the ×10 clock.
    const QString closedAt = formatElapsed(endedAt);
    QTRY_COMPARE(header->text(), closedAt);
    QCOMPARE(WallStateBuilder::fromSession(*incident).clock, closedAt);
    QCOMPARE(WatchedDrillClock::text(*incident), closedAt);
    // The runner's own window too (it kept its runner's "ENDED" after the close), with the word
    // its missing badge would say.
    m_window->refresh();
    QCOMPARE(clock->text(), closedAt + s("  CLOSED"));
}

// Every control that sends something is greyed; a key that still reaches one (Ctrl+F, Ctrl+S,
// Ctrl+L, Ctrl+P) is refused in words, and so is the session asked directly. Observations are
// the facilitator's own and still go to the record.
void TestFacilitatorEnd::nothingGoesOutOnceTheDrillHasEnded()
{
    endDrill();
    for (const char *name : {"facilitatorFireNow", "facilitatorSkip", "facilitatorDelay",
                             "facilitatorSendFault", "facilitatorPause"})
        QVERIFY2(!m_window->findChild<QPushButton *>(s(name))->isEnabled(), name);
    QVERIFY(!m_window->findChild<QLineEdit *>(s("facilitatorMessage"))->isEnabled());
    QVERIFY(!m_window->findChild<QComboBox *>(s("facilitatorRole"))->isEnabled());
    QVERIFY(!m_window->findChild<QComboBox *>(s("facilitatorFault"))->isEnabled());
    QVERIFY(!m_window->findChild<QSpinBox *>(s("facilitatorFaultValue"))->isEnabled());
    const auto *observation = m_window->findChild<QLineEdit *>(s("facilitatorObservation"));
    QVERIFY(observation->isEnabled());

    auto *status = m_window->findChild<QLabel *>(s("facilitatorStatus"));
    const QString ended = s("Not done: the drill has ended (timed out): nothing goes out to the "
                            "room or the backend any more");
    for (const Qt::Key key : {Qt::Key_F, Qt::Key_S, Qt::Key_L, Qt::Key_P}) {
        status->clear();
        QTest::keyClick(m_window, key, Qt::ControlModifier);
        QCOMPARE(status->text(), ended);
    }
    QVERIFY(!session().isPaused());
    QString error;
    QVERIFY(!session().fireNow(s("later"), &error));
    QCOMPARE(error, ended.mid(10));
    QVERIFY(!session().skip(s("later"), &error));
    QVERIFY(!session().delay(s("later"), 60'000, &error));
    QVERIFY(!session().sendFault({{s("flap"), true}}, &error));
    QVERIFY(!session().sendMessage({}, s("Are you still there?"), &error));
    // Nothing reached the board: no unscheduled inject waits, and "later" is as it was.
    QCOMPARE(session().runner()->injects().injects().size(), 2);
    const InjectState *later = session().runner()->injects().find(s("later"));
    QCOMPARE(later->state, InjectState::State::Upcoming);
    QVERIFY(!later->fireNow);
    QCOMPARE(later->delayMs, 0);
    QVERIFY2(session().observe(s("Went on after the end."), {}, &error), qPrintable(error));
}

// The room closes the incident while the facilitator has the drill paused: the drill ends there,
// and the banner and the wall say so once, not also "DRILL PAUSED … stands still", and not that
// the incident stays open.
void TestFacilitatorEnd::theRoomClosesAPausedDrill()
{
    QVERIFY(m_drill->start("T+6:00:00"));
    m_window = m_drill->window();
    QString error;
    QVERIFY2(session().togglePause(&error), qPrintable(error));
    QTRY_VERIFY(m_drill->actions()->banner()->lines().value(0).startsWith(s("DRILL PAUSED")));
    QTest::qWait(1100); // a pause of a second at least, said in the end's line
    IncidentSession *incident = m_drill->console()->session();
    QVERIFY(incident->close(s("the room is done")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(session().runner()->isFinished(), 5000);
    QVERIFY(!session().isPaused());
    // Its wall time leaves the pause out, and says so (it read as the window's real time).
    const QString last = session().lines().constLast();
    QVERIFY2(last.contains(s(" s of pauses left out): ")) && !last.contains(s(" 0 s of pauses")),
             qPrintable(last));
    const QString ended = s("DRILL ENDED at %1: stopped (the room closed the incident)")
                              .arg(formatElapsed(session().runner()->result().drillMs));
    for (const QStringList &lines :
         {m_drill->actions()->banner()->lines(), m_drill->actions()->wallFeed()->lines()}) {
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().startsWith(ended), qPrintable(lines.first()));
        QVERIFY2(lines.first().endsWith(s("The room has closed the incident.")),
                 qPrintable(lines.first()));
    }
    m_window->refresh();
    // The console's clock stands still beside its CLOSED badge; the facilitator's, with no
    // badge, says CLOSED (it read as a drill still running).
    QCOMPARE(m_window->findChild<QLabel *>(s("facilitatorClock"))->text(),
             WatchedDrillClock::text(*incident) + s("  CLOSED"));
}

// The facilitator ends a drill before its deadline (Ctrl+Shift+X), asked first: Esc keeps it
// running, Enter ends it, judged there, and the room is told as of any end. There was no way to
// end a drill but to wait for its deadline or have the room close the incident.
void TestFacilitatorEnd::theFacilitatorEndsTheDrillEarly()
{
    QVERIFY(m_drill->start("T+6:00:00"));
    m_window = m_drill->window();
    QString question;
    // Answers the box with `key` once it is up (a box left open would hold the test); a timer of
    // this scope, stopped with it.
    Qt::Key key = Qt::Key_Escape;
    QTimer boxGuard;
    boxGuard.setInterval(20);
    connect(&boxGuard, &QTimer::timeout, &boxGuard, [&question, &key] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            question = box->text();
            QTest::keyClick(box, key);
        }
    });
    boxGuard.start();
    QTest::keyClick(m_window, Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY2(question.startsWith(s("End the drill now? Its clock read T+")), qPrintable(question));
    QVERIFY(!session().runner()->isFinished());
    QCOMPARE(m_window->findChild<QLabel *>(s("facilitatorStatus"))->text(),
             s("The drill goes on."));
    question.clear();
    key = Qt::Key_Return;
    m_window->activateWindow(); // the box took the focus; the window's keys need it back
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTest::keyClick(m_window, Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!question.isEmpty());
    QVERIFY(session().runner()->isFinished());
    QCOMPARE(session().runner()->result().outcome, s("stopped"));
    const QString ended = s("DRILL ENDED at %1: stopped (the facilitator ended it)")
                              .arg(formatElapsed(session().runner()->result().drillMs));
    QTRY_VERIFY(m_drill->actions()->banner()->lines().value(0).startsWith(ended));
    QVERIFY2(m_drill->actions()->banner()->lines().value(0).endsWith(
                 s("The incident stays open until the room closes it.")),
             qPrintable(m_drill->actions()->banner()->lines().value(0)));
    m_window->refresh();
    QVERIFY(!m_window->findChild<QPushButton *>(s("facilitatorEnd"))->isEnabled());
    // A second end is refused with the reason, not ended twice.
    QString error;
    QVERIFY(!session().endDrill(&error));
    QCOMPARE(error, s("the drill has already ended (stopped)"));
}

QTEST_MAIN(TestFacilitatorEnd)
#include "tst_facilitatorend.moc"
