#include "support/FacilitatedDrill.h"
#include "ui/actions/FacilitationActions.h"
#include "ui/facilitation/FacilitatorWindow.h"
#include "ui/facilitation/RatingDialog.h"
#include "ui/incident/AnnouncementBanner.h"
#include "ui/main/MainWindow.h"
#include "ui/wall/AnnouncementWallFeed.h"
#include "ui/wall/WallStandalone.h"
#include "ui/wall/WallWindow.h"

#include "facilitation/FacilitationRecord.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>

using namespace warroom;
using warroom::test::clockMs;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

// The facilitator's window driven by its keys, on a DRILL started from a scenario against the
// console's own controller (no players' script: the test is the room): pause and resume (the
// drill clock freezes, the console and the wall say so), fire now (the announcement reaches the
// console's banner and the wall), Ctrl+K on the console (acknowledged, timed, in the timeline
// signed by the player), an observation (tied to the step, kept out of the timeline).
class TestFacilitator : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pauseFreezesTheDrillClock();
    void pauseFreezesTheConsoleAndWallClocks();
    void fireNowAnnouncesAndCtrlKAcknowledges();
    void observationStaysOffTheTimeline();
    void ratingByKeysReachesTheDebrief();
    void capabilityRatingByKeys();
    void headersAreWhole();

private:
    bool startDrill(const QByteArray &deadline = "T+6:00:00")
    {
        if (!m_drill->start(deadline))
            return false;
        m_window = m_drill->window();
        return true;
    }

    std::unique_ptr<test::FacilitatedDrill> m_drill;
    MainWindow *m_console = nullptr;
    FacilitationActions *m_actions = nullptr;
    FacilitatorWindow *m_window = nullptr;
};

void TestFacilitator::init()
{
    m_drill = std::make_unique<test::FacilitatedDrill>();
    QVERIFY2(m_drill->ok(), qPrintable(m_drill->error()));
    m_console = m_drill->console();
    m_actions = m_drill->actions();
}

void TestFacilitator::cleanup()
{
    m_drill.reset();
    m_console = nullptr;
    m_actions = nullptr;
    m_window = nullptr;
}

void TestFacilitator::pauseFreezesTheDrillClock()
{
    QVERIFY(startDrill());
    FacilitationSession &session = m_actions->session();
    QVERIFY(session.isActive());
    QCOMPARE(m_console->session()->incident().mode, IncidentMode::Drill);
    // The countdown to the next inject sits under the clock, clear of the title: beside it, it
    // read as part of the objectives' sentence.
    m_window->refresh();
    const auto *next = m_window->findChild<QLabel *>(s("facilitatorNext"));
    const auto *clock = m_window->findChild<QLabel *>(s("facilitatorClock"));
    const auto *title = m_window->findChild<QLabel *>(s("facilitatorTitle"));
    QVERIFY2(next->text().startsWith(s("Next: hello in ")), qPrintable(next->text()));
    // Where the room is, under the objectives (the facilitator turned to the room's screen).
    QVERIFY2(title->text().endsWith(s("<br>The room: step 1 of 8, Confirm incident scope and "
                                      "declare rollback class (ready)")),
             qPrintable(title->text()));
    QVERIFY(next->geometry().top() >= clock->geometry().bottom());
    QVERIFY(next->mapTo(m_window, QPoint(0, 0)).x()
            >= title->mapTo(m_window, title->rect().topRight()).x());
    // What the drill did wraps in its list: its lines ran off the right edge behind a scroll bar.
    const QSize size = m_window->size();
    m_window->resize(700, size.height()); // as narrow as it goes
    const auto *lines = m_window->findChild<QListWidget *>(s("facilitatorLines"));
    QTRY_VERIFY(lines->count() > 0
                && lines->fontMetrics().horizontalAdvance(lines->item(0)->text())
                       > lines->viewport()->width()); // else this proves nothing
    QTRY_COMPARE(lines->horizontalScrollBar()->maximum(), 0);
    m_window->resize(size);
    QTest::keyClick(m_window, Qt::Key_P, Qt::ControlModifier);
    QVERIFY(session.isPaused());
    const qint64 frozen = session.drillNow();
    QTest::qWait(300);
    QCOMPARE(session.drillNow(), frozen);
    m_window->refresh();
    QVERIFY(m_window->findChild<QLabel *>(s("facilitatorClock"))->text().endsWith(s("PAUSED")));
    QVERIFY(m_actions->banner()->lines().value(0).startsWith(s("DRILL PAUSED")));
    // The room keeps working in a pause, and is told its acts are timed at the pause's T+.
    QVERIFY2(m_actions->banner()->lines().value(0).startsWith(
                 s("DRILL PAUSED at %1 \u2014 what you do now is timed at %1;")
                     .arg(formatElapsed(frozen))),
             qPrintable(m_actions->banner()->lines().value(0)));
    QVERIFY(m_actions->wallFeed()->lines().value(0).startsWith(s("DRILL PAUSED")));
    // The pause is in the record, signed by the facilitator, not by the console's actor.
    const QString note
        = m_console->session()->events().constLast().payload.value(PayloadKey::Text).toString();
    QVERIFY2(note.startsWith(s("Drill paused at")), qPrintable(note));
    QVERIFY2(note.contains(s("injects and runs under way wait; what the room does meanwhile is "
                             "timed at this T+")),
             qPrintable(note)); // no players' script waits in a drill people play
    // Fire now in a pause waits for the resume, and says so: it said "Inject hello fires now."
    // while the console showed nothing.
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    const auto *status = m_window->findChild<QLabel *>(s("facilitatorStatus"));
    QCOMPARE(status->text(),
             s("Inject hello fires when the drill resumes (Ctrl+P): the drill is paused."));
    // A message waits the same way, and says so (it said "sent").
    auto *message = m_window->findChild<QLineEdit *>(s("facilitatorMessage"));
    QTest::keyClick(m_window, Qt::Key_T, Qt::ControlModifier);
    QTest::keyClicks(message, s("Support is on the bridge."));
    QTest::keyClick(message, Qt::Key_Return);
    QCOMPARE(status->text(), s("Message to the room queued: the drill is paused, and it is "
                               "announced on the console and the wall when the drill resumes "
                               "(Ctrl+P)."));
    QTest::qWait(300);
    QVERIFY(session.pendingAnnouncements().isEmpty());
    QTest::keyClick(m_window, Qt::Key_P, Qt::ControlModifier);
    QVERIFY(!session.isPaused());
    QTRY_COMPARE(session.pendingAnnouncements().size(), 2);
    QTRY_VERIFY(session.drillNow() > frozen);
    m_actions->banner()->refresh();
    QVERIFY2(m_actions->banner()->lines().value(0).startsWith(s("INJECT at")),
             qPrintable(m_actions->banner()->lines().value(0))); // no longer DRILL PAUSED
}

// The console header's and the walls' T+ clocks (the one that follows the console, and a
// wall-only machine's that reads the same database read-only, as another process would) stand
// still from Ctrl+P, say PAUSED in words, and go on from where they stopped after the resume.
void TestFacilitator::pauseFreezesTheConsoleAndWallClocks()
{
    QVERIFY(startDrill());
    auto *header = m_console->findChild<QLabel *>(s("elapsedClock"));
    QVERIFY(header);
    WallWindow wall;
    wall.follow(*m_console->controller());
    TimelineStore other;
    QString error;
    QVERIFY2(other.openReadOnly(m_drill->store().path(), &error), qPrintable(error));
    WallStandalone standalone(other, m_console->session()->incident().id);
    const auto standaloneClock = [&] {
        standalone.follow();
        standalone.window()->refresh();
        return standalone.window()->state().clock;
    };
    // Not shown: a full-screen wall would take the focus the facilitator's keys need.
    QTRY_VERIFY_WITH_TIMEOUT(clockMs(header->text()) >= 1000, 5000);

    QTest::keyClick(m_window, Qt::Key_P, Qt::ControlModifier);
    QVERIFY(m_actions->session().isPaused());
    QTRY_VERIFY(header->text().endsWith(s("PAUSED")));
    const QString frozen = header->text();
    wall.refresh();
    QTRY_COMPARE(standaloneClock(), frozen); // the other process reads the pause from the timeline
    QCOMPARE(wall.state().clock, frozen);
    QVERIFY(wall.state().clockPaused);
    QTest::qWait(2300);
    QCOMPARE(header->text(), frozen); // two seconds later: still where it stopped
    wall.refresh();
    QCOMPARE(wall.state().clock, frozen);
    QCOMPARE(standaloneClock(), frozen);

    QTest::keyClick(m_window, Qt::Key_P, Qt::ControlModifier);
    QVERIFY(!m_actions->session().isPaused());
    QTRY_VERIFY(!header->text().contains(s("PAUSED")));
    // It goes on from where it stopped: the first second after the resume, not the real time.
    const qint64 at = clockMs(frozen);
    QTRY_VERIFY_WITH_TIMEOUT(clockMs(header->text()) >= at + 1000, 5000);
    const qint64 real = m_console->session()->elapsedMs();
    QVERIFY2(clockMs(header->text()) <= real - 2000,
             qPrintable(header->text() + s(" at real ") + formatElapsed(real)));
    wall.refresh();
    QVERIFY(!wall.state().clockPaused);
    QVERIFY2(clockMs(wall.state().clock) <= real - 2000, qPrintable(wall.state().clock));
    QTRY_VERIFY(!standaloneClock().contains(s("PAUSED")));
    QVERIFY2(clockMs(standaloneClock()) <= m_console->session()->elapsedMs() - 2000,
             qPrintable(standaloneClock()));
}

void TestFacilitator::fireNowAnnouncesAndCtrlKAcknowledges()
{
    QVERIFY(startDrill());
    FacilitationSession &session = m_actions->session();
    IncidentSession &incident = *m_console->session();
    incident.setActor(s("Priya Raman"));
    QCOMPARE(m_window->selectedInject(), s("hello")); // the next one due
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(session.pendingAnnouncements().size(), 1);
    QCOMPARE(session.runner()->injects().find(s("hello"))->state, InjectState::State::Fired);
    QCOMPARE(session.runner()->injects().find(s("later"))->state, InjectState::State::Upcoming);
    m_actions->banner()->refresh();
    const QString banner = m_actions->banner()->lines().value(0);
    QVERIFY2(banner.startsWith(s("INJECT at T+00:00:")), qPrintable(banner));
    QVERIFY2(banner.contains(s("to Communications lead: Support reports checkout errors.")),
             qPrintable(banner));
    QVERIFY(m_actions->wallFeed()->lines().value(0).contains(s("Support reports checkout")));
    QVERIFY(m_actions->acknowledgeAction()->isEnabled());

    QTest::qWait(200); // some time to acknowledge
    m_console->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_console));
    QTest::keyClick(m_console, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(session.pendingAnnouncements().isEmpty());
    const InjectState *hello = session.runner()->injects().find(s("hello"));
    QCOMPARE(hello->acknowledgedBy, s("Priya Raman"));
    QVERIFY(hello->timeToAcknowledgeMs() >= 150);
    const TimelineEvent &last = incident.events().constLast();
    QCOMPARE(last.actor, s("Priya Raman"));
    // Its times say they are the drill clock's, in a postmortem whose T+ are real time.
    QVERIFY2(last.payload.value(PayloadKey::Text)
                 .toString()
                 .contains(QRegularExpression(
                     s("^Drill inject hello acknowledged at T\\+00:00:\\d\\d on the drill "
                       "clock, 00:00:\\d\\d of drill time after it was announced\\.$"))),
             qPrintable(last.payload.value(PayloadKey::Text).toString()));
    QCOMPARE(incident.actor(), s("Priya Raman")); // the runner gave the console its actor back
    QVERIFY(m_actions->banner()->lines().isEmpty());
    QVERIFY(m_actions->wallFeed()->lines().isEmpty());
    QVERIFY(!m_actions->acknowledgeAction()->isEnabled());
}

void TestFacilitator::observationStaysOffTheTimeline()
{
    QVERIFY(startDrill());
    const qsizetype events = m_console->session()->events().size();
    QTest::keyClick(m_window, Qt::Key_O, Qt::ControlModifier);
    auto *edit = m_window->findChild<QLineEdit *>(s("facilitatorObservation"));
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, s("Commander asked who holds comms"));
    QTest::keyClick(edit, Qt::Key_Return);
    const QList<Observation> &notes = m_actions->session().log().observations();
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes.at(0).text, s("Commander asked who holds comms"));
    QCOMPARE(notes.at(0).stepId, s("scope")); // the step the room is on
    QVERIFY(edit->text().isEmpty());
    QCOMPARE(m_console->session()->events().size(), events); // not in the players' record
    // ... but in the drill's facilitation record, which a restart and the debrief read back.
    QString error;
    const auto kept
        = FacilitationRecord::load(m_drill->store(), m_console->session()->incident().id, &error);
    QVERIFY2(kept, qPrintable(error));
    QCOMPARE(kept->log.observations().size(), 1);
    QCOMPARE(kept->log.observations().at(0).text, s("Commander asked who holds comms"));
    QCOMPARE(kept->log.observations().at(0).stepId, s("scope"));
    // Blank: refused, in words.
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(m_actions->session().log().observations().size(), 1);
    QVERIFY(m_window->status().startsWith(s("Not done: ")));
}

// Ctrl+R opens the P/S/M/U rating of the room's step: Enter with no rating chosen is refused
// in words and keeps the dialog; Alt+S, a note and Enter (the default button) record it in the
// drill's record, the window's list and the debrief saved from the window; Escape says that
// nothing was recorded.
void TestFacilitator::ratingByKeysReachesTheDebrief()
{
    QVERIFY(startDrill());
    const auto openDialog = [this]() -> RatingDialog * {
        m_window->activateWindow(); // back from the last dialog: Ctrl+R is the window's key
        if (!QTest::qWaitForWindowActive(m_window))
            return nullptr;
        QTest::keyClick(m_window, Qt::Key_R, Qt::ControlModifier);
        RatingDialog *dialog = nullptr;
        (void)QTest::qWaitFor([&] {
            dialog = m_window->findChild<RatingDialog *>();
            return dialog && dialog->isVisible();
        });
        return dialog && dialog->isVisible() ? dialog : nullptr;
    };
    RatingDialog *dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->stepId(), s("scope")); // the step the room is on
    QTest::keyClick(dialog, Qt::Key_Return);
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->problem().contains(s("choose a rating first")), qPrintable(dialog->problem()));
    QVERIFY(m_actions->session().log().ratings().isEmpty());
    QTest::keyClick(dialog, Qt::Key_S, Qt::AltModifier);
    // A mnemonic clicks as an animated click: checked some 100 ms later.
    QTRY_VERIFY(dialog->findChild<QRadioButton *>(s("ratingS"))->isChecked());
    auto *note = dialog->findChild<QLineEdit *>(s("ratingNote"));
    QTest::keyClicks(note, s("class chosen late"));
    QTest::keyClick(note, Qt::Key_Return);
    QTRY_VERIFY(!m_window->findChild<RatingDialog *>());
    const StepRating *r = m_actions->session().log().rating(s("scope"));
    QVERIFY(r);
    QCOMPARE(r->rating, PerformanceRating::SomeChallenges);
    QCOMPARE(r->note, s("class chosen late"));
    QVERIFY2(m_window->status().contains(s("rated S")), qPrintable(m_window->status()));
    m_window->refresh();
    QCOMPARE(m_window->findChild<QTreeWidget *>(s("facilitatorRatings"))->topLevelItemCount(), 1);

    dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QRadioButton *>(s("ratingS"))->isChecked()); // shown again
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!m_window->findChild<RatingDialog *>());
    QVERIFY2(m_window->status().contains(s("nothing recorded")), qPrintable(m_window->status()));

    // The debrief saved from the window carries it (from the database, not the window).
    QString error;
    const QString md = m_drill->dir().filePath(s("debrief.md"));
    QVERIFY2(m_window->writeDebrief(md, &error), qPrintable(error));
    QFile f(md);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY2(text.contains(s("| Confirm incident scope and declare rollback class | S | performed "
                             "with some challenges | class chosen late |")),
             qPrintable(text));
    const QString pdf = m_drill->dir().filePath(s("debrief.pdf"));
    QVERIFY2(m_window->writeDebrief(pdf, &error), qPrintable(error));
    QVERIFY(QFileInfo(pdf).size() > 1000);

    // Rated again: the new rating replaces the old, and says so (it did without a word).
    dialog = openDialog();
    QVERIFY(dialog);
    QTest::keyClick(dialog, Qt::Key_P, Qt::AltModifier);
    QTest::keyClick(dialog->findChild<QLineEdit *>(s("ratingNote")), Qt::Key_Return);
    QTRY_VERIFY(!m_window->findChild<RatingDialog *>());
    QCOMPARE(m_window->status(), s("Step scope rated P (it replaces S); it is in the drill's "
                                   "record and its debrief."));
}

// The dialog offers the room's step first and then the capabilities the scenario names for it:
// Down reaches the capability, Alt+M and a note rate it; the record keeps it as a capability's
// rating and the debrief shows it per capability, with its note and who rated it.
void TestFacilitator::capabilityRatingByKeys()
{
    QVERIFY(startDrill());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTest::keyClick(m_window, Qt::Key_R, Qt::ControlModifier);
    RatingDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<RatingDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->stepId(), s("scope"));
    auto *subject = dialog->findChild<QComboBox *>(s("ratingStep"));
    QCOMPARE(subject->itemData(1).toString(), s("scope-and-class")); // next to its step
    // Down where the dialog opens (on the ratings) moves the subject; a second Down moves it
    // again, and never the rating (it checked the next one), and Up comes back past the list's
    // separator.
    QTest::keyClick(dialog->focusWidget(), Qt::Key_Down);
    QCOMPARE(dialog->stepId(), s("scope-and-class"));
    QTest::keyClick(dialog->focusWidget(), Qt::Key_Down);
    QCOMPARE(dialog->stepId(), s("notify"));
    for (const char *letter : {"ratingP", "ratingS", "ratingM", "ratingU"})
        QVERIFY2(!dialog->findChild<QRadioButton *>(s(letter))->isChecked(), letter);
    QTest::keyClick(dialog->focusWidget(), Qt::Key_Up);
    QCOMPARE(dialog->stepId(), s("scope-and-class"));
    QTest::keyClick(dialog, Qt::Key_M, Qt::AltModifier);
    QTRY_VERIFY(dialog->findChild<QRadioButton *>(s("ratingM"))->isChecked());
    auto *note = dialog->findChild<QLineEdit *>(s("ratingNote"));
    QTest::keyClicks(note, s("class argued for minutes"));
    QTest::keyClick(note, Qt::Key_Return);
    QTRY_VERIFY(!m_window->findChild<RatingDialog *>());
    QVERIFY2(m_window->status().contains(s("Capability scope-and-class rated M")),
             qPrintable(m_window->status()));
    QString error;
    const auto incidents = m_drill->store().incidents(&error); // newest first: the drill
    QVERIFY2(incidents && !incidents->isEmpty(), qPrintable(error));
    const auto entries = m_drill->store().facilitation(incidents->first().id, &error);
    QVERIFY2(entries, qPrintable(error));
    // The runner's drill-clock facts may come after it: the last rating is the one.
    const auto rating = std::find_if(entries->crbegin(), entries->crend(), [](const auto &e) {
        return e.kind == QString(FacilitationKind::Rating);
    });
    QVERIFY(rating != entries->crend());
    QCOMPARE(rating->subject, s("scope-and-class"));
    QCOMPARE(rating->payload.value(s("of")).toString(), s("capability"));
    const QString md = m_drill->dir().filePath(s("debrief.md"));
    QVERIFY2(m_window->writeDebrief(md, &error), qPrintable(error));
    QFile f(md);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY2(text.contains(s("| Scope the incident and its class | 1\\. Confirm incident scope and "
                             "declare rollback class; 4. Execute automation scripts; monitor "
                             "telemetry | M | performed with major challenges | class argued for "
                             "minutes |")),
             qPrintable(text));
}

// Every list's headers are whole: the ratings' first read "Step or capa" at its default width.
void TestFacilitator::headersAreWhole()
{
    QVERIFY(startDrill());
    m_window->refresh();
    const QList<QTreeWidget *> trees = m_window->findChildren<QTreeWidget *>();
    QVERIFY(trees.size() >= 3);
    for (const QTreeWidget *tree : trees) {
        const QFontMetrics metrics = tree->header()->fontMetrics();
        for (int c = 0; c < tree->columnCount(); ++c) {
            const QString title = tree->headerItem()->text(c);
            QVERIFY2(tree->header()->sectionSize(c) >= metrics.horizontalAdvance(title),
                     qPrintable(s("%1 %2: %3 < %4")
                                    .arg(tree->objectName(), title)
                                    .arg(tree->header()->sectionSize(c))
                                    .arg(metrics.horizontalAdvance(title))));
        }
    }
}

QTEST_MAIN(TestFacilitator)
#include "tst_facilitator.moc"
