// "Acting as", the name every event of this screen is signed with: a name that is not plain is
// refused and the field shows again the name events are signed with; Ctrl+J, a name and Return
// give the keys back to where they were.
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/OwnSettings.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/ScreenClock.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestActingAs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void actingAsRefusesANameNotPlain();
    void actingAsGivesTheKeysBack();
    void theRunnerIsNobodyToActAs();
    void startSaysWhoSigns_data();
    void startSaysWhoSigns();

private:
    std::unique_ptr<MainWindow> openWindow(const Checklist &checklist);

    QTemporaryDir m_dir;
    TimelineStore m_store;
    qint64 m_now = 1'767'225'600'000;
};

void TestActingAs::initTestCase()
{
    initResources();
    test::useOwnSettings(m_dir.filePath(s("settings")));
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(s("acting.sqlite")), &error), qPrintable(error));
}

std::unique_ptr<MainWindow> TestActingAs::openWindow(const Checklist &checklist)
{
    auto w = std::make_unique<MainWindow>(m_store, QStringList{}, [this] { return m_now; });
    IncidentDeclaration d = test::declarationWithDefaults(
        checklist, s("Payments API 5xx after v1.3.0"), s("Alice Chen"), IncidentMode::Drill);
    w->show();
    if (!w->declareIncident(checklist, d))
        return nullptr;
    return w;
}

// "Acting as" signs every event: a name typed there with an override is refused with the
// reason on the step panel, and the field shows again the name events are still signed with (it
// is an edit field, so it would show the name reordered). A plain name is taken.
void TestActingAs::actingAsRefusesANameNotPlain()
{
    auto w = openWindow(test::shippedChecklist());
    QVERIFY(w);
    auto *field = w->findChild<QLineEdit *>(s("actorEdit"));
    QVERIFY(field);
    const auto type = [field](const QString &name) {
        field->setFocus();
        field->selectAll();
        for (const QChar c : name)
            QTest::sendKeyEvent(QTest::Click, field, Qt::Key_unknown, QString(c), Qt::NoModifier);
        QTest::keyClick(field, Qt::Key_Return);
    };
    type(s("Sam \u202eOkafor"));
    QCOMPARE(w->session()->actor(), s("Alice Chen"));
    QCOMPARE(field->text(), s("Alice Chen"));
    const auto shownMessage = [&w] {
        for (const QLabel *label : w->findChildren<QLabel *>()) {
            if (label->isVisible() && label->text().contains(s("Your name")))
                return label->text();
        }
        return QString();
    };
    QVERIFY2(shownMessage().contains(s("(U+202E) at character 5: type it plainly")),
             qPrintable(shownMessage()));
    type(s("Alice Chen")); // unchanged: the refusal, which named Alice, still holds
    QVERIFY(!shownMessage().isEmpty());
    type(s("Sam Okafor"));
    QCOMPARE(w->session()->actor(), s("Sam Okafor"));
    QCOMPARE(field->text(), s("Sam Okafor"));
    // The refusal no longer holds once a name is taken: it said events were Alice's.
    QVERIFY2(shownMessage().isEmpty(), qPrintable(shownMessage()));
}

// Ctrl+J, a name, Return: the keys go back where they were. The field kept them and took the
// next Ctrl+Z as its own text undo, so a confirmation was not undone, and nothing said so (found
// walking a drill by keyboard).
void TestActingAs::actingAsGivesTheKeysBack()
{
    auto w = openWindow(test::shippedChecklist());
    QVERIFY(w);
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    auto *field = w->findChild<QLineEdit *>(s("actorEdit"));
    auto *checklist = w->findChild<QWidget *>(s("checklistView"));
    QVERIFY(field && checklist);
    checklist->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), checklist);
    QTest::keyClick(checklist, Qt::Key_J, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), field);
    QTest::keyClicks(field, s("Sam Okafor"));
    QTest::keyClick(field, Qt::Key_Return);
    QTRY_COMPARE(QApplication::focusWidget(), checklist);
    QCOMPARE(w->session()->actor(), s("Sam Okafor"));
    QVERIFY(w->session()->confirmItem(s("scope"), s("impact")).ok());
    QCOMPARE(w->session()->engine().step(0).items.at(0).state, ItemState::Confirmed);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(w->session()->engine().step(0).items.at(0).state, ItemState::Open);
}

// A drill's runner signs its own facts "drill facilitator": it is on the incident's crew, but not
// among the names a person is offered to sign as (Ctrl+J, Down, Return landed on it for a new
// user), nor for a role or the next command (one list for the three).
void TestActingAs::theRunnerIsNobodyToActAs()
{
    auto w = openWindow(test::shippedChecklist());
    QVERIFY(w);
    IncidentSession &session = *w->session();
    QVERIFY(session.setActor(QString(ScreenClock::facilitator)));
    QVERIFY(session.addNote(s("Drill inject: the CFO is on the bridge.")).ok());
    QVERIFY(session.setActor(s("Sam Okafor")));
    QVERIFY(session.addNote(s("on the bridge too")).ok());
    QVERIFY(session.engine().crew().people().contains(ScreenClock::facilitator));
    auto *field = w->findChild<QLineEdit *>(s("actorEdit"));
    QVERIFY(field && field->completer());
    QTRY_COMPARE(field->completer()->model()->rowCount(), 2);
    QStringList offered;
    for (int r = 0; r < field->completer()->model()->rowCount(); ++r)
        offered << field->completer()->model()->index(r, 0).data().toString();
    QCOMPARE(offered, (QStringList{s("Alice Chen"), s("Sam Okafor")}));
}

// A second screen of the room, or one reopened after a crash, opens the incident signing as the
// commander in command: every note and confirmation was the commander's until someone thought of
// Ctrl+J. `--actor` names who signs at this screen; the status bar says who does, and follows.
void TestActingAs::startSaysWhoSigns_data()
{
    QTest::addColumn<QString>("actor"); // --actor, empty: not given
    QTest::addColumn<bool>("closed");
    QTest::addColumn<QString>("signs");
    QTest::addColumn<QString>("said"); // the status bar's standing line after the start
    const QString commander = s("This screen signs as Alice Chen, the commander in command: if "
                                "you are someone else, press Ctrl+J and type your name.");
    QTest::newRow("no --actor") << QString() << false << s("Alice Chen") << commander;
    QTest::newRow("--actor") << s("Sam Okafor") << false << s("Sam Okafor")
                             << s("This screen signs as Sam Okafor.");
    // The command line refuses it before any window; a session given it keeps the commander.
    QTest::newRow("--actor not plain")
        << s("Sam\u200bOkafor") << false << s("Alice Chen") << commander;
    // Nothing more is signed at a closed incident: nothing to say.
    QTest::newRow("closed") << s("Sam Okafor") << true << s("Sam Okafor") << QString();
}

void TestActingAs::startSaysWhoSigns()
{
    QFETCH(QString, actor);
    QFETCH(bool, closed);
    QFETCH(QString, signs);
    QFETCH(QString, said);
    qint64 id = 0;
    {
        auto declaring = openWindow(test::shippedChecklist());
        QVERIFY(declaring);
        id = declaring->session()->incident().id;
        if (closed)
            QVERIFY(declaring->session()->close(s("done")).ok());
    }
    MainWindow w(m_store, QStringList{}, [this] { return m_now; });
    w.show();
    w.start(id, actor);
    QVERIFY(w.session());
    QCOMPARE(w.session()->actor(), signs);
    auto *line = w.statusBar()->findChild<QLabel *>(s("screenStatus"));
    QVERIFY(line);
    QCOMPARE(line->text(), said);
    if (closed)
        return;
    // A passing message (a refusal, "Live") hides the line for its time; it comes back. As a
    // message of the bar itself it was gone for good after the first one.
    w.statusBar()->showMessage(s("Live"), 50);
    QVERIFY(!line->isVisible());
    QTRY_VERIFY(line->isVisible());
    QCOMPARE(line->text(), said);
    // Ctrl+J's change is followed: the line said the commander signed after Sam took the screen.
    QVERIFY(w.session()->setActor(s("Bo Lee")));
    QCOMPARE(line->text(), s("This screen signs as Bo Lee."));
    // So is the next incident this window opens, by its dialog too: --actor signs there as well.
    QVERIFY(w.openIncident(id));
    QCOMPARE(w.session()->actor(), signs);
    QCOMPARE(line->text(), said);
    // Closed (here or on another screen), nothing more is signed: the line goes.
    QVERIFY(w.session()->close(s("done")).ok());
    QCOMPARE(line->text(), QString());
}

QTEST_MAIN(TestActingAs)
#include "tst_actingas.moc"
