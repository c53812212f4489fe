// The wall never grows past its screen: every line of it, as long as the room's words make it,
// wraps or is cut inside the screen, and the clock stays in sight.
#include "ui/main/Resources.h"
#include "ui/wall/WallWindow.h"

#include "support/TestStrings.h"
#include "wall/WallState.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestWallFit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void longLinesNeverWidenTheWall_data();
    void longLinesNeverWidenTheWall();
};

void TestWallFit::initTestCase()
{
    initResources();
    // The console's style sheet is on in the app; the wall's own sizes must win over it.
    QFile style(s(":/styles/warroom.qss"));
    QVERIFY(style.open(QIODevice::ReadOnly));
    qApp->setStyleSheet(QString::fromUtf8(style.readAll()));
}

void TestWallFit::longLinesNeverWidenTheWall_data()
{
    QTest::addColumn<QString>("part");
    for (const char *part : {"heading", "detail", "stages", "readings", "stepHeading", "itemText",
                             "poll", "roles", "commander", "title", "recent"})
        QTest::newRow(part) << QString::fromLatin1(part);
}

// A run in another step reads "ACTION · SUCCEEDED · step 7: Internal update sent (incident
// webhook): executives, support, …" as one line that did not wrap: the wall grew to 1,469 px on a
// 1,280-px screen and put the clock off its right edge, and never shrank back. Any line of the
// wall, as long as the room's words make it, wraps or is cut inside the screen.
void TestWallFit::longLinesNeverWidenTheWall()
{
    QFETCH(QString, part);
    const QString words
        = s("Internal update sent (incident webhook): executives, support, engineering, "
            "customer success and the status page all told the rollback is complete; ")
              .repeated(3);
    WallState state;
    state.hasIncident = true;
    state.title = s("Drill: payments-api v1.3.0 rollback");
    state.modeWord = s("DRILL");
    state.commander = s("Commander: Alice Commander");
    state.duty = s("0:07 on duty");
    state.clock = s("T+00:07:41");
    state.forecast = s("finished T+8 (plan T+65): 57 min under plan");
    state.stepHeading = s("ALL 8 STEPS FINISHED");
    state.stepStateWord = s("DONE");
    state.itemText = s("Every step is finished.");
    state.measurement.shown = true;
    state.measurement.heading = s("ACTION \u00B7 SUCCEEDED");
    state.measurement.value = s("200");
    for (int i = 1; i <= 8; ++i)
        state.steps << WallStepTile{
            i, s("Step %1").arg(i), s("Step %1").arg(i), s("DONE"), {}, WallTone::Done, false};
    state.recent << WallTimelineEntry{s("T+00:07:18"), s("Carol Comms"), s("Step 8 done"), false};
    QString *target = part == s("heading")       ? &state.measurement.heading
                      : part == s("detail")      ? &state.measurement.detail
                      : part == s("stages")      ? &state.measurement.stages
                      : part == s("stepHeading") ? &state.stepHeading
                      : part == s("itemText")    ? &state.itemText
                      : part == s("poll")        ? &state.poll
                      : part == s("roles")       ? &state.roles
                      : part == s("commander")   ? &state.commander
                      : part == s("title")       ? &state.title
                      : part == s("recent")      ? &state.recent.first().text
                                                 : nullptr;
    if (part == s("readings"))
        state.measurement.readings << words;
    else
        *target += s(" \u00B7 ") + words;
    state.pollOnCurrentItem = true;
    WallWindow wall;
    wall.setSource([state](const WallAnnouncements &) { return state; });
    wall.resize(1280, 720);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    wall.refresh();
    QApplication::processEvents();
    QCOMPARE(wall.width(), 1280);
    QVERIFY2(wall.minimumSizeHint().width() <= 1280,
             qPrintable(QString::number(wall.minimumSizeHint().width())));
    const QLabel *clock = wall.findChild<QLabel *>(QStringLiteral("wallClock"));
    QVERIFY(clock);
    const QRect r(clock->mapTo(&wall, QPoint(0, 0)), clock->size());
    QVERIFY2(wall.rect().contains(r), qPrintable(s("clock at %1, %2").arg(r.x()).arg(r.right())));
}

QTEST_MAIN(TestWallFit)
#include "tst_wallfit.moc"
