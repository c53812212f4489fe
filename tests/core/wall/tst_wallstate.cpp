// The wall's words and tones, computed from scripted timelines without a screen.
#include "WallScript.h"

#include "wall/WallStateBuilder.h"

#include "gantt/ScheduleForecast.h"
#include "report/EventFormatter.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace warroom;
using warroom::test::play;
using warroom::test::s;
using warroom::test::scopeDone;
using warroom::test::TestTimeline;
using warroom::test::wallOf;

namespace {

constexpr qint64 minute = 60'000;

QString strip(const WallState &w)
{
    QStringList out;
    for (const WallStepTile &tile : w.steps)
        out << QStringLiteral("%1 %2%3 %4%5")
                   .arg(tile.number)
                   .arg(tile.stateWord,
                        tile.flagWord.isEmpty() ? QString() : QStringLiteral("+") + tile.flagWord,
                        wallToneName(tile.tone), tile.current ? QStringLiteral("*") : QString());
    return out.join(QStringLiteral(", "));
}

} // namespace

class TestWallState : public QObject
{
    Q_OBJECT

private slots:
    void header();
    void pausedClock_data();
    void pausedClock();
    void strip_data();
    void strip();
    void current_data();
    void current();
    void recentEntries();
    void announcements();
    void shortTitle_data();
    void shortTitle();
    void fromSessionExpandsVariables();
};

void TestWallState::header()
{
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, scopeDone()));
    WallState w = wallOf(t, 41 * minute + 12'000);
    QVERIFY(w.hasIncident);
    QCOMPARE(w.title, s("Checkout 5xx after v1.3.0 deploy"));
    QCOMPARE(w.commander, s("Commander: Priya Raman"));
    QCOMPARE(w.modeWord, s("DRILL"));
    QCOMPARE(w.clock, s("T+00:41:12"));
    // Closed: the clock stops at the closing event, however late the wall looks.
    QVERIFY(play(t, {s("50 close drill over")}));
    w = wallOf(t, 90 * minute);
    QCOMPARE(w.modeWord, s("DRILL \u00B7 CLOSED"));
    QCOMPARE(w.clock, s("T+00:50:00"));
    QVERIFY(!WallStateBuilder::build(WallSource{}).hasIncident);
}

// A drill's pauses, read from its timeline alone (as a wall in another process reads them):
// the clock stands still from the pause, says PAUSED, and goes on from there after the resume.
void TestWallState::pausedClock_data()
{
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<double>("nowMinutes");
    QTest::addColumn<QString>("clock");
    QTest::addColumn<bool>("paused");
    QTest::newRow("no pause") << QStringList{} << 12.0 << s("T+00:12:00") << false;
    QTest::newRow("paused, frozen")
        << QStringList{s("5 pause")} << 12.0 << s("T+00:05:00  PAUSED") << true;
    QTest::newRow("at the pause itself")
        << QStringList{s("5 pause")} << 5.0 << s("T+00:05:00  PAUSED") << true;
    QTest::newRow("resumed: goes on from 5")
        << QStringList{s("5 pause"), s("9 resume")} << 12.0 << s("T+00:08:00") << false;
    QTest::newRow("two pauses")
        << QStringList{s("5 pause"), s("9 resume"), s("10 pause"), s("11.5 resume")} << 20.0
        << s("T+00:14:30") << false;
    QTest::newRow("second pause open")
        << QStringList{s("5 pause"), s("9 resume"), s("10 pause")} << 20.0
        << s("T+00:06:00  PAUSED") << true;
    QTest::newRow("a second pause note changes nothing")
        << QStringList{s("5 pause"), s("6 pause"), s("9 resume")} << 12.0 << s("T+00:08:00") << false;
    QTest::newRow("a player's note that says paused is not a pause")
        << QStringList{s("5 note Drill paused at T+00:05:00")} << 12.0 << s("T+00:12:00") << false;
    QTest::newRow("x50, paused") // a runner's drill clock, T+0 at minute 1: drill time
        << QStringList{s("1 drill-clock 50"), s("5 pause")} << 12.0 << s("T+03:20:00  PAUSED") << true;
    QTest::newRow("x50, resumed") << QStringList{s("1 drill-clock 50"), s("5 pause"), s("9 resume"),
                                                 s("11 handover Sam")}
                                  << 12.0 << s("T+05:50:00") << false;
}

void TestWallState::pausedClock()
{
    QFETCH(QStringList, script);
    QFETCH(double, nowMinutes);
    QFETCH(QString, clock);
    QFETCH(bool, paused);
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, script));
    const WallState w = wallOf(t, qint64(nowMinutes * minute));
    QCOMPARE(w.clock, clock);
    QCOMPARE(w.clockPaused, paused);
    const QString real = formatElapsed(qint64(nowMinutes * minute)).mid(2); // beside the clock
    QCOMPARE(w.clockScale, script.value(0).contains(s("drill-clock")) ? s("\u00D750 drill clock \u00B7 real %1").arg(real) : QString());
    // Recent entries on the same clock: the resume at real minute 9 is at drill (9-1-4) x 50 min.
    // And the forecast: drill minutes of plan after the drill clock's now, not real minutes.
    if (QLatin1String(QTest::currentDataTag()) == QLatin1String("x50, resumed")) {
        QCOMPARE(w.recent.value(1).time, s("T+03:20:00"));
        // The handover at real minute 11 is announced at drill (11-1-4) x 50 min, as the header
        // says the time: it said T+00:11:00 of real time under a clock at T+05:50:00.
        QCOMPARE(w.announcements.value(0).text.left(40),
                 s("COMMAND HANDED OVER at T+05:00:00: Sam h"));
        QCOMPARE(w.forecast, s("finish \u2248 T+6 h 55 (plan T+65)"));
    }
}

void TestWallState::strip_data()
{
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<QString>("expected");
    QTest::newRow("declared") << QStringList{}
                              << s("1 READY pending*, 2 PENDING pending, 3 PENDING pending, "
                                   "4 PENDING pending, 5 PENDING pending, 6 PENDING pending, "
                                   "7 PENDING pending, 8 PENDING pending");
    QTest::newRow("first item confirmed")
        << QStringList{s("1 confirm scope impact")}
        << s("1 ACTIVE active*, 2 PENDING pending, 3 PENDING pending, 4 PENDING pending, "
             "5 PENDING pending, 6 PENDING pending, 7 PENDING pending, 8 PENDING pending");
    QTest::newRow("scope done, two ready")
        << scopeDone()
        << s("1 DONE done, 2 READY pending*, 3 READY pending, 4 PENDING pending, "
             "5 PENDING pending, 6 PENDING pending, 7 PENDING pending, 8 PENDING pending");
    QTest::newRow("skipped is amber, failed is red")
        << scopeDone()
               + QStringList{s("5 skip notify nobody to notify in a drill"), s("5.5 start freeze"),
                             s("6 fail freeze snapshot missing")}
        << s("1 DONE done, 2 SKIPPED deferred, 3 FAILED failed*, 4 PENDING pending, "
             "5 PENDING pending, 6 PENDING pending, 7 PENDING pending, 8 PENDING pending");
    QTest::newRow("done with an item skipped is amber and says so")
        << scopeDone()
               + QStringList{s("4 skip-item notify channel drill: no channel"),
                             s("4 confirm notify roles"),
                             s("5 skip-item notify stakeholders drill: nobody to tell"),
                             s("5 confirm notify status-page")}
        << s("1 DONE done, 2 DONE+2 SKIPPED deferred, 3 READY pending*, 4 PENDING pending, "
             "5 PENDING pending, 6 PENDING pending, 7 PENDING pending, 8 PENDING pending");
    QTest::newRow("overridden and skipped says both")
        << scopeDone()
               + QStringList{s("4 override notify channel posted by hand"),
                             s("4 confirm notify roles"),
                             s("5 skip-item notify stakeholders drill: nobody to tell"),
                             s("5 confirm notify status-page")}
        << s("1 DONE done, 2 DONE+OVERRIDDEN \u00B7 1 SKIPPED deferred, 3 READY pending*, "
             "4 PENDING pending, 5 PENDING pending, 6 PENDING pending, 7 PENDING pending, "
             "8 PENDING pending");
    // A request in doubt is neither FAILED (run it again) nor a plain ACTIVE.
    QTest::newRow("an outcome unknown is amber and says so")
        << scopeDone() + QStringList{s("4 run notify channel"), s("5 unknown notify channel")}
        << s("1 DONE done, 2 ACTIVE+OUTCOME UNKNOWN deferred*, 3 READY pending, "
             "4 PENDING pending, 5 PENDING pending, 6 PENDING pending, 7 PENDING pending, "
             "8 PENDING pending");
    // A step whose check's run failed is still ACTIVE, but not going ahead: its tile was a plain
    // blue ACTIVE (the measurement panel alone said "failed").
    const QStringList checkFailed
        = scopeDone()
          + QStringList{s("5 skip notify drill"), s("5 skip freeze drill"),
                        s("5 skip execute drill"), s("6 run validate version"),
                        s("7 failed validate version wrong version")};
    QTest::newRow("a failed run is red and says so")
        << checkFailed
        << s("1 DONE done, 2 SKIPPED deferred, 3 SKIPPED deferred, 4 SKIPPED deferred, "
             "5 ACTIVE+RUN FAILED failed*, 6 PENDING pending, 7 PENDING pending, 8 PENDING "
             "pending");
    // Skipped after its run failed: the room dealt with it, no RUN FAILED on a finished step.
    QTest::newRow("a failed run, its step skipped")
        << checkFailed + QStringList{s("8 skip validate drill: checked by hand")}
        << s("1 DONE done, 2 SKIPPED deferred, 3 SKIPPED deferred, 4 SKIPPED deferred, "
             "5 SKIPPED deferred, 6 READY pending*, 7 PENDING pending, 8 PENDING pending");
    QTest::newRow("an outcome unknown then confirmed by hand")
        << scopeDone()
               + QStringList{s("4 run notify channel"), s("5 unknown notify channel"),
                             s("6 override notify channel posted, checked in the channel")}
        << s("1 DONE done, 2 ACTIVE+OVERRIDDEN deferred*, 3 READY pending, 4 PENDING pending, "
             "5 PENDING pending, 6 PENDING pending, 7 PENDING pending, 8 PENDING pending");
    QTest::newRow("started out of order is an override")
        << QStringList{s("1 start execute no time to wait")}
        << s("1 READY pending, 2 PENDING pending, 3 PENDING pending, "
             "4 ACTIVE+OVERRIDDEN deferred*, 5 PENDING pending, 6 PENDING pending, "
             "7 PENDING pending, 8 PENDING pending");
}

void TestWallState::strip()
{
    QFETCH(QStringList, script);
    QFETCH(QString, expected);
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, script));
    const WallState w = wallOf(t, t.now());
    QCOMPARE(::strip(w), expected);
    QCOMPARE(w.steps.at(3).shortTitle, s("Execute automation"));
    QCOMPARE(w.steps.at(3).title, s("Execute automation scripts; monitor telemetry"));
}

void TestWallState::current_data()
{
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<QString>("heading");
    QTest::addColumn<QString>("stateWord");
    QTest::addColumn<QString>("item");
    QTest::newRow("declared")
        << QStringList{} << s("STEP 1 OF 8 \u00B7 Confirm incident scope and declare rollback class")
        << s("READY")
        << s("1/5  Impact confirmed: affected services, regions and customers written down");
    QTest::newRow("second item")
        << QStringList{s("1 confirm scope impact")}
        << s("STEP 1 OF 8 \u00B7 Confirm incident scope and declare rollback class")
        << s("ACTIVE") << s("2/5  Rollback trigger met and named (metric, threshold, time seen)");
    QTest::newRow("next step after done")
        << scopeDone()
        << s("STEP 2 OF 8 \u00B7 Notify stakeholders, open incident channel, assign roles")
        << s("READY") << s("1/4  Rollback announced in {{channel}} (incident webhook)");
    const QStringList all = test::allStepsFinished();
    QTest::newRow("all finished")
        << all << s("ALL 8 STEPS FINISHED") << s("DONE")
        << s("Every step is finished: the commander closes the incident and exports the "
             "postmortem.");
    // The failed step stays the headline: step 4 waiting for it, with its first item, was shown
    // as the next thing to do.
    QTest::newRow("a failed step blocks the next")
        << scopeDone()
               + QStringList{s("5 skip notify drill"), s("5.5 start freeze"),
                             s("6 fail freeze snapshot missing.")} // one full stop shown
        << s("STEP 3 OF 8 \u00B7 Freeze writes or route traffic away as needed") << s("FAILED")
        << s("FAILED: snapshot missing. Restart the step, or decide what waits for it.");
    // The header's word too: "ACTIVE" in blue read as going ahead after the run had failed.
    QTest::newRow("a failed run")
        << scopeDone()
               + QStringList{s("5 skip notify drill"), s("5 skip freeze drill"),
                             s("5 skip execute drill"), s("6 run validate version"),
                             s("7 failed validate version wrong version")}
        << s("STEP 5 OF 8 \u00B7 Run validation suite; compare against acceptance thresholds")
        << s("ACTIVE \u00B7 RUN FAILED") << s("1/4  {{service}} reports version {{good_version}}");
    QTest::newRow("closed") << all + QStringList{s("11 close")} << s("ALL 8 STEPS FINISHED")
                            << s("CLOSED") << s("The incident is closed.");
    // Closed early: no step's pending item is the headline any more.
    QTest::newRow("closed with steps not finished")
        << scopeDone()
               + QStringList{s("5 skip notify drill"), s("5.5 start freeze"),
                             s("6 fail freeze snapshot missing"), s("7 close drill over")}
        << s("INCIDENT CLOSED") << s("CLOSED")
        << s("The incident is closed with 1 step failed and 5 not finished.");
    // A failed step apart, as the console counts it (the wall said "6 of 8 steps not finished").
    QTest::newRow("closed with no step failed")
        << scopeDone() + QStringList{s("7 close drill over")} << s("INCIDENT CLOSED") << s("CLOSED")
        << s("The incident is closed with 7 of 8 steps not finished.");
    // A step whose run's answer was lost apart: "OUTCOME UNKNOWN" is not "not finished".
    QTest::newRow("closed with an outcome unknown")
        << scopeDone()
               + QStringList{s("4 run notify channel"), s("5 unknown notify channel"),
                             s("7 close drill over")}
        << s("INCIDENT CLOSED") << s("CLOSED")
        << s("The incident is closed with 1 step with an outcome unknown and 6 not finished.");
    QTest::newRow("closed with one of each")
        << scopeDone()
               + QStringList{s("4 run notify channel"), s("5 unknown notify channel"),
                             s("5.5 start freeze"), s("6 fail freeze snapshot missing"),
                             s("7 close drill over")}
        << s("INCIDENT CLOSED") << s("CLOSED")
        << s("The incident is closed with 1 step failed, 1 with an outcome unknown and 5 not "
             "finished.");
    QTest::newRow("closed with the last step failed")
        << test::lastStepFailedThenClosed() << s("INCIDENT CLOSED") << s("CLOSED")
        << s("The incident is closed with 1 of 8 steps failed.");
}

void TestWallState::current()
{
    QFETCH(QStringList, script);
    QFETCH(QString, heading);
    QFETCH(QString, stateWord);
    QFETCH(QString, item);
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, script));
    const WallState w = wallOf(t, t.now());
    QCOMPARE(w.stepHeading, heading);
    QCOMPARE(w.stepStateWord, stateWord);
    QCOMPARE(w.itemText, item);
    // Closed: no tile is marked current (step 4, waiting for the failed step 3, was), and the
    // forecast no longer runs on with the clock.
    const bool closed = stateWord == s("CLOSED");
    QVERIFY(!closed || std::none_of(w.steps.cbegin(), w.steps.cend(), [](const WallStepTile &tile) {
        return tile.current;
    }));
    QCOMPARE(w.forecast.startsWith(s("closed")), closed);
}

void TestWallState::recentEntries()
{
    TestTimeline t(test::shippedChecklist());
    QVERIFY(play(t, scopeDone()
                        + QStringList{s("5 skip freeze drill"), s("5 skip execute drill"),
                                      s("6 private the CFO is watching"),
                                      s("6 run validate version"),
                                      s("6.5 sample validate version v1.2.9 ==v1.2.9 pass"),
                                      s("6.6 sample validate version v1.3.0 ==v1.2.9 fail"),
                                      s("7 note Rollback start")}));
    const WallState w = wallOf(t, 7 * minute);
    QCOMPARE(w.recent.size(), WallStateBuilder::recentCount);
    // Newest first, in the console's words; passing samples and private notes stay off the wall.
    const EventFormatter formatter(t.engine().checklist(), t.engine().textVariables());
    QStringList expected;
    for (qsizetype i = t.events().size() - 1; expected.size() < WallStateBuilder::recentCount;
         --i) {
        const TimelineEvent &e = t.events().at(i);
        const bool passingSample = e.kind == EventKind::CheckSampled
                                   && e.payload.value(s("passed")).toBool();
        if (!passingSample && !e.payload.value(s("private")).toBool())
            expected << formatElapsed(e.elapsedMs) + u' ' + formatter.describe(e);
    }
    QStringList shown;
    for (const WallTimelineEntry &entry : w.recent)
        shown << entry.time + u' ' + entry.text;
    QCOMPARE(shown, expected);
    QVERIFY(w.recent.first().text.contains(s("Rollback start")));
    QCOMPARE(w.recent.first().time, s("T+00:07:00"));
    for (const QString &line : shown) {
        QVERIFY2(!line.contains(s("CFO")), qPrintable(line));
        QVERIFY2(!line.contains(s("T+00:06:30")), qPrintable(line));
    }
}

void TestWallState::announcements()
{
    WallAnnouncements a;
    QVERIFY(a.isEmpty());
    const int inject = a.add(s("INJECT: the database engineer has left the call"));
    const int handover = a.add(s("Command handed to Sam Lee"), WallTone::Active);
    QVERIFY(inject != handover);
    TestTimeline t(test::shippedChecklist());
    WallState w = wallOf(t, 0, a);
    QCOMPARE(w.announcements.size(), 2);
    QCOMPARE(w.announcements.first().text, s("Command handed to Sam Lee")); // newest first
    QVERIFY(a.remove(handover));
    QVERIFY(!a.remove(handover));
    w = wallOf(t, 0, a, s("the database file was replaced"));
    QCOMPARE(w.announcements.size(), 2);
    QCOMPARE(w.announcements.first().tone, WallTone::Failed);
    QVERIFY(w.announcements.first().text.contains(s("the database file was replaced")));
    QCOMPARE(w.announcements.last().id, inject);
    a.clear();
    QVERIFY(wallOf(t, 0, a).announcements.isEmpty());
}

void TestWallState::shortTitle_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("expected");
    QTest::newRow("two words") << s("Confirm incident scope and declare rollback class")
                               << s("Confirm incident");
    QTest::newRow("comma ends sooner") << s("Notify, then wait") << s("Notify");
    QTest::newRow("one word") << s("Audit") << s("Audit");
    QTest::newRow("extra spaces") << s("  Re-enable   traffic gradually") << s("Re-enable traffic");
}

void TestWallState::shortTitle()
{
    QFETCH(QString, title);
    QFETCH(QString, expected);
    QCOMPARE(WallStateBuilder::shortTitle(title), expected);
}

void TestWallState::fromSessionExpandsVariables()
{
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("wall.db")), &error), qPrintable(error));
    qint64 now = 1'767'225'600'000;
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d = test::declarationWithDefaults(checklist, s("Payments latency"),
                                                          s("Sam Lee"), IncidentMode::Live);
    d.variables[s("good_version")] = s("v9.9.9");
    auto session
        = IncidentSession::declare(store, checklist, d, [&now] { return now; }, &error);
    QVERIFY2(session, qPrintable(error));
    for (const char *item : {"impact", "trigger", "authority"})
        QVERIFY(session->confirmItem(s("scope"), QLatin1String(item)).ok());
    QVERIFY(session->confirmItem(s("scope"), s("class"), s("deploy")).ok());
    now += 3 * minute;
    WallAnnouncements a;
    a.add(s("Handover at T+5"));
    const WallState w = WallStateBuilder::fromSession(*session, a);
    QCOMPARE(w.modeWord, s("LIVE"));
    QCOMPARE(w.commander, s("Commander: Sam Lee"));
    QCOMPARE(w.clock, s("T+00:03:00"));
    QVERIFY2(w.itemText.startsWith(s("5/5  Database implications checked: v9.9.9 runs")),
             qPrintable(w.itemText));
    QCOMPARE(w.announcements.size(), 1);
    QCOMPARE(w.recent.size(), WallStateBuilder::recentCount);
}

QTEST_GUILESS_MAIN(TestWallState)
#include "tst_wallstate.moc"
