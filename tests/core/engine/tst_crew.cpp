// The people in the room: roles, command handovers, go/no-go polls and deferred items.

#include "engine/ChecklistEngine.h"
#include "report/PostmortemRoom.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace warroom;
using warroom::test::s;
using warroom::test::TestTimeline;

namespace {

Checklist roomChecklist()
{
    return test::loadChecklist(QStringLiteral(WARROOM_TEST_DATA "/checklists/good/room.json"));
}

// Room with the poll's three roles held: db by Dana (fallback Finn), app by Ari, comms by Cy.
void staff(TestTimeline &t)
{
    ChecklistEngine &e = t.engine();
    QVERIFY(t.commit(e.planAssignRole(s("db"), s("Dana"), s("Finn"), s("ic"))));
    QVERIFY(t.commit(e.planAssignRole(s("app"), s("Ari"), {}, s("ic"))));
    QVERIFY(t.commit(e.planAssignRole(s("comms"), s("Cy"), {}, s("ic"))));
    QVERIFY(t.commit(e.planConfirmItem(s("prepare"), s("snapshot"), s("Dana"))));
    QVERIFY(t.commit(e.planConfirmItem(s("prepare"), s("notes"), s("Dana"))));
}

// The poll's answers as "role:GO" / "role:NO-GO(reason)", then the gate's refusal or "open".
QString pollText(const ChecklistEngine &e)
{
    const PollStatus &poll = e.step(1).items.at(0).poll;
    QStringList out{QStringLiteral("round %1").arg(poll.round)};
    for (const PollVote &v : poll.votes)
        out << v.role + u':' + (v.go ? s("GO") : s("NO-GO(") + v.reason + u')');
    const QString gate = e.pollRefusal(1, 0);
    out << (gate.isEmpty() ? s("open") : s("shut"));
    return out.join(u' ');
}

} // namespace

class TestCrew : public QObject
{
    Q_OBJECT

private slots:
    void rolesAndPeople();
    void assignRefusals_data();
    void assignRefusals();
    void olderNamesStayUntilChanged();
    void signWithRoles();
    void poll_data();
    void poll();
    void pollGatesTheItem();
    void handoverAndCommandPeriods();
    void rolesHeldFromWhenToWhen_data();
    void rolesHeldFromWhenToWhen();
    void handoverRefusals_data();
    void handoverRefusals();
    void deferAndResurface();
    void deferRefusals_data();
    void deferRefusals();
    void undoDeferral();
    void foldIsTheState();
};

void TestCrew::rolesAndPeople()
{
    TestTimeline t(roomChecklist());
    ChecklistEngine &e = t.engine();
    QCOMPARE(e.crew().commander(), s("ic"));
    QCOMPARE(e.crew().personFor(s("commander")), s("ic"));
    QVERIFY(e.crew().personFor(s("db")).isEmpty());
    QVERIFY(t.commit(e.planAssignRole(s("db"), s("Dana"), s("Finn"), s("ic")), 1000));
    QCOMPARE(e.crew().personFor(s("db")), s("Dana"));
    QCOMPARE(e.crew().holders().value(s("db")).fallback, s("Finn"));
    QCOMPARE(e.crew().holders().value(s("db")).sinceElapsedMs, qint64(1000));
    QCOMPARE(e.crew().rolesOf(s("Finn")), QStringList{s("db")});
    // Changed later: a new event, the old holder keeps nothing.
    QVERIFY(t.commit(e.planAssignRole(s("db"), s("Finn"), {}, s("ic")), 2000));
    QCOMPARE(e.crew().personFor(s("db")), s("Finn"));
    QVERIFY(e.crew().rolesOf(s("Dana")).isEmpty());
    QCOMPARE(e.crew().people(), (QStringList{s("ic"), s("Dana"), s("Finn")}));
    // Unassigned: person empty.
    QVERIFY(t.commit(e.planAssignRole(s("db"), {}, {}, s("ic"))));
    QVERIFY(e.crew().personFor(s("db")).isEmpty());
    QCOMPARE(t.events().constLast().kind, QString(EventKind::RoleAssigned));
}

void TestCrew::assignRefusals_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("person");
    QTest::addColumn<QString>("fallback");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("unknown role") << s("legal") << s("Lee") << QString()
                                  << s("This checklist has no role 'legal'.");
    QTest::newRow("commander") << s("commander") << s("Lee") << QString()
                               << s("The commander changes by a handover: Incident ▸ Hand over "
                                    "command.");
    QTest::newRow("fallback alone") << s("db") << QString() << s("Finn")
                                    << s("Name who holds DB engineer before naming a fallback.");
    QTest::newRow("self fallback") << s("db") << s("Dana") << s("Dana")
                                   << s("The fallback for DB engineer must be someone else than "
                                        "Dana.");
    QTest::newRow("no change") << s("app") << s("Ari") << QString()
                               << s("Ari already holds App owner.");
    // A name that signs answers to polls must read as what it is.
    QTest::newRow("person with an override")
        << s("db") << s("Da\u202ena") << QString()
        << s("The name given for DB engineer has an invisible or control character (U+202E) at "
             "character 3: type it plainly.");
    QTest::newRow("fallback with a soft hyphen")
        << s("db") << s("Dana") << s("Fi\u00adnn")
        << s("The name given for DB engineer has an invisible or control character (U+00AD) at "
             "character 3: type it plainly.");
    QTest::newRow("self fallback, in capitals")
        << s("db") << s("Dana") << s("DANA")
        << s("The fallback for DB engineer must be someone else than Dana.");
}

void TestCrew::assignRefusals()
{
    QFETCH(QString, role);
    QFETCH(QString, person);
    QFETCH(QString, fallback);
    QFETCH(QString, refusal);
    TestTimeline t(roomChecklist());
    QVERIFY(t.commit(t.engine().planAssignRole(s("app"), s("Ari"), {}, s("ic"))));
    const EnginePlan plan = t.engine().planAssignRole(role, person, fallback, s("ic"));
    QCOMPARE(plan.refusal, refusal);
}

// A holder's name an older build recorded with an override stays until someone changes it: the
// fallback can be given without retyping the holder, and a new name is checked when it is given.
void TestCrew::olderNamesStayUntilChanged()
{
    TestTimeline t(roomChecklist());
    const QString older = s("Da\u202ena");
    EnginePlan recorded;
    recorded.drafts << EventDraft{s("ic"),
                                  s("role.assigned"),
                                  {},
                                  {},
                                  QJsonObject{{s("role"), s("db")}, {s("person"), older}}};
    QVERIFY(t.commit(recorded));
    QCOMPARE(t.engine().crew().holders().value(s("db")).person, older);
    const EnginePlan fallback = t.engine().planAssignRole(s("db"), older, s("Finn"), s("ic"));
    QVERIFY2(fallback.refusal.isEmpty(), qPrintable(fallback.refusal));
    QVERIFY(t.commit(fallback));
    QVERIFY(t.engine()
                .planAssignRole(s("db"), older, s("Fi\u200bnn"), s("ic"))
                .refusal.contains(s("(U+200B)")));
    QVERIFY(t.engine().planAssignRole(s("db"), s("Dana"), s("Finn"), s("ic")).refusal.isEmpty());
}

void TestCrew::signWithRoles()
{
    TestTimeline t(roomChecklist());
    ChecklistEngine &e = t.engine();
    QVERIFY(t.commit(e.planAssignRole(s("db"), s("Dana"), {}, s("ic"))));
    EnginePlan plan = e.planConfirmItem(s("prepare"), s("snapshot"), s("Dana"));
    e.signWithRoles(plan);
    QCOMPARE(plan.drafts.size(), 2); // step.started, item.confirmed
    for (const EventDraft &d : std::as_const(plan.drafts))
        QCOMPARE(d.payload.value(PayloadKey::ActorRoles).toArray(), QJsonArray{s("db")});
    EnginePlan byCommander = e.planNote(s("ic"), s("hello"));
    e.signWithRoles(byCommander);
    QCOMPARE(byCommander.drafts.constFirst().payload.value(PayloadKey::ActorRoles).toArray(),
             QJsonArray{s("commander")});
    EnginePlan byStranger = e.planNote(s("Zed"), s("hello"));
    e.signWithRoles(byStranger);
    QVERIFY(!byStranger.drafts.constFirst().payload.contains(PayloadKey::ActorRoles));
}

void TestCrew::poll_data()
{
    // Answers as "role actor GO|NO-GO|REPOLL reason", each committed or refused; then the poll.
    QTest::addColumn<QStringList>("answers");
    QTest::addColumn<QString>("lastRefusal");
    QTest::addColumn<QString>("poll");
    QTest::newRow("all GO")
        << QStringList{s("db Dana GO"), s("app Ari GO"), s("comms Cy GO")} << QString()
        << s("round 1 db:GO app:GO comms:GO open");
    QTest::newRow("fallback answers")
        << QStringList{s("db Finn GO"), s("app Ari GO"), s("comms Cy GO")} << QString()
        << s("round 1 db:GO app:GO comms:GO open");
    QTest::newRow("waiting") << QStringList{s("db Dana GO"), s("app Ari GO")} << QString()
                             << s("round 1 db:GO app:GO shut");
    QTest::newRow("NO-GO blocks")
        << QStringList{s("db Dana GO"), s("app Ari NO-GO error rate still 4%")} << QString()
        << s("round 1 db:GO app:NO-GO(error rate still 4%) shut");
    QTest::newRow("no answers after NO-GO until a re-poll")
        << QStringList{s("db Dana GO"), s("app Ari NO-GO rate"), s("comms Cy GO")}
        << s("App owner said NO-GO (rate): start a new poll once the concern is resolved.")
        << s("round 1 db:GO app:NO-GO(rate) shut");
    QTest::newRow("re-poll")
        << QStringList{s("db Dana GO"), s("app Ari NO-GO rate"), s("REPOLL ic"),
                       s("db Dana GO"), s("app Ari GO"), s("comms Cy GO")}
        << QString() << s("round 2 db:GO app:GO comms:GO open");
    QTest::newRow("not the holder")
        << QStringList{s("db Ari GO")}
        << s("Only Dana, who holds DB engineer, can answer for it (you are acting as Ari).")
        << s("round 0 shut");
    QTest::newRow("out of order")
        << QStringList{s("db Dana GO"), s("comms Cy GO")}
        << s("The poll goes in order: App owner answers before Comms.")
        << s("round 1 db:GO shut");
    QTest::newRow("twice") << QStringList{s("db Dana GO"), s("db Dana GO")}
                           << s("DB engineer has already answered in this poll.")
                           << s("round 1 db:GO shut");
    QTest::newRow("NO-GO needs a reason")
        << QStringList{s("db Dana NO-GO")} << s("Say why DB engineer is NO-GO; the concern stays "
                                                "in the timeline.")
        << s("round 0 shut");
    QTest::newRow("role not polled") << QStringList{s("commander ic GO")}
                                     << s("Incident commander is not polled for 'Switch over'.")
                                     << s("round 0 shut");
}

void TestCrew::poll()
{
    QFETCH(QStringList, answers);
    QFETCH(QString, lastRefusal);
    QFETCH(QString, poll);
    TestTimeline t(roomChecklist());
    staff(t);
    ChecklistEngine &e = t.engine();
    QString refusal;
    for (const QString &a : std::as_const(answers)) {
        const QStringList w = a.split(u' ');
        const EnginePlan plan
            = w.at(0) == s("REPOLL")
                  ? e.planStartPoll(s("commit"), s("go"), w.at(1))
                  : e.planAnswerPoll(s("commit"), s("go"), w.at(0), w.at(2) == s("GO"), w.at(1),
                                     w.mid(3).join(u' '));
        refusal = plan.refusal;
        if (plan.ok())
            QVERIFY(t.commit(plan));
    }
    QCOMPARE(refusal, lastRefusal);
    QCOMPARE(pollText(e), poll);
}

void TestCrew::pollGatesTheItem()
{
    TestTimeline t(roomChecklist());
    staff(t);
    ChecklistEngine &e = t.engine();
    EnginePlan early = e.planConfirmItem(s("commit"), s("go"), s("Dana"));
    QCOMPARE(early.refusal, s("'Switch over' waits for its go/no-go poll: DB engineer, App owner, "
                              "Comms still to answer GO."));
    QVERIFY(!early.needsReason); // no reason overrides a poll
    QVERIFY(t.commit(e.planAnswerPoll(s("commit"), s("go"), s("db"), true, s("Dana"))));
    QVERIFY(t.commit(e.planAnswerPoll(s("commit"), s("go"), s("app"), false, s("Ari"), s("rate"))));
    QCOMPARE(e.planConfirmItem(s("commit"), s("go"), s("Dana"), {}, s("anyway")).refusal,
             s("NO-GO from App owner (Ari): rate. 'Switch over' waits until a new poll is all GO."));
    QVERIFY(t.commit(e.planStartPoll(s("commit"), s("go"), s("ic"))));
    for (const auto &[role, who] : {std::pair{"db", "Dana"}, std::pair{"app", "Ari"}, std::pair{"comms", "Cy"}})
        QVERIFY(t.commit(e.planAnswerPoll(s("commit"), s("go"), s(role), true, s(who))));
    QVERIFY(t.commit(e.planConfirmItem(s("commit"), s("go"), s("Dana"))));
    QCOMPARE(e.itemStatus(s("commit"), s("go"))->state, ItemState::Confirmed);
    // A skip is not a committing act: it needs no poll.
    TestTimeline u(roomChecklist());
    staff(u);
    QVERIFY(u.commit(u.engine().planSkipItem(s("commit"), s("go"), s("ic"), s("not needed"))));
}

void TestCrew::handoverAndCommandPeriods()
{
    TestTimeline t(roomChecklist());
    ChecklistEngine &e = t.engine();
    const QJsonObject briefing{{PayloadKey::Situation, s("step 2")},
                               {PayloadKey::Concerns, s("  ")}};
    QCOMPARE(e.textVariables().value(s("incident.commander")), s("ic"));
    QVERIFY(t.commit(e.planHandOver(s("Mo"), s("Mo"), briefing), 60000));
    QCOMPARE(e.crew().commander(), s("Mo"));
    // What the channel's post and the templates say: the commander now, not the one declared.
    QCOMPARE(e.textVariables().value(s("incident.commander")), s("Mo"));
    QCOMPARE(e.crew().personFor(s("commander")), s("Mo"));
    QCOMPARE(t.events().constLast().actor, s("Mo"));
    QCOMPARE(t.events().constLast().payload.value(PayloadKey::From).toString(), s("ic"));
    QVERIFY(t.commit(e.planHandOver(s("ic"), s("ic"), {}), 90000));
    QCOMPARE(e.textVariables().value(s("incident.commander")), s("ic"));
    const QList<CommandPeriod> &p = e.crew().commandPeriods();
    QCOMPARE(p.size(), 3);
    QCOMPARE(p.at(0).commander, s("ic"));
    QCOMPARE(p.at(0).toElapsedMs, qint64(60000));
    QCOMPARE(p.at(1).commander, s("Mo"));
    QCOMPARE(p.at(1).fromElapsedMs, qint64(60000));
    QCOMPARE(p.at(1).toElapsedMs, qint64(90000));
    QCOMPARE(p.at(1).handedOverBy, s("ic"));
    QCOMPARE(p.at(1).briefing, (QJsonObject{{PayloadKey::Situation, s("step 2")}}));
    QCOMPARE(p.at(2).toElapsedMs, qint64(-1));
    QCOMPARE(e.crew().rolesOf(s("Mo")), QStringList());
}

// The postmortem's "Roles held" (PostmortemRoom): each holding of a role from when to when, in the
// checklist's order. It showed only who held each role at the end, as if they had held it all
// along. Steps, a minute apart from T+1 min: "db=Dana/Finn" gives the role (with a fallback),
// "db=" takes it from everyone, "hand=Mo" hands command to Mo.
void TestCrew::rolesHeldFromWhenToWhen_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("rows"); // "role|person|fallback|from|to", -1 to the end
    const QString ic = s("Incident commander|ic||0|-1");
    const QString never = s("|||-1|-1");
    QTest::newRow("nobody") << QStringList{}
                            << QStringList{ic, s("DB engineer") + never, s("App owner") + never,
                                           s("Comms") + never};
    QTest::newRow("given once") << QStringList{s("app=Ari")}
                                << QStringList{ic, s("DB engineer") + never,
                                               s("App owner|Ari||60000|-1"), s("Comms") + never};
    QTest::newRow("handed on, then a fallback")
        << QStringList{s("db=Dana"), s("db=Lena"), s("db=Lena/Finn")}
        << QStringList{ic,
                       s("DB engineer|Dana||60000|120000"),
                       s("DB engineer|Lena||120000|180000"),
                       s("DB engineer|Lena|Finn|180000|-1"),
                       s("App owner") + never,
                       s("Comms") + never};
    QTest::newRow("taken away, given again")
        << QStringList{s("comms=Cy"), s("comms="), s("comms=Sam")}
        << QStringList{ic, s("DB engineer") + never, s("App owner") + never,
                       s("Comms|Cy||60000|120000"), s("Comms|Sam||180000|-1")};
    QTest::newRow("command handed over") << QStringList{s("hand=Mo"), s("hand=ic")}
                                         << QStringList{s("Incident commander|ic||0|60000"),
                                                        s("Incident commander|Mo||60000|120000"),
                                                        s("Incident commander|ic||120000|-1"),
                                                        s("DB engineer") + never,
                                                        s("App owner") + never,
                                                        s("Comms") + never};
}

void TestCrew::rolesHeldFromWhenToWhen()
{
    QFETCH(QStringList, steps);
    QFETCH(QStringList, rows);
    TestTimeline t(roomChecklist());
    ChecklistEngine &e = t.engine();
    qint64 at = 0;
    for (const QString &step : std::as_const(steps)) {
        at += 60000;
        const QString value = step.section(u'=', 1);
        if (step.startsWith(s("hand="))) {
            QVERIFY(t.commit(e.planHandOver(value, value, {}), at));
        } else {
            QVERIFY(t.commit(e.planAssignRole(step.section(u'=', 0, 0), value.section(u'/', 0, 0),
                                              value.section(u'/', 1), e.crew().commander()),
                             at));
        }
    }
    QStringList actual;
    for (const auto &r : PostmortemRoom::collect(e, t.events()).roles)
        actual << QStringList{r.role, r.person, r.fallback, QString::number(r.fromMs),
                              QString::number(r.toMs)}
                      .join(u'|');
    QCOMPARE(actual, rows);
}

void TestCrew::handoverRefusals_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("acceptedBy");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("nobody") << QString() << QString() << s("Name the new commander.");
    QTest::newRow("same") << s("ic") << s("ic") << s("ic is already in command.");
    QTest::newRow("same, in capitals") << s("IC") << s("IC") << s("IC is already in command.");
    QTest::newRow("same, with a zero-width space")
        << s("i\u200bc") << s("i\u200bc") << s("i\u200bc is already in command.");
    QTest::newRow("another, with an override")
        << s("Mo\u202e") << s("Mo\u202e")
        << s("The new commander's name has an invisible or control character (U+202E) at "
             "character 3: type it plainly.");
    QTest::newRow("not accepted")
        << s("Mo") << s("ic")
        << s("The handover takes effect when Mo accepts it with their own name.");
}

void TestCrew::handoverRefusals()
{
    QFETCH(QString, to);
    QFETCH(QString, acceptedBy);
    QFETCH(QString, refusal);
    TestTimeline t(roomChecklist());
    QCOMPARE(t.engine().planHandOver(to, acceptedBy, {}).refusal, refusal);
}

void TestCrew::deferAndResurface()
{
    TestTimeline t(roomChecklist());
    ChecklistEngine &e = t.engine();
    QVERIFY(t.commit(e.planConfirmItem(s("prepare"), s("snapshot"), s("ic"))));
    QVERIFY(t.commit(e.planDeferItem(s("prepare"), s("notes"), s("finish"), s("ic"), s("later"))));
    // Its step completes except deferred items; the next step is ready.
    QCOMPARE(e.stepState(0), StepState::Done);
    QCOMPARE(e.step(0).deferredItems, 1);
    QCOMPARE(e.stepState(1), StepState::Ready);
    QCOMPARE(e.itemStatus(s("prepare"), s("notes"))->state, ItemState::Open);
    QCOMPARE(e.deferredItemsAt(s("finish")).size(), 1);
    QCOMPARE(e.deferredItemsAt(s("finish")).constFirst().step, 0);
    QVERIFY(e.deferredItemsAt(s("commit")).isEmpty());
    QCOMPARE(e.openDeferredItems().size(), 1);
    // Resolved later, at its target, without reopening its done step or asking for a reason.
    const EnginePlan later = e.planConfirmItem(s("prepare"), s("notes"), s("ic"));
    QVERIFY(later.ok());
    QCOMPARE(later.drafts.size(), 1);
    QVERIFY(t.commit(later));
    QCOMPARE(e.step(0).deferredItems, 0);
    QCOMPARE(e.stepState(0), StepState::Done);
    QVERIFY(e.openDeferredItems().isEmpty());
}

void TestCrew::deferRefusals_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("item");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("no reason") << s("commit") << s("after") << s("finish") << QString()
                               << s("Say why 'Watched' is deferred; the reason stays with it.");
    QTest::newRow("earlier step")
        << s("commit") << s("after") << s("prepare") << s("r")
        << s("Step 1 (Prepare) does not come after Step 2 (Commit); a deferred item comes back at "
             "a later step or in the follow-ups.");
    QTest::newRow("own step") << s("commit") << s("after") << s("commit") << s("r")
                              << s("Step 2 (Commit) does not come after Step 2 (Commit); a "
                                   "deferred item comes back at a later step or in the "
                                   "follow-ups.");
    QTest::newRow("missing step") << s("commit") << s("after") << s("nowhere") << s("r")
                                  << s("There is no step 'nowhere' to defer to; choose a later "
                                       "step or the follow-ups.");
    QTest::newRow("already deferred") << s("prepare") << s("notes") << s("follow-ups") << s("r")
                                      << s("'Notes written' is already deferred to finish.");
    QTest::newRow("resolved") << s("prepare") << s("snapshot") << s("finish") << s("r")
                              << s("Step 1 (Prepare) is already done; undo to change it.");
}

void TestCrew::deferRefusals()
{
    QFETCH(QString, step);
    QFETCH(QString, item);
    QFETCH(QString, target);
    QFETCH(QString, reason);
    QFETCH(QString, refusal);
    TestTimeline t(roomChecklist());
    ChecklistEngine &e = t.engine();
    QVERIFY(t.commit(e.planConfirmItem(s("prepare"), s("snapshot"), s("ic"))));
    QVERIFY(t.commit(e.planDeferItem(s("prepare"), s("notes"), s("finish"), s("ic"), s("later"))));
    QCOMPARE(e.planDeferItem(step, item, target, s("ic"), reason).refusal, refusal);
}

void TestCrew::undoDeferral()
{
    TestTimeline t(roomChecklist());
    ChecklistEngine &e = t.engine();
    QVERIFY(t.commit(e.planConfirmItem(s("prepare"), s("snapshot"), s("ic"))));
    QVERIFY(t.commit(e.planDeferItem(s("prepare"), s("notes"), s("follow-ups"), s("ic"), s("r"))));
    QCOMPARE(e.deferredItemsAt(s("follow-ups")).size(), 1);
    // Confirming it later, then undoing that, leaves it deferred again.
    QVERIFY(t.commit(e.planConfirmItem(s("prepare"), s("notes"), s("ic"))));
    QVERIFY(t.commit(e.planUndo(s("ic"))));
    QCOMPARE(e.deferredItemsAt(s("follow-ups")).size(), 1);
    QCOMPARE(e.stepState(0), StepState::Done);
    // Undoing the deferral reopens its step and the item is open in it again.
    QVERIFY(t.commit(e.planUndo(s("ic"))));
    QVERIFY(e.openDeferredItems().isEmpty());
    QCOMPARE(e.stepState(0), StepState::Active);
    QCOMPARE(e.currentItem(0), 1);
}

void TestCrew::foldIsTheState()
{
    TestTimeline t(roomChecklist());
    staff(t);
    ChecklistEngine &e = t.engine();
    QVERIFY(t.commit(e.planAnswerPoll(s("commit"), s("go"), s("db"), true, s("Dana"))));
    QVERIFY(t.commit(e.planHandOver(s("Mo"), s("Mo"), {{PayloadKey::Situation, s("x")}})));
    QVERIFY(t.commit(e.planDeferItem(s("commit"), s("after"), s("finish"), s("Mo"), s("r"))));
    ChecklistEngine again(roomChecklist());
    again.applyAll(t.events());
    QCOMPARE(again.crew().commander(), s("Mo"));
    QCOMPARE(again.crew().commandPeriods().size(), 2);
    QCOMPARE(again.crew().holders().value(s("db")).fallback, s("Finn"));
    QCOMPARE(pollText(again), pollText(e));
    QCOMPARE(again.deferredItemsAt(s("finish")).size(), 1);
    QCOMPARE(again.undoableSeq(), e.undoableSeq());
}

QTEST_GUILESS_MAIN(TestCrew)
#include "tst_crew.moc"
