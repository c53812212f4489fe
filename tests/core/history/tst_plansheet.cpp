// The rollback plan sheet (`warroom plan`): seed 000's five questions answered for the shipped
// checklist, before any drill ("not measured yet — run a drill") and after scripted drills
// (measured medians), byte for byte the golden Markdown; secrets never appear; the PDF read back
// with pdftotext says the same.
#include "HistoryScript.h"

#include "history/ChecklistHistory.h"
#include "history/HistoryLoader.h"
#include "history/PlanSheet.h"
#include "support/TestFiles.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom;
using warroom::test::minute;
using warroom::test::s;
using warroom::test::t0;

class TestPlanSheet : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void golden_data();
    void golden();
    void secretsRedacted();
    void pdfReadsBack();

private:
    QTemporaryDir m_dir;
    TimelineStore m_store;
    std::optional<ChecklistHistory> m_history;
};

void TestPlanSheet::initTestCase()
{
    QString error;
    QVERIFY(m_store.open(m_dir.filePath(s("plan.sqlite")), &error));
    for (int i = 0; i < 3; ++i) {
        test::ScriptedRun run;
        run.declaredUtcMs = t0 + i * 7 * 24 * 60 * minute;
        run.stepMinutes = {{s("execute"), 10.0 + 2 * i}};
        test::writeScriptedRun(m_store, run);
    }
    const auto data = HistoryData::load(m_store, &error);
    QVERIFY2(data, qPrintable(error));
    const auto histories = ChecklistHistory::build(data->incidents, data->checklists);
    QCOMPARE(histories.size(), 1);
    m_history = histories.first();
}

void TestPlanSheet::golden_data()
{
    QTest::addColumn<bool>("measured");
    QTest::addColumn<bool>("healthy"); // some drill reached rollback complete and healthy
    QTest::newRow("not-measured") << false << false;
    QTest::newRow("measured") << true << true;
    // Drills that stopped before healthy measure their steps only: "run a drill" stood above the
    // medians of three.
    QTest::newRow("steps-only") << true << false;
}

void TestPlanSheet::golden()
{
    QFETCH(bool, measured);
    QFETCH(bool, healthy);
    const qint64 now = t0 + 48 * 24 * 60 * minute; // 34 days after the last drill
    std::optional<ChecklistHistory> history;
    if (measured)
        history = m_history;
    if (history && !healthy) {
        history->triggerToHealthyDrill = {};
        history->triggerToHealthyLive = {};
    }
    const PlanSheet sheet = PlanSheet::build(test::shippedChecklist(), history, now);
    const QString md = sheet.markdown();
    QCOMPARE(md.contains(s("Not measured yet — run a drill")), !measured);
    QCOMPARE(md.contains(s("Rollback trigger to healthy is not measured yet: no drill has reached "
                           "it (the steps below are measured).")),
             measured && !healthy);
    QCOMPARE(md.contains(s("median 18:00")),
             healthy); // execute 12 + 1 + validate 2 + 1 + reenable 2
    WARROOM_COMPARE_GOLDEN(md, s(WARROOM_TEST_DATA "/history/plan-%1.md")
                                   .arg(QString::fromLatin1(QTest::currentDataTag())));
}

void TestPlanSheet::secretsRedacted()
{
    // The shipped checklist's requests carry ${env:WARROOM_SIM_TOKEN}; with it set, the sheet
    // still shows only the marker: the sheet never reads the environment.
    qputenv("WARROOM_SIM_TOKEN", "s3cr3t-token-value");
    const PlanSheet sheet = PlanSheet::build(test::shippedChecklist(), std::nullopt, t0);
    qunsetenv("WARROOM_SIM_TOKEN");
    QVERIFY(!sheet.markdown().contains(s("s3cr3t")));
    QVERIFY(!sheet.html().contains(s("s3cr3t")));
    QVERIFY(sheet.markdown().contains(s("Authorization: Bearer [redacted]")));
}

void TestPlanSheet::pdfReadsBack()
{
    const PlanSheet sheet = PlanSheet::build(test::shippedChecklist(), m_history, t0);
    const QString pdf = m_dir.filePath(s("plan.pdf"));
    QString error;
    QVERIFY2(sheet.writePdf(pdf, &error), qPrintable(error));
    QProcess p;
    p.start(s("pdftotext"), {s("-layout"), pdf, s("-")});
    QVERIFY(p.waitForFinished(30'000));
    QCOMPARE(p.exitCode(), 0);
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    for (const char *expected : {"1. Who can trigger it?", "2. What exact command triggers it?",
                                 "3. How long does it take?", "4. What are the database",
                                 "5. How is success", "POST http://127.0.0.1:8787/api/rollback"})
        QVERIFY2(text.contains(s(expected)), expected); // "verified" has an fi ligature
}

QTEST_MAIN(TestPlanSheet)
#include "tst_plansheet.moc"
