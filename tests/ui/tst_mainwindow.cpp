#include "automation/AutomationRunner.h"
#include "engine/AutomationStatus.h"
#include "itemmodels/ChecklistModel.h"
#include "itemmodels/TimelineModel.h"
#include "session/IncidentSession.h"
#include "sim/DrillBackend.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/ModalDialogs.h"
#include "support/OwnSettings.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/actions/FacilitationActions.h"
#include "ui/actions/IncidentActions.h"
#include "ui/dialogs/DeclareIncidentDialog.h"
#include "ui/dialogs/ExportDialog.h"
#include "ui/dialogs/ReasonDialog.h"
#include "ui/dialogs/RunConfirmDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <functional>

using namespace warroom;
using warroom::test::s;
using warroom::test::whenDialogShows;

namespace {

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void declareAndConfirmStepOneByKeyboard();
    void reopensWhereItStopped();
    void everyKeyDoesOneThing();
    void lostStorageShowsABannerAndStopsCommands();
    void badChecklistShowsDiagnostics();
    void exportDialogPreviewsAndSaves();
    void runsActionsAndChecksFromTheStepPanel();

private:
    QTemporaryDir m_dir;
    qint64 m_now = 1'767'225'600'000;
    Clock clock()
    {
        return [this] {
            return m_now;
        };
    }
};

void TestMainWindow::initTestCase()
{
    initResources();
    // The window remembers its zoom and placement: in this test's own settings.
    test::useOwnSettings(m_dir.filePath(s("settings")));
}

void TestMainWindow::declareAndConfirmStepOneByKeyboard()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("gui.sqlite")), &error));
    MainWindow w(store, {}, clock());
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.start(std::nullopt);
    QVERIFY(!w.session());

    bool declared = false;
    whenDialogShows<DeclareIncidentDialog>([&](DeclareIncidentDialog *d) {
        auto *declare = d->findChild<QPushButton *>(s("declareButton"));
        QVERIFY(!declare->isEnabled());
        QTest::keyClicks(d->findChild<QLineEdit *>(s("titleEdit")),
                         s("Payments API 5xx after v1.3.0"));
        QTest::keyClicks(d->findChild<QLineEdit *>(s("commanderEdit")), s("Alice Chen"));
        QTest::mouseClick(d->findChild<QRadioButton *>(s("drillRadio")), Qt::LeftButton);
        QVERIFY(declare->isEnabled());
        QTest::mouseClick(declare, Qt::LeftButton);
        declared = true;
    });
    QTest::keyClick(&w, Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(declared);
    QVERIFY(w.session());
    // A window manager gives focus back to the main window when the dialog closes; offscreen,
    // the test does it.
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    IncidentSession *session = w.session();
    QCOMPARE(session->incident().title, s("Payments API 5xx after v1.3.0"));
    QCOMPARE(session->incident().mode, IncidentMode::Drill);
    QCOMPARE(session->incident().variables.value(s("service")), s("payments-api"));
    QCOMPARE(w.focusedStep(), 0);

    auto *view = w.findChild<QTreeView *>(s("checklistView"));
    QVERIFY(view);
    // Items 1-3 of step 1 by keyboard, the choice by clicking its button, item 5 by keyboard.
    for (int i = 0; i < 3; ++i) {
        m_now += 20'000;
        QTest::keyClick(view, Qt::Key_Return, Qt::ControlModifier);
    }
    QCOMPARE(session->engine().currentItem(0), 3);
    auto *deploy = w.findChild<QPushButton *>(s("choice_deploy"));
    QVERIFY(deploy);
    QTest::mouseClick(deploy, Qt::LeftButton);
    QCOMPARE(session->engine().step(0).items.at(3).value, s("deploy"));
    m_now += 20'000;
    QTest::keyClick(view, Qt::Key_Return, Qt::ControlModifier);

    QCOMPARE(session->engine().stepState(0), StepState::Done);
    QCOMPARE(session->engine().step(0).endedElapsedMs, 80'000);
    // The screen moves on to the next step by itself, as an electronic checklist does.
    QCOMPARE(w.focusedStep(), 1);
    QCOMPARE(w.checklistModel()->stepIndex(0).data(ChecklistModel::StateRole).toString(),
             s("done"));
    // declared + started + 5 confirmations + completed, all on disk and all on screen.
    const qint64 id = session->incident().id;
    QCOMPARE(store.events(id).value().size(), 8);
    QCOMPARE(w.timelineModel()->rowCount(), 8);

    // A note from the keyboard.
    QTest::keyClick(&w, Qt::Key_M, Qt::ControlModifier);
    auto *note = w.findChild<QLineEdit *>(s("noteEdit"));
    QTRY_VERIFY(note->hasFocus());
    QTest::keyClicks(note, s("Scope: EU card payments only"));
    QTest::keyClick(note, Qt::Key_Return);
    QCOMPARE(note->text(), QString());
    QCOMPARE(w.timelineModel()->index(8, TimelineModel::EventColumn).data().toString(),
             s("Note: Scope: EU card payments only"));
    // Ctrl+Return (and keypad Enter) in the note adds it too, as chat tools send: it confirmed
    // the current item ("Rollback announced") instead, and left the note unsent.
    for (const Qt::Key key : {Qt::Key_Return, Qt::Key_Enter}) {
        QTest::keyClicks(note, s("checking grafana now"));
        QTest::keyClick(note, key, Qt::ControlModifier);
        QCOMPARE(note->text(), QString());
        QCOMPARE(w.timelineModel()
                     ->index(w.timelineModel()->rowCount() - 1, TimelineModel::EventColumn)
                     .data()
                     .toString(),
                 s("Note: checking grafana now"));
    }
    QCOMPARE(w.timelineModel()->rowCount(), 11);
    QVERIFY(session->engine().step(1).items.at(0).isPending());
    // Only Ctrl+Return with a note typed is the field's: Ctrl+Shift+Return (start the step) and
    // Ctrl+Return in an empty field stay the window's (a shortcut fires unless the focused
    // widget accepts its ShortcutOverride).
    const auto fieldTakes = [note](Qt::KeyboardModifiers modifiers) {
        QKeyEvent e(QEvent::ShortcutOverride, Qt::Key_Return, modifiers);
        e.ignore();
        QCoreApplication::sendEvent(note, &e);
        return e.isAccepted();
    };
    QVERIFY(!fieldTakes(Qt::ControlModifier));
    note->setText(s("typed"));
    QVERIFY(fieldTakes(Qt::ControlModifier));
    QVERIFY(!fieldTakes(Qt::ControlModifier | Qt::ShiftModifier));
    note->clear();

    // Going ahead of the checklist asks for a reason, and records it.
    QTest::keyClick(view, Qt::Key_Down, Qt::ControlModifier); // step 3 (freeze)
    QTest::keyClick(view, Qt::Key_Down, Qt::ControlModifier); // step 4 (execute), waiting for 3
    QCOMPARE(w.focusedStep(), 3);
    QCOMPARE(session->engine().stepState(3), StepState::Pending);
    whenDialogShows<ReasonDialog>([](ReasonDialog *d) {
        auto *edit = d->findChild<QLineEdit *>(s("reasonEdit"));
        QTest::keyClicks(edit, s("rollback job already running"));
        QTest::keyClick(edit, Qt::Key_Return);
    });
    QTest::keyClick(view, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(session->engine().stepState(3), StepState::Active);
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(session->engine().step(3).startOverridden);
    QCOMPARE(session->engine().step(3).overrideReason, s("rollback job already running"));
    QVERIFY(w.checklistModel()->stepIndex(3).data(ChecklistModel::IsOverrideRole).toBool());

    // Undo is a new event: the confirmation is reverted, the row count only grows.
    const int rows = w.timelineModel()->rowCount();
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(session->engine().step(3).items.at(0).state, ItemState::Open);
    QCOMPARE(w.timelineModel()->rowCount(), rows + 1);
}

void TestMainWindow::reopensWhereItStopped()
{
    // Same database as the previous test: the app comes back to the incident it had open.
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("gui.sqlite")), &error));
    QVERIFY(store.currentIncident());
    MainWindow w(store, {}, clock());
    w.show();
    w.start(std::nullopt);
    QVERIFY(w.session());
    QCOMPARE(w.session()->engine().stepState(0), StepState::Done);
    QCOMPARE(w.session()->engine().stepState(3), StepState::Active);
    QCOMPARE(w.focusedStep(), w.session()->engine().currentStep());
    // Looking at it records nothing; the window's first command records the resumption first.
    const auto lastRow = [&w](int back) {
        return w.timelineModel()
            ->index(w.timelineModel()->rowCount() - 1 - back, TimelineModel::EventColumn)
            .data()
            .toString();
    };
    QVERIFY(lastRow(0) != s("warroom opened again after a stop (the incident stayed open)"));
    QVERIFY(w.session()->isResumePending());
    QVERIFY(w.session()->addNote(s("back at the desk")).ok());
    QCOMPARE(lastRow(1), s("warroom opened again after a stop (the incident stayed open)"));
    QVERIFY(lastRow(0).contains(s("back at the desk")));
}

// A key given to two of the window's commands does neither: Qt reports the shortcut as
// ambiguous and fires nothing (Ctrl+Shift+D was Defer and Start drill from scenario, and a
// user pressing it on a failed item saw nothing happen).
void TestMainWindow::everyKeyDoesOneThing()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("keys.sqlite")), &error));
    MainWindow w(store, {}, clock());
    new FacilitationActions(w, {}); // as the app installs them: the window owns them
    w.show();
    w.start(std::nullopt);
    // The commands are in the menus and on the window, owned by the action classes (not the
    // window's children): gathered from where the window shows them.
    QList<QAction *> actions
        = w.QWidget::actions() + w.findChildren<QAction *>() + w.menuBar()->actions();
    for (qsizetype i = 0; i < actions.size(); ++i) {
        if (QMenu *menu = actions.at(i)->menu())
            actions += menu->actions();
    }
    QMap<QString, QStringList> commandsOfKey;
    for (const QAction *action : QSet<QAction *>(actions.cbegin(), actions.cend())) {
        if (action->shortcutContext() != Qt::WindowShortcut
            && action->shortcutContext() != Qt::ApplicationShortcut)
            continue;
        for (const QKeySequence &key : action->shortcuts())
            commandsOfKey[key.toString()] << action->text();
    }
    QVERIFY(commandsOfKey.size() > 30); // the menus' commands were found
    for (auto it = commandsOfKey.cbegin(); it != commandsOfKey.cend(); ++it)
        QVERIFY2(it.value().size() == 1,
                 qPrintable(s("%1 is the key of %2").arg(it.key(), it.value().join(s(", ")))));
}

void TestMainWindow::lostStorageShowsABannerAndStopsCommands()
{
    // A copy of the previous test's database, deleted while the window has it open.
    const QString path = m_dir.filePath(s("lost.sqlite"));
    QVERIFY(QFile::copy(m_dir.filePath(s("gui.sqlite")), path));
    TimelineStore store;
    QString error;
    QVERIFY(store.open(path, &error));
    MainWindow w(store, {}, clock());
    w.show();
    w.start(std::nullopt);
    QVERIFY(w.session());
    auto *banner = w.findChild<QLabel *>(s("storageBanner"));
    QVERIFY(banner && !banner->isVisible());
    auto *confirm = w.findChild<QPushButton *>(s("confirmButton"));
    QVERIFY(confirm && confirm->isEnabled());
    const int rows = w.timelineModel()->rowCount();

    QVERIFY(QFile::remove(path));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 2000); // the session's half-second poll
    QVERIFY2(banner->text().contains(path), qPrintable(banner->text()));
    QVERIFY(!confirm->isEnabled());
    QVERIFY(!w.findChild<QLineEdit *>(s("noteEdit"))->isEnabled());
    // Even a shortcut records nothing: the window shows only what is on disk.
    QTest::keyClick(w.findChild<QTreeView *>(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(w.timelineModel()->rowCount(), rows);
}

void TestMainWindow::badChecklistShowsDiagnostics()
{
    const QString bad = s(WARROOM_TEST_DATA "/checklists/bad/cycle.json");
    DeclareIncidentDialog d({bad});
    d.show();
    QVERIFY(!d.checklist());
    auto *problems = d.findChild<QLabel *>(s("refusal"));
    QVERIFY(problems && problems->isVisible());
    QVERIFY2(problems->text().contains(s("dependency cycle: b -> d -> c -> b")),
             qPrintable(problems->text()));
    QVERIFY(!d.findChild<QPushButton *>(s("declareButton"))->isEnabled());
}

void TestMainWindow::exportDialogPreviewsAndSaves()
{
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("export.sqlite")), &error));
    IncidentDeclaration d;
    d.title = s("Export me");
    d.commander = s("Alice");
    d.mode = IncidentMode::Drill;
    d.variables = {{s("service"), s("api")}};
    auto session = IncidentSession::declare(store, test::parallelChecklist(), d, clock(), &error);
    QVERIFY(session);
    m_now += 60'000;
    QVERIFY(session->confirmItem(s("a"), s("a1")).ok());
    QVERIFY(session->addNote(s("secret sauce"), true).ok());

    ExportDialog dialog(*session);
    dialog.show();
    QVERIFY(dialog.previewText().contains(s("[DRILL] Postmortem: Export me")));
    auto *format = dialog.findChild<QComboBox *>(s("formatCombo"));
    format->setCurrentIndex(format->findData(int(ExportFormat::Csv)));
    QVERIFY(dialog.previewText().startsWith(s("seq,utc,t_plus,mode")));
    QVERIFY(!dialog.previewText().contains(s("secret sauce")));
    dialog.findChild<QCheckBox *>(s("includePrivate"))->setChecked(true);
    QVERIFY(dialog.previewText().contains(s("secret sauce")));

    auto *from = dialog.findChild<QLineEdit *>(s("fromEdit"));
    from->setText(s("soon"));
    QVERIFY(!dialog.saveTo(m_dir.filePath(s("x.csv")), &error));
    QVERIFY2(error.contains(s("'soon' is not a time")), qPrintable(error));
    from->clear();

    format->setCurrentIndex(format->findData(int(ExportFormat::Pdf)));
    const QString pdf = m_dir.filePath(s("dialog.pdf"));
    QVERIFY2(dialog.saveTo(pdf, &error), qPrintable(error));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");

    // Saved with the Save button: the dialog knows where it wrote, for the window to say so.
    const QString saved = m_dir.filePath(s("saved.pdf"));
    whenDialogShows<QFileDialog>([&](QFileDialog *files) { test::chooseFile(files, saved); });
    QTest::mouseClick(dialog.findChild<QPushButton *>(s("saveButton")), Qt::LeftButton);
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.savedPath(), saved);
    QVERIFY(QFile::exists(saved));
}

void TestMainWindow::runsActionsAndChecksFromTheStepPanel()
{
    const QByteArray token = "gui-token-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    qputenv("WARROOM_SIM_TOKEN", token);
    DrillBackend sim;
    sim.setRequiredToken(token);
    const QString url = s("http://127.0.0.1:%1").arg(sim.listen());
    TimelineStore store;
    QString error;
    QVERIFY(store.open(m_dir.filePath(s("runs.sqlite")), &error));
    MainWindow w(store, {}, systemClock());
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d = test::declarationWithDefaults(checklist, s("GUI drill"),
                                                          s("Alice Chen"), IncidentMode::Drill);
    d.variables.insert(s("backend"), url);
    d.variables.insert(s("prometheus"), url);
    QVERIFY(w.declareIncident(checklist, d));
    IncidentSession *session = w.session();
    for (const char *item : {"impact", "trigger", "authority"})
        QVERIFY(session->confirmItem(s("scope"), s(item)).ok());
    QVERIFY(session->confirmItem(s("scope"), s("class"), s("deploy")).ok());
    QVERIFY(session->confirmItem(s("scope"), s("db-implications")).ok());

    // Step 2's first item posts to the incident channel: one click, no dialog.
    QTRY_COMPARE(w.focusedStep(), 1);
    auto *run = w.findChild<QPushButton *>(s("runButton"));
    QVERIFY(run);
    QTRY_VERIFY(run->isVisible());
    QVERIFY(w.findChild<QPushButton *>(s("confirmByHandButton"))->isVisible());
    QTest::mouseClick(run, Qt::LeftButton);
    QTRY_COMPARE(sim.webhookMessages().size(), 1);
    QTRY_COMPARE(session->engine().step(1).items.at(0).state, ItemState::Confirmed);
    QCOMPARE(session->engine().currentItem(1), 1);
    for (const char *item : {"roles", "stakeholders", "status-page"})
        QVERIFY(session->confirmItem(s("notify"), s(item)).ok());
    QVERIFY(session->confirmItem(s("freeze"), s("capture")).ok());

    // Freezing writes shows the exact request first, with the token redacted.
    QTRY_COMPARE(w.focusedStep(), 2);
    QString shown;
    whenDialogShows<RunConfirmDialog>([&shown](RunConfirmDialog *dialog) {
        shown = dialog->findChild<QPlainTextEdit *>(s("requestPreview"))->toPlainText();
        QTest::mouseClick(dialog->findChild<QPushButton *>(s("sendButton")), Qt::LeftButton);
    });
    QTRY_VERIFY(run->isVisible());
    QTest::mouseClick(run, Qt::LeftButton);
    QTRY_COMPARE(sim.sideEffects(), 2);
    QVERIFY2(shown.startsWith(s("POST %1/api/freeze\nAuthorization: [redacted]").arg(url)),
             qPrintable(shown));
    QVERIFY(!shown.toUtf8().contains(token));

    // The write-rate check runs from the keyboard and passes on the measured zero.
    QTRY_COMPARE(session->engine().currentItem(2), 2);
    w.activateWindow(); // the dialog that just closed held the focus
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QAction *runAction = w.actions()->action(IncidentActions::RunItem);
    QVERIFY(runAction->isEnabled());
    // The freeze's own run just moved the panel on to it: the first key is held, and says so.
    auto *tree = w.findChild<QTreeView *>(s("checklistView"));
    QTest::keyClick(tree, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(!w.runner()->isActive(session->checklist().steps.at(2).id,
                                  session->checklist().steps.at(2).items.at(2).id));
    QVERIFY2(w.statusBar()->currentMessage().startsWith(s("Not done: the run that confirmed")),
             qPrintable(w.statusBar()->currentMessage()));
    QTest::keyClick(tree, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(w.runner()->isActive(session->checklist().steps.at(2).id,
                                 session->checklist().steps.at(2).items.at(2).id));
    QVERIFY(!runAction->isEnabled()); // greyed out while the check is under way
    QTRY_COMPARE_WITH_TIMEOUT(session->engine().stepState(2), StepState::Done, 10'000);
    const AutomationStatus &check = session->engine().step(2).items.at(2).automation;
    QCOMPARE(check.valueText, s("0"));
    QCOMPARE(check.threshold, s("<= 0"));

    // Starting the rollback job needs a second person other than the one at the keyboard.
    QVERIFY(session->confirmItem(s("execute"), s("marker-start")).ok());
    QTRY_COMPARE(w.focusedStep(), 3);
    QTRY_VERIFY(runAction->isEnabled()); // the next automated item may run
    // Its go/no-go poll is not all GO yet: Run is refused at once, before a second person has
    // read the request (the dialog used to take their name, then refuse).
    QTRY_VERIFY(run->isVisible());
    QTest::mouseClick(run, Qt::LeftButton);
    QTest::qWait(100);
    QVERIFY(!QApplication::activeModalWidget());
    QVERIFY2(w.statusBar()->currentMessage().contains(s("waits for its go/no-go poll")),
             qPrintable(w.statusBar()->currentMessage()));
    // The button says it waits, in grey, until the poll is all GO; then it invites the run.
    QVERIFY(run->property("waiting").toBool());
    QVERIFY2(run->text().contains(s("Waits for GO")), qPrintable(run->text()));
    QVERIFY(test::passPoll(*session, s("execute"), session->checklist().steps.at(3).items.at(1).id)
                .ok());
    QTRY_VERIFY(!run->property("waiting").toBool());
    QVERIFY2(run->text().contains(s("Send request")), qPrintable(run->text()));
    bool sendEnabledAlone = true, sendEnabledSelf = true, sendEnabledOther = false;
    whenDialogShows<RunConfirmDialog>([&](RunConfirmDialog *dialog) {
        auto *send = dialog->findChild<QPushButton *>(s("sendButton"));
        auto *second = dialog->findChild<QLineEdit *>(s("secondPersonEdit"));
        sendEnabledAlone = send->isEnabled();
        QTest::keyClicks(second, s("alice chen"));
        sendEnabledSelf = send->isEnabled();
        second->clear();
        QTest::keyClicks(second, s("Sam Okafor"));
        sendEnabledOther = send->isEnabled();
        dialog->reject(); // a drill can stop here: nothing is sent
    });
    QTRY_VERIFY(run->isVisible());
    QTest::mouseClick(run, Qt::LeftButton);
    QTRY_VERIFY(sendEnabledOther);
    QVERIFY(!sendEnabledAlone);
    QVERIFY(!sendEnabledSelf);
    QCOMPARE(sim.sideEffects(), 2);
    QCOMPARE(session->engine().step(3).items.at(1).automation.phase, AutomationStatus::Phase::Idle);

    // A tabletop can run the drill faster; the timeline says so on every run it starts.
    QCOMPARE(w.runner()->timeScale(), 1.0);
    w.setDrillSpeed(10);
    QCOMPARE(w.runner()->timeScale(), 0.1);
    // ...and a LIVE incident in the same window never runs faster than real time.
    d.mode = IncidentMode::Live;
    d.title = s("GUI live");
    QVERIFY(w.declareIncident(checklist, d));
    QCOMPARE(w.runner()->timeScale(), 1.0);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
