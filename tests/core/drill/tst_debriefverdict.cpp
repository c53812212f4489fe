// The debrief's verdict: the runner's drill.finished entry (outcome, reason, passed, failures)
// replayed from the facilitation record and said first in the overview. A drill that stopped on
// the halt its scenario expects read "Outcome: stopped (reenable/ramp halted)" and nothing
// more, which a reader who was not there takes for a failure.
#include "drill/InjectBoard.h"
#include "facilitation/Debrief.h"
#include "facilitation/FacilitationRecord.h"
#include "support/TestTimeline.h"

#include <QJsonArray>
#include <QTest>

using namespace warroom;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

FacilitationEntry entry(const QString &kind, const QJsonObject &payload)
{
    return FacilitationEntry{7, 0, 0, 60'000, s("drill facilitator"), kind, {}, payload};
}

} // namespace

class TestDebriefVerdict : public QObject
{
    Q_OBJECT

private slots:
    void verdict_data();
    void verdict();
    void injectsInTheOrderTheyFired();
};

void TestDebriefVerdict::verdict_data()
{
    QTest::addColumn<QJsonObject>("finished"); // empty: no drill.finished entry
    QTest::addColumn<QStringList>("says");
    QTest::addColumn<QStringList>("never");
    const QJsonObject stopped{{s("outcome"), s("stopped")},
                              {s("reason"), s("reenable/ramp halted")}};
    auto with = [&](QJsonObject o, bool passed, const QStringList &failures) {
        o.insert(s("passed"), passed);
        o.insert(s("failures"), QJsonArray::fromStringList(failures));
        return o;
    };
    QTest::newRow("passed on the halt it expects")
        << with(stopped, true, {})
        << QStringList{s("Outcome: stopped (reenable/ramp halted)."),
                       s("- Verdict: PASSED, every step and expectation as its scenario expects.")}
        << QStringList{s("DID NOT PASS"), s("Failure 1")};
    QTest::newRow("two failures, each said")
        << with(stopped, false,
                {s("step 4 execute (Execute automation scripts), item run \"Rollback job\": "
                   "failed: the job's state is failed (wanted succeeded)"),
                 s("expectation job-in-time: step execute was not done by T+00:20:00")})
        << QStringList{s("- Verdict: DID NOT PASS, 2 failures against what its scenario expects:"),
                       s("- Failure 1: step 4 execute (Execute automation scripts), item run "
                         "\"Rollback job\": failed: the job's state is failed (wanted "
                         "succeeded)"),
                       s("- Failure 2: expectation job-in-time: step execute was not done by "
                         "T+00:20:00")}
        << QStringList{s("PASSED,"), s("Failure 3")};
    // A step failed where its scenario expects every expectation met (schema-migration-trap):
    // not "against what its scenario expects" above "Expectations: 3 met, 0 missed".
    QTest::newRow("a step failed, every expectation met")
        << with(stopped, false,
                {s("step 4 execute (Execute automation scripts), item run \"Rollback job\": "
                   "failed: the job's state is failed (wanted succeeded)")})
        << QStringList{s("- Verdict: DID NOT PASS, 1 failure in its steps (every expectation of "
                         "its scenario is met):"),
                       s("- Failure 1: step 4 execute")}
        << QStringList{s("against what its scenario expects")};
    // The runner's own problem, neither a step nor an expectation: not "in its steps".
    QTest::newRow("an inject not taken, every expectation met")
        << with(stopped, false, {s("inject job-breaks was not taken by the drill backend")})
        << QStringList{s("- Verdict: DID NOT PASS, 1 failure (every expectation of its scenario "
                         "is met):")}
        << QStringList{s("in its steps"), s("against what its scenario expects")};
    QTest::newRow("did not pass, no line recorded")
        << with(stopped, false, {})
        << QStringList{s("- Verdict: DID NOT PASS (the drill did not end as its scenario "
                         "expects).")}
        << QStringList{s("Failure 1")};
    QStringList many;
    for (int i = 1; i <= 25; ++i)
        many << s("problem %1").arg(i);
    QTest::newRow("a long list is cut at twenty")
        << with(stopped, false, many)
        << QStringList{s("DID NOT PASS, 25 failures"), s("- Failure 20: problem 20"),
                       s("- and 5 more, in the drill's JUnit report and JSON summary.")}
        << QStringList{s("Failure 21")};
    // The facilitation record is a file like any other: a line break in a failure would start a
    // heading of its own in the Markdown.
    QTest::newRow("a line break in a failure")
        << with(stopped, false, {s("one\n# Forged heading")})
        << QStringList{s("- Failure 1: one \\# Forged heading")}
        << QStringList{s("\n# Forged heading")};
    // A line of megabytes, written by hand into the record, is cut to 2000 characters and says
    // how much was left out.
    const QString huge = s("step 4: ") + QString(3'000'000, u'x');
    QTest::newRow("a multi-megabyte failure is cut")
        << with(stopped, false, {huge})
        << QStringList{s("- Failure 1: step 4: ") + QString(1992, u'x')
                       + s("\u2026 (2998008 more characters not shown)\n")}
        << QStringList{QString(1993, u'x')};
    // Where the limit falls between the two halves of an emoji, the emoji goes whole.
    const QString emoji
        = s("step 4: ") + QString(1991, u'x') + s("\U0001F600") + QString(1000, u'y');
    QTest::newRow("the cut never splits a character")
        << with(stopped, false, {emoji})
        << QStringList{s("- Failure 1: step 4: ") + QString(1991, u'x')
                       + s("\u2026 (1002 more characters not shown)\n")}
        << QStringList{s("\U0001F600"), QString(10, u'y')};
    QTest::newRow("a record from before verdicts were kept")
        << stopped
        << QStringList{s("- Verdict: not recorded (this drill ran before warroom recorded its "
                         "verdict in the facilitation record).")}
        << QStringList{s("PASSED"), s("DID NOT PASS")};
    QTest::newRow("passed is not a boolean")
        << QJsonObject{{s("outcome"), s("completed")}, {s("passed"), s("true")}}
        << QStringList{s("- Verdict: not recorded")} << QStringList{s("PASSED")};
    QTest::newRow("not ended") << QJsonObject{}
                               << QStringList{s("- Verdict: none yet, the drill has not ended.")}
                               << QStringList{s("PASSED"), s("DID NOT PASS")};
}

void TestDebriefVerdict::verdict()
{
    QFETCH(QJsonObject, finished);
    QFETCH(QStringList, says);
    QFETCH(QStringList, never);
    FacilitationEntries entries{entry(FacilitationKind::DrillStarted, {})};
    if (!finished.isEmpty())
        entries << entry(FacilitationKind::DrillFinished, finished);
    Debrief d;
    d.checklist = test::shippedChecklist();
    d.incident.id = 7;
    d.incident.title = s("Drill: flapping error rate");
    d.incident.mode = IncidentMode::Drill;
    d.record = FacilitationRecord::replay(entries);
    QVERIFY2(d.record.problems.isEmpty(), qPrintable(d.record.problems.join(u'\n')));
    const QString md = d.markdown();
    for (const QString &line : says)
        QVERIFY2(md.contains(line), qPrintable(line + s("\nnot in:\n") + md.left(3000)));
    for (const QString &line : never)
        QVERIFY2(!md.contains(line), qPrintable(line + s("\nin:\n") + md.left(3000)));
}

// The injects' table lists them as they fired, then those that never did in the scenario's order:
// it kept the scenario's order with unscheduled ones last, and a message sent at T+11:55 read
// below a fault fired at T+12:21.
void TestDebriefVerdict::injectsInTheOrderTheyFired()
{
    const auto inject = [](const char *id, qint64 atMs) {
        DrillInject i;
        i.id = s(id);
        i.when.atMs = atMs;
        i.message = s("Message %1").arg(s(id));
        return i;
    };
    InjectBoard board({inject("listed-first", 740'000), inject("listed-second", 600'000),
                       inject("never", 3'600'000)});
    board.markFired(s("listed-second"), 600'000);
    board.markFired(s("listed-first"), 741'000);
    QString error;
    DrillInject sent = inject("unscheduled-1", -1);
    QVERIFY2(board.addUnscheduled(sent, &error), qPrintable(error));
    board.markFired(s("unscheduled-1"), 715'000);
    Debrief d;
    d.checklist = test::shippedChecklist();
    d.incident.id = 7;
    d.incident.mode = IncidentMode::Drill;
    d.record = FacilitationRecord::replay({entry(FacilitationKind::DrillStarted, {})});
    d.record.board = board;
    const QString md = d.markdown();
    QList<qsizetype> at;
    for (const char *row : {"| T+00:10:00 | listed-second |", "| T+00:11:55 | unscheduled-1",
                            "| T+00:12:21 | listed-first |", "| not fired | never |"}) {
        at << md.indexOf(s(row));
        QVERIFY2(at.constLast() >= 0, qPrintable(s(row) + s("\nnot in:\n") + md.left(4000)));
    }
    QVERIFY2(std::is_sorted(at.cbegin(), at.cend()), qPrintable(md.left(4000)));
}

QTEST_MAIN(TestDebriefVerdict)
#include "tst_debriefverdict.moc"
