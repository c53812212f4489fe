// Know your number counts the drills people played: a drill whose players' script answered for
// the people (`warroom drill`, which says so in its declaration) is left out and named, as a
// sped-up one is, whatever its speed; the rest of history is unchanged by it.
#include "HistoryScript.h"

#include "history/ChecklistHistory.h"
#include "history/HistoryDashboard.h"
#include "history/HistoryLoader.h"
#include "history/HistoryText.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "timeline/DrillDeclaration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::day;
using warroom::test::minute;
using warroom::test::s;
using warroom::test::t0;

class TestScriptedDrills : public QObject
{
    Q_OBJECT

private slots:
    void leftOutOfTheTeamsNumber_data();
    void leftOutOfTheTeamsNumber();
    void onlyScriptedDrills_data();
    void onlyScriptedDrills();
};

void TestScriptedDrills::leftOutOfTheTeamsNumber_data()
{
    QTest::addColumn<IncidentMode>("mode");
    QTest::addColumn<double>("speed");
    QTest::addColumn<QString>("players"); // the declaration's drill_players; empty: none
    QTest::addColumn<bool>("spedUpToo");  // a drill at ×10 people played, #4, besides
    QTest::addColumn<bool>("counted");    // the third incident counted among its mode's
    QTest::addColumn<bool>("executor");   // its executor among the last drills'
    QTest::addColumn<QString>("leftOut"); // ChecklistHistory::leftOutLine
    // The declare dialog's line on the day of the third: the counted drills' age, and a newer
    // drill that does not count named apart (it said "6 days ago" where coverage said today).
    QTest::addColumn<QString>("declare");

    const QString script = s("1 drill played by a players' script left out (#3): the script "
                             "answered for the people, so its times are not a team's");
    // Trigger to healthy is 6 minutes more than execute: 16, 20, and 8 for the third.
    const QString three = s("This checklist: 16 min median over 3 drills, last drill today");
    const QString apart = s("This checklist: 18 min median over 2 drills, last counted drill 6 "
                            "days ago; a sped-up or scripted drill today");
    QTest::newRow("played by people")
        << IncidentMode::Drill << 1.0 << QString() << false << true << true << QString() << three;
    QTest::newRow("scripted at x1") << IncidentMode::Drill << 1.0 << s("scripted") << false << false
                                    << false << script << apart;
    // Its speed says enough: one reason, not two; a script is still no executor.
    QTest::newRow("scripted at x10")
        << IncidentMode::Drill << 10.0 << s("scripted") << false << false << false
        << s("1 drill at \u00D710 left out (#3): its runs were sped up") << apart;
    QTest::newRow("scripted at x1 beside a drill at x10")
        << IncidentMode::Drill << 1.0 << s("scripted") << true << false << false
        << s("1 drill at \u00D710 left out (#4): its runs were sped up; ") + script << apart;
    QTest::newRow("another word for its players")
        << IncidentMode::Drill << 1.0 << s("people") << false << true << true << QString() << three;
    // Only a drill is left out: the key forged into a LIVE declaration changes nothing.
    QTest::newRow("a LIVE incident saying scripted")
        << IncidentMode::Live << 1.0 << s("scripted") << false << true << false << QString()
        << s("This checklist: 18 min median over 2 drills, last drill 6 days ago");
}

// Two drills people played (10 and 14 minutes in execute), then the row's incident (2 minutes,
// executed by "Drill Bot"): a script's 2 minutes set the median to 10 when counted.
void TestScriptedDrills::leftOutOfTheTeamsNumber()
{
    QFETCH(IncidentMode, mode);
    QFETCH(double, speed);
    QFETCH(QString, players);
    QFETCH(bool, spedUpToo);
    QFETCH(bool, counted);
    QFETCH(bool, executor);
    QFETCH(QString, leftOut);
    QFETCH(QString, declare);
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("drills.sqlite")), &error), qPrintable(error));
    for (const double minutes : {10.0, 14.0}) {
        test::ScriptedRun run;
        run.declaredUtcMs = t0 + qRound64(minutes) * day;
        run.stepMinutes = {{s("execute"), minutes}};
        test::writeScriptedRun(store, run);
    }
    test::ScriptedRun third;
    third.mode = mode;
    third.declaredUtcMs = t0 + 20 * day;
    third.speed = speed;
    third.executor = s("Drill Bot");
    third.stepMinutes = {{s("execute"), 2.0}};
    if (!players.isEmpty())
        third.declarationPayload.insert(DrillDeclaration::playersKey, players);
    test::writeScriptedRun(store, third);
    if (spedUpToo) {
        test::ScriptedRun fast;
        fast.declaredUtcMs = t0 + 19 * day;
        fast.speed = 10;
        test::writeScriptedRun(store, fast);
    }

    const auto data = HistoryData::load(store, &error);
    QVERIFY2(data, qPrintable(error));
    const QList<ChecklistHistory> all = ChecklistHistory::build(data->incidents, data->checklists);
    QCOMPARE(all.size(), 1);
    const ChecklistHistory &h = all.first();
    const bool live = mode == IncidentMode::Live;
    const bool drillCounted = counted && !live;
    QCOMPARE(h.drills.size(), drillCounted ? 3 : 2);
    QCOMPARE(h.live.size(), live ? 1 : 0);
    QCOMPARE(h.leftOut.size(), (counted ? 0 : 1) + (spedUpToo ? 1 : 0));
    QCOMPARE(h.leftOutLine(), leftOut);
    // The team's number: 10 and 14 minutes, or with the third's 2 among them.
    QCOMPARE(h.measuredDrillMs().value(s("execute")), (drillCounted ? 10 : 12) * minute);

    // Said wherever the left-out drills are: the text's facts and the JSON's reason and entry.
    const QString text = HistoryText::text(all, false, t0 + 30 * day);
    QCOMPARE(text.contains(s("played by a players' script left out")),
             leftOut.contains(s("script")));
    const QJsonValue json
        = QJsonDocument::fromJson(HistoryText::json(all).toUtf8())[s("checklists")][0];
    QCOMPARE(json[s("left_out_reason")].toString(), leftOut);
    const QJsonArray third3 = json[live      ? s("live_incidents")
                                   : counted ? s("drill_incidents")
                                             : s("left_out")]
                                  .toArray();
    const auto entry = std::find_if(third3.cbegin(), third3.cend(),
                                    [](const QJsonValue &v) { return v[s("id")].toInt() == 3; });
    QVERIFY(entry != third3.cend());
    QCOMPARE((*entry)[s("scripted")].toBool(), !counted);
    // Coverage counts every drill, a scripted one too (a dry run of the plan); the last drills'
    // executors are people, never a script.
    const QStringList lines = HistoryDashboard::lines(h, t0 + 20 * day);
    QVERIFY2(lines.at(2).startsWith(live ? s("Drill coverage: last drill 6 days ago")
                                         : s("Drill coverage: last drill today")),
             qPrintable(lines.at(2)));
    QCOMPARE(HistoryText::declareLine(all, test::shippedChecklist(), t0 + 20 * day), declare);
    QVERIFY2(lines.at(3).startsWith(s("Executed the last drills")), qPrintable(lines.at(3)));
    QCOMPARE(lines.at(3).contains(s("#3 Drill Bot")), executor);
}

void TestScriptedDrills::onlyScriptedDrills_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<QString>("executed");
    QTest::newRow("at x1") << 1.0
                           << s("Executed the last drills (newest first): no drill people played "
                                "yet (a players' script played #1)");
    QTest::newRow("at x100") << 100.0
                             << s("Executed the last drills (newest first): no drill people "
                                  "played yet (a players' script played #1)");
}

// The nightly `warroom drill` alone: coverage says the checklist was drilled today, and the
// executors' line says a script played it ("no drill yet" under "last drill today" read as a
// contradiction).
void TestScriptedDrills::onlyScriptedDrills()
{
    QFETCH(double, speed);
    QFETCH(QString, executed);
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("nightly.sqlite")), &error), qPrintable(error));
    test::ScriptedRun nightly;
    nightly.declaredUtcMs = t0;
    nightly.speed = speed;
    nightly.executor = s("Drill Bot");
    nightly.declarationPayload.insert(DrillDeclaration::playersKey,
                                      DrillDeclaration::scriptedPlayers);
    test::writeScriptedRun(store, nightly);
    const auto data = HistoryData::load(store, &error);
    QVERIFY2(data, qPrintable(error));
    const QList<ChecklistHistory> all = ChecklistHistory::build(data->incidents, data->checklists);
    QCOMPARE(all.size(), 1);
    const QStringList lines = HistoryDashboard::lines(all.first(), t0 + minute * 60);
    QVERIFY2(lines.at(2).startsWith(s("Drill coverage: last drill today")),
             qPrintable(lines.at(2)));
    QCOMPARE(lines.at(3), executed);
}

QTEST_MAIN(TestScriptedDrills)
#include "tst_scripteddrills.moc"
