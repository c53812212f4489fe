#include "gantt/TimeAxisTicks.h"
#include "support/TestStrings.h"

#include <QTest>

#include <limits>

#include <cmath>

using namespace warroom;
using warroom::test::s;

namespace {
constexpr qint64 sec = 1000;
constexpr qint64 mins = 60 * sec;
constexpr qint64 hrs = 60 * mins;
constexpr qint64 days = 24 * hrs;
} // namespace

// The axis spacing table (issue 11): span -> spacing, label count and the labels at both ends.
class TestTimeAxisTicks : public QObject
{
    Q_OBJECT

private slots:
    void table_data();
    void table();
    void boundedForEverySpan();
    void spacingsNeverJumpMoreThanTwoAndAHalf();
    void nearTheLargestTime_data();
    void nearTheLargestTime();
};

void TestTimeAxisTicks::table_data()
{
    QTest::addColumn<qint64>("minMs");
    QTest::addColumn<qint64>("maxMs");
    QTest::addColumn<qint64>("spacingMs");
    QTest::addColumn<int>("labels");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");
    // At most ten intervals (what a 1920-wide chart gets), from a 30 s drill to 60 days.
    QTest::newRow("nothing yet") << 0LL << 0LL << sec << 1 << s("T+0") << s("T+0");
    QTest::newRow("30 s") << 0LL << 30 * sec << 5 * sec << 7 << s("T+0") << s("T+0:00:30");
    QTest::newRow("100 s: exactly ten 10 s")
        << 0LL << 100 * sec << 10 * sec << 11 << s("T+0") << s("T+0:01:40");
    QTest::newRow("100 s + 1 ms: next spacing")
        << 0LL << 100 * sec + 1 << 20 * sec << 6 << s("T+0") << s("T+0:01:40");
    QTest::newRow("3 min drill") << 0LL << 3 * mins << 20 * sec << 10 << s("T+0") << s("T+0:03:00");
    QTest::newRow("5 min") << 0LL << 5 * mins << 30 * sec << 11 << s("T+0") << s("T+0:05:00");
    QTest::newRow("65 min plan") << 0LL << 65 * mins << 10 * mins << 7 << s("T+0") << s("T+1 h");
    QTest::newRow("100 min") << 0LL << 100 * mins << 10 * mins << 11 << s("T+0") << s("T+1 h 40");
    QTest::newRow("a window at T+61 min")
        << 61 * mins << 66 * mins << 30 * sec << 11 << s("T+1:01:00") << s("T+1:06:00");
    QTest::newRow("10 h") << 0LL << 10 * hrs << hrs << 11 << s("T+0") << s("T+10 h");
    QTest::newRow("60 h (froze the GUI)")
        << 0LL << 60 * hrs << 6 * hrs << 11 << s("T+0") << s("T+2 d 12 h");
    QTest::newRow("60 h + 1 ms") << 0LL << 60 * hrs + 1 << 12 * hrs << 6 << s("T+0")
                                 << s("T+2 d 12 h");
    QTest::newRow("30 d") << 0LL << 30 * days << 5 * days << 7 << s("T+0") << s("T+30 d");
    QTest::newRow("60 d") << 0LL << 60 * days << 10 * days << 7 << s("T+0") << s("T+60 d");
    QTest::newRow("window in day 29") << 29 * days + 3 * hrs << 29 * days + 4 * hrs << 10 * mins
                                      << 7 << s("T+29 d 3:00") << s("T+29 d 4:00");
}

void TestTimeAxisTicks::table()
{
    QFETCH(qint64, minMs);
    QFETCH(qint64, maxMs);
    QFETCH(qint64, spacingMs);
    QFETCH(int, labels);
    QFETCH(QString, first);
    QFETCH(QString, last);
    const TimeAxisTicks t = TimeAxisTicks::choose(minMs, maxMs, 10);
    QCOMPARE(t.intervalMs, spacingMs);
    QCOMPARE(t.ticksMs.size(), labels);
    QCOMPARE(t.label(t.ticksMs.first()), first);
    QCOMPARE(t.label(t.ticksMs.last()), last);
    for (qint64 tick : t.ticksMs) {
        QVERIFY(tick >= minMs && tick <= maxMs);
        QCOMPARE(tick % spacingMs, 0);
    }
}

void TestTimeAxisTicks::boundedForEverySpan()
{
    // Every span from 30 s to 60 days, 2% apart: never more than 11 labels nor fewer than 5 (from
    // T+0), and no two labels alike.
    for (double span = 30'000; span <= 60.0 * days; span *= 1.02) {
        const auto ms = static_cast<qint64>(span);
        const TimeAxisTicks t = TimeAxisTicks::choose(0, ms, 10);
        QVERIFY2(t.ticksMs.size() >= 5 && t.ticksMs.size() <= 11,
                 qPrintable(QStringLiteral("%1 ms: %2 labels").arg(ms).arg(t.ticksMs.size())));
        QStringList labels;
        for (qint64 tick : t.ticksMs)
            labels << t.label(tick);
        labels.removeDuplicates();
        QCOMPARE(labels.size(), t.ticksMs.size());
    }
}

void TestTimeAxisTicks::spacingsNeverJumpMoreThanTwoAndAHalf()
{
    const QList<qint64> all = TimeAxisTicks::spacingsMs();
    QCOMPARE(all.first(), sec);
    for (qsizetype i = 1; i < all.size(); ++i)
        QVERIFY(all.at(i) * 2 <= all.at(i - 1) * 5);
}

void TestTimeAxisTicks::nearTheLargestTime_data()
{
    QTest::addColumn<qint64>("minMs");
    QTest::addColumn<qint64>("maxMs");
    const qint64 top = std::numeric_limits<qint64>::max();
    QTest::newRow("T+0 to the largest") << 0LL << top;
    QTest::newRow("within a spacing of the largest") << 0LL << top - 1000;
    QTest::newRow("a window at the largest") << top - 3 * days << top;
    QTest::newRow("the smallest to the largest") << std::numeric_limits<qint64>::min() << top;
}

// A forged row's elapsed_ms of 2^63 - 1: the step past it wrapped negative and the loop filled
// memory until a PDF export was killed (or threw bad_alloc). Every tick is inside the span, in
// order, and there are no more than the span holds.
void TestTimeAxisTicks::nearTheLargestTime()
{
    QFETCH(qint64, minMs);
    QFETCH(qint64, maxMs);
    const TimeAxisTicks t = TimeAxisTicks::choose(minMs, maxMs, 10);
    QVERIFY(!t.ticksMs.isEmpty());
    QVERIFY2(t.ticksMs.size() <= 5000, qPrintable(QString::number(t.ticksMs.size())));
    for (qsizetype i = 0; i < t.ticksMs.size(); ++i) {
        QVERIFY(t.ticksMs.at(i) >= minMs && t.ticksMs.at(i) <= maxMs);
        QVERIFY(i == 0 || t.ticksMs.at(i) > t.ticksMs.at(i - 1));
    }
}

QTEST_GUILESS_MAIN(TestTimeAxisTicks)
#include "tst_timeaxisticks.moc"
