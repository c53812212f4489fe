// Another screen of the room finishes the item in view, or the rest of the step, just as this
// screen's person presses Ctrl+Return: the panel had moved on by itself, and the key confirmed the
// next item (another role's, in the next step) as theirs, with nothing said (the room walk). The
// first command on an item another screen just brought up is refused once, in words; the person's
// own confirmations in a row never are, nor one made once the move is a few seconds old.
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/OwnSettings.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"
#include "ui/actions/ItemInView.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"

#include <QApplication>
#include <QJsonObject>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestItemMoved : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void commandAfterAnotherScreensMove_data();
    void commandAfterAnotherScreensMove();
    void commandAfterOwnRunsMove_data();
    void commandAfterOwnRunsMove();

private:
    QTemporaryDir m_dir;
    int m_db = 0;
};

void TestItemMoved::initTestCase()
{
    initResources();
    test::useOwnSettings(m_dir.filePath(s("settings")));
}

void TestItemMoved::commandAfterAnotherScreensMove_data()
{
    QTest::addColumn<QStringList>("others"); // items the other screen confirms first
    QTest::addColumn<bool>("looked");        // this screen read them before the key
    QTest::addColumn<bool>("ownFirst");      // this screen confirms the first item itself
    QTest::addColumn<int>("waitMs");         // between the move and the key
    QTest::addColumn<QString>("refused");    // the words of the refusal; empty: none
    // The item the key confirms, at once or the second time; "commit/go" waits for its go/no-go
    // poll: the second press is not held again, and is refused for the poll.
    QTest::addColumn<QString>("confirmed");
    const QString moved = s("Not done: Dave Kim's screen just moved this panel on to ");
    QTest::newRow("another screen confirms the item in view")
        << QStringList{s("prepare/snapshot")} << true << false << 0
        << moved
               + s("\u201cNotes written\u201d (step 1). Check it is the item you mean, then "
                   "give the command again.")
        << s("prepare/notes");
    // The key's own write takes the other screen's entry in (refused: already confirmed), before
    // this screen's next look at the file: the next press is held all the same.
    QTest::newRow("pressed before this screen looked")
        << QStringList{s("prepare/snapshot")} << false << false << 0
        << moved + s("\u201cNotes written\u201d (step 1)") << s("prepare/notes");
    QTest::newRow("another screen finishes the step")
        << QStringList{s("prepare/snapshot"), s("prepare/notes")} << true << false << 0
        << moved + s("\u201cSwitch over\u201d (step 2)") << s("commit/go");
    // This screen's own confirmation takes in another screen's entry on another step (its
    // write reads the newer entries first): the panel moved on by this person's key, and their
    // next confirmation is not held (it was, "Chen Wei's screen just moved this panel …").
    QTest::newRow("own confirmation, another step's entry taken in")
        << QStringList{s("start:finish")} << false << false << 0 << QString() << s("prepare/notes");
    QTest::newRow("own confirmations in a row")
        << QStringList{} << true << true << 0 << QString() << s("prepare/notes");
    QTest::newRow("the move seen for a few seconds")
        << QStringList{s("prepare/snapshot")} << true << false << int(ItemInView::graceMs + 300)
        << QString() << s("prepare/notes");
}

void TestItemMoved::commandAfterAnotherScreensMove()
{
    QFETCH(QStringList, others);
    QFETCH(bool, looked);
    QFETCH(bool, ownFirst);
    QFETCH(int, waitMs);
    QFETCH(QString, refused);
    QFETCH(QString, confirmed);
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("room%1.sqlite").arg(++m_db)), &error), qPrintable(error));
    MainWindow w(store, QStringList{});
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const Checklist checklist
        = test::loadChecklist(s(WARROOM_TEST_DATA "/checklists/good/room.json"));
    QVERIFY(w.declareIncident(checklist,
                              test::declarationWithDefaults(checklist, s("Payments 5xx"),
                                                            s("Chen Wei"), IncidentMode::Live)));
    IncidentSession &mine = *w.session();
    auto *view = w.findChild<QWidget *>(s("checklistView"));
    QVERIFY(view);
    view->setFocus();
    const auto ctrlReturn = [&] {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
    };
    const auto shown = [&w] {
        QStringList texts;
        for (const QLabel *label : w.findChildren<QLabel *>())
            if (label->isVisible() && label->text().startsWith(s("Not done: ")))
                texts << label->text();
        return texts.join(u'\n');
    };
    const auto state = [&](const QString &target) {
        return mine.engine().itemStatus(target.section(u'/', 0, 0), target.section(u'/', 1))->state;
    };
    if (ownFirst) {
        ctrlReturn();
        QCOMPARE(state(s("prepare/snapshot")), ItemState::Confirmed);
    }
    if (!others.isEmpty()) {
        TimelineStore other;
        QVERIFY2(other.open(store.path(), &error), qPrintable(error));
        auto dave = IncidentSession::open(other, mine.incident().id, systemClock(), &error);
        QVERIFY2(dave, qPrintable(error));
        QVERIFY(dave->setActor(s("Dave Kim")));
        for (const QString &target : others) {
            if (target.startsWith(s("start:"))) { // a step started out of order
                QVERIFY(dave->startStep(target.mid(6), s("warming up early")).ok());
                continue;
            }
            QVERIFY(dave->confirmItem(target.section(u'/', 0, 0), target.section(u'/', 1)).ok());
        }
        if (looked)
            mine.refresh(); // as the window's watch does when the file changes
    }
    if (!looked) {
        // The key meant for the snapshot: its write reads Dave's entry first, and is refused.
        ctrlReturn();
        QVERIFY2(shown().isEmpty(), qPrintable(shown()));
    }
    for (const QString &target : others)
        if (!target.startsWith(s("start:")))
            QCOMPARE(state(target), ItemState::Confirmed);
    if (waitMs > 0)
        QTest::qWait(waitMs);
    const qsizetype before = mine.events().size();
    ctrlReturn();
    if (!refused.isEmpty()) {
        QCOMPARE(mine.events().size(), before); // nothing recorded
        QCOMPARE(state(confirmed), ItemState::Open);
        QVERIFY2(shown().contains(refused), qPrintable(shown()));
        ctrlReturn(); // read, and meant
    }
    QVERIFY2(shown().isEmpty(), qPrintable(shown()));
    if (confirmed == s("commit/go")) {
        QCOMPARE(state(confirmed), ItemState::Open);
        return;
    }
    QCOMPARE(state(confirmed), ItemState::Confirmed);
    QCOMPARE(
        mine.engine().itemStatus(confirmed.section(u'/', 0, 0), confirmed.section(u'/', 1))->actor,
        s("Chen Wei"));
}

// This screen's own run confirms the item in view just as its person presses Ctrl+Return to
// confirm it by hand: the key lands on the next item, and is refused once, in words; pressed
// again, it confirms it. It confirmed the next item at once: the run's person started the run,
// but nobody chose the moment it passed.
void TestItemMoved::commandAfterOwnRunsMove_data()
{
    QTest::addColumn<int>("waitMs"); // between the run's end and the key
    QTest::addColumn<bool>("held");
    QTest::newRow("a key on its way as the run ended") << 0 << true;
    // Its person started the run and watches this screen: only a reaction's time is held, not
    // another screen's four seconds after every run that confirms its item.
    QTest::newRow("the run's end seen") << int(ItemInView::ownRunGraceMs + 300) << false;
}

void TestItemMoved::commandAfterOwnRunsMove()
{
    QFETCH(int, waitMs);
    QFETCH(bool, held);
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("run%1.sqlite").arg(++m_db)), &error), qPrintable(error));
    MainWindow w(store, QStringList{});
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const Checklist checklist
        = test::loadChecklist(s(WARROOM_TEST_DATA "/checklists/good/one-action.json"));
    QVERIFY(w.declareIncident(checklist,
                              test::declarationWithDefaults(checklist, s("Payments 5xx"),
                                                            s("Chen Wei"), IncidentMode::Live)));
    IncidentSession &mine = *w.session();
    w.findChild<QWidget *>(s("checklistView"))->setFocus();
    // As the runner records a run that succeeds (its request is not what is on trial here).
    const QJsonObject run{{s("run"), s("run-1")}};
    QVERIFY(mine.startRun(s("send"), s("post"), run, {}).ok());
    QVERIFY(mine.recordRun(EventKind::ActionFinished, s("send"), s("post"),
                           {{s("run"), s("run-1")}, {s("outcome"), s("succeeded")}})
                .ok());
    QCOMPARE(mine.engine().itemStatus(s("send"), s("post"))->state, ItemState::Confirmed);
    if (waitMs > 0)
        QTest::qWait(waitMs);
    const qsizetype before = mine.events().size();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
    if (!held) {
        QCOMPARE(mine.engine().itemStatus(s("send"), s("after"))->state, ItemState::Confirmed);
        return;
    }
    QCOMPARE(mine.events().size(), before);
    QCOMPARE(mine.engine().itemStatus(s("send"), s("after"))->state, ItemState::Open);
    QString said;
    for (const QLabel *label : w.findChildren<QLabel *>())
        if (label->isVisible() && label->text().startsWith(s("Not done: ")))
            said = label->text();
    QVERIFY2(said.startsWith(s("Not done: the run that confirmed \u201cPost to /ok\u201d just "
                               "moved this panel on to \u201cSomething a person confirms\u201d")),
             qPrintable(said));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(mine.engine().itemStatus(s("send"), s("after"))->state, ItemState::Confirmed);
}

QTEST_MAIN(TestItemMoved)
#include "tst_itemmoved.moc"
