#include "itemmodels/ChecklistModel.h"
#include "itemmodels/TimelineModel.h"
#include "report/EventFormatter.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/ScreenClock.h"
#include "wall/WallStateBuilder.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace warroom;
using warroom::test::s;

Q_DECLARE_METATYPE(warroom::IncidentMode)

// The times the checklist and timeline models show, on the clock the room reads.
class TestModelClock : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void timesOnTheRoomsClock_data();
    void timesOnTheRoomsClock();
    void faultsHiddenFromTheRoom_data();
    void faultsHiddenFromTheRoom();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    TimelineStore m_store;
};

void TestModelClock::init()
{
    m_store.close();
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    QVERIFY2(m_store.open(m_dir->filePath(s("clock.sqlite")), &error), qPrintable(error));
}

// The checklist's "When" and the timeline's T+ are the T+ the header and the wall show: in a drill
// its runner's clock (its speed, its pauses left out), the real time one hover away in the table.
// They were real time: a x50 drill's header at T+00:06:40 above a step "started T+00:00:10".
void TestModelClock::timesOnTheRoomsClock_data()
{
    QTest::addColumn<IncidentMode>("mode");
    QTest::addColumn<QStringList>("facts"); // "SECONDS started SPEED", "SECONDS paused", ...
    QTest::addColumn<QString>("shown");     // T+ of a confirmation 10 real seconds in
    QTest::addColumn<QString>("tip");       // the timeline's T+ tooltip
    QTest::addColumn<QString>("reopened");  // T+ of an opening 20 real seconds in
    QTest::newRow("live: time since the declaration")
        << IncidentMode::Live << QStringList{} << s("T+00:00:10") << QString() << s("T+00:00:20");
    QTest::newRow("drill without a runner's clock")
        << IncidentMode::Drill << QStringList{} << s("T+00:00:10") << QString() << s("T+00:00:20");
    QTest::newRow("drill at x50 from 2 s")
        << IncidentMode::Drill << QStringList{s("2 started 50")} << s("T+00:06:40")
        << s("T+00:06:40 on the drill clock; real time since the declaration 00:00:10")
        << s("T+00:15:00");
    QTest::newRow("drill at x50, paused 4 s")
        << IncidentMode::Drill << QStringList{s("2 started 50"), s("4 paused"), s("8 resumed")}
        << s("T+00:03:20")
        << s("T+00:03:20 on the drill clock; real time since the declaration 00:00:10")
        << s("T+00:11:40");
    // After the runner's end every screen's clock stands at the end's T+, and so do the rows
    // after it (a step confirmed after the end read T+00:06:40 under a header at T+00:03:20
    // ENDED); the tooltip tells two such rows apart by their real time.
    QTest::newRow("drill at x50, ended at 6 s")
        << IncidentMode::Drill << QStringList{s("2 started 50"), s("6 ended")} << s("T+00:03:20")
        << s("T+00:03:20 on the drill clock, which stood still at the drill's end; real time "
             "since the declaration 00:00:10")
        << s("T+00:03:20");
}

void TestModelClock::timesOnTheRoomsClock()
{
    QFETCH(IncidentMode, mode);
    QFETCH(QStringList, facts);
    QFETCH(QString, shown);
    QFETCH(QString, tip);
    QFETCH(QString, reopened);
    constexpr qint64 declaredUtc = 1'800'000'000'000;
    qint64 now = declaredUtc;
    QString error;
    auto session = test::declareWithDefaults(m_store, test::parallelChecklist(), s("Clock"),
                                             s("Alice"), &error, mode, [&now] { return now; });
    QVERIFY2(session, qPrintable(error));
    ChecklistModel checklist;
    TimelineModel timeline;
    checklist.setSession(session.get());
    timeline.setSession(session.get());
    session->setActor(ScreenClock::facilitator);
    QSignalSpy changed(&timeline, &QAbstractItemModel::dataChanged);
    for (const QString &f : facts) {
        now = declaredUtc + f.section(u' ', 0, 0).toLongLong() * 1000;
        const QJsonObject fact
            = ScreenClock::fact(QLatin1StringView(f.section(u' ', 1, 1).toLatin1()),
                                now - declaredUtc, f.section(u' ', 2).toDouble());
        QVERIFY(session->recordDrillClock(s("clock"), fact).ok());
    }
    session->setActor(s("Alice"));
    // The rows before the runner's clock started are told to read again on it.
    const auto toldAgain = std::count_if(changed.cbegin(), changed.cend(), [](const auto &args) {
        return args.at(0).toModelIndex().row() == 0
               && args.at(0).toModelIndex().column() == TimelineModel::ElapsedColumn;
    });
    // Once when the clock starts, and again at the end: the rows between the end's moment and
    // the note recording it were shown on a clock still running.
    const bool ended = facts.join(u'|').contains(s("ended"));
    QCOMPARE(toldAgain, facts.isEmpty() ? 0 : ended ? 2 : 1);
    now = declaredUtc + 10'000;
    QVERIFY(session->confirmItem(s("a"), s("a1")).ok());
    QCOMPARE(checklist.itemIndex(0, 0, ChecklistModel::TimeColumn).data().toString(), shown);
    QCOMPARE(checklist.stepIndex(0, ChecklistModel::TimeColumn).data().toString(), shown);
    const QModelIndex row = timeline.index(timeline.rowCount() - 1, TimelineModel::ElapsedColumn);
    QCOMPARE(row.data().toString(), shown);
    QCOMPARE(row.data(Qt::ToolTipRole).toString(), tip);
    QCOMPARE(row.data(TimelineModel::ElapsedMsRole).toLongLong(), 10'000); // real, for replay

    // A refusal names the moment it refers to as the "When" column shows it (it said the real
    // T+00:00:10 under a x50 header at T+00:06:40).
    now = declaredUtc + 12'000;
    const CommandResult again = session->confirmItem(s("a"), s("a1"));
    QCOMPARE(again.status, CommandResult::Status::Refused);
    QVERIFY2(again.message.endsWith(s(" by Alice at ") + shown + u'.'), qPrintable(again.message));

    // Opened again 20 real seconds in, recorded with the first command at 30 s: the row's
    // sentence names the opening on the clock of the row's T+.
    const qint64 id = session->incident().id;
    checklist.setSession(nullptr);
    timeline.setSession(nullptr);
    session.reset();
    now = declaredUtc + 20'000;
    session = IncidentSession::open(
        m_store, id, [&now] { return now; }, &error);
    QVERIFY2(session, qPrintable(error));
    timeline.setSession(session.get());
    now = declaredUtc + 30'000;
    session->setActor(s("Alice"));
    QVERIFY(session->addNote(s("back")).ok());
    const QModelIndex resumed = timeline.index(timeline.rowCount() - 2, TimelineModel::EventColumn);
    QCOMPARE(resumed.data().toString(),
             s("warroom opened again at %1 after a stop (the incident stayed open; recorded "
               "with the first command)")
                 .arg(reopened));
}

// A fault the runner sends its backend is not announced, but its note names it: the players'
// console listed "Drill inject job-breaks: fault {"job_fails":true} sent to the drill backend"
// as step 4 started, before anyone had run the job, and so did the wall. Until the drill is
// over the console reads that an inject was made, the wall leaves it out; the record keeps it.
void TestModelClock::faultsHiddenFromTheRoom_data()
{
    QTest::addColumn<QString>("then"); // what happens after the fault: "", "ended", "closed"
    QTest::addColumn<bool>("shown");
    QTest::newRow("the drill running") << QString() << false;
    QTest::newRow("ended by its runner") << s("ended") << true;
    QTest::newRow("closed by the room") << s("closed") << true;
}

void TestModelClock::faultsHiddenFromTheRoom()
{
    QFETCH(QString, then);
    QFETCH(bool, shown);
    constexpr qint64 declaredUtc = 1'800'000'000'000;
    qint64 now = declaredUtc;
    QString error;
    auto session
        = test::declareWithDefaults(m_store, test::parallelChecklist(), s("Faults"), s("Alice"),
                                    &error, IncidentMode::Drill, [&now] { return now; });
    QVERIFY2(session, qPrintable(error));
    TimelineModel timeline;
    timeline.setSession(session.get());
    const QString said = s("Drill inject job-breaks: fault {\"job_fails\":true} sent to the drill "
                           "backend");
    session->setActor(ScreenClock::facilitator);
    now += 1000;
    QVERIFY(
        session
            ->recordDrillClock(s("clock"), ScreenClock::fact(DrillClockChange::Started, 1000, 50))
            .ok());
    now += 1000;
    QVERIFY(session->recordDrillFault(said, s("job-breaks")).ok());
    const int row = timeline.rowCount() - 1;
    // Kept back while the drill runs, on the console and on the wall.
    QCOMPARE(timeline.index(row, TimelineModel::EventColumn).data().toString(),
             EventFormatter::hiddenFaultText());
    const WallState running = WallStateBuilder::fromSession(*session);
    QVERIFY(
        std::none_of(running.recent.cbegin(), running.recent.cend(),
                     [](const WallTimelineEntry &e) { return e.text.contains(s("job_fails")); }));
    QSignalSpy changed(&timeline, &QAbstractItemModel::dataChanged);
    now += 1000;
    if (then == s("ended"))
        QVERIFY(session
                    ->recordDrillClock(s("Drill timed out."),
                                       ScreenClock::fact(DrillClockChange::Ended, 3000))
                    .ok());
    session->setActor(s("Alice"));
    if (then == s("closed"))
        QVERIFY(session->close(s("done")).ok());
    QVERIFY(session->events().at(row).payload.contains(PayloadKey::DrillFault)); // recorded whole
    // The rows are read again when the drill is over, so the row says what it is.
    const bool toldAgain = std::any_of(changed.cbegin(), changed.cend(), [row](const auto &args) {
        return args.at(0).toModelIndex().row() <= row && args.at(1).toModelIndex().row() >= row
               && args.at(1).toModelIndex().column() == TimelineModel::EventColumn;
    });
    QCOMPARE(toldAgain, shown);
    const QString text = timeline.index(row, TimelineModel::EventColumn).data().toString();
    QCOMPARE(text.contains(s("job_fails")), shown);
    QCOMPARE(text == EventFormatter::hiddenFaultText(), !shown);
    const WallState wall = WallStateBuilder::fromSession(*session);
    const bool onTheWall
        = std::any_of(wall.recent.cbegin(), wall.recent.cend(),
                      [](const WallTimelineEntry &e) { return e.text.contains(s("job_fails")); });
    QCOMPARE(onTheWall, shown);
    QVERIFY(std::none_of(wall.recent.cbegin(), wall.recent.cend(), [](const WallTimelineEntry &e) {
        return e.text == EventFormatter::hiddenFaultText();
    }));
}

QTEST_MAIN(TestModelClock)
#include "tst_modelclock.moc"
