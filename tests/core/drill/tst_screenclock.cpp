#include "drill/WatchedDrillClock.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"
#include "util/TimeFormat.h"

#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

namespace {

constexpr qint64 declaredUtc = 1'800'000'000'000;

const QString oldPause = QStringLiteral(
    "Drill paused at T+00:03:20 on the drill clock: injects and the players' script wait, and "
    "the pause is left out of the drill's durations.");
const QString oldResume = QStringLiteral(
    "Drill resumed at T+00:03:20 on the drill clock after a pause of 00:00:04 (real time).");
const QString oldOpening = QStringLiteral(
    "Facilitated drill of scenario flapping-error-rate at \u00D750 on the drill clock: the "
    "people at the console play it.");

} // namespace

// Every screen's T+ (ScreenClock), read from a drill's timeline as a real session writes it to
// a real store, on a scripted clock: the runner's clock facts (IncidentSession::recordDrillClock)
// count, a note anyone types with the same words and signature does not, a resume without a
// pause and a second pause change nothing, and a pause the app was killed in stays a pause when
// the incident is opened again. Timelines from before the facts (the runner's old notes) read as
// they did, and only where the old runner visibly wrote them.
class TestScreenClock : public QObject
{
    Q_OBJECT

private slots:
    void clock_data();
    void clock();
    void factsOnlyFromTheClockCommand();

private:
    QTemporaryDir m_dir;
    int m_db = 0;
};

void TestScreenClock::clock_data()
{
    // Each line: real seconds since the declaration, then what happens then.
    //   start N       the runner's T+0 at ×N (its opening note with the fact)
    //   pause/resume  the runner's clock facts
    //   end           the runner's end of the drill (its verdict note with the fact)
    //   close         the room closes the incident
    //   forge TEXT    a person who named themselves "drill facilitator" types TEXT
    //   note TEXT     a player's own note
    //   old TEXT      the old runner's plain note (a timeline written before the facts)
    //   reopen        the app killed and the incident opened again from the database
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<double>("nowSeconds");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<bool>("paused");
    QTest::addColumn<bool>("shifted"); // T+ is not the real time since the declaration
    // What a screen's live clock says (WatchedDrillClock), when not `shown` (and PAUSED).
    QTest::addColumn<QString>("live");
    const QString forgePause = s("forge ") + oldPause;
    QTest::newRow("real pause: frozen at the pause, x50")
        << QStringList{s("1 start 50"), s("5 pause")} << 12.0 << s("T+00:03:20") << true << true
        << QString();
    QTest::newRow("real pause and resume: the pause left out")
        << QStringList{s("1 start 50"), s("5 pause"), s("9 resume")} << 12.0 << s("T+00:05:50")
        << false << true << QString();
    QTest::newRow("forged pause note: a plain note")
        << QStringList{s("1 start 50"), forgePause} << 12.0 << s("T+00:09:10") << false << true
        << QString();
    QTest::newRow("forged pause and resume while really paused change nothing")
        << QStringList{s("1 start 50"), s("5 pause"), s("6 forge ") + oldResume, forgePause} << 12.0
        << s("T+00:03:20") << true << true << QString();
    QTest::newRow("resume without a pause: nothing")
        << QStringList{s("1 start 50"), s("5 resume")} << 12.0 << s("T+00:09:10") << false << true
        << QString();
    QTest::newRow("double pause: the first moment holds")
        << QStringList{s("1 start 50"), s("5 pause"), s("7 pause"), s("9 resume")} << 12.0
        << s("T+00:05:50") << false << true << QString();
    QTest::newRow("paused, app killed, reopened: still paused at the same T+")
        << QStringList{s("1 start 50"), s("5 pause"), s("reopen")} << 600.0 << s("T+00:03:20")
        << true << true << QString();
    QTest::newRow("reopened after a resume: runs on from the facts")
        << QStringList{s("1 start 50"), s("5 pause"), s("9 resume"), s("reopen")} << 12.0
        << s("T+00:05:50") << false << true << QString();
    QTest::newRow("x1 drill clock: T+0 at the runner's start")
        << QStringList{s("2 start 1"), s("5 pause"), s("9 resume")} << 12.0 << s("T+00:00:06")
        << false << true << QString();
    QTest::newRow("no runner: time since the declaration")
        << QStringList{s("3 note hello")} << 12.0 << s("T+00:00:12") << false << false << QString();
    QTest::newRow("old timeline: the old runner's pause and resume still count")
        << QStringList{s("0 old ") + oldOpening, s("5 old ") + oldPause, s("9 old ") + oldResume}
        << 12.0 << s("T+00:00:08") << false << true << QString();
    QTest::newRow("old timeline, paused and reopened")
        << QStringList{s("0 old ") + oldOpening, s("5 old ") + oldPause, s("reopen")} << 60.0
        << s("T+00:00:05") << true << true << QString();
    QTest::newRow("old form after a person's first note: plain notes")
        << QStringList{s("0 note we start"), s("1 forge ") + oldOpening, forgePause} << 12.0
        << s("T+00:00:12") << false << false << QString();
    QTest::newRow("old opening, but not the old runner's exact sentence")
        << QStringList{s("0 old ") + oldOpening, s("5 forge Drill paused at T+00:00:05")} << 12.0
        << s("T+00:00:12") << false << false << QString();
    QTest::newRow("old form in a timeline with clock facts: not counted")
        << QStringList{s("0 old ") + oldOpening, s("1 start 50"), s("5 forge ") + oldPause} << 12.0
        << s("T+00:09:10") << false << true << QString();
    // The runner's end: the screens' clock stops at the end (it counted on at ×50 for as long
    // as the room kept the incident open), and so does what an event after it is shown at: the
    // timeline and the postmortem gave a note after the end a T+ no screen had reached.
    QTest::newRow("ended: the live clock stops at the end")
        << QStringList{s("1 start 50"), s("5 end")} << 12.0 << s("T+00:03:20") << false << true
        << s("T+00:03:20  ENDED");
    QTest::newRow("ended, reopened: still stopped at the end")
        << QStringList{s("1 start 50"), s("5 end"), s("reopen")} << 600.0 << s("T+00:03:20")
        << false << true << s("T+00:03:20  ENDED");
    QTest::newRow("ended after a pause and resume: the pause still left out")
        << QStringList{s("1 start 50"), s("5 pause"), s("9 resume"), s("10 end")} << 12.0
        << s("T+00:04:10") << false << true << s("T+00:04:10  ENDED");
    QTest::newRow("a second end: the first holds")
        << QStringList{s("1 start 50"), s("5 end"), s("8 end")} << 12.0 << s("T+00:03:20") << false
        << true << s("T+00:03:20  ENDED");
    // Ended while paused: no resume is coming, and the screens said PAUSED for good.
    QTest::newRow("ended while paused: ENDED at the pause")
        << QStringList{s("1 start 50"), s("5 pause"), s("8 end")} << 12.0 << s("T+00:03:20") << true
        << true << s("T+00:03:20  ENDED");
    // Closed after the end: the clock stays at the end, with no word (it read the close on a
    // ×50 clock, hours of drill time after it).
    QTest::newRow("ended, then closed: the end, no word")
        << QStringList{s("1 start 50"), s("5 end"), s("9 close")} << 12.0 << s("T+00:03:20")
        << false << true << s("T+00:03:20");
    QTest::newRow("closed while paused: no word")
        << QStringList{s("1 start 50"), s("5 pause"), s("9 close")} << 12.0 << s("T+00:03:20")
        << true << true << s("T+00:03:20");
    QTest::newRow("a forged end note: a plain note")
        << QStringList{s("1 start 50"), s("5 forge Drill completed: the drill passed.")} << 12.0
        << s("T+00:09:10") << false << true << QString();
}

void TestScreenClock::clock()
{
    QFETCH(QStringList, script);
    QFETCH(double, nowSeconds);
    QFETCH(QString, shown);
    QFETCH(bool, paused);
    QFETCH(bool, shifted);
    QFETCH(QString, live);
    qint64 now = declaredUtc;
    const Clock clock = [&now] { return now; };
    TimelineStore store;
    QString error;
    const QString path = m_dir.filePath(s("clock-%1.db").arg(++m_db));
    QVERIFY2(store.open(path, &error), qPrintable(error));
    IncidentDeclaration d;
    d.title = s("Clock drill");
    d.commander = s("Priya Raman");
    d.mode = IncidentMode::Drill;
    const Checklist checklist = test::shippedChecklist();
    for (const ChecklistVariable &v : checklist.variables)
        d.variables.insert(v.name, v.defaultValue.isEmpty() ? s("x") : v.defaultValue);
    std::unique_ptr<IncidentSession> session
        = IncidentSession::declare(store, checklist, d, clock, &error);
    QVERIFY2(session, qPrintable(error));
    const qint64 id = session->incident().id;
    for (const QString &line : script) {
        const QString verb = line.section(u' ', 1, 1);
        const QString rest = line.section(u' ', 2);
        if (line == QLatin1String("reopen")) {
            session.reset(); // killed: nothing more written by it
            store.close();
            QVERIFY2(store.open(path, &error), qPrintable(error));
            session = IncidentSession::open(store, id, clock, &error);
            QVERIFY2(session, qPrintable(error));
            continue;
        }
        now = declaredUtc + qint64(line.section(u' ', 0, 0).toDouble() * 1000);
        const qint64 at = now - declaredUtc;
        CommandResult r;
        session->setActor(verb == QLatin1String("note") ? s("Priya Raman")
                                                        : ScreenClock::facilitator);
        if (verb == QLatin1String("start"))
            r = session->recordDrillClock(
                oldOpening, ScreenClock::fact(DrillClockChange::Started, at, rest.toDouble()));
        else if (verb == QLatin1String("pause"))
            r = session->recordDrillClock(oldPause,
                                          ScreenClock::fact(DrillClockChange::Paused, at));
        else if (verb == QLatin1String("resume"))
            r = session->recordDrillClock(oldResume,
                                          ScreenClock::fact(DrillClockChange::Resumed, at));
        else if (verb == QLatin1String("close"))
            r = session->close(s("drill over"));
        else if (verb == QLatin1String("end"))
            r = session->recordDrillClock(s("Drill completed: the drill passed."),
                                          ScreenClock::fact(DrillClockChange::Ended, at));
        else
            r = session->addNote(rest); // note, forge and old: what addNote writes
        QVERIFY2(r.ok(), qPrintable(line + s(": ") + r.message));
    }
    now = declaredUtc + qint64(nowSeconds * 1000);
    // Read back from the store, as a wall in another process reads it.
    const ScreenClock c = ScreenClock::fromEvents(session->events());
    QCOMPARE(formatElapsed(c.shownMs(session->elapsedMs())), shown);
    QCOMPARE(c.shownText(session->elapsedMs()), shown);
    QCOMPARE(c.isPaused(), paused);
    QCOMPARE(c.isShifted(), shifted);
    QCOMPARE(WatchedDrillClock::text(*session), !live.isEmpty() ? live
                                                : paused        ? shown + s("  PAUSED")
                                                                : shown);
    QCOMPARE(c.hasEnded(), script.join(u'|').contains(s(" end")));
    // A time not known yet is written as it is, not moved by a drill clock.
    QCOMPARE(c.shownText(-1000), s("T-00:00:01"));
}

// The fact is the clock command's alone: addNote never writes it, whoever signs, whatever the
// text; the note's words stay as typed (a plain note in the timeline and the postmortem); and a
// LIVE incident has no drill clock to record, nor reads one forged into its timeline.
void TestScreenClock::factsOnlyFromTheClockCommand()
{
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("facts.db")), &error), qPrintable(error));
    std::unique_ptr<IncidentSession> drill = test::declareWithDefaults(
        store, test::shippedChecklist(), s("Drill"), s("Priya Raman"), &error);
    QVERIFY2(drill, qPrintable(error));
    drill->setActor(ScreenClock::facilitator);
    QVERIFY(drill->addNote(oldPause).ok());
    const TimelineEvent forged = drill->events().constLast();
    QCOMPARE(forged.kind, QString(EventKind::NoteAdded));
    QCOMPARE(forged.payload.value(PayloadKey::Text).toString(), oldPause);
    QVERIFY(!forged.payload.contains(PayloadKey::DrillClock));
    QVERIFY(drill->recordDrillClock(oldPause, ScreenClock::fact(DrillClockChange::Paused, 5))
                .ok());
    QVERIFY(drill->events().constLast().payload.value(PayloadKey::DrillClock).isObject());
    QVERIFY(ScreenClock::fromEvents(drill->events()).isPaused());
    drill.reset();

    std::unique_ptr<IncidentSession> live
        = test::declareWithDefaults(store, test::shippedChecklist(), s("Live"), s("Priya Raman"),
                                    &error, IncidentMode::Live);
    QVERIFY2(live, qPrintable(error));
    const qsizetype before = live->events().size();
    const CommandResult r
        = live->recordDrillClock(oldPause, ScreenClock::fact(DrillClockChange::Paused, 5));
    QVERIFY(!r.ok());
    QVERIFY2(r.message.contains(s("drill")), qPrintable(r.message));
    const CommandResult fault = live->recordDrillFault(s("Drill inject: fault"), s("flaps"));
    QVERIFY(!fault.ok());
    QVERIFY2(fault.message.contains(s("drill")), qPrintable(fault.message));
    QCOMPARE(live->events().size(), before);

    // The same facts forged into its timeline (the hashes computed again) move no LIVE clock;
    // after a drill's declaration they do.
    TimelineEvents forgedLive = live->events();
    for (const QLatin1StringView change : {DrillClockChange::Started, DrillClockChange::Paused}) {
        TimelineEvent fact;
        fact.kind = EventKind::NoteAdded;
        fact.actor = ScreenClock::facilitator;
        fact.payload = {{PayloadKey::Text, s("clock")},
                        {PayloadKey::DrillClock, ScreenClock::fact(change, 5, 50)}};
        forgedLive.append(fact);
    }
    const ScreenClock liveClock = ScreenClock::fromEvents(forgedLive);
    QVERIFY(!liveClock.isDrillClock());
    QVERIFY(!liveClock.isPaused());
    QCOMPARE(liveClock.shownMs(60'000), 60'000);
    // Nor does a second declaration saying "drill" turn them on.
    TimelineEvents redeclared = forgedLive;
    QJsonObject declared = forgedLive.first().payload;
    declared.insert(PayloadKey::Mode, incidentModeName(IncidentMode::Drill));
    redeclared.insert(1, TimelineEvent{forgedLive.first()});
    redeclared[1].payload = declared;
    QVERIFY(!ScreenClock::fromEvents(redeclared).isDrillClock());
    // A declaration with no mode is not a drill's (anything but "drill" reads as LIVE).
    declared.remove(PayloadKey::Mode);
    forgedLive.first().payload = declared;
    QVERIFY(!ScreenClock::fromEvents(forgedLive).isDrillClock());
    declared.insert(PayloadKey::Mode, incidentModeName(IncidentMode::Drill));
    forgedLive.first().payload = declared;
    QVERIFY(ScreenClock::fromEvents(forgedLive).isDrillClock());

    // A start at a speed no drill runs at, or at a moment past any row's time: not taken (a
    // speed of 1e300 made the postmortem's clock read T-2562047788015:12:55, its sums overflowed).
    for (const auto &[at, speed] : {std::pair{qint64(5), 1e300}, std::pair{qint64(5), -3.0},
                                    std::pair{qint64(9223372036854775807LL), 50.0}}) {
        TimelineEvents hostile{forgedLive.first()};
        TimelineEvent fact;
        fact.kind = EventKind::NoteAdded;
        fact.actor = ScreenClock::facilitator;
        fact.payload
            = {{PayloadKey::Text, s("clock")},
               {PayloadKey::DrillClock, QJsonObject{{PayloadKey::Change, DrillClockChange::Started},
                                                    {PayloadKey::AtMs, at},
                                                    {PayloadKey::Speed, speed}}}};
        hostile.append(fact);
        const ScreenClock clock = ScreenClock::fromEvents(hostile);
        QVERIFY2(!clock.isDrillClock(), qPrintable(QString::number(speed)));
        QCOMPARE(clock.shownMs(60'000), 60'000);
    }
}

QTEST_GUILESS_MAIN(TestScreenClock)
#include "tst_screenclock.moc"
