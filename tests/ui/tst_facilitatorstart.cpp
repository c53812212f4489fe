// Starting a facilitated drill: a scenario that does not read is refused naming its file; the
// drill is commanded by a person in the room, asked for when it starts. A name the drill cannot
// take is refused in words before anything changes, and in the window asked for again with why,
// the scenario chosen kept (a refused name sent the user back to the file dialog). A scenario that
// names its own commander is told, in the facilitator's log, that the room's commands instead.
#include "support/FacilitatedDrill.h"
#include "support/ModalDialogs.h"
#include "support/TestStrings.h"

#include "ui/actions/FacilitationActions.h"
#include "ui/main/MainWindow.h"

#include "drill/DrillRunner.h"
#include "session/IncidentSession.h"
#include "timeline/DrillDeclaration.h"
#include "timeline/EventVocabulary.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace warroom;
using warroom::test::s;

class TestFacilitatorStart : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void badScenarioIsRefusedInWords();
    void commanderIsAPersonInTheRoom();
    void aRefusedNameIsAskedForAgain_data();
    void aRefusedNameIsAskedForAgain();
    void aBrokenScenarioIsSaidBeforeTheName();
    void theScenarioCommanderIsToldItWasNotUsed_data();
    void theScenarioCommanderIsToldItWasNotUsed();

private:
    std::unique_ptr<test::FacilitatedDrill> m_drill;
    MainWindow *m_console = nullptr;
    FacilitationActions *m_actions = nullptr;
};

void TestFacilitatorStart::init()
{
    m_drill = std::make_unique<test::FacilitatedDrill>();
    QVERIFY2(m_drill->ok(), qPrintable(m_drill->error()));
    m_console = m_drill->console();
    m_actions = m_drill->actions();
}

void TestFacilitatorStart::cleanup()
{
    m_drill.reset();
    m_console = nullptr;
    m_actions = nullptr;
}

void TestFacilitatorStart::badScenarioIsRefusedInWords()
{
    const QString path = m_drill->dir().filePath(s("bad.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"scenario": 1, "id": "bad"})");
    f.close();
    QString error;
    QVERIFY(!m_actions->startDrill(path, s("Mara Quinn"), &error));
    QVERIFY2(error.contains(s("bad.json")), qPrintable(error));
    QVERIFY(!m_actions->session().isActive());
}

// A drill the room plays is commanded by a person in it, never by the scenario's commander, which
// is its players' script's: every facilitated drill's room, postmortem and debrief said "drill
// bot". Without a name nothing is declared; the drill is the people's, not a script's.
void TestFacilitatorStart::commanderIsAPersonInTheRoom()
{
    const QString path = m_drill->dir().filePath(s("facil.json"));
    QString error;
    QVERIFY(m_drill->start()); // as Mara Quinn, from facil.json
    const IncidentSession *session = m_console->session();
    QVERIFY(session);
    QCOMPARE(session->incident().commander, s("Mara Quinn"));
    QCOMPARE(session->actor(), s("Mara Quinn"));
    const TimelineEvent &declared = session->events().constFirst();
    QCOMPARE(declared.kind, EventKind::IncidentDeclared);
    QVERIFY(!declared.payload.contains(DrillDeclaration::playersKey));
    const qint64 id = session->incident().id;
    const DrillRunner *running = m_actions->session().runner();
    // Refused in words before anything changes: the running drill keeps its runner.
    const QList<std::pair<QString, QString>> refused{
        {QString(), s("A drill played in the room needs its commander's name.")},
        {s("   "), s("A drill played in the room needs its commander's name.")},
        {s("Mara\u202eQuinn"), s("The commander's name has an invisible or control character "
                                 "(U+202E) at character 5: type it plainly.")},
        {QString(201, u'm'), s("The commander's name is 201 characters long, more than the 200 a "
                               "name may have: type it plainly.")}};
    for (const auto &[name, why] : refused) {
        error.clear();
        QVERIFY(!m_actions->startDrill(path, name, &error));
        QCOMPARE(error, why);
        // Compared as addresses: a refusal that ended the drill left `running` dangling.
        QVERIFY(m_actions->session().runner() == running);
        QVERIFY(m_actions->session().isActive());
        QVERIFY(m_console->session());
        QCOMPARE(m_console->session()->incident().id, id); // nothing else declared
    }
}

void TestFacilitatorStart::aRefusedNameIsAskedForAgain_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("why");
    const QString blank = s("A drill played in the room needs its commander's name.");
    QTest::newRow("nothing") << QString() << blank;
    QTest::newRow("zero-width spaces") << s("\u200b\u200b") << blank;
    QTest::newRow("bidi control") << s("Mara\u202eQuinn")
                                  << s("The commander's name has an invisible or control "
                                       "character (U+202E) at character 5: type it plainly.");
    QTest::newRow("201 characters")
        << QString(201, u'm')
        << s("The commander's name is 201 characters long, more than the 200 a name may have: "
             "type it plainly.");
}

// Incident ▸ Start drill from scenario…, a file, a name refused: the name is asked for again with
// why above the question and what was typed in the field, and the next name starts the drill from
// the file chosen. Before, the refusal was a message box, and the user began again at the files.
void TestFacilitatorStart::aRefusedNameIsAskedForAgain()
{
    QFETCH(QString, typed);
    QFETCH(QString, why);
    const QString path = m_drill->writeScenario();
    QVERIFY(!path.isEmpty());
    // Offered a name of its own, so that a field reset to it is told from what was typed.
    m_actions->setOfferedCommander(s("Offered Name"));
    QString firstLabel, firstText, secondLabel, secondText;
    bool asked = false;
    test::whenDialogShows<QFileDialog>([&](QFileDialog *files) {
        test::whenDialogShows<QInputDialog>([&](QInputDialog *first) {
            firstLabel = first->labelText();
            firstText = first->textValue();
            test::whenDialogShows<QInputDialog>([&](QInputDialog *second) {
                asked = true;
                secondLabel = second->labelText();
                secondText = second->textValue();
                second->setTextValue(s("Mara Quinn"));
                second->accept();
            });
            first->setTextValue(typed);
            first->accept();
        });
        test::chooseFile(files, path);
    });
    // A refusal in a message box (as before) is closed, so the test fails on `asked` rather than
    // waiting on the box; a timer of this scope, stopped with it.
    QString boxText;
    QTimer boxGuard;
    boxGuard.setInterval(20);
    connect(&boxGuard, &QTimer::timeout, &boxGuard, [&boxText] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            boxText = box->text();
            box->reject();
        }
    });
    boxGuard.start();
    auto *start = m_console->findChild<QAction *>(s("startDrillAction"));
    QVERIFY(start);
    start->trigger();
    boxGuard.stop();
    QVERIFY2(asked, qPrintable(boxText));
    const QString question = s("Commander of this drill (a person in the room):");
    QCOMPARE(firstLabel, question);
    QCOMPARE(firstText, s("Offered Name"));
    QCOMPARE(secondLabel, why + u'\n' + question);
    QCOMPARE(secondText, typed);
    QVERIFY(boxText.isEmpty());
    QVERIFY(m_actions->session().isActive());
    QVERIFY(m_console->session());
    QCOMPARE(m_console->session()->incident().commander, s("Mara Quinn"));
}

// A scenario file that does not read is said as soon as it is chosen, naming the file, before
// anyone types a name (it was found after the name, and both were lost).
void TestFacilitatorStart::aBrokenScenarioIsSaidBeforeTheName()
{
    const QString path = m_drill->dir().filePath(s("broken.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"scenario": 1, "id": "broken")"); // cut short
    f.close();
    bool askedName = false;
    test::whenDialogShows<QFileDialog>([&](QFileDialog *files) { test::chooseFile(files, path); });
    QString boxText;
    QTimer boxGuard;
    boxGuard.setInterval(20);
    connect(&boxGuard, &QTimer::timeout, &boxGuard, [&boxText, &askedName] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            boxText = box->text();
            box->accept();
        } else if (auto *name = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
            askedName = true; // one timer of this scope: a handler left waiting would leak
            name->reject();
        }
    });
    boxGuard.start();
    m_console->findChild<QAction *>(s("startDrillAction"))->trigger();
    boxGuard.stop();
    QVERIFY2(boxText.startsWith(s("The drill could not start:\n")), qPrintable(boxText));
    QVERIFY2(boxText.contains(s("broken.json")), qPrintable(boxText));
    QVERIFY(!askedName);
    QVERIFY(!m_actions->session().isActive());
}

void TestFacilitatorStart::theScenarioCommanderIsToldItWasNotUsed_data()
{
    QTest::addColumn<QByteArray>("named");
    QTest::addColumn<bool>("told");
    QTest::newRow("a person of its own") << QByteArray("Ops Lead") << true;
    QTest::newRow("none: the script's") << QByteArray() << false;
    QTest::newRow("the script's, written") << QByteArray("Drill Bot") << false;
    QTest::newRow("the one starting it") << QByteArray("mara  quinn") << false;
}

// The scenario's `commander` is its players' script's; a facilitated drill is commanded by the
// name given when it starts. A scenario whose author named a person of their own is told in the
// facilitator's log that the room's name was used instead (it was overridden without a word).
void TestFacilitatorStart::theScenarioCommanderIsToldItWasNotUsed()
{
    QFETCH(QByteArray, named);
    QFETCH(bool, told);
    const QString path = m_drill->writeScenario("T+6:00:00", named);
    QVERIFY(!path.isEmpty());
    QString error;
    QVERIFY2(m_actions->startDrill(path, s("Mara Quinn"), &error), qPrintable(error));
    QCOMPARE(m_console->session()->incident().commander, s("Mara Quinn"));
    const QString line = s("The scenario names Ops Lead as its commander, for warroom drill's "
                           "players' script; Mara Quinn commands this drill, as named when it "
                           "started.");
    const QStringList lines = m_actions->session().lines();
    QCOMPARE(lines.contains(line), told);
    const bool anyTold = std::any_of(lines.begin(), lines.end(), [](const QString &l) {
        return l.startsWith(s("The scenario names"));
    });
    QCOMPARE(anyTold, told);
}

QTEST_MAIN(TestFacilitatorStart)
#include "tst_facilitatorstart.moc"
