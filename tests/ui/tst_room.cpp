// The people in the room on the console, by keyboard: a go/no-go poll answered with Enter (and
// refused, in the dialog, to someone who does not hold the role), a command handover accepted
// with Enter, and what the header, the step panel and the wall then say.

#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/ModalDialogs.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/actions/IncidentActions.h"
#include "ui/dialogs/HandoverDialog.h"
#include "ui/dialogs/PollDialog.h"
#include "ui/dialogs/RolesDialog.h"
#include "ui/incident/IncidentView.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"
#include "wall/WallStateBuilder.h"

#include <QAction>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTimer>

#include <memory>

using namespace warroom;
using warroom::test::s;
using warroom::test::whenDialogShows;

class TestRoom : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pollByKeyboard();
    void handoverByKeyboard();
    void handoverEscAsksOnceEdited_data();
    void handoverEscAsksOnceEdited();
    void closeAsksNoByDefault();
    void rolesDialogFollowsOtherScreens();
    void pollDialogFollowsOtherScreens();

private:
    std::unique_ptr<MainWindow> openAtStep4(const QString &db);

    QTemporaryDir m_dir;
    std::unique_ptr<TimelineStore> m_store;
    qint64 m_now = 1'767'225'600'000;
};

void TestRoom::initTestCase()
{
    initResources();
    QVERIFY(m_dir.isValid());
}

// A drill on the shipped checklist with its roles held, steps 1 to 3 done, step 4 in view.
std::unique_ptr<MainWindow> TestRoom::openAtStep4(const QString &db)
{
    m_store = std::make_unique<TimelineStore>();
    QString error;
    if (!m_store->open(m_dir.filePath(db), &error))
        return {};
    auto w = std::make_unique<MainWindow>(*m_store, QStringList{}, [this] { return m_now; });
    w->resize(1600, 1000);
    w->show();
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d = test::declarationWithDefaults(checklist, s("Room drill"),
                                                          s("Priya Raman"), IncidentMode::Drill);
    if (!w->declareIncident(checklist, d))
        return {};
    IncidentSession &session = *w->session();
    for (const auto &[role, person] : {std::pair{"database", "Lena Vogt"},
                                       std::pair{"app-owner", "Ada Mensah"},
                                       std::pair{"comms", "Sam Okafor"}})
        if (!session.assignRole(s(role), s(person)).ok())
            return {};
    for (int si = 0; si < 3; ++si) {
        const ChecklistStep &st = checklist.steps.at(si);
        for (const ChecklistItem &item : st.items) {
            const QString value = item.options.isEmpty() ? QString() : item.options.first().value;
            if (!session.confirmItem(st.id, item.id, value, s("walked through")).ok())
                return {};
        }
    }
    if (!session.confirmItem(s("execute"), s("marker-start")).ok())
        return {};
    w->activateWindow();
    if (!QTest::qWaitForWindowActive(w.get()))
        return {};
    return w;
}

void TestRoom::pollByKeyboard()
{
    std::unique_ptr<MainWindow> w = openAtStep4(s("poll.sqlite"));
    QVERIFY(w);
    IncidentSession &session = *w->session();
    QTRY_COMPARE(w->focusedStep(), 3);
    QCOMPARE(session.confirmItem(s("execute"), s("run"), {}, s("by hand")).message,
             s("'Rollback job of payments-api to v1.2.0 started and finished' waits for its "
               "go/no-go poll: Database engineer, Application owner, Communications lead still "
               "to answer GO."));

    // Sam holds Comms, not Database engineer: the dialog says why GO is greyed out as it opens
    // (it said nothing until Enter), and Enter on the disabled GO says it too.
    session.setActor(s("Sam Okafor"));
    QString refusal, atOnce;
    whenDialogShows<PollDialog>([&refusal, &atOnce](PollDialog *dialog) {
        auto *why = dialog->findChild<QLabel *>(s("whyNot"));
        atOnce = why->isHidden() ? s("(hidden)") : why->text();
        QTest::keyClick(dialog, Qt::Key_Return);
        refusal = dialog->findChild<QLabel *>(s("whyNot"))->text();
        QTest::keyClick(dialog, Qt::Key_Escape);
    });
    QTest::keyClick(w.get(), Qt::Key_G, Qt::ControlModifier);
    QTRY_VERIFY(!refusal.isEmpty());
    QCOMPARE(refusal, s("The poll goes in order: Database engineer answers first."));
    QCOMPARE(atOnce, refusal);

    // The commander holds no polled role: the dialog says how this screen answers for another
    // (the refusal named who holds the role, not the key that lets this screen act as them).
    session.setActor(s("Priya Raman"));
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    QString forOther;
    whenDialogShows<PollDialog>([&forOther](PollDialog *dialog) {
        forOther = dialog->findChild<QLabel *>(s("whyNot"))->text();
        QTest::keyClick(dialog, Qt::Key_Escape);
    });
    QTest::keyClick(w.get(), Qt::Key_G, Qt::ControlModifier);
    QTRY_VERIFY(!forOther.isEmpty());
    QVERIFY2(forOther.startsWith(s("Only Lena Vogt, who holds Database engineer"))
                 && forOther.endsWith(s("Lena Vogt answers on their own screen; to answer for "
                                        "them on this one, close this, press Ctrl+J and type "
                                        "their name.")),
             qPrintable(forOther));

    // Lena answers for her role with Enter: GO is the default button.
    session.setActor(s("Lena Vogt"));
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    bool shown = false;
    whenDialogShows<PollDialog>([&shown](PollDialog *dialog) {
        shown = true;
        QTest::keyClick(dialog, Qt::Key_Return);
    });
    QTest::keyClick(w.get(), Qt::Key_G, Qt::ControlModifier);
    QTRY_VERIFY(shown);
    QTRY_COMPARE(session.engine().itemStatus(s("execute"), s("run"))->poll.votes.size(), 1);
    const PollVote vote = session.engine().itemStatus(s("execute"), s("run"))->poll.votes.at(0);
    QCOMPARE(vote.role, s("database"));
    QCOMPARE(vote.person, s("Lena Vogt"));
    QVERIFY(vote.go);
    QCOMPARE(session.events().constLast().payload.value(PayloadKey::ActorRoles).toArray(),
             QJsonArray{s("database")});
    // The wall shows the poll in progress.
    const WallState wall = WallStateBuilder::fromSession(session);
    QCOMPARE(wall.poll, s("GO/NO-GO before 'Rollback job of payments-api to\u2026' (step 4) "
                          "\u00B7 Database engineer GO \u00B7 Application owner \u2014 "
                          "waiting \u00B7 Communications lead \u2014 waiting"));
    QVERIFY(wall.pollOnCurrentItem);

    // A NO-GO stands out on the step panel: red and bold, not the plain text of "waiting".
    auto *notes = w->findChild<QLabel *>(s("roomNotes"));
    QVERIFY(!notes->property("noGo").toBool());
    QVERIFY(session.setActor(s("Ada Mensah")));
    QVERIFY(
        session.answerPoll(s("execute"), s("run"), s("app-owner"), false, s("canary at 8%")).ok());
    QTRY_VERIFY(notes->property("noGo").toBool());
    QVERIFY2(notes->text().contains(s("NO-GO")), qPrintable(notes->text()));
    QVERIFY(notes->styleSheet().contains(s("font-weight: bold")));
}

void TestRoom::handoverByKeyboard()
{
    std::unique_ptr<MainWindow> w = openAtStep4(s("handover.sqlite"));
    QVERIFY(w);
    IncidentSession &session = *w->session();
    QString situation, refusal;
    whenDialogShows<HandoverDialog>([&](HandoverDialog *dialog) {
        situation = dialog->findChild<QPlainTextEdit *>(s("situation"))->toPlainText();
        auto *to = dialog->findChild<QLineEdit *>(s("newCommander"));
        auto *accept = dialog->findChild<QLineEdit *>(s("acceptedBy"));
        QTest::keyClicks(to, s("Marco Diaz"));
        QTest::keyClick(dialog, Qt::Key_Return); // not accepted yet: says why, stays open
        refusal = dialog->findChild<QLabel *>(s("whyNot"))->text();
        QTest::keyClicks(accept, s("Marco Diaz"));
        QTest::keyClick(dialog, Qt::Key_Return);
    });
    QTest::keyClick(w.get(), Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(session.engine().crew().commander(), s("Marco Diaz"));
    QCOMPARE(refusal, s("Marco Diaz accepts by typing their own name in \"Accepted by\"."));
    QVERIFY2(situation.contains(s("step 4 of 8")), qPrintable(situation));
    QVERIFY2(situation.contains(s("Forecast: finish")), qPrintable(situation));
    QCOMPARE(session.actor(), s("Marco Diaz"));
    QCOMPARE(session.engine().crew().commandPeriods().size(), 2);
    QCOMPARE(session.events().constLast().kind, QString(EventKind::CommandHandedOver));
    const WallState wall = WallStateBuilder::fromSession(session);
    QVERIFY(!wall.announcements.isEmpty());
    QVERIFY2(wall.announcements.constFirst().text.startsWith(
                 s("COMMAND HANDED OVER at T+00:00:00: Marco Diaz has command (from Priya "
                   "Raman)")),
             qPrintable(wall.announcements.constFirst().text));
    QVERIFY(wall.commander.startsWith(s("Commander: Marco Diaz")));
}

// Esc in the handover dialog dropped an edited briefing without a word. Once anything was typed
// it asks, and Enter or Esc on the question keep the dialog; nothing is handed over either way.
void TestRoom::handoverEscAsksOnceEdited_data()
{
    QTest::addColumn<QString>("edit");   // "", "situation", "name"
    QTest::addColumn<QString>("answer"); // to the question: "", "esc", "enter", "discard"
    QTest::addColumn<bool>("asked");
    QTest::addColumn<bool>("stillOpen");
    QTest::newRow("nothing edited: Esc closes") << QString() << QString() << false << false;
    QTest::newRow("briefing edited: Esc, Esc keeps it")
        << s("situation") << s("esc") << true << true;
    QTest::newRow("briefing edited: Esc, Enter keeps it")
        << s("situation") << s("enter") << true << true;
    QTest::newRow("briefing edited: Esc, Discard")
        << s("situation") << s("discard") << true << false;
    QTest::newRow("a name typed: Esc, Esc keeps it") << s("name") << s("esc") << true << true;
}

void TestRoom::handoverEscAsksOnceEdited()
{
    QFETCH(QString, edit);
    QFETCH(QString, answer);
    QFETCH(bool, asked);
    QFETCH(bool, stillOpen);
    static int db = 0;
    std::unique_ptr<MainWindow> w = openAtStep4(s("handover-esc-%1.sqlite").arg(++db));
    QVERIFY(w);
    IncidentSession &session = *w->session();
    const QString before = session.engine().crew().commander();
    bool seen = false, wasAsked = false, openAfter = false;
    QString question, situationAfter;
    whenDialogShows<HandoverDialog>([&](HandoverDialog *dialog) {
        seen = true;
        auto *situation = dialog->findChild<QPlainTextEdit *>(s("situation"));
        if (edit == s("situation")) {
            situation->setFocus();
            situation->moveCursor(QTextCursor::End);
            QTest::keyClicks(situation, s(" Replica lag 40 s."));
        } else if (edit == s("name")) {
            QTest::keyClicks(dialog->findChild<QLineEdit *>(s("newCommander")), s("Marco Diaz"));
        }
        const QString typed = situation->toPlainText();
        const test::AnswerIfAsked<QMessageBox> answerer([&](QMessageBox *box) {
            wasAsked = true;
            question = box->text();
            if (answer == s("esc"))
                QTest::keyClick(box, Qt::Key_Escape);
            else if (answer == s("enter"))
                QTest::keyClick(box, Qt::Key_Return);
            else
                for (QAbstractButton *b : box->buttons())
                    if (b->text() == s("&Discard"))
                        b->click();
        });
        QTest::keyClick(dialog, Qt::Key_Escape);
        openAfter = dialog->isVisible();
        situationAfter = situation->toPlainText();
        QCOMPARE(situationAfter, typed);
        if (openAfter)
            dialog->done(QDialog::Rejected); // the test's own way out, not a person's
    });
    QTest::keyClick(w.get(), Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(seen);
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QCOMPARE(wasAsked, asked);
    QCOMPARE(openAfter, stillOpen);
    if (asked)
        QCOMPARE(question, s("Discard what you typed? Command has not been handed over."));
    QCOMPARE(session.engine().crew().commander(), before);
    QCOMPARE(session.engine().crew().commandPeriods().size(), 1);
}

// Close incident (Ctrl+Shift+W) cannot be undone: Enter on its question keeps the incident open
// (Yes was the default), says so, and only Yes goes on, to the reason for the steps not finished.
void TestRoom::closeAsksNoByDefault()
{
    std::unique_ptr<MainWindow> w = openAtStep4(s("close.sqlite"));
    QVERIFY(w);
    QAction *close = w->actions()->action(IncidentActions::CloseIncident);
    QVERIFY(close);
    // One timer of this test's scope answers both the question and, had Enter gone on, the
    // reason dialog (rejected, so that the test fails rather than waits).
    bool defaultIsNo = false;
    bool saysEnter = false;
    bool wentOn = false;
    QTimer guard;
    guard.setInterval(20);
    connect(&guard, &QTimer::timeout, &guard, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            defaultIsNo = box->defaultButton() == box->button(QMessageBox::No);
            saysEnter = box->text().endsWith(s("Yes closes it; No (Enter) keeps it open."));
            QTest::keyClick(box, Qt::Key_Return);
        } else if (auto *dialog = qobject_cast<QDialog *>(modal)) {
            wentOn = true;
            dialog->reject();
        }
    });
    guard.start();
    close->trigger();
    guard.stop();
    QVERIFY(defaultIsNo);
    QVERIFY(!wentOn);
    QVERIFY(!w->session()->engine().isClosed());
    // And the window says it stayed open: Enter, pressed to close, left it without a word.
    QVERIFY(saysEnter);
    QCOMPARE(w->statusBar()->currentMessage(),
             s("Not closed: the incident stays open (closing needs Yes)."));
    // Yes goes on: the steps not finished ask for a reason (cancelled here: still open).
    bool reasonAsked = false;
    QTimer yes; // of this scope too: a handler left waiting on a dialog that never came leaked
    yes.setInterval(20);
    connect(&yes, &QTimer::timeout, &yes, [&reasonAsked] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            box->button(QMessageBox::Yes)->click();
        } else if (auto *reason = qobject_cast<QDialog *>(modal)) {
            reasonAsked = true;
            reason->reject();
        }
    });
    yes.start();
    close->trigger();
    yes.stop();
    QVERIFY(reasonAsked);
    QVERIFY(!w->session()->engine().isClosed());
}

// Roles and people left open while another screen assigns roles: it showed the roles as they were
// when it opened. A field not edited here follows; one edited here keeps what was typed, says
// what the other screen set, and OK records only what differs from the holder now.
void TestRoom::rolesDialogFollowsOtherScreens()
{
    std::unique_ptr<MainWindow> w = openAtStep4(s("roles-follow.sqlite"));
    QVERIFY(w);
    IncidentSession &session = *w->session();
    const qint64 id = session.incident().id;
    bool seen = false;
    QString database, comms, note, untouchedNote;
    whenDialogShows<RolesDialog>([&](RolesDialog *dialog) {
        seen = true;
        // The commander under Person, how command changes under Fallback: one text across both
        // columns read "(changes by" as the person's and "Hand over command)" as the fallback.
        QCOMPARE(dialog->findChild<QLabel *>(s("person-commander"))->text(), s("Priya Raman"));
        QVERIFY(dialog->findChild<QLabel *>(s("fallback-commander"))
                    ->text()
                    .startsWith(s("none: command changes by Incident \u25B8 Hand over command")));
        auto *commsEdit = dialog->findChild<QLineEdit *>(s("person-comms"));
        commsEdit->selectAll();
        QTest::keyClicks(commsEdit, s("Kai Tanaka"));
        auto *ownerEdit = dialog->findChild<QLineEdit *>(s("person-app-owner"));
        ownerEdit->selectAll();
        QTest::keyClicks(ownerEdit, s("Ravi Shah"));
        {
            // Another screen of the room, on the same file.
            TimelineStore other;
            QString error;
            QVERIFY2(other.open(m_store->path(), &error), qPrintable(error));
            auto scribe = IncidentSession::open(
                other, id, [this] { return m_now; }, &error);
            QVERIFY2(scribe, qPrintable(error));
            scribe->setActor(s("Mia Park"));
            QVERIFY(scribe->assignRole(s("database"), s("Dana Wu"), s("Lena Vogt")).ok());
            QVERIFY(scribe->assignRole(s("comms"), s("Jo Rivers")).ok());
            // Only the fallback, of a role whose person is being typed here.
            QVERIFY(scribe->assignRole(s("app-owner"), s("Ada Mensah"), s("Lee Park")).ok());
        }
        auto *databaseEdit = dialog->findChild<QLineEdit *>(s("person-database"));
        QTRY_COMPARE_WITH_TIMEOUT(databaseEdit->text(), s("Dana Wu"), 5000);
        database = databaseEdit->text();
        QCOMPARE(dialog->findChild<QLineEdit *>(s("fallback-database"))->text(), s("Lena Vogt"));
        comms = commsEdit->text();
        QTRY_COMPARE(dialog->findChild<QLineEdit *>(s("fallback-app-owner"))->text(),
                     s("Lee Park"));
        auto *elsewhere = dialog->findChild<QLabel *>(s("elsewhere-comms"));
        note = elsewhere->isVisibleTo(dialog) ? elsewhere->text() : QString();
        // Its every line shown: the dialog grows to it (cut after "while you typed; OK").
        QTRY_VERIFY2(elsewhere->height() >= elsewhere->heightForWidth(elsewhere->width())
                         && dialog->height() >= dialog->heightForWidth(dialog->width()),
                     qPrintable(s("%1 of %2, dialog %3 of %4")
                                    .arg(elsewhere->height())
                                    .arg(elsewhere->heightForWidth(elsewhere->width()))
                                    .arg(dialog->height())
                                    .arg(dialog->heightForWidth(dialog->width()))));
        auto *untouched = dialog->findChild<QLabel *>(s("elsewhere-database"));
        untouchedNote = untouched->isVisibleTo(dialog) ? untouched->text() : QString();
        dialog->accept();
    });
    QTest::keyClick(w.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(seen);
    QCOMPARE(database, s("Dana Wu"));
    QCOMPARE(comms, s("Kai Tanaka"));
    QCOMPARE(note, s("Another screen set this role to Jo Rivers (fallback nobody) while you typed; "
                     "OK records what is in the fields."));
    QCOMPARE(untouchedNote, QString());
    // OK recorded the comms lead typed here, and did not set the database engineer back.
    const auto holders = session.engine().crew().holders();
    QCOMPARE(holders.value(s("comms")).person, s("Kai Tanaka"));
    QCOMPARE(holders.value(s("database")).person, s("Dana Wu"));
    QCOMPARE(holders.value(s("database")).fallback, s("Lena Vogt"));
    // The person typed here, and the fallback the other screen set (whole rows set it back).
    QCOMPARE(holders.value(s("app-owner")).person, s("Ravi Shah"));
    QCOMPARE(holders.value(s("app-owner")).fallback, s("Lee Park"));
    int assigned = 0;
    for (const TimelineEvent &e : session.events())
        assigned += e.kind == s("role.assigned") && e.actor == session.actor();
    QCOMPARE(assigned, 3 + 2); // openAtStep4's three, then the two roles typed here
}

// Sam (comms) opens the poll before it is his turn; the database engineer and the application
// owner answer GO on their own screens. The open dialog said "waiting" with GO greyed out ("The
// poll goes in order: Database engineer answers first.") until it was closed and reopened.
void TestRoom::pollDialogFollowsOtherScreens()
{
    std::unique_ptr<MainWindow> w = openAtStep4(s("poll-follow.sqlite"));
    QVERIFY(w);
    IncidentSession &session = *w->session();
    QTRY_COMPARE(w->focusedStep(), 3);
    QVERIFY(session.setActor(s("Sam Okafor")));
    const qint64 id = session.incident().id;
    QString before, after, why, afterWhy;
    bool goBefore = true, goAfter = false;
    whenDialogShows<PollDialog>([&](PollDialog *dialog) {
        // A failed check returns early: the dialog goes with it, unanswered, not left open.
        const auto closed = qScopeGuard([dialog] {
            if (dialog->isVisible())
                dialog->reject();
        });
        before = dialog->pollText();
        goBefore = dialog->findChild<QPushButton *>(s("goButton"))->isEnabled();
        why = dialog->findChild<QLabel *>(s("whyNot"))->text();
        {
            TimelineStore other;
            QString error;
            QVERIFY2(other.open(m_store->path(), &error), qPrintable(error));
            auto room = IncidentSession::open(
                other, id, [this] { return m_now; }, &error);
            QVERIFY2(room, qPrintable(error));
            for (const auto &[role, person] :
                 {std::pair{"database", "Lena Vogt"}, std::pair{"app-owner", "Ada Mensah"}}) {
                QVERIFY(room->setActor(s(person)));
                QVERIFY(room->answerPoll(s("execute"), s("run"), s(role), true).ok());
            }
        }
        auto *go = dialog->findChild<QPushButton *>(s("goButton"));
        QTRY_VERIFY_WITH_TIMEOUT(go->isEnabled(), 5000);
        goAfter = go->isEnabled();
        after = dialog->pollText();
        auto *whyLabel = dialog->findChild<QLabel *>(s("whyNot"));
        afterWhy = whyLabel->isVisibleTo(dialog) ? whyLabel->text() : QString();
        QTest::keyClick(dialog, Qt::Key_Return); // GO, as the comms lead
    });
    QTest::keyClick(w.get(), Qt::Key_G, Qt::ControlModifier);
    QTRY_VERIFY(!after.isEmpty());
    QVERIFY(!goBefore);
    QCOMPARE(why, s("The poll goes in order: Database engineer answers first."));
    QVERIFY2(before.contains(s("Database engineer \u2014 waiting")), qPrintable(before));
    QVERIFY(goAfter);
    QVERIFY2(after.contains(s("Database engineer \u2014 GO (Lena Vogt)"))
                 && after.contains(s("Application owner \u2014 GO (Ada Mensah)")),
             qPrintable(after));
    QCOMPARE(afterWhy, QString());
    QTRY_COMPARE(session.engine().itemStatus(s("execute"), s("run"))->poll.votes.size(), 3);
    const PollVote vote = session.engine().itemStatus(s("execute"), s("run"))->poll.votes.at(2);
    QCOMPARE(vote.role, s("comms"));
    QCOMPARE(vote.person, s("Sam Okafor"));
}

QTEST_MAIN(TestRoom)
#include "tst_room.moc"
