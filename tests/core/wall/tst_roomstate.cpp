// The people in the room as the screens read them, on a real store: the wall's poll names the
// item and step it is before and sits under the current item only when it is that item's; the
// checklist tree says "deferred" (not "open") and lists the item again at its target step as
// "↩ FROM STEP n"; a reopened incident acts as the commander in command after a handover; the time
// on duty stops when the incident closes.

#include "itemmodels/ChecklistModel.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/ScreenClock.h"
#include "wall/WallRoom.h"
#include "wall/WallStateBuilder.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace warroom;
using warroom::test::s;

class TestRoomState : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void pollNamesItsItemAndStep();
    void recentShowsBidiControls();
    void pollOnTheCurrentItemSitsUnderIt();
    void deferredItemReadsDeferredAndComesBack();
    void reopenedIncidentActsAsCommanderInCommand();
    void dutyStopsWhenClosed();
    void dutyIsOnTheDrillClock();

private:
    // Step 1 done, roles held, step 2 under way.
    bool declareAtStep2();
    bool ok(const CommandResult &r);

    QTemporaryDir m_dir;
    std::unique_ptr<TimelineStore> m_store;
    std::unique_ptr<IncidentSession> m_session;
    qint64 m_now = 1'767'225'600'000;
    int m_db = 0;
};

bool TestRoomState::ok(const CommandResult &r)
{
    if (!r.ok())
        qWarning("%s", qPrintable(r.message));
    return r.ok();
}

void TestRoomState::init()
{
    m_session.reset();
    m_store = std::make_unique<TimelineStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir.filePath(s("room%1.sqlite").arg(++m_db)), &error),
             qPrintable(error));
}

bool TestRoomState::declareAtStep2()
{
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d = test::declarationWithDefaults(checklist, s("Room"), s("Priya Raman"),
                                                          IncidentMode::Drill);
    d.variables.insert(s("service"), s("checkout-api"));
    QString error;
    m_session = IncidentSession::declare(*m_store, checklist, d, [this] { return m_now; }, &error);
    if (!m_session)
        return false;
    for (const char *item : {"impact", "trigger", "authority"})
        if (!ok(m_session->confirmItem(s("scope"), QLatin1String(item))))
            return false;
    if (!ok(m_session->confirmItem(s("scope"), s("class"), s("deploy")))
        || !ok(m_session->confirmItem(s("scope"), s("db-implications"))))
        return false;
    for (const auto &[role, person] : {std::pair{"database", "Lena Vogt"},
                                       std::pair{"app-owner", "Ada Mensah"},
                                       std::pair{"comms", "Sam Okafor"}})
        if (!ok(m_session->assignRole(s(role), s(person))))
            return false;
    return ok(m_session->confirmItem(s("notify"), s("channel"), {}, s("by hand")));
}

// A right-to-left override on the wall would reorder the line the whole room reads ("edirrevo"
// for "override"). A name with one is refused at the screen now; a note typed with one, and names
// an older build took, are shown with U+FFFD where it was, in the recent list and the roles line.
void TestRoomState::recentShowsBidiControls()
{
    QVERIFY(declareAtStep2());
    const QString lena = s("Lena \u2067Vogt\u2069");
    QString why;
    QVERIFY(!m_session->setActor(lena, &why));
    QVERIFY2(why.contains(s("(U+2067) at character 6")), qPrintable(why));
    QVERIFY(!ok(m_session->assignRole(s("comms"), s("Sam \u202eOkafor"))));
    // As an older build wrote them: a note signed with such a name, a role given to another.
    const qint64 id = m_session->incident().id;
    m_session.reset();
    QString error;
    QVERIFY2(m_store->append(id,
                             {EventDraft{lena,
                                         EventKind::NoteAdded,
                                         {},
                                         {},
                                         {{PayloadKey::Text, s("bidi \u202eoverride\u202c end")}}},
                              EventDraft{s("Priya Raman"),
                                         EventKind::RoleAssigned,
                                         {},
                                         {},
                                         {{PayloadKey::Role, s("comms")},
                                          {PayloadKey::Person, s("Sam \u202eOkafor")}}}},
                             m_now, &error),
             qPrintable(error));
    m_session = IncidentSession::open(
        *m_store, id, [this] { return m_now; }, &error);
    QVERIFY2(m_session, qPrintable(error));
    const WallState wall = WallStateBuilder::fromSession(*m_session);
    const QChar shown(0xFFFD);
    QCOMPARE(wall.recent.at(1).text, s("Note: bidi ") + shown + s("override") + shown + s(" end"));
    QCOMPARE(wall.recent.at(1).actor, s("Lena ") + shown + s("Vogt") + shown);
    QVERIFY2(wall.roles.contains(s("Sam ") + shown + s("Okafor")), qPrintable(wall.roles));
}

void TestRoomState::pollNamesItsItemAndStep()
{
    QVERIFY(declareAtStep2());
    for (const char *item : {"capture", "freeze-writes", "write-rate"})
        QVERIFY(ok(m_session->confirmItem(s("freeze"), QLatin1String(item), {}, s("by hand"))));
    QVERIFY(ok(m_session->confirmItem(s("execute"), s("marker-start"))));
    m_session->setActor(s("Lena Vogt"));
    QVERIFY(ok(m_session->answerPoll(s("execute"), s("run"), s("database"), true)));
    // Step 2 is still the current step; the poll is step 4's, before its rollback job.
    QCOMPARE(m_session->engine().currentStep(), 1);
    const WallState wall = WallStateBuilder::fromSession(*m_session);
    QCOMPARE(wall.poll, s("GO/NO-GO before 'Rollback job of checkout-api to\u2026' (step 4) \u00B7 "
                          "Database engineer GO \u00B7 Application owner \u2014 waiting \u00B7 "
                          "Communications lead \u2014 waiting"));
    QVERIFY(!wall.pollOnCurrentItem);
    QCOMPARE(wall.pollTone, WallTone::Active);
    // A NO-GO turns it red, and a second round says so.
    m_session->setActor(s("Ada Mensah"));
    QVERIFY(ok(m_session->answerPoll(s("execute"), s("run"), s("app-owner"), false,
                                     s("canary at 4%"))));
    WallTone tone = WallTone::Pending;
    int step = -1;
    int item = -1;
    QVERIFY(WallRoom::pollText(m_session->engine(), &tone, &step, &item)
                .contains(s("Application owner NO-GO (canary at 4%)")));
    QCOMPARE(tone, WallTone::Failed);
    QCOMPARE(step, 3);
    QCOMPARE(item, 1);
    QVERIFY(ok(m_session->startPoll(s("execute"), s("run"))));
    QVERIFY(WallRoom::pollText(m_session->engine())
                .startsWith(s("GO/NO-GO (poll 2) before 'Rollback job")));
}

void TestRoomState::pollOnTheCurrentItemSitsUnderIt()
{
    QVERIFY(declareAtStep2());
    for (const char *item : {"roles", "stakeholders", "status-page"})
        QVERIFY(ok(m_session->confirmItem(s("notify"), QLatin1String(item))));
    for (const char *item : {"capture", "freeze-writes", "write-rate"})
        QVERIFY(ok(m_session->confirmItem(s("freeze"), QLatin1String(item), {}, s("by hand"))));
    QVERIFY(ok(m_session->confirmItem(s("execute"), s("marker-start"))));
    m_session->setActor(s("Lena Vogt"));
    QVERIFY(ok(m_session->answerPoll(s("execute"), s("run"), s("database"), true)));
    const WallState wall = WallStateBuilder::fromSession(*m_session);
    QVERIFY2(wall.itemText.startsWith(s("2/4  Rollback job of checkout-api")),
             qPrintable(wall.itemText));
    QVERIFY(wall.pollOnCurrentItem);
    QVERIFY(wall.poll.contains(s("(step 4)")));
}

void TestRoomState::deferredItemReadsDeferredAndComesBack()
{
    QVERIFY(declareAtStep2());
    ChecklistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(m_session.get());
    const QModelIndex audit = model.stepIndex(7);
    const int auditItems = model.rowCount(audit);
    QCOMPARE(auditItems, 5);
    QVERIFY(ok(m_session->deferItem(s("notify"), s("stakeholders"), s("audit"),
                                    s("compliance lead unreachable"))));
    // Where it was: deferred, in words, not "open".
    const QModelIndex state = model.itemIndex(1, 2, ChecklistModel::StateColumn);
    QCOMPARE(state.data().toString(), s("\u21AA deferred \u2192 step 8"));
    QCOMPARE(state.data(ChecklistModel::StateRole).toString(), s("deferred"));
    // Where it comes back: one more row under step 8, saying where it came from.
    QCOMPARE(model.rowCount(audit), auditItems + 1);
    const QModelIndex back = model.index(auditItems, ChecklistModel::TitleColumn, audit);
    QVERIFY2(back.data().toString().startsWith(s("\u21A9 FROM STEP 2: Stakeholders notified")),
             qPrintable(back.data().toString()));
    QCOMPARE(back.data(ChecklistModel::StateRole).toString(), s("returned"));
    QCOMPARE(back.siblingAtColumn(ChecklistModel::StateColumn).data().toString(),
             s("\u21A9 returned, open"));
    QVERIFY(back.data(Qt::ToolTipRole).toString().contains(s("compliance lead unreachable")));
    // Resolved at step 8, it stays listed there, confirmed; its own row is confirmed too.
    QVERIFY(ok(m_session->confirmItem(s("notify"), s("stakeholders"))));
    QCOMPARE(model.rowCount(audit), auditItems + 1);
    QCOMPARE(back.siblingAtColumn(ChecklistModel::StateColumn).data().toString(),
             s("\u21A9 confirmed"));
    QCOMPARE(state.data(ChecklistModel::StateRole).toString(), s("confirmed"));
    // Undone twice (the confirmation, then the deferral): the row goes again.
    QVERIFY(ok(m_session->undo()));
    QCOMPARE(state.data(ChecklistModel::StateRole).toString(), s("deferred"));
    QVERIFY(ok(m_session->undo()));
    QCOMPARE(state.data().toString(), s("\u25A1 open"));
    QCOMPARE(model.rowCount(audit), auditItems);
}

void TestRoomState::reopenedIncidentActsAsCommanderInCommand()
{
    QVERIFY(declareAtStep2());
    const qint64 id = m_session->incident().id;
    QCOMPARE(m_session->actor(), s("Priya Raman"));
    QVERIFY(ok(m_session->handOver(s("Marco Diaz"), s("Marco Diaz"),
                                   {{s("situation"), s("step 2")}})));
    m_session->setActor(s("Lena Vogt"));
    m_session.reset();
    QString error;
    m_session = IncidentSession::open(*m_store, id, [this] { return m_now; }, &error);
    QVERIFY2(m_session, qPrintable(error));
    QCOMPARE(m_session->incident().commander, s("Priya Raman"));
    QCOMPARE(m_session->actor(), s("Marco Diaz"));
}

// A closed incident's wall said "Commander: Lena Vogt \u00B7 8036:28 on duty": the time on duty
// counted on to the present. It counts while the incident is open and is gone once it is closed.
void TestRoomState::dutyStopsWhenClosed()
{
    QVERIFY(declareAtStep2());
    m_now += 65 * 60'000;
    QCOMPARE(WallStateBuilder::fromSession(*m_session).duty,
             s("1\u00A0h\u00A005\u00A0min on duty"));
    QVERIFY(ok(m_session->close(s("drill over"))));
    m_now += 5 * 24 * 3'600'000;
    const WallState wall = WallStateBuilder::fromSession(*m_session);
    QCOMPARE(wall.duty, QString());
    QVERIFY2(!wall.commander.contains(s("on duty")), qPrintable(wall.commander));
}

// In a ×10 drill the console said "0:12 on duty" (the drill clock's now less the period's real
// start) and the wall "0:01 on duty" (real time): both now count on the drill clock, pauses left
// out, from the moment the period began on it.
void TestRoomState::dutyIsOnTheDrillClock()
{
    QVERIFY(declareAtStep2());
    const qint64 declared = m_now;
    m_session->setActor(ScreenClock::facilitator);
    QVERIFY(ok(m_session->recordDrillClock(s("clock"),
                                           ScreenClock::fact(DrillClockChange::Started, 0, 10))));
    m_session->setActor(s("Priya Raman"));
    m_now += 60'000; // real T+1 min: drill T+10 min
    QVERIFY(
        ok(m_session->handOver(s("Marco Diaz"), s("Marco Diaz"), {{s("situation"), s("step 2")}})));
    m_now += 30'000; // real T+1:30, drill T+15: five drill minutes in command
    QCOMPARE(WallStateBuilder::fromSession(*m_session).duty, s("5\u00A0min on duty"));
    // A pause of a real minute is left out, as every screen's T+ leaves it out.
    m_session->setActor(ScreenClock::facilitator);
    QVERIFY(ok(m_session->recordDrillClock(
        s("clock"), ScreenClock::fact(DrillClockChange::Paused, m_now - declared))));
    m_now += 60'000;
    QVERIFY(ok(m_session->recordDrillClock(
        s("clock"), ScreenClock::fact(DrillClockChange::Resumed, m_now - declared))));
    m_now += 6'000; // a real minute of pause, then a drill minute
    QCOMPARE(WallStateBuilder::fromSession(*m_session).duty, s("6\u00A0min on duty"));
    // Once the runner ended the drill, its clock stands still on every screen, and so does the
    // time on duty: the wall counted on at x10 ("0:16 on duty" a real minute later) under a
    // clock reading ENDED, where the console had stopped.
    QVERIFY(ok(m_session->recordDrillClock(
        s("clock"), ScreenClock::fact(DrillClockChange::Ended, m_now - declared))));
    m_now += 60'000;
    QCOMPARE(WallStateBuilder::fromSession(*m_session).duty, s("6\u00A0min on duty"));
}

QTEST_GUILESS_MAIN(TestRoomState)
#include "tst_roomstate.moc"
