// The console on real screen sizes: the offscreen platform is given a 1280x720 screen and a
// 1920x1080 one (its default is one 800x800 screen), the window fills the screen's available
// area as the app's first start does, and the step panel must show its current item whole,
// without scrolling, while the header names the people in the room (the roles line once wrapped
// to two lines at 1280x720 and left half of the item in view).

#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "ui/incident/ElidedLabel.h"
#include "ui/incident/IncidentHeader.h"
#include "ui/incident/IncidentView.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"

#include <QApplication>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace warroom;
using warroom::test::s;

namespace {

constexpr qint64 t0 = 1'767'225'600'000;

QScreen *screenOfSize(const QSize &size)
{
    for (QScreen *screen : QGuiApplication::screens())
        if (screen->geometry().size() == size)
            return screen;
    return nullptr;
}

// With WARROOM_SHOTS set to a folder, saves what the window shows there.
void shot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("WARROOM_SHOTS");
    if (!dir.isEmpty())
        w.grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

// Whether the header's clock is whole inside the window, and where it is when it is not.
QRect clockRect(const QWidget &window, const QWidget &clock)
{
    return {clock.mapTo(&window, QPoint(0, 0)), clock.size()};
}

bool clockInside(const QWidget &window, const QWidget &clock)
{
    return window.rect().contains(clockRect(window, clock));
}

QString clockPlace(const QWidget &window, const QWidget &clock)
{
    const QRect r = clockRect(window, clock);
    return s("clock at x %1..%2 in a window %3 wide")
        .arg(r.left())
        .arg(r.right())
        .arg(window.width());
}

} // namespace

class TestConsoleFit : public QObject
{
    Q_OBJECT

public:
    enum class Story { FirstItem, RoomAtStep2, RollbackJob };

private slots:
    void initTestCase();
    void currentItemWholeInView_data();
    void currentItemWholeInView();
    void rolesLineIsOneLineWithEverythingInItsTooltip();
    void actingAsBesideItsField_data();
    void actingAsBesideItsField();
    void longTitleKeepsTheClockOnScreen();
    void longCommanderKeepsTheClockOnScreen();

private:
    std::unique_ptr<MainWindow> open(const QSize &screenSize, Story story,
                                     const QString &title = s("Checkout 5xx after v1.3.0 deploy"),
                                     const QString &commander = s("Priya Raman"));
    bool play(IncidentSession &session, Story story);

    QTemporaryDir m_dir;
    std::unique_ptr<TimelineStore> m_store;
    qint64 m_now = t0;
    int m_dbCount = 0;
};

Q_DECLARE_METATYPE(TestConsoleFit::Story)

void TestConsoleFit::initTestCase()
{
    initResources();
    QVERIFY(m_dir.isValid());
    QVERIFY2(screenOfSize({1280, 720}) && screenOfSize({1920, 1080}),
             "the offscreen platform did not take the screens of the test's configuration");
    QFile style(s(":/styles/warroom.qss"));
    QVERIFY(style.open(QIODevice::ReadOnly));
    qApp->setStyleSheet(QString::fromUtf8(style.readAll()));
}

// The demo incident's room (demo_incident --polling): roles held by five people, an item of step
// 2 deferred to step 8, command handed over, the rollback job's second poll under way.
bool TestConsoleFit::play(IncidentSession &session, Story story)
{
    const auto ok = [](const CommandResult &r) {
        if (!r.ok())
            qWarning("%s", qPrintable(r.message));
        return r.ok();
    };
    if (story == Story::FirstItem)
        return true;
    for (const char *item : {"impact", "trigger", "authority"})
        if (!ok(session.confirmItem(s("scope"), QLatin1String(item))))
            return false;
    if (!ok(session.confirmItem(s("scope"), s("class"), s("deploy")))
        || !ok(session.confirmItem(s("scope"), s("db-implications"))))
        return false;
    for (const auto &[role, person] :
         {std::pair{"database", "Lena Vogt"}, std::pair{"app-owner", "Ada Mensah"},
          std::pair{"comms", "Sam Okafor"}, std::pair{"sre", "Jon Park"},
          std::pair{"scribe", "Priya Raman"}})
        if (!ok(session.assignRole(s(role), s(person), s("Tom Berg"))))
            return false;
    if (!ok(session.confirmItem(s("notify"), s("channel"), {}, s("posted by hand")))
        || !ok(session.confirmItem(s("notify"), s("roles")))
        || !ok(session.deferItem(s("notify"), s("stakeholders"), s("audit"),
                                 s("compliance lead unreachable until the shift change")))
        || !ok(session.handOver(s("Marco Diaz"), s("Marco Diaz"),
                                {{s("situation"), s("Step 3: writes frozen")}})))
        return false;
    for (const char *item : {"capture", "freeze-writes", "write-rate"})
        if (!ok(session.confirmItem(s("freeze"), QLatin1String(item), {}, s("by hand"))))
            return false;
    if (!ok(session.confirmItem(s("execute"), s("marker-start"))))
        return false;
    session.setActor(s("Lena Vogt"));
    if (!ok(session.answerPoll(s("execute"), s("run"), s("database"), true)))
        return false;
    if (story == Story::RollbackJob)
        return ok(session.confirmItem(s("notify"), s("status-page")));
    return true;
}

std::unique_ptr<MainWindow> TestConsoleFit::open(const QSize &screenSize, Story story,
                                                 const QString &title, const QString &commander)
{
    m_store = std::make_unique<TimelineStore>();
    QString error;
    if (!m_store->open(m_dir.filePath(s("fit%1.sqlite").arg(++m_dbCount)), &error))
        return {};
    auto w = std::make_unique<MainWindow>(*m_store, QStringList{}, [this] { return m_now; });
    // As the first start places it: all of the screen's available area, maximised.
    QScreen *screen = screenOfSize(screenSize);
    w->setScreen(screen);
    w->setGeometry(screen->availableGeometry());
    w->showMaximized();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return {};
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d
        = test::declarationWithDefaults(checklist, title, commander, IncidentMode::Drill);
    d.variables.insert(s("service"), s("checkout-api"));
    if (!w->declareIncident(checklist, d) || !play(*w->session(), story))
        return {};
    m_now += 40 * 60'000;
    QTest::qWait(100); // the layout settles, the clock ticks
    return w;
}

void TestConsoleFit::currentItemWholeInView_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::addColumn<Story>("story");
    QTest::addColumn<QString>("item");
    const QString first = s("1/5  Impact confirmed");
    const QString status = s("4/4  Status page updated");
    const QString job = s("2/4  Rollback job of checkout-api");
    QTest::newRow("1280x720 step 1") << QSize(1280, 720) << Story::FirstItem << first;
    QTest::newRow("1280x720 step 2, people, poll") << QSize(1280, 720) << Story::RoomAtStep2
                                                    << status;
    QTest::newRow("1280x720 step 4, rollback job") << QSize(1280, 720) << Story::RollbackJob
                                                    << job;
    QTest::newRow("1920x1080 step 2, people, poll") << QSize(1920, 1080) << Story::RoomAtStep2
                                                     << status;
}

void TestConsoleFit::currentItemWholeInView()
{
    QFETCH(QSize, screen);
    QFETCH(Story, story);
    QFETCH(QString, item);
    std::unique_ptr<MainWindow> w = open(screen, story);
    QVERIFY(w);
    QCOMPARE(w->size(), screenOfSize(screen)->availableGeometry().size());
    auto *scroll = w->findChild<QScrollArea *>(s("stepScroll"));
    auto *label = w->findChild<QLabel *>(s("currentItem"));
    auto *title = w->findChild<ElidedLabel *>(s("stepTitle"));
    QVERIFY(scroll && label && title);
    QTRY_VERIFY(label->isVisible());
    QVERIFY2(label->text().startsWith(item), qPrintable(label->text()));
    shot(*w, s("fit-%1").arg(QLatin1String(QTest::currentDataTag())).replace(u' ', u'-').remove(u','));
    // Whole: from its top to its bottom inside the viewport, the panel not scrolled, and the
    // label as tall as its wrapped text needs.
    QCOMPARE(scroll->verticalScrollBar()->value(), 0);
    const QRect inView(label->mapTo(scroll->viewport(), QPoint(0, 0)), label->size());
    QVERIFY2(inView.top() >= 0 && inView.bottom() < scroll->viewport()->height(),
             qPrintable(s("item at y %1..%2, viewport height %3")
                            .arg(inView.top())
                            .arg(inView.bottom())
                            .arg(scroll->viewport()->height())));
    QVERIFY2(label->height() >= label->heightForWidth(label->width()),
             qPrintable(s("item %1 px tall, needs %2")
                            .arg(label->height())
                            .arg(label->heightForWidth(label->width()))));
    // The step's title gives way first, and only when it must: on a 1920x1080 screen it is whole.
    QVERIFY(title->fullText().startsWith(s("Step ")));
    QVERIFY(title->toolTip() == title->fullText());
    if (screen.height() >= 1080)
        QVERIFY2(!title->isCut(), qPrintable(title->text()));
}

void TestConsoleFit::rolesLineIsOneLineWithEverythingInItsTooltip()
{
    std::unique_ptr<MainWindow> w = open({1280, 720}, Story::RoomAtStep2);
    QVERIFY(w);
    auto *roles = w->findChild<ElidedLabel *>(s("rolesLine"));
    QVERIFY(roles);
    QVERIFY(roles->isVisible());
    QVERIFY2(roles->height() < 2 * roles->fontMetrics().lineSpacing(),
             qPrintable(QString::number(roles->height())));
    // Too long for 1280 wide: cut on screen, whole in the tooltip and in rolesText().
    QVERIFY(roles->isCut());
    QVERIFY(roles->text().endsWith(QChar(0x2026)));
    for (const char *holder : {"Communications lead Sam Okafor", "Database engineer Lena Vogt",
                               "Application owner Ada Mensah", "SRE on call Jon Park",
                               "Scribe Priya Raman"})
        QVERIFY2(roles->toolTip().contains(QLatin1String(holder)), holder);
    QCOMPARE(w->incidentView()->header()->rolesText(), roles->toolTip());
    // The commander line keeps the time on duty in sight.
    const QString commander = w->incidentView()->header()->commanderText();
    QVERIFY2(commander.startsWith(s("Commander: Marco Diaz \u00B7 ")), qPrintable(commander));
    QVERIFY2(commander.endsWith(s(" on duty")), qPrintable(commander));
    // Whole on screen: elided since a long name widened the window, it was cut to "… on d…".
    QVERIFY(!w->findChild<ElidedLabel *>(s("commanderLine"))->isCut());
    // Another person at this screen: the line names them at once, not at the next event.
    QVERIFY(w->session()->setActor(s("Sam Okafor")));
    const QString now = w->incidentView()->header()->rolesText();
    QVERIFY2(now.startsWith(s("Sam Okafor acts as Communications lead")), qPrintable(now));
}

void TestConsoleFit::actingAsBesideItsField_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::addColumn<int>("story");
    QTest::addColumn<bool>("rolesShown");
    QTest::newRow("no roles yet, 1920x1080") << QSize(1920, 1080) << int(Story::FirstItem) << false;
    QTest::newRow("no roles yet, 1280x720") << QSize(1280, 720) << int(Story::FirstItem) << false;
    QTest::newRow("roles held, 1920x1080") << QSize(1920, 1080) << int(Story::RoomAtStep2) << true;
}

// "Acting as:" sits beside the field it names: before anyone held a role the hidden roles line
// left its room to the label and the field, and the label stood a third of the screen away.
void TestConsoleFit::actingAsBesideItsField()
{
    QFETCH(QSize, screen);
    QFETCH(int, story);
    QFETCH(bool, rolesShown);
    std::unique_ptr<MainWindow> w = open(screen, Story(story));
    QVERIFY(w);
    QCOMPARE(w->findChild<ElidedLabel *>(s("rolesLine"))->isVisible(), rolesShown);
    const QLabel *label = nullptr;
    for (const QLabel *l : w->findChildren<QLabel *>())
        if (l->text() == s("Acting as:"))
            label = l;
    const auto *field = w->findChild<QLineEdit *>(s("actorEdit"));
    QVERIFY(label && field);
    const int labelRight
        = label->mapTo(w.get(), QPoint(label->fontMetrics().horizontalAdvance(label->text()), 0))
              .x();
    const int fieldLeft = field->mapTo(w.get(), QPoint(0, 0)).x();
    QVERIFY2(fieldLeft - labelRight >= 0 && fieldLeft - labelRight <= 24,
             qPrintable(s("label ends at %1, field starts at %2").arg(labelRight).arg(fieldLeft)));
    // And the field is wide enough for a name, not the row's leftovers.
    QVERIFY2(field->width() >= field->fontMetrics().horizontalAdvance(s("Priya Raman")),
             qPrintable(QString::number(field->width())));
    QVERIFY2(field->width() <= screen.width() / 3, qPrintable(QString::number(field->width())));
}

// A drill's long title (the stalled data rollback's is 73 characters; a declaration takes 300)
// widened the window past a 1400-pixel screen, and the clock at the header's right was cut off.
void TestConsoleFit::longTitleKeepsTheClockOnScreen()
{
    QString title = s("Drill: the backend stalls during a data rollback; did the revert happen?");
    while (title.size() < 290)
        title += s(" And again, with the replica lagging");
    title = title.left(300).trimmed(); // the most a declaration takes, as it keeps it
    std::unique_ptr<MainWindow> w = open({1280, 720}, Story::FirstItem, title);
    QVERIFY(w);
    QCOMPARE(w->size(), screenOfSize({1280, 720})->availableGeometry().size());
    auto *titleLabel = w->findChild<ElidedLabel *>(s("incidentTitle"));
    auto *clock = w->findChild<QLabel *>(s("elapsedClock"));
    QVERIFY(titleLabel && clock);
    QVERIFY(titleLabel->isCut());
    QCOMPARE(titleLabel->toolTip(), title);
    QVERIFY2(clockInside(*w, *clock), qPrintable(clockPlace(*w, *clock)));
    QVERIFY2(clock->width() >= clock->sizeHint().width(), qPrintable(clock->text()));
}

// A commander's name as long as a declaration takes (200 characters), three hours on duty and the
// suggestion to hand over: the line widened the window to 2,835 pixels on a 1,280-pixel screen,
// the clock far off its edge.
void TestConsoleFit::longCommanderKeepsTheClockOnScreen()
{
    const QString name = s("Priya Raman-Oyelaran ").repeated(10).left(200).trimmed();
    std::unique_ptr<MainWindow> w = open({1280, 720}, Story::FirstItem, s("Checkout 5xx"), name);
    QVERIFY(w);
    m_now += 3 * 60 * 60'000 + 5 * 60'000;
    QTest::qWait(1200); // the header's second
    const QString commander = w->incidentView()->header()->commanderText();
    QVERIFY2(commander.contains(s("consider a handover")), qPrintable(commander));
    QCOMPARE(w->size(), screenOfSize({1280, 720})->availableGeometry().size());
    auto *clock = w->findChild<QLabel *>(s("elapsedClock"));
    QVERIFY(clock);
    QVERIFY2(clockInside(*w, *clock), qPrintable(clockPlace(*w, *clock)));
    // Cut, not hidden: the name's start is in sight and the whole line in the tooltip.
    auto *line = w->findChild<ElidedLabel *>(s("commanderLine"));
    QVERIFY(line);
    QVERIFY(line->isCut());
    QVERIFY2(line->width() >= w->width() / 4, qPrintable(QString::number(line->width())));
    QVERIFY2(line->text().startsWith(s("Commander: Priya Raman-Oyelaran")),
             qPrintable(line->text()));
    // The name is cut, not the time on duty and the suggestion after it (they went first).
    const QString afterName = commander.mid(commander.indexOf(s(" \u00B7 ")));
    QVERIFY2(line->text().endsWith(QChar(0x2026) + afterName), qPrintable(line->text()));
    QVERIFY(line->toolTip().startsWith(commander));
    shot(*w, s("long-commander"));
}

// The offscreen platform reads its screens from a JSON file named in the platform's options:
// written before the application starts.
int main(int argc, char *argv[])
{
    QTemporaryDir configDir;
    const QJsonObject config{
        {QStringLiteral("windowFrameMargins"), false},
        {QStringLiteral("screens"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("hd")},
                                {QStringLiteral("x"), 0},
                                {QStringLiteral("y"), 0},
                                {QStringLiteral("width"), 1280},
                                {QStringLiteral("height"), 720},
                                {QStringLiteral("logicalDpi"), 96}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("fullhd")},
                                {QStringLiteral("x"), 1280},
                                {QStringLiteral("y"), 0},
                                {QStringLiteral("width"), 1920},
                                {QStringLiteral("height"), 1080},
                                {QStringLiteral("logicalDpi"), 96}}}}};
    const QString path = configDir.filePath(QStringLiteral("screens.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(config).toJson()) < 0)
        return 1;
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());
    // Placement and zoom are remembered in settings: a test starts from none.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QSettings().clear();
    TestConsoleFit test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_consolefit.moc"
