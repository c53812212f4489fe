// The console for people: zoom, where the window opens, the completion summary, the replay
// banner, and the timeline's and checklist's columns.
#include "control/IncidentController.h"
#include "itemmodels/ChecklistModel.h"
#include "itemmodels/TimelineModel.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/ModalDialogs.h"
#include "support/OwnSettings.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/actions/IncidentActions.h"
#include "ui/gantt/GanttPanel.h"
#include "ui/incident/CompletionSummary.h"
#include "ui/incident/IncidentHeader.h"
#include "ui/incident/IncidentView.h"
#include "ui/main/ConsoleZoom.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"
#include "ui/main/WindowPlacement.h"
#include "util/TimeFormat.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

#include <functional>

using namespace warroom;
using warroom::test::s;
using warroom::test::whenDialogShows;

namespace {

int checklistFontHeight(const MainWindow &w)
{
    return QFontMetrics(w.findChild<QTreeView *>(s("checklistView"))->font()).height();
}

} // namespace

class TestConsole : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void zoomScalesFontsAndIsRemembered();
    void zoomScalesTheStyleSheet();
    void firstStartMaximisedThenRemembered();
    void fitted_data();
    void fitted();
    void completionSummaryThenClose();
    void closedEarlyIsNotASuccess_data();
    void closedEarlyIsNotASuccess();
    void failedStepOffersItsRestart();
    void replayBannerReplacesTheClock();
    void timelineColumnsFitTheirContent();
    void notesSayWhyWhileVerifying();
    void longTitlesWrap();
    void headerShowsBidiControls();

private:
    std::unique_ptr<MainWindow> openWindow(const Checklist &checklist,
                                           const QString &commander = s("Alice Chen"));

    QTemporaryDir m_dir;
    TimelineStore m_store;
    qint64 m_now = 1'767'225'600'000;
    Clock clock()
    {
        return [this] {
            return m_now;
        };
    }
};

void TestConsole::initTestCase()
{
    initResources();
    // Settings of this test only: zoom and window placement are remembered between windows.
    test::useOwnSettings(m_dir.filePath(s("settings")));
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(s("console.sqlite")), &error), qPrintable(error));
}

void TestConsole::init()
{
    QSettings().clear();
    qApp->setStyleSheet({});
}

std::unique_ptr<MainWindow> TestConsole::openWindow(const Checklist &checklist,
                                                    const QString &commander)
{
    auto w = std::make_unique<MainWindow>(m_store, QStringList{}, clock());
    IncidentDeclaration d = test::declarationWithDefaults(
        checklist, s("Payments API 5xx after v1.3.0"), commander, IncidentMode::Drill);
    w->show();
    if (!w->declareIncident(checklist, d))
        return nullptr;
    return w;
}

void TestConsole::zoomScalesFontsAndIsRemembered()
{
    // As the application starts: the style sheet set on the whole application.
    QFile style(s(":/styles/warroom.qss"));
    QVERIFY(style.open(QIODevice::ReadOnly));
    qApp->setStyleSheet(QString::fromUtf8(style.readAll()));
    int zoomedIn = 0;
    {
        auto w = openWindow(test::parallelChecklist());
        QVERIFY(w);
        const int normal = checklistFontHeight(*w);
        QAction *in = nullptr;
        QAction *reset = nullptr;
        for (QAction *a : w->findChildren<QAction *>()) {
            if (a->shortcuts().contains(QKeySequence(s("Ctrl+="))))
                in = a;
            if (a->shortcut() == QKeySequence(s("Ctrl+0")))
                reset = a;
        }
        QVERIFY(in && reset);
        QVERIFY(in->shortcuts().contains(QKeySequence(QKeySequence::ZoomIn)));
        in->trigger();
        in->trigger();
        zoomedIn = checklistFontHeight(*w);
        QVERIFY2(zoomedIn > normal, qPrintable(s("%1 -> %2").arg(normal).arg(zoomedIn)));
        reset->trigger();
        QCOMPARE(checklistFontHeight(*w), normal);
        w->zoom()->zoomIn();
        w->zoom()->zoomIn();
        QCOMPARE(checklistFontHeight(*w), zoomedIn);
        w->zoom()->zoomOut();
        QVERIFY(checklistFontHeight(*w) < zoomedIn);
        w->zoom()->zoomIn();
    }
    // A new window (the next start) comes back at the zoom it was left at.
    MainWindow again(m_store, {}, clock());
    again.show();
    again.start(std::nullopt);
    QCOMPARE(again.zoom()->factor(), 1.3);
    QCOMPARE(checklistFontHeight(again), zoomedIn);
    again.zoom()->reset();
    qApp->setStyleSheet({});
}

void TestConsole::zoomScalesTheStyleSheet()
{
    const QString qss
        = s("QWidget { font-size: 11pt; }\nQLabel#x { font-size: 20pt; padding: 4px; }");
    QCOMPARE(ConsoleZoom::scaled(qss, 1.5),
             s("QWidget { font-size: 16.5pt; }\nQLabel#x { font-size: 30.0pt; padding: 4px; }"));
    QCOMPARE(ConsoleZoom::scaled(qss, 1.0),
             s("QWidget { font-size: 11.0pt; }\nQLabel#x { font-size: 20.0pt; padding: 4px; }"));
}

void TestConsole::firstStartMaximisedThenRemembered()
{
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    {
        MainWindow w(m_store, {}, clock());
        QVERIFY(w.windowState() & Qt::WindowMaximized);
        w.show();
        QVERIFY(w.width() <= available.width() && w.height() <= available.height());
        w.setWindowState(Qt::WindowNoState);
        w.setGeometry(QRect(available.topLeft() + QPoint(20, 30), QSize(720, 520)));
        QVERIFY(w.close());
    }
    MainWindow again(m_store, {}, clock());
    QVERIFY(!(again.windowState() & Qt::WindowMaximized));
    QCOMPARE(again.geometry().size(), QSize(720, 520));
}

void TestConsole::fitted_data()
{
    QTest::addColumn<QRect>("wanted");
    QTest::addColumn<QRect>("available");
    QTest::addColumn<QRect>("expected");
    const QRect screen(0, 0, 1280, 720);
    QTest::newRow("fits") << QRect(10, 10, 800, 600) << screen << QRect(10, 10, 800, 600);
    QTest::newRow("too big") << QRect(0, 0, 1500, 950) << screen << QRect(0, 0, 1280, 720);
    QTest::newRow("off the right")
        << QRect(1000, 100, 800, 600) << screen << QRect(480, 100, 800, 600);
    QTest::newRow("second monitor gone")
        << QRect(3000, -50, 1000, 500) << screen << QRect(280, 0, 1000, 500);
    QTest::newRow("second monitor")
        << QRect(1900, 10, 4000, 2500) << QRect(1920, 0, 3840, 2160) << QRect(1920, 0, 3840, 2160);
}

// Closed with steps not done: amber, and no "under plan" (those steps did not take their time).
void TestConsole::closedEarlyIsNotASuccess_data()
{
    QTest::addColumn<bool>("failFirst");
    QTest::addColumn<QString>("left");
    // Worded as the walls word it: "4 step(s) not finished" on the console before.
    QTest::newRow("step 1 under way") << false << s("4 steps not finished");
    // A failed step is not finished: it was left out of the count, which said 3.
    QTest::newRow("step 1 failed") << true << s("1 step failed and 3 not finished");
}

void TestConsole::closedEarlyIsNotASuccess()
{
    QFETCH(bool, failFirst);
    QFETCH(QString, left);
    auto w = openWindow(test::parallelChecklist());
    QVERIFY(w);
    CompletionSummary *summary = w->incidentView()->completionSummary();
    m_now += 60'000;
    QVERIFY(w->session()->confirmItem(s("a"), s("a1")).ok());
    QVERIFY(!failFirst || w->session()->failStep(s("a"), s("job errored")).ok());
    QVERIFY(w->session()->close(s("drill ended early")).ok());
    QCOMPARE(summary->headingText(), s("Incident closed before every step was done"));
    const QString details = summary->detailsText();
    QVERIFY2(details.startsWith(s("Closed at T+00:01:00 with ") + left + s(" (plan T+")),
             qPrintable(details));
    QVERIFY2(!details.contains(s("under plan")), qPrintable(details));
    QVERIFY(summary->property("unfinished").toBool());
}

// A failed step's panel has its restart where its buttons were (its text named a menu path).
void TestConsole::failedStepOffersItsRestart()
{
    auto w = openWindow(test::parallelChecklist());
    QVERIFY(w);
    IncidentSession *session = w->session();
    QVERIFY(session->confirmItem(s("a"), s("a1")).ok());
    QVERIFY(session->failStep(s("a"), s("job errored")).ok());
    w->incidentView()->focusItem(0, -1);
    auto *restart = w->findChild<QAbstractButton *>(s("restartButton"));
    QVERIFY(restart);
    QTRY_VERIFY(restart->isVisible());
    QVERIFY(!w->findChild<QAbstractButton *>(s("confirmButton"))->isVisible());
    restart->click();
    QCOMPARE(session->engine().stepState(0), StepState::Active);
    QVERIFY(!restart->isVisible());
}

void TestConsole::fitted()
{
    QFETCH(QRect, wanted);
    QFETCH(QRect, available);
    QFETCH(QRect, expected);
    QCOMPARE(WindowPlacement::fitted(wanted, available), expected);
}

void TestConsole::completionSummaryThenClose()
{
    auto w = openWindow(test::parallelChecklist());
    QVERIFY(w);
    IncidentSession *session = w->session();
    CompletionSummary *summary = w->incidentView()->completionSummary();
    QVERIFY(!summary->isVisible());
    m_now += 60'000;
    QVERIFY(session->confirmItem(s("a"), s("a1")).ok());
    QVERIFY(session->confirmItem(s("a"), s("a2"), s("x")).ok());
    QVERIFY(session->confirmItem(s("b"), s("b1")).ok());
    QVERIFY(session->confirmItem(s("b"), s("b2")).ok());
    m_now += 60'000;
    QVERIFY(session->skipStep(s("c"), s("not needed in this drill")).ok());
    QVERIFY(!summary->isVisible());
    QVERIFY(session->confirmItem(s("d"), s("d1")).ok());
    // The empty step panel gives way to the summary.
    QVERIFY(summary->isVisible());
    QVERIFY(!w->findChild<QWidget *>(s("stepScroll"))->isVisible());
    QCOMPARE(summary->headingText(), s("All 4 steps done \u00B7 close the incident"));
    const QString details = summary->detailsText();
    QVERIFY2(details.contains(s("SKIPPED T+00:02:00")), qPrintable(details));
    QVERIFY2(details.contains(s("not needed in this drill")), qPrintable(details));
    QVERIFY2(details.contains(s("(plan T+")), qPrintable(details));
    auto *exportButton = summary->findChild<QToolButton *>(s("completionExport"));
    auto *closeButton = summary->findChild<QToolButton *>(s("completionClose"));
    QCOMPARE(exportButton->defaultAction(),
             w->actions()->action(IncidentActions::ExportPostmortem));
    QCOMPARE(closeButton->defaultAction(), w->actions()->action(IncidentActions::CloseIncident));
    QVERIFY(closeButton->isEnabled());

    m_now += 60'000;
    whenDialogShows<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
    QTest::mouseClick(closeButton, Qt::LeftButton);
    QTRY_VERIFY(session->engine().isClosed());
    QCOMPARE(summary->headingText(), s("Incident closed \u00B7 all 4 steps done"));
    QVERIFY(summary->detailsText().startsWith(s("Closed at T+00:03:00")));
    QVERIFY(!closeButton->isEnabled());
    // The clock stops at the close.
    const QString stopped = w->incidentView()->header()->clockText();
    QCOMPARE(stopped, s("T+00:03:00"));
    m_now += 120'000;
    QTest::qWait(600);
    QCOMPARE(w->incidentView()->header()->clockText(), stopped);
}

void TestConsole::replayBannerReplacesTheClock()
{
    auto w = openWindow(test::parallelChecklist());
    QVERIFY(w);
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    m_now += 45 * 60'000 + 10'000;
    QVERIFY(w->session()->confirmItem(s("a"), s("a1")).ok());
    auto *clockLabel = w->findChild<QLabel *>(s("elapsedClock"));
    auto *banner = w->findChild<QLabel *>(s("replayBanner"));
    QVERIFY(clockLabel->isVisible() && !banner->isVisible());
    w->incidentView()->gantt()->setReplayTime(12 * 60'000 + 3'000);
    QVERIFY(w->isReplaying());
    QVERIFY(!clockLabel->isVisible());
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->text(), s("REPLAY \u2014 T+00:12:03 of T+00:45:10"));
    QTest::keyClick(w->findChild<QTreeView *>(s("checklistView")), Qt::Key_Escape);
    QVERIFY(!w->isReplaying());
    QVERIFY(clockLabel->isVisible() && !banner->isVisible());
    // The button in the banner does the same.
    w->incidentView()->gantt()->setReplayTime(60'000);
    QTest::mouseClick(w->findChild<QAbstractButton *>(s("backToLiveButton")), Qt::LeftButton);
    QVERIFY(!w->isReplaying());
}

void TestConsole::timelineColumnsFitTheirContent()
{
    const QString longName = s("Maximiliane Alexandra von Hohenzollern-Sigmaringen");
    auto w = openWindow(test::parallelChecklist(), longName);
    QVERIFY(w);
    for (int i = 0; i < 120; ++i)
        QVERIFY(w->session()->addNote(s("note %1").arg(i)).ok());
    auto *table = w->findChild<QTableView *>(s("timelineView"));
    QHeaderView *header = table->horizontalHeader();
    const QModelIndex last
        = table->model()->index(table->model()->rowCount() - 1, TimelineModel::SeqColumn);
    QCOMPARE(last.data().toLongLong(), 121);
    // The sequence number is never cut: the column is as wide as the largest one needs.
    QVERIFY2(header->sectionSize(TimelineModel::SeqColumn) >= table->sizeHintForIndex(last).width(),
             qPrintable(s("%1 < %2")
                            .arg(header->sectionSize(TimelineModel::SeqColumn))
                            .arg(table->sizeHintForIndex(last).width())));
    // UTC, T+ and Step are sized from their formats, not measured row by row
    // (ResizeToContents), and still hold every row's text in full (a step started out of order
    // is an override, set in bold).
    QVERIFY(w->session()->startStep(s("c"), s("out of order on purpose")).ok());
    for (int column :
         {TimelineModel::UtcColumn, TimelineModel::ElapsedColumn, TimelineModel::StepColumn}) {
        QCOMPARE_NE(header->sectionResizeMode(column), QHeaderView::ResizeToContents);
        int needs = 0;
        for (int row = 0; row < table->model()->rowCount(); ++row)
            needs = std::max(needs,
                             table->sizeHintForIndex(table->model()->index(row, column)).width());
        QVERIFY2(header->sectionSize(column) >= needs,
                 qPrintable(s("column %1: %2 < %3")
                                .arg(column)
                                .arg(header->sectionSize(column))
                                .arg(needs)));
    }
    // Who is capped (the event text keeps its room) and says the whole name on hover.
    const QFontMetrics fm = table->fontMetrics();
    const int who = header->sectionSize(TimelineModel::ActorColumn);
    QVERIFY(who >= fm.horizontalAdvance(s("Priya Raman")));
    QVERIFY(who < fm.horizontalAdvance(longName));
    QCOMPARE(last.siblingAtColumn(TimelineModel::ActorColumn).data(Qt::ToolTipRole).toString(),
             longName);
}

void TestConsole::notesSayWhyWhileVerifying()
{
    qint64 id = 0;
    {
        auto w = openWindow(test::parallelChecklist());
        QVERIFY(w);
        QVERIFY(w->session()->addNote(s("before the restart")).ok());
        id = w->session()->incident().id;
    }
    // Opened as a long timeline is (its chain checked behind it), these few events included.
    MainWindow w(m_store, QStringList{}, clock());
    w.controller()->setCheckBehindFrom(0);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(50); // placed and laid out
    QVERIFY(w.openIncident(id));
    QVERIFY(w.session()->isVerifying());
    auto *note = w.findChild<QLineEdit *>(s("noteEdit"));
    QVERIFY(!note->isEnabled());
    // Not "closed, in replay, or its storage is lost": none of those is so.
    QVERIFY2(note->placeholderText().contains(s("being verified")),
             qPrintable(note->placeholderText()));
    // The blue line says so in the status bar; when the check passes it goes and the page stays
    // where it was (a line above the page pushed it down and back: a relayout of everything).
    auto *notice = w.findChild<QLabel *>(s("verifyingNotice"));
    QVERIFY(notice && notice->isVisible());
    QVERIFY2(notice->text().startsWith(s("Verifying the timeline")), qPrintable(notice->text()));
    auto *page = w.findChild<IncidentView *>();
    // Laid out while verifying: only the layout requests, not the check's queued verdict.
    for (int pass = 0; pass < 3; ++pass)
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QVERIFY(w.session()->isVerifying());
    const QRect whileVerifying = page->geometry();
    QTRY_VERIFY(!w.session()->isVerifying());
    QTRY_VERIFY(note->isEnabled());
    QVERIFY(notice->text().isEmpty());
    QApplication::processEvents();
    QCOMPARE(page->geometry(), whileVerifying);
    QVERIFY(w.session()->close(s("drill over")).ok());
    QTRY_VERIFY(!note->isEnabled());
    QVERIFY2(note->placeholderText().contains(s("is closed")), qPrintable(note->placeholderText()));
}

void TestConsole::longTitlesWrap()
{
    auto w = openWindow(test::shippedChecklist());
    QVERIFY(w);
    w->setWindowState(Qt::WindowNoState);
    w->resize(800, 600);
    auto *view = w->findChild<QTreeView *>(s("checklistView"));
    QTRY_VERIFY(view->isVisible());
    const QModelIndex title = w->checklistModel()->stepIndex(0);
    const QString text = title.data().toString();
    const QFontMetrics fm = view->fontMetrics();
    // Narrower than its title: the row grows to show all of it instead of ending in "…".
    QVERIFY(view->header()->sectionSize(ChecklistModel::TitleColumn) < fm.horizontalAdvance(text));
    QTRY_VERIFY(view->visualRect(title).height() >= 2 * fm.lineSpacing());
    QVERIFY(title.data(Qt::ToolTipRole).toString().startsWith(text));
}

// A commander's name with a right-to-left override: the header shows it as U+FFFD where it was
// instead of reordering the line ("Alice nehC").
void TestConsole::headerShowsBidiControls()
{
    // Declaring refuses such a name now; an older build's database holds it.
    const Checklist checklist = test::shippedChecklist();
    QString error;
    const auto id = test::storeUnchecked(m_store, checklist,
                                         test::declarationWithDefaults(checklist, s("Payments"),
                                                                       s("Alice \u202eChen"),
                                                                       IncidentMode::Drill),
                                         m_now, &error);
    QVERIFY2(id, qPrintable(error));
    auto w = std::make_unique<MainWindow>(m_store, QStringList{}, clock());
    w->show();
    QVERIFY(w->openIncident(*id));
    QString commander;
    for (const QLabel *label : w->findChild<QWidget *>(s("header"))->findChildren<QLabel *>()) {
        if (label->text().startsWith(s("Commander:")))
            commander = label->text();
    }
    QVERIFY2(commander.contains(s("Alice ") + QChar(0xFFFD) + s("Chen")), qPrintable(commander));
}

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
