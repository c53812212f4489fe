// The step panel and the incident's commands after what a new user met in a full drill: a failed
// job's panel (no Stop, words instead of JSON pointers, the bar where the job stopped), the job's
// progress bar, ages that keep counting, choices that fit at 1280x720, one re-send path after an
// unknown outcome that says what the re-send answered, the note field after closing, and keys.

#include "automation/AutomationRunner.h"
#include "engine/AutomationStatus.h"
#include "session/IncidentSession.h"
#include "sim/DrillBackend.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/ModalDialogs.h"
#include "support/PollHelper.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"
#include "ui/actions/IncidentActions.h"
#include "ui/dialogs/RunConfirmDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"
#include "util/TimeFormat.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace warroom;
using warroom::test::s;
using warroom::test::whenDialogShows;

namespace {

// Confirms every item of the steps before `step` (automated ones by hand, with a reason).
bool walkTo(IncidentSession &session, int step)
{
    const Checklist &checklist = session.checklist();
    for (int si = 0; si < step; ++si) {
        const ChecklistStep &st = checklist.steps.at(si);
        for (const ChecklistItem &item : st.items) {
            const QString value = item.options.isEmpty() ? QString() : item.options.first().value;
            if (!session.confirmItem(st.id, item.id, value, s("walked through by the test")).ok())
                return false;
        }
    }
    return true;
}

// With WARROOM_SHOTS set to a folder, saves what the window shows there (for people to look at;
// the test's verdict never depends on it).
void shot(QWidget &w, const char *name)
{
    const QString dir = qEnvironmentVariable("WARROOM_SHOTS");
    if (!dir.isEmpty())
        w.grab().save(dir + u'/' + QString::fromLatin1(name) + QStringLiteral(".png"));
}

QString labelText(const QWidget &w, const char *name)
{
    const auto *label = w.findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QString();
}

} // namespace

class TestStepPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void failedJobReadsInWordsAndOffersNoStop();
    void backendNotRunningSaysHowToStartIt();
    void unsetVariableIsSaidOnceAfterRun();
    void ageKeepsCountingAfterTheRunEnded();
    void choicesFitAt1280x720();
    void currentItemAndConfirmInSightAt1280x720_data();
    void currentItemAndConfirmInSightAt1280x720();
    void resendAfterUnknownIsOnePathAndSaysWhatItAnswered();
    void noteFieldLooksOffAfterClosing();
    void menuMnemonicsAndShortcutsAreUnique();

private:
    struct Drill
    {
        std::unique_ptr<DrillBackend> sim;
        std::unique_ptr<TimelineStore> store;
        std::unique_ptr<MainWindow> window;
        QString url;
    };
    // A drill against the drill backend, declared in a shown window, the runner 10x faster.
    bool startDrill(Drill &drill, const DrillScenario &scenario, const QString &db,
                    const QSize &size = {1600, 1000});

    QTemporaryDir m_dir;
    qint64 m_now = 1'767'225'600'000;
};

void TestStepPanel::initTestCase()
{
    initResources();
    QFile style(s(":/styles/warroom.qss"));
    QVERIFY(style.open(QIODevice::ReadOnly));
    qApp->setStyleSheet(QString::fromUtf8(style.readAll()));
    qputenv("WARROOM_SIM_TOKEN", "panel-test-token");
}

bool TestStepPanel::startDrill(Drill &drill, const DrillScenario &scenario, const QString &db,
                               const QSize &size)
{
    drill.sim = std::make_unique<DrillBackend>(scenario);
    drill.sim->setRequiredToken("panel-test-token");
    drill.url = s("http://127.0.0.1:%1").arg(drill.sim->listen());
    drill.store = std::make_unique<TimelineStore>();
    QString error;
    if (!drill.store->open(m_dir.filePath(db), &error))
        return false;
    drill.window
        = std::make_unique<MainWindow>(*drill.store, QStringList{}, [this] { return m_now; });
    drill.window->resize(size);
    drill.window->show();
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d = test::declarationWithDefaults(checklist, s("Panel drill"),
                                                          s("Alice Chen"), IncidentMode::Drill);
    d.variables.insert(s("backend"), drill.url);
    d.variables.insert(s("prometheus"), drill.url);
    if (!drill.window->declareIncident(checklist, d))
        return false;
    drill.window->setDrillSpeed(10);
    return true;
}

void TestStepPanel::failedJobReadsInWordsAndOffersNoStop()
{
    DrillScenario scenario;
    scenario.jobSeconds = 3;
    scenario.jobFails = true;
    Drill drill;
    QVERIFY(startDrill(drill, scenario, s("failed.sqlite")));
    MainWindow &w = *drill.window;
    IncidentSession *session = w.session();
    QVERIFY(walkTo(*session, 3));
    QVERIFY(session->confirmItem(s("execute"), s("marker-start")).ok());
    QTRY_COMPARE(w.focusedStep(), 3);
    QVERIFY(test::passPoll(*session, s("execute"), s("run")).ok());
    QVERIFY(w.runner()->start(s("execute"), s("run"), {}, s("Sam Okafor")).ok());

    // Mid-job: the drill backend's percentage, read at the checklist's progress pointer, as a bar.
    auto *bar = w.findChild<QProgressBar *>(s("jobProgress"));
    QVERIFY(bar);
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible() && bar->value() > 0 && bar->value() < 60, 10'000);
    QVERIFY(w.findChild<QPushButton *>(s("stopRunButton"))->isVisible());
    shot(w, "progress-mid-job");
    QVERIFY2(labelText(w, "runValue").contains(s("job state is running")),
             qPrintable(labelText(w, "runValue")));
    QVERIFY(labelText(w, "runValue").contains(s("waiting for succeeded")));

    const AutomationStatus &job = session->engine().step(3).items.at(1).automation;
    QTRY_COMPARE_WITH_TIMEOUT(job.phase, AutomationStatus::Phase::Failed, 10'000);
    QTRY_VERIFY(!w.runner()->isActive(s("execute"), s("run")));
    // Nothing left to stop; Run again instead, and the words say what happened.
    QVERIFY(!w.findChild<QPushButton *>(s("stopRunButton"))->isVisible());
    QVERIFY(!w.actions()->action(IncidentActions::StopRun)->isEnabled());
    QVERIFY(w.findChild<QPushButton *>(s("runButton"))->isVisible());
    QVERIFY(w.actions()->action(IncidentActions::RunItem)->isEnabled());
    const QString value = labelText(w, "runValue");
    QVERIFY2(value.contains(s("job state is failed")) && value.contains(s("(wanted succeeded)")),
             qPrintable(value));
    QVERIFY2(!value.contains(s("/state")), qPrintable(value));
    QVERIFY2(job.reason.contains(s("the job's state is failed (wanted succeeded)")),
             qPrintable(job.reason));
    QVERIFY(bar->isVisible());
    QVERIFY2(bar->value() >= 60 && bar->value() < 100, qPrintable(QString::number(bar->value())));
    QVERIFY2(bar->text().contains(s("stopped at")), qPrintable(bar->text()));
    shot(w, "failed-job-panel");
}

// A drill whose backend is not running: the panel says nothing answered and how to start the drill
// backend, and libcurl's words for the failure come once (they came twice, and nothing said why).
void TestStepPanel::backendNotRunningSaysHowToStartIt()
{
    Drill drill;
    QVERIFY(startDrill(drill, DrillScenario{}, s("nobackend.sqlite")));
    drill.sim.reset(); // nothing listens at the drill's address any more
    MainWindow &w = *drill.window;
    IncidentSession *session = w.session();
    QVERIFY(walkTo(*session, 1));
    QTRY_COMPARE(w.focusedStep(), 1);
    QVERIFY(w.runner()->start(s("notify"), s("channel"), {}, {}).ok());
    const AutomationStatus &post = session->engine().step(1).items.at(0).automation;
    QTRY_COMPARE_WITH_TIMEOUT(post.phase, AutomationStatus::Phase::Failed, 10'000);
    QCOMPARE(post.lastCurlCode, CurlCodeValue::CouldNotConnect);
    const QString details = labelText(w, "runDetails");
    QVERIFY2(details.contains(s("<tt>warroom sim</tt>")), qPrintable(details));
    QCOMPARE(details.count(s("Couldn't connect to server")), 1);
    QVERIFY2(details.contains(s("No answer at T+")), qPrintable(details));
    shot(w, "backend-not-running");
}

// A request that needs an environment variable nobody set: the panel names it before any press,
// and after Run refuses, it says "Not sent" with the reason once, not the reason and then the
// refusal again under it (as it did).
void TestStepPanel::unsetVariableIsSaidOnceAfterRun()
{
    Drill drill;
    QVERIFY(startDrill(drill, DrillScenario{}, s("unset.sqlite")));
    qunsetenv("WARROOM_SIM_TOKEN");
    const auto restore = qScopeGuard([] { qputenv("WARROOM_SIM_TOKEN", "panel-test-token"); });
    MainWindow &w = *drill.window;
    QVERIFY(walkTo(*w.session(), 1));
    QTRY_COMPARE(w.focusedStep(), 1);
    const QString reason = s("WARROOM_SIM_TOKEN is not set");
    QTRY_VERIFY2(labelText(w, "runDetails").contains(reason),
                 qPrintable(labelText(w, "runDetails")));
    QVERIFY(!w.findChild<QLabel *>(s("refusal"))->isVisible());

    w.actions()->action(IncidentActions::RunItem)->trigger();
    const QString refusal = labelText(w, "refusal");
    QVERIFY2(refusal.startsWith(s("Not sent: ")) && refusal.contains(reason), qPrintable(refusal));
    QVERIFY(w.findChild<QLabel *>(s("refusal"))->isVisible());
    QVERIFY2(!labelText(w, "runDetails").contains(reason), qPrintable(labelText(w, "runDetails")));
    QCOMPARE(w.session()->engine().step(1).items.at(0).automation.runCount, 0);
    shot(w, "unset-variable-refused");

    // Another step: the refusal goes, and the reason is named above the button again.
    w.actions()->action(IncidentActions::NextStep)->trigger();
    w.actions()->action(IncidentActions::PreviousStep)->trigger();
    QTRY_COMPARE(w.focusedStep(), 1);
    QVERIFY(!w.findChild<QLabel *>(s("refusal"))->isVisible());
    QVERIFY2(labelText(w, "runDetails").contains(reason), qPrintable(labelText(w, "runDetails")));

    // Refused again, then the item done another way (by hand here, or in another window): the
    // refusal was about that item and goes with it, not left under the next one.
    w.actions()->action(IncidentActions::RunItem)->trigger();
    QVERIFY(w.findChild<QLabel *>(s("refusal"))->isVisible());
    QVERIFY(w.session()->confirmItem(s("notify"), s("channel"), {}, s("posted by hand")).ok());
    QTRY_VERIFY(!w.findChild<QLabel *>(s("refusal"))->isVisible());
}

void TestStepPanel::ageKeepsCountingAfterTheRunEnded()
{
    Drill drill;
    QVERIFY(startDrill(drill, {}, s("age.sqlite")));
    MainWindow &w = *drill.window;
    IncidentSession *session = w.session();
    QVERIFY(walkTo(*session, 2));
    QVERIFY(session->confirmItem(s("freeze"), s("capture")).ok());
    // Writes were never frozen: the write-rate check fails at its deadline and stays on screen.
    QVERIFY(session->confirmItem(s("freeze"), s("freeze-writes"), {}, s("not in this drill")).ok());
    QTRY_COMPARE(w.focusedStep(), 2);
    QVERIFY(w.runner()->start(s("freeze"), s("write-rate")).ok());
    const AutomationStatus &check = session->engine().step(2).items.at(2).automation;
    QTRY_COMPARE_WITH_TIMEOUT(check.phase, AutomationStatus::Phase::Failed, 20'000);
    QVERIFY(check.hasSample);

    m_now += 75'000;
    const QString expected
        = s("measured %1 ago").arg(formatAge(session->elapsedMs() - check.sampleElapsedMs));
    QVERIFY(expected.contains(s("1 min")));
    QTRY_VERIFY2(labelText(w, "runValue").contains(expected), qPrintable(labelText(w, "runValue")));
}

void TestStepPanel::choicesFitAt1280x720()
{
    Drill drill;
    QVERIFY(startDrill(drill, {}, s("choices.sqlite"), {1280, 720}));
    MainWindow &w = *drill.window;
    IncidentSession *session = w.session();
    for (const char *item : {"impact", "trigger", "authority"})
        QVERIFY(session->confirmItem(s("scope"), s(item)).ok());
    const ChecklistItem &choice = session->checklist().steps.at(0).items.at(3);
    QVERIFY(choice.options.size() >= 4);
    auto *panel = w.findChild<QWidget *>(s("stepPanel"));
    QVERIFY(panel);
    QTRY_VERIFY(w.findChild<QPushButton *>(s("choice_") + choice.options.last().value));
    QTest::qWait(50); // the layout settles
    shot(w, "choice-4-options-1280x720");
    for (const ChoiceOption &o : choice.options) {
        auto *b = w.findChild<QPushButton *>(s("choice_") + o.value);
        QVERIFY(b && b->isVisible());
        const QRect inPanel(b->mapTo(panel, QPoint(0, 0)), b->size());
        QVERIFY2(panel->rect().contains(inPanel),
                 qPrintable(s("%1 at %2,%3 %4x%5 outside the panel %6x%7")
                                .arg(o.value)
                                .arg(inPanel.x())
                                .arg(inPanel.y())
                                .arg(inPanel.width())
                                .arg(inPanel.height())
                                .arg(panel->width())
                                .arg(panel->height())));
        // ...and across the width that shows: the 4th class once ran off the right-hand edge.
        // (Height may scroll: the step area is the window's to size, and keys 1-4 choose.)
        auto *scroll = w.findChild<QScrollArea *>(s("stepScroll"));
        QVERIFY(scroll);
        const QRect inView(b->mapTo(scroll->viewport(), QPoint(0, 0)), b->size());
        QVERIFY2(inView.left() >= 0 && inView.right() < scroll->viewport()->width(),
                 qPrintable(s("%1: x %2..%3, viewport width %4")
                                .arg(o.value)
                                .arg(inView.left())
                                .arg(inView.right())
                                .arg(scroll->viewport()->width())));
    }
}

void TestStepPanel::currentItemAndConfirmInSightAt1280x720_data()
{
    QTest::addColumn<int>("confirmed"); // items of step 1 confirmed before looking
    QTest::newRow("step 1, first item") << 0;
    QTest::newRow("step 2 (long title and meta)") << 4;
}

void TestStepPanel::currentItemAndConfirmInSightAt1280x720()
{
    QFETCH(int, confirmed);
    Drill drill;
    QVERIFY(startDrill(drill, {}, s("sight-%1.sqlite").arg(confirmed), {1280, 720}));
    MainWindow &w = *drill.window;
    IncidentSession *session = w.session();
    const ChecklistStep &scope = session->checklist().steps.at(0);
    for (int i = 0; i < confirmed; ++i) {
        const ChecklistItem &item = scope.items.at(i);
        QVERIFY(session
                    ->confirmItem(scope.id, item.id,
                                  item.kind == ItemKind::Choice ? item.options.first().value
                                                                : QString())
                    .ok());
    }
    auto *panel = w.findChild<QWidget *>(s("stepPanel"));
    auto *scroll = w.findChild<QScrollArea *>(s("stepScroll"));
    QVERIFY(panel && scroll);
    auto *item = panel->findChild<QLabel *>(s("currentItem"));
    auto *confirm = w.findChild<QPushButton *>(s("confirmButton"));
    QVERIFY(item && confirm);
    QTRY_VERIFY(confirm->isVisible() && item->isVisible());
    QTest::qWait(50); // the layout settles
    shot(w, confirmed ? "sight-step2-1280x720" : "sight-step1-1280x720");
    // The item begins in the panel's viewport as it opens (not scrolled), with at least two of
    // its lines in view: it comes right under the step's title. (The offscreen screen is 800x800,
    // so the window asked for 1280x720 gets less height and width than a real 1280x720 one:
    // there, both lines of a two-line item show.)...
    QCOMPARE(scroll->verticalScrollBar()->value(), 0);
    const QRect itemInView(item->mapTo(scroll->viewport(), QPoint(0, 0)), item->size());
    const int twoLines = 2 * item->fontMetrics().lineSpacing();
    QVERIFY2(itemInView.top() >= 0 && itemInView.top() + twoLines <= scroll->viewport()->height(),
             qPrintable(s("item at y %1..%2, two lines %3, viewport height %4")
                            .arg(itemInView.top())
                            .arg(itemInView.bottom())
                            .arg(twoLines)
                            .arg(scroll->viewport()->height())));
    // ...and Confirm pinned outside the scrolling part, inside the window.
    QVERIFY(!scroll->isAncestorOf(confirm));
    const QRect confirmInWindow(confirm->mapTo(&w, QPoint(0, 0)), confirm->size());
    QVERIFY2(w.rect().contains(confirmInWindow),
             qPrintable(s("Confirm at y %1..%2, window height %3")
                            .arg(confirmInWindow.top())
                            .arg(confirmInWindow.bottom())
                            .arg(w.height())));
}

void TestStepPanel::resendAfterUnknownIsOnePathAndSaysWhatItAnswered()
{
    DrillScenario scenario;
    scenario.jobSeconds = 2;
    Drill drill;
    QVERIFY(startDrill(drill, scenario, s("resend.sqlite")));
    IncidentSession *session = drill.window->session();
    const qint64 incidentId = session->incident().id;
    QVERIFY(walkTo(*session, 3));
    QVERIFY(session->confirmItem(s("execute"), s("marker-start")).ok());
    QVERIFY(test::passPoll(*session, s("execute"), s("run")).ok());
    QVERIFY(drill.window->runner()->start(s("execute"), s("run"), {}, s("Sam Okafor")).ok());
    // The request took effect and the job is being polled when warroom stops.
    QTRY_COMPARE(drill.sim->sideEffects(), 1);
    QTRY_VERIFY(!session->engine().step(3).items.at(1).automation.polledValue.isEmpty()
                || session->engine().step(3).items.at(1).automation.requestPhase
                       == RequestPhase::Poll);
    const QString runId = session->engine().step(3).items.at(1).automation.runId;
    drill.window.reset();

    MainWindow w(*drill.store, {}, [this] { return m_now; });
    w.show();
    QVERIFY(w.openIncident(incidentId));
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    session = w.session();
    const AutomationStatus &job = session->engine().step(3).items.at(1).automation;
    QCOMPARE(job.phase, AutomationStatus::Phase::Unknown);
    QTRY_COMPARE(w.focusedStep(), 3);
    QAction *run = w.actions()->action(IncidentActions::RunItem);
    QAction *resend = w.actions()->action(IncidentActions::ResendItem);
    QVERIFY(run->isEnabled());
    QVERIFY(resend->isEnabled());
    QVERIFY(run->text().contains(s("same key")));
    QCOMPARE(resend->shortcut(), QKeySequence(s("Ctrl+Shift+R")));

    // Ctrl+R is the re-send: the dialog shows the run's own key and says why, and Enter sends.
    QString title, preview, note;
    whenDialogShows<RunConfirmDialog>([&](RunConfirmDialog *dialog) {
        title = dialog->windowTitle();
        preview = dialog->findChild<QPlainTextEdit *>(s("requestPreview"))->toPlainText();
        note = dialog->findChild<QLabel *>(s("resendNote"))->text();
        QTest::keyClick(dialog, Qt::Key_Return);
    });
    QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier);
    QTRY_VERIFY(!title.isEmpty());
    QCOMPARE(title, s("Re-send with the same key?"));
    QVERIFY2(preview.contains(s("Idempotency-Key: ") + runId), qPrintable(preview));
    QVERIFY2(!preview.contains(s("(new key)")), qPrintable(preview));
    QVERIFY2(note.contains(s("SAME Idempotency-Key")), qPrintable(note));
    // Its 202 is in the timeline: the job's outcome is what is not known, not the request's.
    QVERIFY2(note.startsWith(s("The first request was answered and its job was being watched")),
             qPrintable(note));

    QTRY_COMPARE_WITH_TIMEOUT(job.phase, AutomationStatus::Phase::Succeeded, 10'000);
    QCOMPARE(drill.sim->sideEffects(), 1); // answered from the record, not done twice
    QVERIFY2(job.reason.contains(s("the first request HAD taken effect")), qPrintable(job.reason));
    // The timeline says it too, on the run's last event.
    bool said = false;
    for (const TimelineEvent &e : session->events()) {
        if (e.kind == EventKind::ActionFinished
            && e.payload.value(PayloadKey::Reason).toString().contains(s("HAD taken effect")))
            said = true;
    }
    QVERIFY(said);
}

void TestStepPanel::noteFieldLooksOffAfterClosing()
{
    Drill drill;
    QVERIFY(startDrill(drill, {}, s("close.sqlite")));
    MainWindow &w = *drill.window;
    auto *note = w.findChild<QLineEdit *>(s("noteEdit"));
    QVERIFY(note->isEnabled());
    const QImage open = note->grab().toImage();
    QVERIFY(w.session()->close(s("drill ends early")).ok());
    QTRY_VERIFY(!note->isEnabled());
    QVERIFY2(note->placeholderText().contains(s("No notes now")),
             qPrintable(note->placeholderText()));
    // The look matches: the disabled field is drawn differently from the live one.
    const QImage closed = note->grab().toImage();
    const QPoint inside(4, note->height() / 2);
    QVERIFY2(open.pixelColor(inside) != closed.pixelColor(inside),
             qPrintable(open.pixelColor(inside).name()));
}

void TestStepPanel::menuMnemonicsAndShortcutsAreUnique()
{
    Drill drill;
    QVERIFY(startDrill(drill, {}, s("keys.sqlite")));
    MainWindow &w = *drill.window;
    QMap<QChar, QString> mnemonics;
    for (QAction *menu : w.menuBar()->actions()) {
        const QString text = menu->text();
        const qsizetype amp = text.indexOf(u'&');
        QVERIFY2(amp >= 0 && amp + 1 < text.size(), qPrintable(text));
        const QChar key = text.at(amp + 1).toLower();
        QVERIFY2(!mnemonics.contains(key),
                 qPrintable(s("%1 and %2 share Alt+%3").arg(mnemonics.value(key), text, key)));
        mnemonics.insert(key, text);
    }
    QCOMPARE(mnemonics.value(u'h'), s("&Help"));
    QSet<QKeySequence> keys;
    for (QAction *a : w.findChildren<QAction *>()) {
        if (a->shortcut().isEmpty())
            continue;
        QVERIFY2(!keys.contains(a->shortcut()), qPrintable(a->shortcut().toString()));
        keys.insert(a->shortcut());
    }
    QCOMPARE(w.actions()->action(IncidentActions::RollbackRamp)->shortcut(),
             QKeySequence(s("Ctrl+Shift+B")));
    QVERIFY(keys.contains(QKeySequence(s("Ctrl+Shift+R"))));
}

QTEST_MAIN(TestStepPanel)
#include "tst_steppanel.moc"
