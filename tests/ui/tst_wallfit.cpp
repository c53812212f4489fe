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
    void longDetailShowsWholeLines_data();
    void longDetailShowsWholeLines();
    void longestForecastShowsWhole_data();
    void longestForecastShowsWhole();
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
    state.duty = s("7 min on duty");
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

void TestWallFit::longDetailShowsWholeLines_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<bool>("cut");
    // The reason a screen that notices another one gone writes under OUTCOME UNKNOWN.
    const QString lapsed
        = s("Dave Kim's screen, which started this run at T+00:03:56, stopped answering (no "
            "heartbeat for 5 s) while it watched the job it had started (last request GET "
            "http://127.0.0.1:8787/api/jobs/job-1); the job's outcome is not known, and nothing "
            "is re-sent by itself \u00B7 the job's last answer before nobody watched it; what it "
            "came to is not known");
    QTest::newRow("a lapsed screen's reason, 1280x720") << QSize(1280, 720) << lapsed << true;
    QTest::newRow("a threshold and an age, 1280x720")
        << QSize(1280, 720) << s("threshold < 0.01 \u00B7 measured 3 s ago") << false;
    QTest::newRow("a lapsed screen's reason, 1920x1080") << QSize(1920, 1080) << lapsed << true;
}

// Given less height than its text, the detail drew every line centred and cut through the first
// and the last (a lapsed screen's reason under OUTCOME UNKNOWN, read from the room as half-lines).
// Now it shows whole lines, the last one ending in "…", all inside its height.
void TestWallFit::longDetailShowsWholeLines()
{
    QFETCH(QSize, screen);
    QFETCH(QString, detail);
    QFETCH(bool, cut);
    WallState state;
    state.hasIncident = true;
    state.title = s("Payments API 5xx after v1.3.0 deploy");
    state.modeWord = s("LIVE");
    state.commander = s("Commander: Maria Lopez");
    state.clock = s("T+00:04:18");
    state.roles = s("Communications lead Chen Wei \u00B7 Database engineer Dave Kim \u00B7 "
                    "Application owner Rob Grant \u00B7 SRE on call Tom Berg \u00B7 Scribe Sam");
    state.stepHeading = s("STEP 4 OF 8 \u00B7 Execute automation scripts; monitor telemetry");
    state.stepStateWord = s("ACTIVE");
    state.itemText = s("2/4  Rollback job of payments-api to v1.2.0 started and finished");
    state.poll = s("GO/NO-GO before 'Rollback job of payments-api to…' (step 4) \u00B7 Database "
                   "engineer GO \u00B7 Application owner GO \u00B7 Communications lead GO");
    state.pollOnCurrentItem = true;
    state.measurement.shown = true;
    state.measurement.heading = s("ACTION \u00B7 OUTCOME UNKNOWN");
    state.measurement.value = s("last seen running \u00B7 10% done");
    state.measurement.detail = detail;
    for (int i = 1; i <= 8; ++i)
        state.steps << WallStepTile{
            i, s("Step %1").arg(i), s("Step %1").arg(i), s("DONE"), {}, WallTone::Done, false};
    for (int i = 0; i < 4; ++i)
        state.recent << WallTimelineEntry{s("T+00:04:0%1").arg(i), s("Dave Kim"),
                                          s("Job poll: running, 10% done"), false};
    WallWindow wall;
    wall.setSource([state](const WallAnnouncements &) { return state; });
    wall.resize(screen);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    wall.refresh();
    QApplication::processEvents();
    const QLabel *label = wall.findChild<QLabel *>(s("wallMeasureDetail"));
    QVERIFY(label && label->isVisible());
    const QString shown = label->text();
    const QRect area = label->contentsRect();
    QVERIFY2(area.height() >= label->fontMetrics().height(), "not even one line");
    // What is shown fits inside the label, as the label itself wraps it.
    const int needed
        = label->fontMetrics()
              .boundingRect(QRect(0, 0, area.width(), 100'000), Qt::TextWordWrap, shown)
              .height();
    QVERIFY2(needed <= area.height(),
             qPrintable(s("%1 px of text in %2 px: %3").arg(needed).arg(area.height()).arg(shown)));
    QCOMPARE(shown.endsWith(u'\u2026'), cut);
    if (!cut) {
        QCOMPARE(shown, detail);
        return;
    }
    // The lines shown are the text's beginning, word for word.
    QString read = shown;
    read.chop(1);
    read.replace(u'\n', u' ');
    QVERIFY2(detail.simplified().startsWith(read.simplified()), qPrintable(shown));
    QVERIFY2(read.size() > 40, qPrintable(shown));
}

void TestWallFit::longestForecastShowsWhole_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::addColumn<QString>("forecast");
    // The longest the builder writes: past two days with every kind of failure twice over, and
    // a drill that ended before the room finished.
    const QString failed
        = s("finish \u2248 T+2 d 3 h (plan T+65) if the 2 failed steps are started "
            "again, the 2 failed runs are settled, the 2 halted ramps are settled "
            "and the 2 unknown outcomes are settled now");
    const QString ended
        = s("closed; the last step finished after the drill ended at T+2 d 3 h (plan T+65)");
    for (const QSize screen : {QSize(1280, 720), QSize(1920, 1080)}) {
        const QByteArray size = QByteArray::number(screen.width());
        QTest::newRow(QByteArray("failed steps, " + size).constData()) << screen << failed;
        QTest::newRow(QByteArray("after the end, " + size).constData()) << screen << ended;
        // The everyday one stays on one line (a wrapping label's hint is a quarter of 80
        // characters wide).
        QTest::newRow(QByteArray("on track, " + size).constData())
            << screen << s("finish \u2248 T+52 (plan T+65)");
        QTest::newRow(QByteArray("a halted ramp, " + size).constData())
            << screen << s("finish \u2248 T+52 (plan T+65) if the halted ramp is settled now");
    }
}

// The forecast beside the commander says what it assumes ("… if the halted ramp is settled now"):
// all of it is read, wrapped within the screen (on one line it widened the wall past the screen).
void TestWallFit::longestForecastShowsWhole()
{
    QFETCH(QSize, screen);
    QFETCH(QString, forecast);
    WallState state;
    state.hasIncident = true;
    state.title = s("Checkout 5xx after v1.3.0 deploy of checkout-api and payments-gateway");
    state.modeWord = s("DRILL");
    state.commander = s("Commander: Alexandra Montgomery-Whitfield");
    state.duty = s("1\u00A0h\u00A005\u00A0min on duty");
    state.clock = s("T+51:03:41");
    state.forecast = forecast;
    state.forecastTone = WallTone::Deferred;
    state.stepHeading = s("STEP 4 OF 8 \u00B7 Execute automation scripts; monitor telemetry");
    state.stepStateWord = s("ACTIVE \u00B7 HALTED");
    state.itemText = s("3/4  Traffic ramped back to v1.2.9");
    for (int i = 1; i <= 8; ++i)
        state.steps << WallStepTile{
            i, s("Step %1").arg(i), s("Step %1").arg(i), s("DONE"), {}, WallTone::Done, false};
    WallWindow wall;
    wall.setSource([state](const WallAnnouncements &) { return state; });
    wall.resize(screen);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wall));
    wall.refresh();
    QApplication::processEvents();
    QCOMPARE(wall.width(), screen.width());
    const QLabel *label = wall.findChild<QLabel *>(QStringLiteral("wallForecast"));
    QVERIFY(label);
    QCOMPARE(label->text(), forecast);
    const QRect r(label->mapTo(&wall, QPoint(0, 0)), label->size());
    QVERIFY2(wall.rect().contains(r),
             qPrintable(s("forecast at %1, %2").arg(r.x()).arg(r.right())));
    // Wrapped where it must be, every line of it within the label's height.
    QVERIFY2(label->heightForWidth(label->width()) <= label->height(),
             qPrintable(s("%1 px high for %2")
                            .arg(label->height())
                            .arg(label->heightForWidth(label->width()))));
    // One line where the header wraps it only past two fifths of its own width.
    const int oneLine = label->fontMetrics().horizontalAdvance(forecast);
    if (oneLine <= label->parentWidget()->width() * 2 / 5)
        QVERIFY2(label->height() < 2 * label->fontMetrics().lineSpacing(),
                 qPrintable(s("%1 px high, %2 wide for %3")
                                .arg(label->height())
                                .arg(label->width())
                                .arg(oneLine)));
    if (const QString dir = qEnvironmentVariable("WARROOM_SHOT_DIR"); !dir.isEmpty())
        wall.grab().save(
            s("%1/wall-forecast-%2.png")
                .arg(dir)
                .arg(
                    QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-').remove(u',')));
}

QTEST_MAIN(TestWallFit)
#include "tst_wallfit.moc"
