// Know your number: the statistics of measured durations (table-driven), what one incident's
// fold gives (a failed-then-redone step, an open incident, a sped-up drill), and `warroom
// history`'s text and Markdown for a database of scripted incidents, byte for byte the goldens.
#include "HistoryScript.h"

#include "history/ChecklistHistory.h"
#include "history/HistoryCache.h"
#include "history/HistoryDashboard.h"
#include "history/HistoryLoader.h"
#include "history/HistoryText.h"
#include "report/PostmortemReport.h"
#include "support/TestFiles.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "util/TimeFormat.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::day;
using warroom::test::minute;
using warroom::test::s;
using warroom::test::t0;

namespace {

QList<DurationSample> samplesOf(const QList<double> &minutes)
{
    QList<DurationSample> out;
    for (qsizetype i = 0; i < minutes.size(); ++i)
        out.append({i + 1, t0 + i * day, qRound64(minutes.at(i) * minute)});
    return out;
}

IncidentFacts factsOf(test::TestTimeline &timeline)
{
    IncidentRecord record;
    record.id = 1;
    record.mode = IncidentMode::Drill;
    record.commander = s("ic");
    PostmortemReport r = PostmortemReport::build(record, timeline.engine().checklist(),
                                                 timeline.events(), ExportOptions{});
    return IncidentFacts::fromReport(r);
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void statistics_data();
    void statistics();
    void failedThenRedoneCountsFromFirstStart();
    void openIncidentCountsFinishedSteps();
    void speedOf_data();
    void speedOf();
    void timeToDetect_data();
    void timeToDetect();
    void drillsAndLiveApart();
    void spedUpDrillsLeftOut();
    void onlySpedUpDrillsSayWhyNothingIsMeasured();
    void golden_data();
    void golden();
    void declareLine_data();
    void declareLine();
    void brokenChainLeftOut_data();
    void brokenChainLeftOut();

private:
    QTemporaryDir m_dir;
    TimelineStore m_store;
    QList<ChecklistHistory> m_histories;
};

void TestHistory::statistics_data()
{
    QTest::addColumn<QList<double>>("minutes"); // in declaration order
    QTest::addColumn<double>("median");
    QTest::addColumn<double>("p90");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("last");
    QTest::addColumn<double>("trend"); // NaN: none (fewer than 4 samples)
    const double none = qQNaN();
    QTest::newRow("one") << QList<double>{7} << 7.0 << 7.0 << 7.0 << 7.0 << 7.0 << none;
    QTest::newRow("odd count") << QList<double>{5, 1, 3} << 3.0 << 5.0 << 1.0 << 5.0 << 3.0 << none;
    QTest::newRow("even count: mean of the middle two")
        << QList<double>{4, 1, 3, 2} << 2.5 << 4.0 << 1.0 << 4.0 << 2.0 << 0.0;
    QTest::newRow("ten: p90 is the 9th") << QList<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10} << 5.5
                                        << 9.0 << 1.0 << 10.0 << 10.0 << 5.0;
    QTest::newRow("getting faster") << QList<double>{20, 18, 30, 12, 10} << 18.0 << 30.0 << 10.0
                                    << 30.0 << 10.0 << -8.0;
    QTest::newRow("eleven: p90 is the 10th")
        << QList<double>{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1} << 6.0 << 10.0 << 1.0 << 11.0 << 1.0
        << -6.0; // the later five's median 3 minus the earlier five's 9
}

void TestHistory::statistics()
{
    QFETCH(QList<double>, minutes);
    QFETCH(double, median);
    QFETCH(double, p90);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(double, last);
    QFETCH(double, trend);
    // Handed over in reverse: the statistics order by declaration themselves.
    QList<DurationSample> samples = samplesOf(minutes);
    std::reverse(samples.begin(), samples.end());
    const DurationStats st = DurationStats::compute(samples);
    QCOMPARE(st.n, minutes.size());
    QCOMPARE(st.medianMs, qRound64(median * minute));
    QCOMPARE(st.p90Ms, qRound64(p90 * minute));
    QCOMPARE(st.minMs, qRound64(min * minute));
    QCOMPARE(st.maxMs, qRound64(max * minute));
    QCOMPARE(st.lastMs, qRound64(last * minute));
    QCOMPARE(st.trendMs.has_value(), !qIsNaN(trend));
    if (st.trendMs)
        QCOMPARE(*st.trendMs, qRound64(trend * minute));
    QCOMPARE(st.incidentIds().first(), 1);
    QCOMPARE(st.incidentIds().size(), minutes.size());
    QVERIFY(DurationStats::compute({}).isEmpty());
}

void TestHistory::failedThenRedoneCountsFromFirstStart()
{
    test::TestTimeline t(test::shippedChecklist());
    ChecklistEngine &e = t.engine();
    for (const ChecklistItem &item : e.checklist().steps.at(0).items)
        QVERIFY(t.commit(e.planConfirmItem(s("scope"), item.id, s("ic"),
                                           item.kind == ItemKind::Choice ? s("deploy") : QString()),
                         minute));
    QVERIFY(t.commit(e.planConfirmItem(s("notify"), s("roles"), s("ic"), {}, s("first")),
                     2 * minute)); // notify starts at 2:00, out of order
    QVERIFY(t.commit(e.planFailStep(s("notify"), s("ic"), s("webhook down")), 5 * minute));
    QVERIFY(t.commit(e.planRestartStep(s("notify"), s("ic")), 9 * minute));
    for (const char *item : {"channel", "stakeholders", "status-page"})
        QVERIFY(t.commit(e.planConfirmItem(s("notify"), s(item), s("ic"), {}, s("by hand")),
                         12 * minute));
    QVERIFY(t.commit(e.planSkipStep(s("freeze"), s("ic"), s("nothing to freeze")), 13 * minute));
    const IncidentFacts f = factsOf(t);
    QCOMPARE(f.stepMs.value(s("notify")), 10 * minute); // 2:00 → 12:00, not 9:00 → 12:00
    QCOMPARE(f.stepMs.value(s("scope")), 0);
    QVERIFY(!f.stepMs.contains(s("freeze"))); // skipped: no duration
    QCOMPARE(f.rollbackClass, s("Deploy rollback: code or config only"));
    QVERIFY(!f.triggerToHealthyMs);
}

void TestHistory::openIncidentCountsFinishedSteps()
{
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY(store.open(dir.filePath(s("open.sqlite")), &error));
    test::ScriptedRun run;
    run.declaredUtcMs = t0;
    run.stepMinutes = {{s("scope"), 4}};
    run.stopBefore = s("reenable");
    run.close = false;
    test::writeScriptedRun(store, run);
    const auto data = HistoryData::load(store, &error);
    QVERIFY2(data, qPrintable(error));
    const IncidentFacts &f = data->incidents.first();
    QVERIFY(!f.closed);
    QCOMPARE(f.stepMs.value(s("scope")), 4 * minute);
    QVERIFY(f.stepMs.contains(s("validate")));
    QVERIFY(!f.stepMs.contains(s("reenable")));
    QVERIFY(!f.triggerToHealthyMs); // the rollback started but did not complete
}

void TestHistory::speedOf_data()
{
    QTest::addColumn<QJsonObject>("declaration");
    QTest::addColumn<double>("timeScale"); // 0: no run
    QTest::addColumn<double>("speed");
    QTest::newRow("real time, no runs") << QJsonObject{} << 0.0 << 1.0;
    QTest::newRow("real-time run") << QJsonObject{} << 1.0 << 1.0;
    QTest::newRow("runs at x50") << QJsonObject{} << 0.02 << 50.0;
    QTest::newRow("declared at x10") << QJsonObject{{s("drill_speed"), 10}} << 0.0 << 10.0;
}

void TestHistory::speedOf()
{
    QFETCH(QJsonObject, declaration);
    QFETCH(double, timeScale);
    QFETCH(double, speed);
    TimelineEvents events;
    TimelineEvent declared;
    declared.kind = s("incident.declared");
    declared.payload = declaration;
    events << declared;
    if (timeScale > 0) {
        TimelineEvent started;
        started.kind = s("check.started");
        started.payload = {{s("run"), s("r")}, {s("time_scale"), timeScale}};
        events << started;
    }
    QCOMPARE(IncidentFacts::speedOf(events), speed);
}

void TestHistory::timeToDetect_data()
{
    QTest::addColumn<QJsonObject>("declaration");
    QTest::addColumn<qint64>("detectMs"); // -1: none
    QTest::newRow("not recorded") << QJsonObject{} << qint64(-1);
    QTest::newRow("impact only")
        << QJsonObject{{s("impact_started_at"), s("2026-11-30 01:20:00Z")}} << qint64(-1);
    QTest::newRow("both") << QJsonObject{{s("impact_started_at"), s("2026-11-30 01:20:00Z")},
                                         {s("detected_at"), s("2026-11-30 01:38:30Z")}}
                          << qint64(18 * 60'000 + 30'000);
    QTest::newRow("detected before impact")
        << QJsonObject{{s("impact_started_at"), s("2026-11-30 01:20:00Z")},
                       {s("detected_at"), s("2026-11-30 01:10:00Z")}}
        << qint64(-1);
    QTest::newRow("not a time") << QJsonObject{{s("impact_started_at"), s("yesterday")},
                                               {s("detected_at"), s("2026-11-30 01:10:00Z")}}
                                << qint64(-1);
}

void TestHistory::timeToDetect()
{
    QFETCH(QJsonObject, declaration);
    QFETCH(qint64, detectMs);
    TimelineEvent declared;
    declared.kind = s("incident.declared");
    declared.payload = declaration;
    const std::optional<qint64> got = IncidentFacts::timeToDetectOf(TimelineEvents{declared});
    QCOMPARE(got.value_or(-1), detectMs);
}

void TestHistory::initTestCase()
{
    QString error;
    QVERIFY(m_store.open(m_dir.filePath(s("history.sqlite")), &error));
    const QList<double> executeMinutes{12, 15, 9};
    for (qsizetype i = 0; i < executeMinutes.size(); ++i) { // #1..#3: drills at real time
        test::ScriptedRun run;
        run.declaredUtcMs = t0 + i * 30 * day;
        run.stepMinutes = {{s("execute"), executeMinutes.at(i)}, {s("validate"), 6.0 + static_cast<double>(i)}};
        run.executor = i == 1 ? s("Sam Okafor") : s("Lena Vogt");
        test::writeScriptedRun(m_store, run);
    }
    for (int i = 0; i < 2; ++i) { // #4, #5: tabletop drills at ×50
        test::ScriptedRun run;
        run.declaredUtcMs = t0 + (100 + i) * day;
        run.speed = 50;
        run.stepMinutes = {{s("execute"), 1}};
        test::writeScriptedRun(m_store, run);
    }
    test::ScriptedRun live; // #6: the real thing
    live.mode = IncidentMode::Live;
    live.declaredUtcMs = t0 + 110 * day;
    live.stepMinutes = {{s("execute"), 25}};
    // Declared 40 minutes after the impact began, which was detected 18 minutes in.
    live.declarationPayload = {{s("impact_started_at"), formatUtc(live.declaredUtcMs - 40 * 60'000)},
                               {s("detected_at"), formatUtc(live.declaredUtcMs - 22 * 60'000)}};
    test::writeScriptedRun(m_store, live);
    test::ScriptedRun open; // #7: a drill under way, stopped before validation
    open.declaredUtcMs = t0 + 120 * day;
    open.stepMinutes = {{s("execute"), 20}};
    open.stopBefore = s("validate");
    open.close = false;
    test::writeScriptedRun(m_store, open);
    const auto data = HistoryData::load(m_store, &error);
    QVERIFY2(data, qPrintable(error));
    QVERIFY(data->problems.isEmpty());
    m_histories = ChecklistHistory::build(data->incidents, data->checklists);
    QCOMPARE(m_histories.size(), 1);
}

void TestHistory::drillsAndLiveApart()
{
    const ChecklistHistory &h = m_histories.first();
    QCOMPARE(h.drills.size(), 4);
    QCOMPARE(h.live.size(), 1);
    const ChecklistHistory::Step &execute = h.steps.at(3);
    QCOMPARE(execute.id, s("execute"));
    QCOMPARE(execute.drill.incidentIds(), (QList<qint64>{1, 2, 3, 7}));
    QCOMPARE(execute.drill.medianMs, 13 * minute + 30'000); // 9 12 15 20
    QCOMPARE(execute.drill.lastMs, 20 * minute);            // the open drill's execute finished
    QCOMPARE(execute.live.incidentIds(), (QList<qint64>{6}));
    QCOMPARE(execute.live.medianMs, 25 * minute);
    const ChecklistHistory::Step &validate = h.steps.at(4);
    QCOMPARE(validate.drill.incidentIds(), (QList<qint64>{1, 2, 3})); // #7 stopped before it
    QCOMPARE(validate.drill.medianMs, 7 * minute);
    // execute + 1 + validate + 1 + reenable (2), from rollback start to rollback complete:
    // 12+6+4, 15+7+4, 9+8+4
    QCOMPARE(h.triggerToHealthyDrill.incidentIds(), (QList<qint64>{1, 2, 3}));
    QCOMPARE(h.triggerToHealthyDrill.medianMs, 22 * minute);
    QCOMPARE(h.triggerToHealthyLive.medianMs, 25 * minute + 2 * minute + 4 * minute);
}

void TestHistory::spedUpDrillsLeftOut()
{
    const ChecklistHistory &h = m_histories.first();
    QCOMPARE(h.leftOut.size(), 2);
    QCOMPARE(h.leftOutLine(), s("2 drills at \u00D750 left out (#4, #5): their runs were sped up"));
    for (const ChecklistHistory::Step &step : h.steps) {
        QVERIFY(!step.drill.incidentIds().contains(4));
        QVERIFY(!step.drill.incidentIds().contains(5));
    }
    QCOMPARE(h.measuredDrillMs().value(s("execute")), 13 * minute + 30'000);
}

// With every drill sped up, the metrics said "no rollback completed yet" and "no check resolved
// yet" beside "Executed the last drills: #1": as if the drill had done nothing. They say why.
void TestHistory::onlySpedUpDrillsSayWhyNothingIsMeasured()
{
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(s("fast.sqlite")), &error), qPrintable(error));
    test::ScriptedRun run;
    run.declaredUtcMs = t0;
    run.speed = 10;
    test::writeScriptedRun(store, run);
    const auto data = HistoryData::load(store, &error);
    QVERIFY2(data, qPrintable(error));
    const QList<ChecklistHistory> all = ChecklistHistory::build(data->incidents, data->checklists);
    QCOMPARE(all.size(), 1);
    const QStringList lines = HistoryDashboard::lines(all.first(), t0 + day);
    const QString why = s(" (1 drill at \u00D710 left out (#1): its runs were sped up)");
    QCOMPARE(lines.at(0), s("Duration per rollback class (trigger \u2192 healthy): no rollback "
                            "completed yet")
                              + why);
    QCOMPARE(lines.at(1), s("Validation: no check resolved yet") + why);
    QVERIFY2(lines.at(3).endsWith(s("#1 Lena Vogt")), qPrintable(lines.at(3))); // its executor
}

void TestHistory::golden_data()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"text", "md", "csv", "json"})
        QTest::newRow(f) << s(f);
}

void TestHistory::golden()
{
    QFETCH(QString, format);
    // Ten days after the open drill #7, the last drill (#4, #5 at ×50 count for coverage).
    const QString actual = HistoryText::write(m_histories, *HistoryText::formatFromName(format),
                                              {}, t0 + 130 * day);
    WARROOM_COMPARE_GOLDEN(actual, s(WARROOM_TEST_DATA "/history/history.") + format);
}

void TestHistory::declareLine_data()
{
    QTest::addColumn<QString>("revision");
    QTest::addColumn<QByteArray>("sha256"); // empty: the content the drills ran
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QString>("line");
    const QString rev = m_histories.first().revision;
    // The last counted drill is #7 (open, declared on day 120), which has not reached rollback
    // complete; the median is over #1..#3.
    QTest::newRow("measured") << rev << QByteArray() << t0 + 154 * day
                              << s("This checklist: 22 min median over 3 drills, last drill 34 "
                                   "days ago");
    QTest::newRow("same day") << rev << QByteArray() << t0 + 120 * day + 5 * minute
                              << s("This checklist: 22 min median over 3 drills, last drill today");
    QTest::newRow("another revision") << s("2099-01-01.1") << QByteArray() << t0
                                      << s("This checklist: not measured yet \u2014 run a drill");
    QTest::newRow("same revision, edited") // its minutes were not the ones measured
        << rev << QByteArray(64, 'e') << t0
        << s("This checklist: not measured yet \u2014 its revision %1 was run with other "
             "content; run a drill")
               .arg(rev);
}

void TestHistory::declareLine()
{
    QFETCH(QString, revision);
    QFETCH(QByteArray, sha256);
    QFETCH(qint64, now);
    QFETCH(QString, line);
    Checklist checklist = test::shippedChecklist();
    checklist.revision = revision;
    if (!sha256.isEmpty())
        checklist.sourceSha256 = sha256;
    QCOMPARE(HistoryText::declareLine(m_histories, checklist, now), line);
}

// A timeline edited in the file is not a measurement: an incident whose chain is broken is left
// out of history, named, by `warroom history` (HistoryData) and the window's cache alike; the
// others still count.
void TestHistory::brokenChainLeftOut_data()
{
    QTest::addColumn<QString>("sql"); // run against incident 2 of 3
    QTest::addColumn<QString>("problem");
    QTest::newRow("intact") << QString() << QString();
    QTest::newRow("a time moved") << s(
        "DROP TRIGGER events_append_only_update; UPDATE events SET elapsed_ms = elapsed_ms "
        "- 60000, utc_ms = utc_ms - 60000 WHERE incident_id = 2 AND seq = (SELECT MAX(seq) "
        "FROM events WHERE incident_id = 2)")
                                  << s("incident #2 left out: chain BROKEN at event");
    QTest::newRow("a step renamed")
        << s("DROP TRIGGER incidents_immutable_update; UPDATE incidents SET checklist_json = "
             "CAST(replace(CAST(checklist_json AS TEXT), 'Freeze writes', 'Keep writes') AS "
             "BLOB) WHERE id = 2")
        << s("incident #2 left out: chain BROKEN: the checklist kept with the incident");
}

void TestHistory::brokenChainLeftOut()
{
    QFETCH(QString, sql);
    QFETCH(QString, problem);
    QTemporaryDir dir;
    const QString path = dir.filePath(s("tampered.sqlite"));
    {
        TimelineStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        for (int i = 0; i < 3; ++i) {
            test::ScriptedRun run;
            run.declaredUtcMs = t0 + i * day;
            run.stepMinutes = {{s("execute"), 10.0 + i}};
            test::writeScriptedRun(store, run);
        }
    }
    if (!sql.isEmpty())
        QCOMPARE(test::rawSql(path, sql), QString());
    const qsizetype counted = problem.isEmpty() ? 3 : 2;

    TimelineStore store;
    QString error;
    QVERIFY2(store.openReadOnly(path, &error), qPrintable(error));
    const auto data = HistoryData::load(store, &error);
    QVERIFY2(data, qPrintable(error));
    QCOMPARE(data->incidents.size(), counted);
    if (problem.isEmpty()) {
        QVERIFY(data->problems.isEmpty());
    } else {
        QCOMPARE(data->problems.size(), 1);
        QVERIFY2(data->problems.first().startsWith(problem), qPrintable(data->problems.first()));
        for (const IncidentFacts &f : data->incidents)
            QVERIFY(f.id != 2);
    }

    HistoryCache cache(path);
    QSignalSpy updated(&cache, &HistoryCache::updated);
    cache.refresh();
    QVERIFY(updated.wait(30000));
    QCOMPARE(cache.histories().size(), 1);
    QCOMPARE(cache.histories().first().drills.size(), counted);
    QCOMPARE(cache.readCount(), 3);
    // Nothing grew: nothing is read again, the one left out neither (it was, on every refresh).
    cache.refresh();
    QVERIFY(updated.wait(30000));
    QCOMPARE(cache.readCount(), 3);
    QCOMPARE(cache.histories().first().drills.size(), counted);
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
