#include "control/IncidentController.h"
#include "facilitation/Debrief.h"
#include "facilitation/FacilitationRecord.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/ShippedDeclaration.h"
#include "support/TestStrings.h"
#include "timeline/ScreenClock.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

// Where a debrief ends when the facilitation record has no `drill.finished`: the runner wrote its
// end into the timeline (or a screen wrote it, having found the runner gone) and went away before
// the record's entry. The debrief said "Outcome: not ended", "Verdict: none yet" and every
// expectation pending, for good, beside a postmortem whose drill had ended.
class TestDebriefEnd : public QObject
{
    Q_OBJECT

private slots:
    void endsWhereTheTimelineEnds_data();
    void endsWhereTheTimelineEnds();
};

void TestDebriefEnd::endsWhereTheTimelineEnds_data()
{
    QTest::addColumn<QString>("end");       // what the timeline's end carries
    QTest::addColumn<bool>("finished");     // the record has its drill.finished
    QTest::addColumn<QString>("outcome");   // the debrief's outcome
    QTest::addColumn<QStringList>("lines"); // in its Markdown
    QTest::addColumn<QString>("expected");  // its scenario's "the drill times out", judged
    const QString deadline = s("the drill passed its deadline, T+0:01:40");
    // The runner judged it, wrote its end, and went before the record's entry.
    QTest::newRow("the runner's end, its verdict in it")
        << s("verdict") << false << s("timed out")
        << QStringList{s("Outcome: timed out (") + deadline + u')',
                       s("Verdict: DID NOT PASS, 1 failure in its steps (every expectation of "
                         "its scenario is met):"),
                       s("Failure 1: step 4 execute failed: the job failed")}
        << s("met");
    // An end from a build that wrote the verdict in the note's words alone.
    QTest::newRow("the runner's end, no verdict in it")
        << s("bare") << false << QString(FacilitationRecord::unjudgedEndOutcome)
        << QStringList{s("Verdict: not saved. The app running the drill stopped right after "
                         "ending it; its end note in the timeline gives the verdict.")}
        << s("pending");
    // Another screen found the runner gone and ended it.
    QTest::newRow("a screen's end for a runner gone")
        << s("gone") << false << QString(FacilitationRecord::runnerGoneOutcome)
        << QStringList{s("Verdict: none: the app running the drill went away before it judged "
                         "it.")}
        << s("missed");
    // Both written: the record's entry is the runner's word, as before.
    QTest::newRow("the record's own end")
        << s("verdict") << true << s("completed")
        << QStringList{s("Outcome: completed"),
                       s("Verdict: PASSED, every step and expectation as its scenario expects.")}
        << s("missed");
}

void TestDebriefEnd::endsWhereTheTimelineEnds()
{
    QFETCH(QString, end);
    QFETCH(bool, finished);
    QFETCH(QString, outcome);
    QFETCH(QStringList, lines);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    TimelineStore store;
    QString error;
    QVERIFY(store.open(dir.filePath(s("d.db")), &error));
    IncidentController controller(store, systemClock());
    QVERIFY2(
        test::declareShipped(controller, s("tabletop"), s("Priya"), IncidentMode::Drill, &error),
        qPrintable(error));
    IncidentSession &session = *controller.session();
    const qint64 id = session.incident().id;
    Scenario scenario;
    scenario.id = s("ends");
    scenario.title = s("Drill: ends");
    scenario.expectations
        = {{s("times-out"), DrillExpectation::Kind::DrillOutcome, {}, -1, s("timed out"), -1, {}}};
    const FacilitationEntry started{
        id,        0,
        0,         0,
        s("Fran"), QString(FacilitationKind::DrillStarted),
        {},        {{s("scenario"), FacilitationRecord::scenarioJson(scenario)}}};
    QVERIFY(store.appendFacilitation(started, &error).has_value());
    // Written as the runner writes them (the clock's facts, signed by the facilitator): a ×20
    // clock from T+0, ended 5 real seconds later, at T+0:01:40.
    QVERIFY(session.setActor(QString(ScreenClock::facilitator)));
    QVERIFY(session
                .recordDrillClock(s("Drill clock started."),
                                  ScreenClock::fact(DrillClockChange::Started, 0, 20))
                .ok());
    const QJsonObject verdict{
        {s("outcome"), s("timed out")},
        {s("reason"), s("the drill passed its deadline, T+0:01:40")},
        {s("passed"), false},
        {s("failures"), QJsonArray{s("step 4 execute failed: the job failed")}}};
    QJsonObject fact = ScreenClock::fact(DrillClockChange::Ended, 5'000);
    if (end == s("gone"))
        fact.insert(PayloadKey::RunnerGone, s("Lena Vogt"));
    if (end == s("gone") || end == s("bare"))
        QVERIFY(session.recordDrillClock(s("Drill ended."), fact).ok());
    else
        QVERIFY(session.recordDrillEnd(s("Drill timed out."), 5'000, verdict).ok());
    QVERIFY(session.screenClock().hasEnded());
    if (finished)
        QVERIFY(store
                    .appendFacilitation({id,
                                         0,
                                         0,
                                         100'000,
                                         s("Fran"),
                                         FacilitationKind::DrillFinished,
                                         {},
                                         {{s("outcome"), s("completed")}, {s("passed"), true}}},
                                        &error)
                    .has_value());
    const auto d = Debrief::load(store, id, &error);
    QVERIFY2(d, qPrintable(error));
    QCOMPARE(d->record.outcome, outcome);
    // Where every screen's clock stopped: T+0:01:40 on the ×20 clock.
    QCOMPARE(d->record.endDrillMs, 100'000);
    const QString md = d->markdown();
    for (const QString &line : lines)
        QVERIFY2(md.contains(line), qPrintable(line + s("\n\n") + md.left(2000)));
    QVERIFY2(!md.contains(s("not ended")) && !md.contains(s("none yet")),
             qPrintable(md.left(2000)));
    QCOMPARE(d->score.expectations.size(), 1);
    QCOMPARE(ExpectationScore::statusName(d->score.expectations.constFirst().status), expected);
}

QTEST_MAIN(TestDebriefEnd)
#include "tst_debriefend.moc"
