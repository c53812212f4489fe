// The postmortem of the trouble drill (support/TroubleDrill.h): every kind of trouble is a key
// moment (its lines: tst_troublewords); second persons are among the people; durations say the
// drill's speed and how "trigger to healthy" is measured; job polls and check samples are folded
// in the documents and kept in JSON and CSV. Byte for byte the golden files
// tests/data/export/trouble.{md,html,json}.
#include "report/AuditEvidence.h"
#include "report/EventFormatter.h"
#include "report/KeyMoments.h"
#include "report/PostmortemExporter.h"
#include "report/ReportText.h"
#include "report/RoutineFold.h"
#include "session/IncidentSnapshot.h"
#include "support/ScriptedIncident.h"
#include "support/TestFiles.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "support/TroubleDrill.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestTroubleDrill : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void golden_data();
    void golden();
    void keyMomentOf_data();
    void keyMomentOf();
    void auditEvidence_data();
    void auditEvidence();
    void gateLineKeepsItsPlace();
    void healthyCaveat_data();
    void healthyCaveat();
    void goldenFromPayloadsReadOnDemand_data();
    void goldenFromPayloadsReadOnDemand();
    void secondPersonsArePeople();
    void durationsSayHowAndHowFast();
    void routineEventsFolded_data();
    void routineEventsFolded();

private:
    PostmortemReport report(bool allEvents = false, IncidentSnapshot::Payloads payloads
                                                    = IncidentSnapshot::Payloads::Parsed) const
    {
        QString error;
        const auto snap = IncidentSnapshot::load(m_store, m_id, &error, payloads);
        if (!snap)
            qFatal("%s", qPrintable(error));
        ExportOptions o;
        o.generatedUtcMs = test::t0 + 60 * test::minute;
        o.allEvents = allEvents;
        return PostmortemReport::build(snap->incident, snap->checklist, snap->events, o);
    }

    QTemporaryDir m_dir;
    TimelineStore m_store;
    qint64 m_id = 0;
};

void TestTroubleDrill::initTestCase()
{
    QString error;
    QVERIFY(m_store.open(m_dir.filePath(s("trouble.sqlite")), &error));
    m_id = test::troubleIncident(m_store);
}

void TestTroubleDrill::golden_data()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"md", "html", "json"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestTroubleDrill::golden()
{
    QFETCH(QString, format);
    const QString actual = QString::fromUtf8(
        PostmortemExporter::render(report(), *exportFormatFromName(format)));
    QVERIFY(!actual.isEmpty());
    WARROOM_COMPARE_GOLDEN(actual, s(WARROOM_TEST_DATA "/export/trouble.") + format);
}

// Each kind of event that is trouble, and some that are not, to its kind.
void TestTroubleDrill::keyMomentOf_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<bool>("live");
    const auto row = [](const char *name, QLatin1StringView kind, const QJsonObject &p, KeyMoment k,
                        const QString &actor = s("Priya"), bool live = false) {
        QTest::newRow(name) << QString(kind) << p << static_cast<int>(k) << actor << live;
    };
    const QString outcome(PayloadKey::Outcome);
    row("step failed", EventKind::StepFailed, {}, KeyMoment::StepFailed);
    row("action failed", EventKind::ActionFinished, {{outcome, s("failed")}}, KeyMoment::RunFailed);
    row("action succeeded", EventKind::ActionFinished, {{outcome, s("succeeded")}},
        KeyMoment::None);
    row("check missed", EventKind::CheckFinished, {{outcome, s("failed")}},
        KeyMoment::CheckMissed);
    row("check passed", EventKind::CheckFinished, {{outcome, s("passed")}}, KeyMoment::None);
    row("check interrupted", EventKind::CheckFinished, {{outcome, s("interrupted")}},
        KeyMoment::RunCutShort);
    row("ramp halted", EventKind::RampFinished, {{outcome, s("halted")}}, KeyMoment::RampHalted);
    row("ramp stopped", EventKind::RampFinished, {{outcome, s("stopped")}}, KeyMoment::RunStopped);
    row("ramp completed", EventKind::RampFinished, {{outcome, s("completed")}}, KeyMoment::None);
    row("weight set back", EventKind::ActionRequested,
        {{QString(PayloadKey::Phase), s("rollback")}}, KeyMoment::WeightSetBack);
    row("poll", EventKind::ActionRequested, {{QString(PayloadKey::Phase), s("poll")}},
        KeyMoment::None);
    row("unknown", EventKind::ActionUnknown, {}, KeyMoment::OutcomeUnknown);
    row("re-sent", EventKind::ActionRequested,
        {{QString(PayloadKey::Resend), true}, {QString(PayloadKey::SecondPerson), s("Ada")}},
        KeyMoment::Resent);
    row("second person", EventKind::ActionRequested, {{QString(PayloadKey::SecondPerson), s("Ada")}},
        KeyMoment::SecondPerson);
    row("run out of order", EventKind::ActionRequested, {{QString(PayloadKey::Override), true}},
        KeyMoment::Override);
    row("gap", EventKind::IncidentResumed, {}, KeyMoment::Gap);
    // The cause of the trouble in a drill: a halt after it read as a real regression.
    const QJsonObject fault{{QString(PayloadKey::DrillFault), s("error-rate-flaps")}};
    const QString runner(ScreenClock::facilitator);
    row("drill fault injected", EventKind::NoteAdded, fault, KeyMoment::FaultInjected, runner);
    // Only the runner writes it, in a drill: forged into a LIVE timeline or signed by a person,
    // it would pass a real regression off as the drill's doing.
    row("drill fault in a live incident", EventKind::NoteAdded, fault, KeyMoment::None, runner,
        true);
    row("drill fault signed by a person", EventKind::NoteAdded, fault, KeyMoment::None);
    row("drill fault refused", EventKind::NoteAdded,
        {{QString(PayloadKey::DrillFault),
          QJsonObject{{s("inject"), s("error-rate-flaps")}, {s("taken"), false}}}},
        KeyMoment::FaultRefused, runner);
    row("a note", EventKind::NoteAdded, {{QString(PayloadKey::Text), s("fault injected")}},
        KeyMoment::None);
    // The runner's verdict: "Nothing failed" stood above "the drill did not pass".
    const QJsonObject ended{
        {QString(PayloadKey::DrillClock), ScreenClock::fact(DrillClockChange::Ended, 40'000)}};
    row("drill ended", EventKind::NoteAdded, ended, KeyMoment::DrillEnded, runner);
    row("drill end in a live incident", EventKind::NoteAdded, ended, KeyMoment::None, runner, true);
    row("drill end signed by a person", EventKind::NoteAdded, ended, KeyMoment::None);
    // The screens' clock takes no end without a moment: the document listed one anyway.
    row("drill end with no moment", EventKind::NoteAdded,
        {{QString(PayloadKey::DrillClock), QJsonObject{{QString(PayloadKey::Change), s("ended")}}}},
        KeyMoment::None, runner);
    row("drill end at a negative moment", EventKind::NoteAdded,
        {{QString(PayloadKey::DrillClock), ScreenClock::fact(DrillClockChange::Ended, -1000)}},
        KeyMoment::None, runner);
    row("drill paused", EventKind::NoteAdded,
        {{QString(PayloadKey::DrillClock), ScreenClock::fact(DrillClockChange::Paused, 40'000)}},
        KeyMoment::None, runner);
    row("step out of order", EventKind::StepStarted, {{QString(PayloadKey::Override), true}},
        KeyMoment::Override);
    row("step started", EventKind::StepStarted, {}, KeyMoment::None);
    row("item skipped", EventKind::ItemSkipped, {}, KeyMoment::Skip);
    row("step skipped", EventKind::StepSkipped, {}, KeyMoment::Skip);
    row("by hand", EventKind::ItemConfirmed, {{QString(PayloadKey::ByHand), true}},
        KeyMoment::ByHand);
    row("item out of order", EventKind::ItemConfirmed, {{QString(PayloadKey::OutOfOrder), true}},
        KeyMoment::Override);
    row("confirmed", EventKind::ItemConfirmed, {}, KeyMoment::None);
    row("closed unfinished", EventKind::IncidentClosed,
        {{QString(PayloadKey::OpenSteps), QJsonArray{s("audit")}}}, KeyMoment::ClosedUnfinished);
    row("closed", EventKind::IncidentClosed, {}, KeyMoment::None);
    row("sample", EventKind::CheckSampled, {{QString(PayloadKey::Passed), false}}, KeyMoment::None);
    row("no-go", EventKind::PollAnswered, {{QString(PayloadKey::Answer), s("no-go")}},
        KeyMoment::NoGo);
    row("go", EventKind::PollAnswered, {{QString(PayloadKey::Answer), s("go")}}, KeyMoment::None);
    row("handover", EventKind::CommandHandedOver, {}, KeyMoment::Handover);
    row("deferred", EventKind::ItemDeferred, {{QString(PayloadKey::Target), s("audit")}},
        KeyMoment::Deferred);
    row("role assigned", EventKind::RoleAssigned, {}, KeyMoment::None);
}

void TestTroubleDrill::keyMomentOf()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, payload);
    QFETCH(int, expected);
    QFETCH(QString, actor);
    QFETCH(bool, live);
    TimelineEvent e;
    e.kind = kind;
    e.actor = actor;
    e.payload = payload;
    const IncidentMode mode = live ? IncidentMode::Live : IncidentMode::Drill;
    QCOMPARE(static_cast<int>(warroom::keyMomentOf(e, mode)), expected);
}

// Each trouble of the drill: its line in Key moments, at its time, by its person.
// Section 19 of the seed: the audit trail names each notification sent and what it got back, and
// what was validated against which threshold, failures included.
void TestTroubleDrill::auditEvidence_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("webhook 500") << s("  - T+00:03:00 Sam Okafor: POST http://127.0.0.1:8765/slack/"
                                      "webhook for “Rollback announced in #inc-rollback (incident "
                                      "webhook)”; answered HTTP 500 at T+00:03:02 in 84 ms\n");
    QTest::newRow("webhook 200") << s("  - T+00:28:00 Sam Okafor: POST http://127.0.0.1:8765/slack/"
                                      "webhook for “Internal update sent (incident webhook): "
                                      "executives, support, engineering”; answered HTTP 200 at "
                                      "T+00:28:00 in 84 ms\n");
    QTest::newRow("check failed") << s("  - T+00:19:20 “Latency p99 under the acceptance threshold "
                                       "(300 ms)”: measured 351 against threshold < 300: FAILED "
                                       "(run failed)\n");
    QTest::newRow("check passed") << s("  - T+00:05:08 “Write rate measured at zero”: measured 0 "
                                       "against threshold <= 0: passed (run passed)\n");
    QTest::newRow("ramp gate failed")
        << s("gate “Error rate under 1%” at weight 25%: measured 0.027 against threshold < 0.01: "
             "FAILED\n");
}

void TestTroubleDrill::auditEvidence()
{
    QFETCH(QString, line);
    const QString md = QString::fromUtf8(PostmortemExporter::render(report(), ExportFormat::Markdown));
    const qsizetype section = md.indexOf(s("- Notifications sent (webhook posts and their answers):\n"));
    QVERIFY(section > 0);
    QVERIFY2(md.indexOf(line, section) > section, qPrintable(line));
    const QString html = QString::fromUtf8(PostmortemExporter::render(report(), ExportFormat::Html));
    QVERIFY(html.contains(s("Validated against thresholds (each check run, each ramp gate):<ul>")));
}

// A ramp's gate is listed once a weight, its line rewritten by each later sample at that weight:
// in its own place, even when another run's line came after it (it rewrote that one).
void TestTroubleDrill::gateLineKeepsItsPlace()
{
    QString error;
    const auto snap = IncidentSnapshot::load(m_store, m_id, &error);
    QVERIFY2(snap, qPrintable(error));
    const auto event = [](const QString &kind, const QJsonObject &payload) {
        TimelineEvent e;
        e.kind = kind;
        e.stepId = s("s6");
        e.itemId = s("i1");
        e.payload = payload;
        return e;
    };
    const auto gate = [&](const QString &value) {
        return event(EventKind::CheckSampled, {{PayloadKey::Run, s("ramp-1")},
                                               {PayloadKey::Label, s("Error rate")},
                                               {PayloadKey::Weight, 25},
                                               {PayloadKey::ValueText, value},
                                               {PayloadKey::Threshold, s("< 1%")},
                                               {PayloadKey::Passed, true}});
    };
    const TimelineEvents events{
        gate(s("0.5%")),
        event(EventKind::CheckSampled, {{PayloadKey::Run, s("check-1")},
                                        {PayloadKey::ValueText, s("120 ms")},
                                        {PayloadKey::Threshold, s("< 300")},
                                        {PayloadKey::Passed, true}}),
        event(EventKind::CheckFinished,
              {{PayloadKey::Run, s("check-1")}, {PayloadKey::Outcome, RunOutcome::Passed}}),
        gate(s("0.7%")),
    };
    QStringList notifications;
    QStringList validations;
    AuditEvidence::collect(events, EventFormatter(snap->checklist, {}), notifications, validations);
    QCOMPARE(validations.size(), 2);
    QVERIFY2(validations.at(0).contains(s("measured 0.7% against threshold < 1%")),
             qPrintable(validations.at(0)));
    QVERIFY2(validations.at(1).contains(s("measured 120 ms against threshold < 300")),
             qPrintable(validations.at(1)));
}

// The events of an open session are read with their payloads parsed when first read; the
// document made from them is the same, its audit evidence and chart made on this thread instead
// of beside the rows (a first read writes the payload, so two threads may not share them).
void TestTroubleDrill::goldenFromPayloadsReadOnDemand_data()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"md", "html"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestTroubleDrill::goldenFromPayloadsReadOnDemand()
{
    QFETCH(QString, format);
    const QString actual = QString::fromUtf8(PostmortemExporter::render(
        report(false, IncidentSnapshot::Payloads::OnDemand), *exportFormatFromName(format)));
    WARROOM_COMPARE_GOLDEN(actual, s(WARROOM_TEST_DATA "/export/trouble.") + format);
}

void TestTroubleDrill::secondPersonsArePeople()
{
    const PostmortemReport r = report();
    QVERIFY(r.people.contains(s("Ada Mensah")));
    const auto ada = std::find_if(r.persons.cbegin(), r.persons.cend(),
                                  [](const auto &p) { return p.name == s("Ada Mensah"); });
    QVERIFY(ada != r.persons.cend());
    QCOMPARE(ada->secondPersonFor,
             QStringList{s("“Rollback job of checkout-api to v1.2.0 started and finished”")});
    QCOMPARE(r.persons.size(), 4);
}

void TestTroubleDrill::durationsSayHowAndHowFast()
{
    const PostmortemReport r = report();
    QCOMPARE(r.drillSpeed, test::troubleSpeed);
    QCOMPARE(r.awayMs, 6 * test::minute);
    QCOMPARE(ReportText::triggerToHealthy(r), s("21 min 00 s (drill at ×10 speed)"));
    QCOMPARE(ReportText::triggerToHealthyDefinition(r),
             s("Measured from the moment step 4 “Execute automation scripts; monitor telemetry” "
               "started (milestone “Rollback start”) to the moment step 6 “Re-enable traffic "
               "gradually; watch dashboards for anomalies” done (milestone “Rollback complete”), "
               "as the timeline recorded them; it includes any time warroom was not running "
               "(6 min 00 s in all)."));
    const QString md = QString::fromUtf8(PostmortemExporter::render(r, ExportFormat::Markdown));
    // Every duration of the steps table and the status says the speed.
    QVERIFY(md.contains(s("| Status | closed 31 min 00 s (drill at ×10 speed) after declaration |")));
    QVERIFY(md.contains(s("| 11 min 00 s (drill at ×10 speed) |")));
}

void TestTroubleDrill::routineEventsFolded_data()
{
    QTest::addColumn<bool>("allEvents");
    QTest::newRow("folded") << false;
    QTest::newRow("--all-events") << true;
}

void TestTroubleDrill::routineEventsFolded()
{
    QFETCH(bool, allEvents);
    const PostmortemReport r = report(allEvents);
    int routine = 0;
    for (const TimelineEvent &e : r.events)
        routine += RoutineFold::isRoutine(e);
    QCOMPARE(routine, 20 + 4 + 1 + 1 + 5 + 3); // polls and answers, samples of each run
    QCOMPARE(r.exportedEvents, r.events.size());
    // The ramp folds per stage and gate: 5% has a row for each of its two gates, 25% one.
    const int runsWithRoutine = 10;
    QCOMPARE(r.documentRows.size(),
             allEvents ? r.events.size() : r.events.size() - routine + runsWithRoutine);
    const QString md = QString::fromUtf8(PostmortemExporter::render(r, ExportFormat::Markdown));
    QCOMPARE(md.contains(s("polling GET")), allEvents);
    QCOMPARE(md.contains(s("| *“Latency p99 under the acceptance threshold (300 ms)”: measured 4 "
                           "time(s) from T+00:19:05 to T+00:19:20; never passed; last value 351 "
                           "(threshold < 300) FAILING* |")),
             !allEvents);
    QCOMPARE(md.contains(s("job polled 6 time(s) from T+00:16:02 to T+00:16:12; last answer "
                           "succeeded (progress 100%)")),
             !allEvents);
    // JSON and CSV keep every event whatever the option.
    const QString csv = QString::fromUtf8(PostmortemExporter::render(r, ExportFormat::Csv));
    QCOMPARE(csv.count(s("polling GET")), 10);
}

// "Time from rollback trigger to healthy" says what went against the checklist between its two
// milestones (a reader took "healthy" for a measured state while the ramp's last weight was 0 %):
// the kinds that count, each once in the order it first happened, and nothing outside the span.
void TestTroubleDrill::healthyCaveat_data()
{
    QTest::addColumn<QList<int>>("kinds"); // KeyMoment, one a minute from T+1 min
    QTest::addColumn<QString>("line");     // empty: no such line
    QTest::addColumn<bool>("sliced");      // an export of T+0 to T+8 min only
    const auto k = [](KeyMoment m) {
        return int(m);
    };
    const QString tail
        = s(" (see Key moments). \u201cHealthy\u201d here is the milestone as people "
            "reached it, not a state warroom measured.");
    QTest::newRow("nothing") << QList<int>{} << QString() << false;
    QTest::newRow("only routine kinds")
        << QList<int>{k(KeyMoment::SecondPerson), k(KeyMoment::Handover), k(KeyMoment::Deferred)}
        << QString() << false;
    QTest::newRow("a ramp halted, set back and skipped")
        << QList<int>{k(KeyMoment::RampHalted), k(KeyMoment::WeightSetBack), k(KeyMoment::Skip)}
        << s("On the way there: Ramp halted at T+00:01:00; Ramp weight set back at T+00:02:00; "
             "Skipped at T+00:03:00")
               + tail
        << false;
    QTest::newRow("by hand three times, between others")
        << QList<int>{k(KeyMoment::ByHand), k(KeyMoment::NoGo), k(KeyMoment::ByHand),
                      k(KeyMoment::ByHand)}
        << s("On the way there: Confirmed by hand 3 times, from T+00:01:00 to T+00:04:00; NO-GO "
             "at T+00:02:00")
               + tail
        << false;
    // Its key moments are the slice's, the milestones the whole timeline's: nothing said.
    QTest::newRow("a slice") << QList<int>{k(KeyMoment::RampHalted)} << QString() << true;
    QTest::newRow("out of order") << QList<int>{k(KeyMoment::Override)}
                                  << s("On the way there: Out of order at T+00:01:00") + tail
                                  << false;
    // Minute 9 and later are after the rollback was complete (T+8 min).
    QTest::newRow("after the milestone")
        << QList<int>{k(KeyMoment::Handover), k(KeyMoment::Handover), k(KeyMoment::Handover),
                      k(KeyMoment::Handover), k(KeyMoment::Handover), k(KeyMoment::Handover),
                      k(KeyMoment::Handover), k(KeyMoment::Handover), k(KeyMoment::RunFailed)}
        << QString() << false;
}

void TestTroubleDrill::healthyCaveat()
{
    QFETCH(QList<int>, kinds);
    QFETCH(QString, line);
    QFETCH(bool, sliced);
    PostmortemReport r;
    if (sliced)
        r.options.toMs = 8 * 60000;
    r.rollbackStartMs = 0;
    r.rollbackCompleteMs = 8 * 60000;
    qint64 at = 0;
    for (int kind : kinds)
        r.keyMoments.append({0, at += 60000, s("Lena"), KeyMoment(kind), s("text")});
    const QStringList facts = ReportText::resolutionFacts(r).split(u'\n');
    const QStringList caveats = facts.filter(s("On the way there"));
    QCOMPARE(caveats, line.isEmpty() ? QStringList() : QStringList{line});
}

QTEST_MAIN(TestTroubleDrill) // the HTML chart measures its text: fonts need a QGuiApplication
#include "tst_troubledrill.moc"
