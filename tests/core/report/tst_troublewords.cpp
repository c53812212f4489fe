// The words a reader of the trouble drill's postmortem (support/TroubleDrill.h) reads first: each
// line of "Key moments" with its time, who, and what became of a run's trouble (the failed rollback
// job and the missed check were listed, their later success nowhere in the section, and a reader
// took the rollback for failed); how many routine events the timeline folds, and into how many
// rows (it said "34 job polls and check samples" above rows that counted 24); and the steps
// finished, apart from those still under way (an active step read as finished "not by the book").
#include "report/PostmortemExporter.h"
#include "report/ReportText.h"
#include "support/ScriptedIncident.h"
#include "support/TestStrings.h"
#include "support/TroubleDrill.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::s;

class TestTroubleWords : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keyMomentLines_data();
    void keyMomentLines();
    void foldedRowsCounted();
    void stepsFinished_data();
    void stepsFinished();
    void unfinishedStepSaysSo_data();
    void unfinishedStepSaysSo();
    void roleHoldersArePeople();

private:
    QTemporaryDir m_dir;
    TimelineStore m_store;
    qint64 m_id = 0;
};

void TestTroubleWords::initTestCase()
{
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(s("trouble.sqlite")), &error), qPrintable(error));
    m_id = test::troubleIncident(m_store);
}

void TestTroubleWords::keyMomentLines_data()
{
    QTest::addColumn<QString>("line");
    const auto row = [](const char *name, const char *line) {
        QTest::newRow(name) << s(line);
    };
    row("webhook failed", "| T+00:03:02 | Sam Okafor | **Action failed** | “Rollback announced in "
                          "#inc-rollback (incident webhook)”: action FAILED: HTTP 500 from the "
                          "webhook. Then confirmed by hand by Sam Okafor at T+00:04:00. |");
    row("by hand", "| T+00:04:00 | Sam Okafor | **Confirmed by hand** | Confirmed “Rollback "
                   "announced in #inc-rollback (incident webhook)” BY HAND instead of by its run. "
                   "Reason: posted by hand in #inc-checkout after the webhook's 500 |");
    row("second person", "| T+00:07:00 | Lena Vogt | **Irreversible action, second person** |");
    row("job failed",
        "| T+00:07:08 | Lena Vogt | **Action failed** | “Rollback job of checkout-api "
        "to v1.2.0 started and finished”: action FAILED: the job's state is failed "
        "(wanted succeeded). Then a later run succeeded: the item was done at "
        "T+00:16:12. |");
    row("gap", "| T+00:15:00 | Priya Raman | **warroom stopped and reopened** | nothing was "
               "recorded for 6 min 00 s, from T+00:09:00 (the last event before) until warroom "
               "was opened again at T+00:15:00 |");
    row("unknown", "| T+00:15:00 | Priya Raman | **Outcome unknown** | “Rollback job of "
                   "checkout-api to v1.2.0 started and finished”: OUTCOME UNKNOWN: POST "
                   "http://127.0.0.1:8765/api/rollback was in flight when warroom stopped; "
                   "whether it took effect is not known. Then this run succeeded: the item was "
                   "done at T+00:16:12. |");
    row("resolved", "| T+00:16:00 | Lena Vogt | **Unknown outcome resolved: sent again** |");
    row("resolved, then", "[DRILL AT ×10 SPEED]. Then this run succeeded: the item was done at "
                          "T+00:16:12. |");
    row("check missed", "| T+00:19:20 | Ada Mensah | **Check missed its threshold** | “Latency p99 "
                        "under the acceptance threshold (300 ms)”: check FAILED: deadline passed: "
                        "351 is not < 300. Then a later run passed: the item was done at "
                        "T+00:21:05. |");
    row("ramp halted", "| T+00:22:03 | Lena Vogt | **Ramp halted** | “Traffic ramped back 5 → 25 "
                       "→ 50 → 100% with a hold and checks at each stage”: ramp HALTED: Error "
                       "rate under 1% failed at 25%: 0.027 (threshold < 0.01). Then the item was "
                       "skipped by Priya Raman at T+00:25:00. |");
    row("set back", "| T+00:22:10 | Lena Vogt | **Ramp weight set back** |");
    row("override",
        "| T+00:23:00 | Sam Okafor | **Out of order** | Step 7 “Communicate recovery to "
        "customers and internal teams” started OUT OF ORDER (waiting for Step 6 "
        "“Re-enable traffic gradually; watch dashboards for anomalies”). "
        "Reason: customers are asking on social; the status page cannot wait |");
    row("ramp skipped", "| T+00:25:00 | Priya Raman | **Skipped** | SKIPPED “Traffic ramped back");
    row("item skipped", "| T+00:28:00 | Sam Okafor | **Skipped** | SKIPPED “Customer success and "
                        "required notifications done (proof kept)”. Reason: drill: no customers to "
                        "tell |");
    // The people in the room: who said NO-GO (role, reason) and what it held up; the handover
    // (from, to, when it took effect); each deferral, where it comes back and what became of it.
    row("no-go", "| T+00:06:20 | Ada Mensah | **NO-GO** | Ada Mensah (Application owner) answered "
                 "NO-GO in go/no-go poll round 1 before “Rollback job of checkout-api to v1.2.0 "
                 "started and finished”. Reason: the canary still takes 8% of traffic; drain it "
                 "first. The item waited: round 2 was all GO at T+00:07:00. |");
    // Lena took SRE on call mid-poll and answered for it too: four GO rows from three people.
    row("second voice", "| T+00:22:00 | Lena Vogt | **One person, several roles in a poll** | Lena "
                        "Vogt answered for 2 of the poll's roles in go/no-go poll round 1 before "
                        "“Writes re-enabled” (Database engineer, SRE on call): one person gave "
                        "those voices. |");
    row("handover", "| T+00:29:00 | Lena Vogt | **Command handed over** | Command handed over from "
                    "Priya Raman to Lena Vogt, effective T+00:29:00 when Lena Vogt accepted with "
                    "their own name. Briefing: Situation: checkout-api back on v1.2.0");
    row("deferred, resolved", "| T+00:04:00 | Sam Okafor | **Deferred** | DEFERRED “Stakeholders "
                              "notified: support, executives, compliance where required” of Step "
                              "2 “Notify stakeholders, open incident channel, assign roles”: it "
                              "comes back at Step 7 “Communicate recovery to customers and "
                              "internal teams”. Reason: executives are in the quarterly review "
                              "until 09:00. Then confirmed by Sam Okafor at T+00:28:00. |");
    row("deferred, still open", "| T+00:30:00 | Lena Vogt | **Deferred** | DEFERRED “Checklist and "
                                "playbook updates filed” of Step 8 “Capture audit trail, incident "
                                "timeline, and follow-up actions”: it goes to the follow-ups. "
                                "Reason: the ramp's error-rate check needs a warm-up window; the "
                                "platform team decides. STILL OPEN when the incident closed: an "
                                "action item. |");
}

void TestTroubleWords::keyMomentLines()
{
    QFETCH(QString, line);
    const QString md = QString::fromUtf8(
        PostmortemExporter::render(test::scriptedReport(m_store, m_id), ExportFormat::Markdown));
    const qsizetype section = md.indexOf(s("## Key moments"));
    const qsizetype end = md.indexOf(s("## People"));
    QVERIFY(section > 0 && end > section);
    // Near the top: before the sections the team writes.
    QVERIFY(section < md.indexOf(s("## Summary")));
    QVERIFY2(md.mid(section, end - section).contains(line), qPrintable(line));
}

// 20 job polls and their answers, and 14 check samples, in 10 rows: one per run, ramp stage and
// gate.
void TestTroubleWords::foldedRowsCounted()
{
    const QString md = QString::fromUtf8(
        PostmortemExporter::render(test::scriptedReport(m_store, m_id), ExportFormat::Markdown));
    QVERIFY2(md.contains(s("34 routine events (job polls and check samples, each a request and its "
                           "answer) are folded into 10 row(s), one per run and gate")),
             qPrintable(md.mid(md.indexOf(s("routine events")) - 10, 200)));
    ExportOptions all;
    all.allEvents = true;
    const QString every = QString::fromUtf8(PostmortemExporter::render(
        test::scriptedReport(m_store, m_id, all), ExportFormat::Markdown));
    QVERIFY(!every.contains(s("routine events")));
    QVERIFY(every.contains(s("Every event is listed (--all-events).")));
}

void TestTroubleWords::stepsFinished_data()
{
    QTest::addColumn<QStringList>("steps"); // "state started note", note may be empty
    QTest::addColumn<QString>("line");
    QTest::newRow("all done by the book")
        << QStringList{s("done|0|"), s("done|60000|")} << s("2 of 2 checklist steps finished.");
    QTest::newRow("done, not by the book")
        << QStringList{s("done|0|1 confirmed by hand"), s("done|0|started out of order")}
        << s("2 of 2 checklist steps finished, not all by the book (step 1: 1 confirmed by hand; "
             "step 2: started out of order).");
    // The demo drill: steps 2 and 4 still active read as finished "not all by the book".
    QTest::newRow("under way apart")
        << QStringList{s("done|0|"), s("active|60000|1 confirmed by hand, 1 deferred, still open"),
                       s("done|0|2 confirmed by hand"), s("active|60000|1 confirmed by hand"),
                       s("pending|-1|")}
        << s("2 of 5 checklist steps finished, not all by the book (step 3: 2 confirmed by hand); "
             "not finished: step 2 active: 1 confirmed by hand, 1 deferred, still open; step 4 "
             "active: 1 confirmed by hand; step 5 not started.");
    QTest::newRow("a failed step")
        << QStringList{s("done|0|"), s("failed|60000|")}
        << s("1 of 2 checklist steps finished; not finished: step 2 failed.");
    // A step skipped as a whole is not by the book; the steps never started are all named.
    QTest::newRow("skipped, and not started")
        << QStringList{s("skipped|-1|"), s("skipped|0|1 item skipped"), s("active|0|"),
                       s("pending|-1|"), s("pending|-1|")}
        << s("2 of 5 checklist steps finished, not all by the book (step 1: skipped; step 2: "
             "skipped, 1 item skipped); not finished: step 3 active; steps 4, 5 not started.");
}

void TestTroubleWords::stepsFinished()
{
    QFETCH(QStringList, steps);
    QFETCH(QString, line);
    PostmortemReport r;
    for (const QString &step : steps) {
        const QStringList f = step.split(u'|');
        PostmortemReport::StepRow row;
        row.number = static_cast<int>(r.steps.size()) + 1;
        row.state = f.at(0);
        row.startedMs = f.at(1).toLongLong();
        row.stateNote = f.at(2);
        r.steps.append(row);
    }
    const QStringList facts = ReportText::resolutionFacts(r).split(u'\n');
    QCOMPARE(facts.filter(s("checklist steps finished")), QStringList{line});
}

void TestTroubleWords::unfinishedStepSaysSo_data()
{
    QTest::addColumn<qint64>("endedMs"); // -1: not finished
    QTest::addColumn<bool>("closed");
    QTest::addColumn<QString>("span");
    QTest::newRow("done") << qint64(13 * 60000) << false << s("13 min 00 s");
    QTest::newRow("active, the incident open")
        << qint64(-1) << false << s("13 min 00 s so far, not finished at the last event");
    QTest::newRow("active, the incident closed")
        << qint64(-1) << true << s("13 min 00 s, not finished when the incident closed");
}

// The demo drill's steps still active read "13 min 00 s" as if final, in an export made 22 min
// after its last event.
void TestTroubleWords::unfinishedStepSaysSo()
{
    QFETCH(qint64, endedMs);
    QFETCH(bool, closed);
    QFETCH(QString, span);
    PostmortemReport r;
    r.closed = closed;
    PostmortemReport::StepRow step;
    step.startedMs = 0;
    step.endedMs = endedMs;
    step.actualMs = 13 * 60000;
    QCOMPARE(ReportText::stepSpan(r, step, std::nullopt), span);
}

// Whoever took a role is one of the people, whether or not they signed an event: a holder and a
// fallback who signed nothing were left out of People.
void TestTroubleWords::roleHoldersArePeople()
{
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(s("roles.sqlite")), &error), qPrintable(error));
    const qint64 id = test::troubleIncident(store);
    const QJsonObject assigned{
        {s("role"), s("scribe")}, {s("person"), s("Dana Ruiz")}, {s("fallback"), s("Omar Haddad")}};
    QVERIFY2(store.append(id, {EventDraft{s("Priya Raman"), s("role.assigned"), {}, {}, assigned}},
                          0, &error),
             qPrintable(error));
    const PostmortemReport r = test::scriptedReport(store, id);
    QStringList lines;
    for (const PostmortemReport::Person &p : r.persons)
        lines << ReportText::personLine(p);
    QVERIFY2(lines.contains(s("Dana Ruiz: signed no event; held Scribe")),
             qPrintable(lines.join(u'\n')));
    QVERIFY2(lines.contains(s("Omar Haddad: signed no event; fallback for Scribe")),
             qPrintable(lines.join(u'\n')));
    QVERIFY2(lines.contains(
                 s("Lena Vogt: signed 91 event(s); held command, Database engineer, SRE on call")),
             qPrintable(lines.join(u'\n')));
    QVERIFY(r.people.contains(s("Dana Ruiz")) && r.people.contains(s("Omar Haddad")));
}

QTEST_MAIN(TestTroubleWords) // the HTML chart measures its text: fonts need a QGuiApplication
#include "tst_troublewords.moc"
