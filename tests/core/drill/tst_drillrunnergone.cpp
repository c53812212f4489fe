#include "control/IncidentController.h"
#include "drill/DrillRunner.h"
#include "drill/ScenarioParser.h"
#include "facilitation/Debrief.h"
#include "session/DrillRunnerClaim.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/StoreBackends.h"
#include "support/TestStrings.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"
#include "wall/WallStateBuilder.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace warroom;
using warroom::test::s;

// A drill whose runner goes away without ending it (its process killed, crashed, or the window
// closed mid-drill): every screen's ×N drill clock ran on for as long as the incident stayed open
// (a ×20 drill closed at T+13:51:47), and the faults it kept back from the room stayed hidden.
// The runner now claims its incident (session/DrillRunnerClaim.h) and a screen following the
// timeline that finds the claim let go records the end on its behalf, once.
class TestDrillRunnerGone : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void endedOnceWhenItsRunnerGoes_data();
    void endedOnceWhenItsRunnerGoes();
    void aKilledDrillIsEndedWhenOpened();
    void aRunnerTakenForGoneStops();
    void theClaim();

private:
    std::unique_ptr<DrillRunner> runner(IncidentController &c, const QByteArray &more = {});
    static int endFacts(const TimelineEvents &events);
    QTemporaryDir m_dir;
};

std::unique_ptr<DrillRunner> TestDrillRunnerGone::runner(IncidentController &c,
                                                         const QByteArray &more)
{
    const QByteArray json = R"({"scenario": 1, "id": "gone", "checklist": ")"
                            + QByteArray(WARROOM_CHECKLISTS) + R"(/rollback-eight-step.json",
        "backend": {"kind": "external"}, "drill_speed": 20,
        "injects": [{"id": "late", "at": "T+0:50:00", "message": "Late"}])"
                            + more + "}";
    const ScenarioParseResult r = ScenarioParser::parse(json, s("gone.json"));
    if (!r.ok())
        return nullptr;
    c.setDrillSpeed(20);
    auto runner = std::make_unique<DrillRunner>(c, *r.scenario, *r.checklist);
    runner->setScripted(false); // facilitated: the runner keeps the clock and nothing else
    return runner;
}

int TestDrillRunnerGone::endFacts(const TimelineEvents &events)
{
    int n = 0;
    for (const TimelineEvent &e : events)
        n += e.payload.value(PayloadKey::DrillClock).toObject().value(PayloadKey::Change)
             == QJsonValue(DrillClockChange::Ended);
    return n;
}

void TestDrillRunnerGone::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(!test::pgServerUri().isEmpty(),
             "no PostgreSQL: the pg_server fixture did not start one");
}

void TestDrillRunnerGone::endedOnceWhenItsRunnerGoes_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("how");
    QTest::addColumn<bool>("ends");
    for (const QString &backend : {s("sqlite"), s("postgresql")}) {
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::newRow(qPrintable(backend + u' ' + QLatin1StringView(name))) << backend;
        };
        // Two screens follow it while the runner runs, then it goes: both find it, one end.
        row("watched as it goes") << s("watched") << true;
        // The screen opens after the runner went: ended as it opens, at the last event.
        row("gone before the screen opened") << s("later") << true;
        // The runner is still at work: watching ends nothing.
        row("still running") << s("alive") << false;
        // The database copied elsewhere without its lock file, opened by one console alone.
        if (!test::isServerBackend(backend))
            row("copied without its lock file") << s("copied") << true;
        // A wall opens the database read-only: it can say the runner is gone, and writes nothing.
        row("a read-only screen") << s("readonly") << false;
        // The runner's own end: nothing more is written when it goes.
        row("ended by its runner") << s("ended") << false;
    }
}

void TestDrillRunnerGone::endedOnceWhenItsRunnerGoes()
{
    QFETCH(QString, backend);
    QFETCH(QString, how);
    QFETCH(bool, ends);
    QString error;
    const QString db = test::newStoreDb(backend, m_dir.path(), how, &error);
    QVERIFY2(!db.isEmpty(), qPrintable(error));
    TimelineStore runnerStore;
    QVERIFY(runnerStore.open(db, &error));
    auto controller = std::make_unique<IncidentController>(runnerStore, systemClock());
    // T+0:01:40 at ×20 is 5 s of real time: the row whose runner ends its drill waits for it.
    auto r = runner(*controller,
                    how == s("ended") ? QByteArray(R"(, "deadline": "T+0:01:40")") : QByteArray());
    QVERIFY(r);
    QVERIFY2(r->start(&error), qPrintable(error));
    // Followed as the window follows it (on a server, its heartbeat goes out), before the first
    // tick claims the incident.
    controller->session()->setOwnerLapse(2'500); // its own heartbeat it never hears: not a lapse
    controller->session()->setFollowInterval(50);
    const qint64 id = controller->session()->incident().id;
    QTRY_VERIFY(controller->session()->screenClock().isDrillClock()); // its first tick

    TimelineStore storeB;
    TimelineStore storeC;
    std::unique_ptr<IncidentSession> b;
    std::unique_ptr<IncidentSession> c;
    const auto openScreens = [&] {
        const bool readOnly = how == s("readonly");
        QVERIFY(readOnly ? storeB.openReadOnly(db, &error) : storeB.open(db, &error));
        b = IncidentSession::open(storeB, id, systemClock(), &error);
        QVERIFY2(b, qPrintable(error));
        b->setOwnerLapse(2'500); // a server's heartbeat (every second) unheard this long: gone
        b->setFollowInterval(50);
        if (readOnly || how == s("copied"))
            return;
        QVERIFY(storeC.open(db, &error));
        c = IncidentSession::open(storeC, id, systemClock(), &error);
        QVERIFY2(c, qPrintable(error));
        c->setOwnerLapse(2'500);
        c->setFollowInterval(50);
    };
    if (how != s("later") && how != s("copied")) {
        openScreens();
        QTest::qWait(1'300); // each screen asks once a second: it finds the runner at work
        QVERIFY(!b->screenClock().hasEnded());
        QVERIFY(!b->isDrillRunnerGone());
    }
    const qint64 eventsBefore = controller->session()->events().size();
    qint64 lastEventMs = controller->session()->events().constLast().elapsedMs;
    if (how == s("alive")) {
        QTest::qWait(3'000); // past a server's lapse too
        QVERIFY(!b->screenClock().hasEnded() && !c->screenClock().hasEnded());
        QCOMPARE(endFacts(b->events()), 0);
        return;
    }
    if (how == s("ended")) {
        // Timed out: its end recorded, the incident left open for the room to close.
        QTRY_VERIFY_WITH_TIMEOUT(r->isFinished(), 10'000);
        QVERIFY(!controller->session()->engine().isClosed());
    }
    const qint64 goneMs = controller->session()->elapsedMs();
    r.reset(); // its claim goes with it, as with a killed process
    controller.reset();
    runnerStore.close();
    if (how == s("copied"))
        QVERIFY(QFile::remove(db + s("-runners")));
    if (how == s("later") || how == s("copied"))
        openScreens();
    if (!ends) {
        if (how == s("readonly")) {
            QTRY_VERIFY_WITH_TIMEOUT(b->isDrillRunnerGone(), 8'000); // said, not written
            QCOMPARE(b->events().size(), eventsBefore);
            QVERIFY(!b->screenClock().hasEnded());
            // The wall on it says so, in red.
            const WallState wall = WallStateBuilder::fromSession(*b);
            QVERIFY(!wall.announcements.isEmpty());
            QVERIFY2(wall.announcements.constLast().text.startsWith(s("DRILL RUNNER GONE: ")),
                     qPrintable(wall.announcements.constLast().text));
            QCOMPARE(wall.announcements.constLast().tone, WallTone::Failed);
        }
        if (how == s("ended")) {
            QTest::qWait(4'000);                // past a server's lapse: nothing more is written
            QCOMPARE(endFacts(b->events()), 1); // the runner's own
            QVERIFY(!b->isDrillRunnerGone());
            // With its verdict, for a debrief whose record never got `drill.finished`.
            QCOMPARE(b->screenClock().endVerdict().value(s("outcome")).toString(), s("timed out"));
            QCOMPARE(b->screenClock().endVerdict().value(s("passed")), QJsonValue(false));
        }
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(b->screenClock().hasEnded() && (!c || c->screenClock().hasEnded()),
                             10'000);
    QTest::qWait(1'500); // both keep asking: neither writes a second end
    QCOMPARE(endFacts(b->events()), 1);
    if (c)
        QCOMPARE(endFacts(c->events()), 1);
    const TimelineEvent *end = nullptr;
    for (const TimelineEvent &e : b->events())
        if (e.payload.contains(PayloadKey::DrillClock)
            && e.payload.value(PayloadKey::DrillClock).toObject().value(PayloadKey::Change)
                   == QJsonValue(DrillClockChange::Ended))
            end = &e;
    QVERIFY(end);
    QCOMPARE(end->actor, ScreenClock::facilitator);
    const QString text = end->payload.value(PayloadKey::Text).toString();
    QVERIFY2(text.startsWith(s("Drill ended without its runner: ")), qPrintable(text));
    QVERIFY2(text.contains(s("screen found it gone")), qPrintable(text));
    // The fact says which screen wrote it, and the clocks know the end was not the runner's
    // (the postmortem's Times row said "when its runner ended the drill").
    const QString finder = end->payload.value(PayloadKey::DrillClock)
                               .toObject()
                               .value(PayloadKey::RunnerGone)
                               .toString();
    QVERIFY(!finder.isEmpty());
    QVERIFY2(text.contains(finder + s("'s screen found it gone")), qPrintable(finder));
    QVERIFY(b->screenClock().endedWithoutRunner());
    const qint64 at = b->screenClock().endedAt();
    // No beat (the lock file left behind), no heartbeat ever heard: its last event (a resumption
    // may follow).
    if ((how == s("later") && test::isServerBackend(backend)) || how == s("copied"))
        QCOMPARE(at, lastEventMs);
    else // where it was last known at work: within the second or so before it went (a file's
         // runner by its last beat, a server's by the last heartbeat heard; either is found gone
         // later, and not dated then)
        QVERIFY2(at >= std::max(lastEventMs, goneMs - 2'500) && at <= goneMs,
                 qPrintable(s("%1 (gone at %2)").arg(at).arg(goneMs)));
    // Every screen's clock stands still from there on.
    const QString shown = b->screenClock().shownText(b->clockReadingMs());
    QTest::qWait(300);
    QCOMPARE(b->screenClock().shownText(b->clockReadingMs()), shown);
    QCOMPARE(b->screenClock().liveState(b->closedAtMs()), ScreenClock::LiveState::Ended);
}

// The runner killed for real (SIGKILL, `warroom drill` on a file): the system lets go of its claim,
// and the first screen to open the incident ends the drill.
void TestDrillRunnerGone::aKilledDrillIsEndedWhenOpened()
{
    const QString db = m_dir.filePath(s("killed.db"));
    QProcess drill;
    drill.start(QStringLiteral(WARROOM_BINARY),
                {s("drill"), s("--checklist"),
                 QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json"), s("--drill-speed"),
                 s("5"), s("--db"), db});
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(drill.readAllStandardOutput()),
                              out.contains(s("step 1")) || drill.state() == QProcess::NotRunning),
                             60'000);
    QVERIFY2(drill.state() == QProcess::Running, qPrintable(out));
    QTest::qWait(2'500); // two more of its beats
    const qint64 killedUtc = QDateTime::currentMSecsSinceEpoch();
    drill.kill();
    QVERIFY(drill.waitForFinished(10'000));
    TimelineStore store;
    QString error;
    QVERIFY(store.open(db, &error));
    auto screen = IncidentSession::open(store, 1, systemClock(), &error);
    QVERIFY2(screen, qPrintable(error));
    QVERIFY(screen->screenClock().isDrillClock());
    QVERIFY(!screen->screenClock().hasEnded());
    screen->setFollowInterval(50); // as the window does: asked at once, judged on the next look
    QTRY_VERIFY_WITH_TIMEOUT(screen->screenClock().hasEnded(), 5'000);
    QCOMPARE(endFacts(screen->events()), 1);
    // Dated by its last beat, a second or so before the kill, not by its last event.
    const qint64 killedMs = killedUtc - screen->incident().declaredUtcMs;
    const qint64 at = screen->screenClock().endedAt();
    QVERIFY2(at >= killedMs - 2'500 && at <= killedMs,
             qPrintable(s("%1 (killed at %2)").arg(at).arg(killedMs)));
    // Its debrief ends where the screens stopped: it said "not ended", every expectation
    // pending, and the length to its last facilitation entry, beside a postmortem that ended.
    const auto debrief = Debrief::load(store, 1, &error);
    QVERIFY2(debrief, qPrintable(error));
    QCOMPARE(debrief->record.outcome, QString(FacilitationRecord::runnerGoneOutcome));
    QCOMPARE(debrief->score.drillMs, screen->screenClock().shownMs(at));
    const QString md = debrief->markdown();
    QVERIFY2(md.contains(s("ended without its runner")), qPrintable(md.left(1500)));
    QVERIFY2(md.contains(s("Verdict: none: the app running the drill went away before it judged "
                           "it.")),
             qPrintable(md.left(1500)));
    QVERIFY2(!md.contains(s("not ended"))
                 && !md.contains(QRegularExpression(s("[1-9][0-9]* pending"))),
             qPrintable(md));
}

// A runner still at work whose drill another screen ended (it took the runner for gone: a server
// link down past the heartbeat's lapse) stops on its next tick: nothing more fired, no second end,
// and its verdict a note of its own.
void TestDrillRunnerGone::aRunnerTakenForGoneStops()
{
    const QString db = m_dir.filePath(s("taken.db"));
    TimelineStore runnerStore;
    TimelineStore other;
    QString error;
    QVERIFY(runnerStore.open(db, &error));
    IncidentController controller(runnerStore, systemClock());
    auto r = runner(controller);
    QVERIFY(r);
    QVERIFY2(r->start(&error), qPrintable(error));
    QTRY_VERIFY(controller.session()->screenClock().isDrillClock());
    QVERIFY(other.open(db, &error));
    auto b
        = IncidentSession::open(other, controller.session()->incident().id, systemClock(), &error);
    QVERIFY2(b, qPrintable(error));
    QVERIFY(b->setActor(QString(ScreenClock::facilitator)));
    QVERIFY(b->recordDrillClock(s("Drill ended without its runner: taken for gone."),
                                ScreenClock::fact(DrillClockChange::Ended, b->elapsedMs()))
                .ok());
    controller.session()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(r->isFinished(), 5'000);
    QCOMPARE(r->result().outcome, s("stopped"));
    QCOMPARE(endFacts(controller.session()->events()), 1);
    const QString last
        = controller.session()->events().constLast().payload.value(PayloadKey::Text).toString();
    QVERIFY2(last.startsWith(s("Drill stopped (another screen ended the drill, taking its runner "
                               "for gone)")),
             qPrintable(last));
    // A late end of its own, had it come, keeps its words and not its fact: a drill ends once.
    QVERIFY(controller.session()->recordDrillEnd(s("Drill completed: late."), 1).ok());
    QCOMPARE(endFacts(controller.session()->events()), 1);
    QCOMPARE(controller.session()->events().constLast().payload.value(PayloadKey::Text).toString(),
             s("Drill completed: late."));
}

// The claim itself, on a file: held while it lives, asked without being taken, let go with it,
// and its last beat read back within bounds whatever the file holds.
void TestDrillRunnerGone::theClaim()
{
    const QString db = m_dir.filePath(s("claim.db"));
    TimelineStore a;
    TimelineStore b;
    QString error;
    QVERIFY(a.open(db, &error));
    QVERIFY(b.open(db, &error));
    const QString lock(DrillRunnerClaim::filePresence);
    using State = DrillRunnerClaim::State;
    const auto state = [&](qint64 id, const QString &owner = DrillRunnerClaim::filePresence) {
        return DrillRunnerClaim::look(b, id, owner, 1000, 50'000).state;
    };
    // No lock file yet, another writer alive: it may have been deleted under a runner.
    QCOMPARE(state(3), State::Unknown);
    {
        auto claim = DrillRunnerClaim::take(a, 3, false);
        QCOMPARE(claim->owner(), lock);
        claim->beat(12'345);
        const DrillRunnerClaim::Sighting seen = DrillRunnerClaim::look(b, 3, lock, 1000, 50'000);
        QCOMPARE(seen.state, State::Alive);
        QCOMPARE(seen.seenMs, 50'000); // held now
        QCOMPARE(DrillRunnerClaim::look(a, 3, lock, 1000, 50'000).state, State::Alive);
        QCOMPARE(state(4), State::Gone); // its record alone
        // Asking took nothing: a second claim on another incident is granted, on this one not.
        QCOMPARE(DrillRunnerClaim::take(b, 4, false)->owner(), lock);
        QVERIFY(DrillRunnerClaim::take(b, 3, false)->owner().isEmpty());
        // An owner of another kind, or none (an older build): nobody can tell.
        QCOMPARE(state(3, s("0b6e-server-instance")), State::Unknown);
        QCOMPARE(state(3, QString()), State::Unknown);
        QCOMPARE(state(0), State::Unknown);
        QCOMPARE(state(std::numeric_limits<qint64>::max()), State::Unknown);
    }
    DrillRunnerClaim::Sighting seen = DrillRunnerClaim::look(b, 3, lock, 1000, 50'000);
    QCOMPARE(seen.state, State::Gone);
    QCOMPARE(seen.seenMs, 12'345); // its last beat
    // Never later than now (a damaged record, a runner's clock ahead of ours).
    QCOMPARE(DrillRunnerClaim::look(b, 3, lock, 1000, 10'000).seenMs, 10'000);
    QCOMPARE(DrillRunnerClaim::look(b, 4, lock, 1000, 50'000).seenMs, -1); // never beat
    QCOMPARE(QFileInfo(db + s("-runners")).size(), 16 * 3 + 16);
    QVERIFY((QFile::permissions(db + s("-runners")) & (QFile::ReadGroup | QFile::ReadOther)) == 0);
    {
        QFile damaged(db + s("-runners"));
        QVERIFY(damaged.open(QIODevice::ReadWrite));
        QVERIFY(damaged.seek(16 * 3 + 8));
        QVERIFY(damaged.write(QByteArray(8, '\xff')) == 8); // -1 ms
        damaged.close();
        QCOMPARE(DrillRunnerClaim::look(b, 3, lock, 1000, 50'000).seenMs, -1);
        QVERIFY(damaged.resize(16 * 3 + 12)); // cut short in the beat
    }
    seen = DrillRunnerClaim::look(b, 3, lock, 1000, 50'000);
    QCOMPARE(seen.state, State::Gone);
    QCOMPARE(seen.seenMs, -1);
    // The lock file gone and nobody else writing (a database copied elsewhere): gone.
    QVERIFY(QFile::remove(db + s("-runners")));
    a.close();
    QCOMPARE(state(3), State::Gone);
    // A FIFO in its place is never opened for the claim (it would block) and tells nothing.
    QVERIFY(::mkfifo(QFile::encodeName(db + s("-runners")).constData(), 0600) == 0);
    QVERIFY(DrillRunnerClaim::take(b, 3, false)->owner().isEmpty());
    QCOMPARE(state(3), State::Unknown);
}

QTEST_GUILESS_MAIN(TestDrillRunnerGone)
#include "tst_drillrunnergone.moc"
