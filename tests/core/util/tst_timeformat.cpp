#include "util/TimeFormat.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <limits>

using namespace warroom;

class TestTimeFormat : public QObject
{
    Q_OBJECT

private slots:
    void elapsed_data();
    void elapsed();
    void gapBefore_data();
    void gapBefore();
    void utc_data();
    void utc();
    void utcAsQDateTime();
    void planTime_data();
    void planTime();
    void planDelta_data();
    void planDelta();
    void parse_data();
    void parse();
};

void TestTimeFormat::elapsed_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("T+00:00:00");
    QTest::newRow("under a second") << qint64(999) << QStringLiteral("T+00:00:00");
    QTest::newRow("minutes") << qint64(754'000) << QStringLiteral("T+00:12:34");
    QTest::newRow("hours") << qint64(3'723'000) << QStringLiteral("T+01:02:03");
    QTest::newRow("a long night") << qint64(100 * 3'600'000LL) << QStringLiteral("T+100:00:00");
    QTest::newRow("before declaration") << qint64(-61'000) << QStringLiteral("T-00:01:01");
}

void TestTimeFormat::elapsed()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(formatElapsed(ms), text);
}

void TestTimeFormat::gapBefore_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << qint64(0) << QStringLiteral("00:00:00");
    QTest::newRow("under a second before") << qint64(-400) << QStringLiteral("under a second");
    QTest::newRow("under a second after") << qint64(999) << QStringLiteral("under a second");
    QTest::newRow("a second") << qint64(-1'000) << QStringLiteral("00:00:01");
    QTest::newRow("a minute and more") << qint64(-75'500) << QStringLiteral("00:01:15");
    QTest::newRow("the most negative")
        << std::numeric_limits<qint64>::min() << QStringLiteral("2562047788015:12:55");
}

void TestTimeFormat::gapBefore()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(formatGapBefore(ms), text);
}

void TestTimeFormat::utc_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01 00:00:00Z");
    QTest::newRow("2026") << qint64(1'767'225'600'000) << QStringLiteral("2026-01-01 00:00:00Z");
    QTest::newRow("leap day") << qint64(951'825'599'999) << QStringLiteral("2000-02-29 11:59:59Z");
    QTest::newRow("before the epoch") << qint64(-1) << QStringLiteral("1969-12-31 23:59:59Z");
    QTest::newRow("last second of 9999")
        << qint64(253'402'300'799'000) << QStringLiteral("9999-12-31 23:59:59Z");
}

void TestTimeFormat::utc()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(formatUtc(ms), text);
}

// formatUtc computes the calendar itself (QDateTime::toString was a tenth of an export): it must
// say what QDateTime says at every kind of day of the four-digit years (outside them it asks
// QDateTime).
void TestTimeFormat::utcAsQDateTime()
{
    const auto viaQt = [](qint64 ms) -> QString {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                   .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
               + u'Z';
    };
    constexpr qint64 first = -62'135'596'800'000LL; // 0001-01-01 00:00:00
    constexpr qint64 last = 253'402'300'799'999LL;  // 9999-12-31 23:59:59.999
    constexpr qint64 step = 86'400'000LL * 29 + 3'661'001; // 29 days and an hour, minute, second
    for (qint64 ms = first; ms <= last; ms += step)
        QCOMPARE(formatUtc(ms), viaQt(ms));
    for (qint64 ms : {first, last, qint64(-86'400'001), qint64(-1), qint64(0)})
        QCOMPARE(formatUtc(ms), viaQt(ms));
}

void TestTimeFormat::planTime_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    constexpr qint64 minute = 60'000;
    QTest::newRow("declared") << qint64(0) << QStringLiteral("T+0");
    // The minute the clock reads then: seconds dropped, as formatElapsed drops them.
    QTest::newRow("a minute and a moment") << 52 * minute + 1 << QStringLiteral("T+52");
    QTest::newRow("a minute's last second") << 65 * minute + 59'999 << QStringLiteral("T+65");
    QTest::newRow("last minutes form") << 99 * minute << QStringLiteral("T+99");
    QTest::newRow("hours") << 100 * minute << QStringLiteral("T+1 h 40");
    QTest::newRow("a day and a half") << 36 * 60 * minute + 5 * minute << QStringLiteral("T+36 h 05");
    QTest::newRow("days, the minutes dropped")
        << 48 * 60 * minute + 59 * minute << QStringLiteral("T+2 d 0 h");
    QTest::newRow("30 days old") << 43'925 * minute << QStringLiteral("T+30 d 12 h");
    QTest::newRow("before declaration") << -minute << QStringLiteral("T+0");
}

void TestTimeFormat::planTime()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(formatPlanTime(ms), expected);
}

void TestTimeFormat::planDelta_data()
{
    QTest::addColumn<qint64>("deltaMs");
    QTest::addColumn<QString>("expected");
    constexpr qint64 minute = 60'000;
    QTest::newRow("exactly on plan") << qint64(0) << QStringLiteral("on plan");
    QTest::newRow("20 s over is on plan") << qint64(20'000) << QStringLiteral("on plan");
    QTest::newRow("20 s under is on plan") << qint64(-20'000) << QStringLiteral("on plan");
    QTest::newRow("half a minute over") << qint64(30'000) << QStringLiteral("1 min over plan");
    QTest::newRow("three minutes over") << 3 * minute + 10'000 << QStringLiteral("3 min over plan");
    QTest::newRow("two minutes under") << -2 * minute << QStringLiteral("2 min under plan");
    QTest::newRow("the most negative (forged)")
        << std::numeric_limits<qint64>::min() << QStringLiteral("153722867280913 min under plan");
}

void TestTimeFormat::planDelta()
{
    QFETCH(qint64, deltaMs);
    QFETCH(QString, expected);
    QCOMPARE(formatPlanDelta(deltaMs), expected);
}

void TestTimeFormat::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -1: refused
    QTest::newRow("T+ form") << QStringLiteral("T+1:02:03") << qint64(3'723'000);
    QTest::newRow("h:mm:ss") << QStringLiteral("0:10:00") << qint64(600'000);
    QTest::newRow("mm:ss") << QStringLiteral("12:30") << qint64(750'000);
    QTest::newRow("minutes") << QStringLiteral("12.5") << qint64(750'000);
    QTest::newRow("spaces") << QStringLiteral("  5 ") << qint64(300'000);
    QTest::newRow("seconds over 59") << QStringLiteral("1:75") << qint64(-1);
    QTest::newRow("negative") << QStringLiteral("-3") << qint64(-1);
    QTest::newRow("words") << QStringLiteral("soon") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("too many parts") << QStringLiteral("1:2:3:4") << qint64(-1);
    // Numbers to toDouble, not times: "nan" became T-2562047788015:12:55 in an export's span and
    // a scenario's deadline.
    QTest::newRow("nan") << QStringLiteral("nan") << qint64(-1);
    QTest::newRow("T+NaN") << QStringLiteral("T+NaN") << qint64(-1);
    QTest::newRow("inf") << QStringLiteral("inf") << qint64(-1);
    QTest::newRow("over ten million minutes") << QStringLiteral("1e8") << qint64(-1);
}

void TestTimeFormat::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto parsed = parseElapsed(text);
    if (ms < 0)
        QVERIFY(!parsed);
    else
        QCOMPARE(parsed, std::optional<qint64>(ms));
}

QTEST_GUILESS_MAIN(TestTimeFormat)
#include "tst_timeformat.moc"
