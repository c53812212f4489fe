// Opening an incident writes nothing; the resumption is recorded with the first command, and
// carries when warroom was opened (opened_ms). The gap in "Key moments" ends at the reopen, not at
// that command, and the timeline's row tells the same reopen: both believe opened_ms by one rule
// (EventFormatter::reopenedAt), so a forged or odd value cannot make them disagree.
#include "engine/ChecklistEngine.h"
#include "report/EventFormatter.h"
#include "report/KeyMomentText.h"
#include "report/PostmortemRoom.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/EventVocabulary.h"

#include <QJsonObject>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestReopenGap : public QObject
{
    Q_OBJECT

private slots:
    void gapAndRow_data();
    void gapAndRow();
};

void TestReopenGap::gapAndRow_data()
{
    QTest::addColumn<qint64>("beforeMs");
    QTest::addColumn<QJsonValue>("opened"); // undefined: no opened_ms in the payload
    QTest::addColumn<QString>("gap");
    QTest::addColumn<QString>("row");
    const qint64 nine = 9 * test::minute;
    const QString silence = s("nothing was recorded for 10 min 00 s, from T+00:09:00 (the last "
                              "event before) until ");
    const QString plainRow = s("warroom opened again after a stop (the incident stayed open)");
    QTest::newRow("reopened, first command 4 min later")
        << nine << QJsonValue(15 * test::minute)
        << silence
               + s("T+00:19:00; warroom was opened again at T+00:15:00 (6 min 00 s after that "
                   "last event), 4 min 00 s before its first command")
        << s("warroom opened again at T+00:15:00 after a stop (the incident stayed open; "
             "recorded with the first command)");
    QTest::newRow("recorded at the reopen (no opened_ms)")
        << nine << QJsonValue(QJsonValue::Undefined)
        << silence + s("warroom was opened again at T+00:19:00") << plainRow;
    QTest::newRow("opened before the last event (a warroom note meanwhile)")
        << nine << QJsonValue(8 * test::minute)
        << silence + s("T+00:19:00, the first command of a warroom opened again at T+00:08:00")
        << s("warroom opened again at T+00:08:00 after a stop (the incident stayed open; "
             "recorded with the first command)");
    QTest::newRow("opened after the first command: not believed")
        << nine << QJsonValue(20 * test::minute)
        << silence + s("warroom was opened again at T+00:19:00") << plainRow;
    QTest::newRow("opened at the first command: not believed")
        << nine << QJsonValue(19 * test::minute)
        << silence + s("warroom was opened again at T+00:19:00") << plainRow;
    QTest::newRow("negative: not believed")
        << nine << QJsonValue(-5) << silence + s("warroom was opened again at T+00:19:00")
        << plainRow;
    QTest::newRow("a string: not believed")
        << nine << QJsonValue(s("900000")) << silence + s("warroom was opened again at T+00:19:00")
        << plainRow;
    // The last event before stamped before the declaration (a clock set back): a missing
    // opened_ms read as -1 used to pass for a reopen at "T-00:00:00", after that event.
    QTest::newRow("last event before the declaration, no opened_ms")
        << qint64(-2000) << QJsonValue(QJsonValue::Undefined)
        << s("nothing was recorded for 19 min 02 s, from T-00:00:02 (the last event before) "
             "until warroom was opened again at T+00:19:00")
        << plainRow;
}

void TestReopenGap::gapAndRow()
{
    QFETCH(qint64, beforeMs);
    QFETCH(QJsonValue, opened);
    QFETCH(QString, gap);
    QFETCH(QString, row);
    TimelineEvent before; // only its time counts
    before.elapsedMs = beforeMs;
    TimelineEvent resumed;
    resumed.kind = EventKind::IncidentResumed;
    resumed.elapsedMs = 19 * test::minute;
    if (!opened.isUndefined())
        resumed.payload = QJsonObject{{QString(PayloadKey::OpenedMs), opened}};
    const Checklist checklist = test::shippedChecklist();
    const EventFormatter formatter(checklist, {});
    const ChecklistEngine engine(checklist);
    const PostmortemRoom room = PostmortemRoom::collect(engine, {});
    QCOMPARE(KeyMomentText(formatter, engine, room).describe(resumed, &before), gap);
    QCOMPARE(formatter.describe(resumed), row);
}

QTEST_GUILESS_MAIN(TestReopenGap)
#include "tst_reopengap.moc"
