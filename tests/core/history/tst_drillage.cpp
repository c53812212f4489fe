// How long ago the last drill was, in words, wherever history says it: the declare dialog's line,
// the dashboard's drill coverage and the plan sheet share HistoryText::daysAgo. Table-driven over
// the day's edges, the monthly cadence's last days, and the declare line's cases: a counted drill
// newer or older than one that does not count, on the same day or not, none reaching healthy,
// one or two drills that do not count alone.
#include "HistoryFacts.h"

#include "history/ChecklistHistory.h"
#include "history/HistoryDashboard.h"
#include "history/HistoryText.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QTest>

using namespace warroom;
using warroom::test::day;
using warroom::test::minute;
using warroom::test::s;
using warroom::test::t0;

namespace {

// A drill of the shipped checklist declared `daysBefore` days before t0 + 100 days ("now").
IncidentFacts drill(qint64 id, double daysBefore, const Checklist &checklist)
{
    return test::drillFacts(id, t0 + 100 * day - qRound64(daysBefore * day), checklist,
                            10 * minute);
}

constexpr qint64 now = t0 + 100 * day;

} // namespace

class TestDrillAge : public QObject
{
    Q_OBJECT

private slots:
    void daysAgo_data();
    void daysAgo();
    void coverage_data();
    void coverage();
    void declareLine_data();
    void declareLine();
};

void TestDrillAge::daysAgo_data()
{
    QTest::addColumn<qint64>("before"); // ms before now
    QTest::addColumn<QString>("words");
    QTest::newRow("a moment to come") << qint64(-1) << s("today");
    QTest::newRow("five days to come") << -5 * day << s("today"); // a clock set wrong
    QTest::newRow("now") << qint64(0) << s("today");
    QTest::newRow("23:59 ago") << day - minute << s("today");
    QTest::newRow("24 hours ago") << day << s("1 day ago");
    QTest::newRow("47:59 ago") << 2 * day - minute << s("1 day ago");
    QTest::newRow("48 hours ago") << 2 * day << s("2 days ago");
    QTest::newRow("34 days ago") << 34 * day << s("34 days ago");
}

void TestDrillAge::daysAgo()
{
    QFETCH(qint64, before);
    QFETCH(QString, words);
    QCOMPARE(HistoryText::daysAgo(now - before, now), words);
    QCOMPARE(HistoryText::daysSince(now - before, now), std::max<qint64>(0, before / day));
}

void TestDrillAge::coverage_data()
{
    QTest::addColumn<double>("daysBefore");
    QTest::addColumn<QString>("line");
    QTest::newRow("today") << 0.5
                           << s("Drill coverage: last drill today (monthly: due in 31 days)");
    QTest::newRow("1 day") << 1.5
                           << s("Drill coverage: last drill 1 day ago (monthly: due in 30 "
                                "days)");
    QTest::newRow("30 days") << 30.5
                             << s("Drill coverage: last drill 30 days ago (monthly: due "
                                  "in 1 day)");
    QTest::newRow("31 days") << 31.5
                             << s("Drill coverage: last drill 31 days ago (monthly: due "
                                  "today)");
    QTest::newRow("32 days") << 32.5
                             << s("Drill coverage: last drill 32 days ago: OVERDUE "
                                  "(monthly: every 31 days)");
    QTest::newRow("a day to come") << -1.0
                                   << s("Drill coverage: last drill today (monthly: due "
                                        "in 31 days)");
}

void TestDrillAge::coverage()
{
    QFETCH(double, daysBefore);
    QFETCH(QString, line);
    const Checklist shipped = test::shippedChecklist();
    const QHash<QString, Checklist> checklists = test::byKey({shipped});
    const QList<ChecklistHistory> all
        = ChecklistHistory::build({drill(1, daysBefore, shipped)}, checklists);
    QCOMPARE(all.size(), 1);
    const QStringList lines = HistoryDashboard::lines(all.first(), now);
    QVERIFY(lines.contains(line));
}

void TestDrillAge::declareLine_data()
{
    QTest::addColumn<QList<double>>("counted"); // days before now, reaching healthy
    QTest::addColumn<QList<double>>("open");    // days before now, counted, never healthy
    QTest::addColumn<QList<double>>("spedUp");  // days before now, at ×10
    QTest::addColumn<QString>("line");
    QTest::newRow("counted only")
        << QList<double>{40, 34} << QList<double>{} << QList<double>{}
        << s("This checklist: 10 min median over 2 drills, last drill 34 days ago");
    QTest::newRow("a sped-up one older")
        << QList<double>{40, 34} << QList<double>{} << QList<double>{50}
        << s("This checklist: 10 min median over 2 drills, last drill 34 days ago");
    QTest::newRow("a sped-up one newer")
        << QList<double>{40, 34} << QList<double>{} << QList<double>{1.5}
        << s("This checklist: 10 min median over 2 drills, last counted drill 34 days ago; a "
             "sped-up or scripted drill 1 day ago");
    QTest::newRow("a sped-up one newer, the same day")
        << QList<double>{40, 0.5} << QList<double>{} << QList<double>{0.2}
        << s("This checklist: 10 min median over 2 drills, last drill today");
    QTest::newRow("the last counted one open")
        << QList<double>{40} << QList<double>{6} << QList<double>{0.5}
        << s("This checklist: 10 min median over 1 drill, last counted drill 6 days ago; a "
             "sped-up or scripted drill today");
    QTest::newRow("none reached healthy")
        << QList<double>{} << QList<double>{6} << QList<double>{0.5}
        << s("This checklist: no drill reached rollback complete yet, last counted drill 6 days "
             "ago; a sped-up or scripted drill today");
    QTest::newRow("one that does not count, alone")
        << QList<double>{} << QList<double>{} << QList<double>{3.5}
        << s("This checklist: not measured yet \u2014 its 1 drill was sped up or played by a "
             "script (the last 3 days ago); run one people play at \u00D71");
    QTest::newRow("two that do not count, alone")
        << QList<double>{} << QList<double>{} << QList<double>{3.5, 40}
        << s("This checklist: not measured yet \u2014 its 2 drills were sped up or played by a "
             "script (the last 3 days ago); run one people play at \u00D71");
    QTest::newRow("none at all") << QList<double>{} << QList<double>{} << QList<double>{}
                                 << s("This checklist: not measured yet \u2014 run a drill");
}

void TestDrillAge::declareLine()
{
    QFETCH(QList<double>, counted);
    QFETCH(QList<double>, open);
    QFETCH(QList<double>, spedUp);
    QFETCH(QString, line);
    const Checklist shipped = test::shippedChecklist();
    const QHash<QString, Checklist> checklists = test::byKey({shipped});
    QList<IncidentFacts> facts;
    for (const double d : counted) {
        IncidentFacts f = drill(facts.size() + 1, d, shipped);
        f.triggerToHealthyMs = 10 * minute;
        f.closed = true;
        facts << f;
    }
    for (const double d : open)
        facts << drill(facts.size() + 1, d, shipped);
    for (const double d : spedUp) {
        IncidentFacts f = drill(facts.size() + 1, d, shipped);
        f.speed = 10;
        f.triggerToHealthyMs = minute;
        facts << f;
    }
    std::sort(facts.begin(), facts.end(), [](const IncidentFacts &a, const IncidentFacts &b) {
        return a.declaredUtcMs < b.declaredUtcMs;
    });
    QCOMPARE(HistoryText::declareLine(ChecklistHistory::build(facts, checklists), shipped, now),
             line);
}

QTEST_GUILESS_MAIN(TestDrillAge)
#include "tst_drillage.moc"
