// The wall screen on the offscreen platform: it follows the open incident live, every text is
// at least 3% of the screen's height (the current item 6%) at 1280x720, 1920x1080 and 3840x2160,
// sizes scale with the screen, the current item wraps and the strip carries state words.
#include "ui/main/MainWindow.h"
#include "ui/main/Resources.h"
#include "ui/wall/WallController.h"
#include "ui/wall/WallStyle.h"
#include "ui/wall/WallWindow.h"

#include "WallLabels.h"
#include "control/IncidentController.h"
#include "store/TimelineStore.h"
#include "support/DeclaredIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::label;
using warroom::test::s;
using warroom::test::texts;

namespace {

constexpr qint64 t0 = 1'767'225'600'000;

// Every visible widget with a text: whatever its class, a new label cannot escape the measure.
QList<QWidget *> textBearing(const QWidget &wall)
{
    QList<QWidget *> out;
    for (QWidget *w : wall.findChildren<QWidget *>()) {
        const QVariant text = w->property("text");
        if (w->isVisible() && text.isValid() && !text.toString().trimmed().isEmpty())
            out << w;
    }
    return out;
}

} // namespace

class TestWallView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void followsTheSessionLive();
    void clockTicksEachSecond();
    void textHeightsMeetTheTarget_data();
    void textHeightsMeetTheTarget();
    void sizesScaleWithTheScreen();
    void longItemWrapsNeverElides_data();
    void longItemWrapsNeverElides();
    void stripShowsStateWords();
    void consoleOpensTheWallWithF11();

private:
    bool declare(const QString &title, const QMap<QString, QString> &variables = {});
    void busyIncident();
    void resizeWall(const QSize &size);

    QTemporaryDir m_dir;
    std::unique_ptr<TimelineStore> m_store;
    std::unique_ptr<IncidentController> m_controller;
    std::unique_ptr<WallWindow> m_wall;
    qint64 m_now = t0;
    int m_dbCount = 0;
};

void TestWallView::initTestCase()
{
    initResources();
    // The console's style sheet is on in the app; the wall's own sizes must win over it.
    QFile style(s(":/styles/warroom.qss"));
    QVERIFY(style.open(QIODevice::ReadOnly));
    qApp->setStyleSheet(QString::fromUtf8(style.readAll()));
}

void TestWallView::init()
{
    m_now = t0;
    m_store = std::make_unique<TimelineStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir.filePath(s("wall%1.db").arg(++m_dbCount)), &error),
             qPrintable(error));
    m_controller = std::make_unique<IncidentController>(*m_store, [this] { return m_now; });
    m_wall = std::make_unique<WallWindow>();
    m_wall->follow(*m_controller);
}

void TestWallView::cleanup()
{
    m_wall.reset();
    m_controller.reset();
    m_store.reset();
}

bool TestWallView::declare(const QString &title, const QMap<QString, QString> &variables)
{
    const Checklist checklist = test::shippedChecklist();
    IncidentDeclaration d
        = test::declarationWithDefaults(checklist, title, s("Priya Raman"), IncidentMode::Drill);
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        d.variables.insert(it.key(), it.value());
    QString error;
    const bool ok = m_controller->declare(checklist, d, &error);
    if (!ok)
        qWarning("%s", qPrintable(error));
    return ok;
}

// Every part of the wall in use: a done step, skipped ones, an override, a check not yet
// started under way, a note, announcements.
void TestWallView::busyIncident()
{
    QVERIFY(declare(s("Checkout 5xx after v1.3.0 deploy")));
    IncidentSession *session = m_controller->session();
    for (const char *item : {"impact", "trigger", "authority"})
        QVERIFY(session->confirmItem(s("scope"), QLatin1String(item)).ok());
    // Out of order: an override, amber on the strip.
    QVERIFY(session->confirmItem(s("scope"), s("db-implications"), {}, s("checked at 09:00")).ok());
    QVERIFY(session->confirmItem(s("scope"), s("class"), s("deploy")).ok());
    for (const char *step : {"notify", "freeze", "execute"})
        QVERIFY(session->skipStep(QLatin1String(step), s("tabletop drill")).ok());
    QVERIFY(session->addNote(s("Rollback start marker placed")).ok());
    // The version check under way, its last sample failing.
    const QJsonObject run{{s("run"), s("run-1")}};
    QVERIFY(session->startRun(s("validate"), s("version"), run).ok());
    m_now += 4'000;
    QJsonObject sample = run;
    sample.insert(s("value_text"), s("v1.3.0"));
    sample.insert(s("threshold"), s("== v1.2.0"));
    sample.insert(s("passed"), false);
    QVERIFY(session->recordRun(EventKind::CheckSampled, s("validate"), s("version"), sample).ok());
    m_now += 3'000;
    m_wall->announcements().add(s("INJECT: the database engineer has dropped off the call"));
    m_wall->announcements().add(s("Command handed over to Sam Lee"), WallTone::Active);
    m_wall->refresh();
}

void TestWallView::resizeWall(const QSize &size)
{
    m_wall->resize(size);
    m_wall->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wall.get()));
    QCOMPARE(m_wall->size(), size);
    QApplication::processEvents();
}

void TestWallView::followsTheSessionLive()
{
    resizeWall({1920, 1080});
    QVERIFY(label(*m_wall, "wallEmpty")->isVisible());
    QVERIFY(declare(s("Checkout 5xx")));
    QCOMPARE(label(*m_wall, "wallTitle")->text(), s("Checkout 5xx"));
    QVERIFY(!label(*m_wall, "wallEmpty")->isVisible());
    const QString first
        = s("1/5  Impact confirmed: affected services, regions and customers written down");
    QCOMPARE(label(*m_wall, "wallItem")->text(), first);
    // An event committed at the console is on the wall at once: the next item, the timeline.
    m_now += 65'000;
    QVERIFY(m_controller->session()->confirmItem(s("scope"), s("impact")).ok());
    QVERIFY(label(*m_wall, "wallItem")->text().startsWith(s("2/5  Rollback trigger met")));
    const QStringList recent = texts(*m_wall, "wallRecentEntry");
    QVERIFY(!recent.isEmpty());
    QVERIFY2(recent.first().startsWith(s("T+00:01:05")), qPrintable(recent.first()));
    QVERIFY2(recent.first().contains(s("Impact confirmed")), qPrintable(recent.first()));
    QCOMPARE(texts(*m_wall, "wallTileState").first(), s("\u25B6 ACTIVE"));
    // Another incident opened at the console: the wall follows the controller to it.
    QVERIFY(declare(s("Payments latency")));
    QCOMPARE(label(*m_wall, "wallTitle")->text(), s("Payments latency"));
    QCOMPARE(label(*m_wall, "wallItem")->text(), first);
}

void TestWallView::clockTicksEachSecond()
{
    resizeWall({1280, 720});
    QVERIFY(declare(s("Clock")));
    QCOMPARE(label(*m_wall, "wallClock")->text(), s("T+00:00:00"));
    m_now += 42'000;
    QTRY_COMPARE_WITH_TIMEOUT(label(*m_wall, "wallClock")->text(), s("T+00:00:42"), 2500);
}

void TestWallView::textHeightsMeetTheTarget_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("720p") << QSize(1280, 720);
    QTest::newRow("1080p") << QSize(1920, 1080);
    QTest::newRow("2160p") << QSize(3840, 2160);
}

void TestWallView::textHeightsMeetTheTarget()
{
    QFETCH(QSize, size);
    busyIncident();
    resizeWall(size);
    // WARROOM_SHOTS=DIR keeps a picture of what was measured, to look at as a person would.
    if (qEnvironmentVariableIsSet("WARROOM_SHOTS"))
        m_wall->grab().save(s("%1/wall-busy-%2x%3.png")
                                .arg(qEnvironmentVariable("WARROOM_SHOTS"))
                                .arg(size.width())
                                .arg(size.height()));
    const QList<QWidget *> measured = textBearing(*m_wall);
    // Every part in use is measured: header, step, item, measured value, announcements, the
    // strip with a flag. (Timeline entries give way first when space runs out.)
    QSet<QString> names;
    for (const QWidget *w : measured)
        names.insert(w->objectName());
    for (const char *name : {"wallBadge", "wallTitle", "wallCommander", "wallForecast",
                             "wallClock", "wallStepHeading", "wallStepState", "wallItem",
                             "wallMeasureHeading", "wallValue", "wallMeasureDetail",
                             "wallAnnouncement",
                             "wallTileTitle", "wallTileState", "wallTileFlag"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
    QVERIFY2(measured.size() >= 29, qPrintable(QString::number(measured.size())));
    const QRect window = m_wall->rect();
    for (const QWidget *w : measured) {
        const QString name = w->objectName();
        const double share = name == QLatin1String("wallItem") ? 0.06 : 0.03;
        const int pixelHeight = QFontInfo(w->font()).pixelSize();
        QVERIFY2(pixelHeight >= share * size.height(),
                 qPrintable(s("%1 \"%2\": %3 px < %4% of %5")
                                .arg(name, w->property("text").toString())
                                .arg(pixelHeight)
                                .arg(share * 100)
                                .arg(size.height())));
        // Rich text could set its own smaller size inside a label.
        QVERIFY2(!w->property("text").toString().contains(s("font-size")), qPrintable(name));
        // Fully on screen, and not squeezed: no scrolling, nothing cut off.
        const QRect r(w->mapTo(m_wall.get(), QPoint(0, 0)), w->size());
        QVERIFY2(window.contains(r), qPrintable(name));
        const auto *l = qobject_cast<const QLabel *>(w);
        if (l && l->wordWrap())
            QVERIFY2(l->height() >= l->heightForWidth(l->width()),
                     qPrintable(s("%1 is %2 px tall, needs %3")
                                    .arg(name)
                                    .arg(l->height())
                                    .arg(l->heightForWidth(l->width()))));
        else
            QVERIFY2(w->height() >= w->fontMetrics().height()
                         && w->width() >= w->fontMetrics().horizontalAdvance(
                                w->property("text").toString().section(u'\n', 0, 0)),
                     qPrintable(name));
    }
}

void TestWallView::sizesScaleWithTheScreen()
{
    busyIncident();
    struct Measure
    {
        int itemPixels;
        int textPixels;
        QRectF tile; // the first tile, as shares of the window
    };
    QList<Measure> measures;
    for (const QSize size : {QSize(1280, 720), QSize(3840, 2160)}) {
        resizeWall(size);
        const QList<QWidget *> tiles = m_wall->findChildren<QWidget *>(s("wallTile"));
        QVERIFY(tiles.size() == 8);
        const QWidget *tile = tiles.at(0);
        const QRect r(tile->mapTo(m_wall.get(), QPoint(0, 0)), tile->size());
        measures.append({QFontInfo(label(*m_wall, "wallItem")->font()).pixelSize(),
                         QFontInfo(label(*m_wall, "wallCommander")->font()).pixelSize(),
                         QRectF(double(r.x()) / size.width(), double(r.y()) / size.height(),
                                double(r.width()) / size.width(),
                                double(r.height()) / size.height())});
    }
    // Three times the height, three times the type (to a pixel of rounding).
    QVERIFY(qAbs(measures.at(1).itemPixels - 3 * measures.at(0).itemPixels) <= 3);
    QVERIFY(qAbs(measures.at(1).textPixels - 3 * measures.at(0).textPixels) <= 3);
    // The same place on the wall, within 2.5% of the screen: whole pixels of type and line
    // spacing round up a little more on a small screen, over some ten lines of text above.
    const QRectF a = measures.at(0).tile;
    const QRectF b = measures.at(1).tile;
    const double near = 0.025;
    QVERIFY2(qAbs(a.x() - b.x()) < near && qAbs(a.y() - b.y()) < near
                 && qAbs(a.width() - b.width()) < near && qAbs(a.height() - b.height()) < near,
             qPrintable(s("%1,%2 %3x%4 vs %5,%6 %7x%8")
                            .arg(a.x())
                            .arg(a.y())
                            .arg(a.width())
                            .arg(a.height())
                            .arg(b.x())
                            .arg(b.y())
                            .arg(b.width())
                            .arg(b.height())));
}

void TestWallView::longItemWrapsNeverElides_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("720p") << QSize(1280, 720);
    QTest::newRow("2160p") << QSize(3840, 2160);
}

void TestWallView::longItemWrapsNeverElides()
{
    QFETCH(QSize, size);
    // The fifth item of step 1 quotes {{good_version}}: a very long value makes a very long item.
    const QString longVersion = s("release-2026-11-29-hotfix-for-the-checkout-service-"
                                  "payments-retry-storm-build-48213-signed-by-release-team");
    QVERIFY(declare(s("Long item"), {{s("good_version"), longVersion}}));
    IncidentSession *session = m_controller->session();
    for (const char *item : {"impact", "trigger", "authority"})
        QVERIFY(session->confirmItem(s("scope"), QLatin1String(item)).ok());
    QVERIFY(session->confirmItem(s("scope"), s("class"), s("deploy")).ok());
    resizeWall(size);
    const QLabel *item = label(*m_wall, "wallItem");
    QVERIFY(item->text().contains(longVersion));
    QVERIFY(item->text().endsWith(s(")")));
    QVERIFY(!item->text().contains(QChar(0x2026)));
    QVERIFY(item->wordWrap());
    const int lineHeight = item->fontMetrics().lineSpacing();
    QVERIFY2(item->height() >= item->heightForWidth(item->width()),
             qPrintable(s("%1 < %2").arg(item->height()).arg(item->heightForWidth(item->width()))));
    QVERIFY2(item->height() >= 3 * lineHeight, qPrintable(QString::number(item->height())));
    const QRect r(item->mapTo(m_wall.get(), QPoint(0, 0)), item->size());
    QVERIFY(m_wall->rect().contains(r));
}

void TestWallView::stripShowsStateWords()
{
    busyIncident();
    resizeWall({1920, 1080});
    QCOMPARE(texts(*m_wall, "wallTileState"),
             QStringList({s("DONE"), s("SKIPPED"), s("SKIPPED"), s("SKIPPED"), s("\u25B6 ACTIVE"),
                          s("PENDING"), s("PENDING"), s("PENDING")}));
    QCOMPARE(texts(*m_wall, "wallTileFlag"), QStringList{s("OVERRIDDEN")});
    QStringList tones;
    for (const QLabel *l : m_wall->findChildren<QLabel *>(s("wallTileState")))
        tones << l->property("tone").toString();
    QCOMPARE(tones, QStringList({s("deferred"), s("deferred"), s("deferred"), s("deferred"),
                                 s("active"), s("pending"), s("pending"), s("pending")}));
    QCOMPARE(texts(*m_wall, "wallMeasureHeading"), QStringList{s("CHECK \u00B7 FAILING")});
    QCOMPARE(texts(*m_wall, "wallValue"), QStringList{s("v1.3.0")});
    QCOMPARE(label(*m_wall, "wallValue")->property("tone").toString(), s("failed"));
    QCOMPARE(texts(*m_wall, "wallMeasureDetail"),
             QStringList{s("threshold == v1.2.0 \u00B7 measured 3 s ago")});
    QCOMPARE(texts(*m_wall, "wallAnnouncement").size(), 2);
}

void TestWallView::consoleOpensTheWallWithF11()
{
    m_wall.reset();
    MainWindow window(*m_store, {});
    window.show();
    QAction *action = window.findChild<QAction *>(s("wallScreenAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F11));
    const QMenu *view = nullptr;
    for (const QAction *menu : window.menuBar()->actions())
        if (menu->menu() && menu->text().remove(u'&') == QLatin1String("View"))
            view = menu->menu();
    QVERIFY(view && view->actions().contains(action));
    const Checklist checklist = test::shippedChecklist();
    const IncidentDeclaration d = test::declarationWithDefaults(
        checklist, s("From the console"), s("Priya Raman"), IncidentMode::Live);
    QVERIFY(window.declareIncident(checklist, d));
    action->trigger();
    WallController *controller = window.findChild<WallController *>();
    QVERIFY(controller && controller->wall());
    QTRY_VERIFY(controller->wall()->isVisible());
    QVERIFY(controller->wall()->isFullScreen());
    QCOMPARE(label(*controller->wall(), "wallTitle")->text(), s("From the console"));
    QVERIFY(window.session()->confirmItem(s("scope"), s("impact")).ok());
    QVERIFY(label(*controller->wall(), "wallItem")->text().startsWith(s("2/5")));
    action->trigger();
    QVERIFY(!controller->wall()->isVisible());
}

QTEST_MAIN(TestWallView)
#include "tst_wallview.moc"
