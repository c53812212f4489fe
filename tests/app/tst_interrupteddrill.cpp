// A drill that stopped without ending, as the next `warroom drill` on its database names it on
// stderr before declaring its own (app/InterruptedDrills.cpp), killed for real or found with a
// damaged file.
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "support/WarroomCli.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace warroom::test;

namespace {

const QString checklist = QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json");

} // namespace

class TestInterruptedDrill : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void killedDrillIsNamedOnTheNextRun();
    void damagedDrillSaysWhatIsKnown_data();
    void damagedDrillSaysWhatIsKnown();

private:
    ProcessRun drill(const QStringList &args);
    QTemporaryDir m_dir;
    QString m_db;
};

void TestInterruptedDrill::init()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(
        QStringLiteral("drill-%1-%2.db")
            .arg(s(QTest::currentTestFunction()), s(QTest::currentDataTag()).replace(u' ', u'-')));
}

ProcessRun TestInterruptedDrill::drill(const QStringList &args)
{
    QStringList all{s("drill")};
    all << args << s("--db") << m_db;
    // No display at all: the command must not need one.
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    return runProgram(QStringLiteral(WARROOM_BINARY), all, 110'000);
}

// A drill killed (SIGKILL) with its rollback request in flight: what it committed verifies, and
// the next drill on the database names it as a drill that stopped without ending before it
// declares an incident of its own, instead of leaving it open without a word.
void TestInterruptedDrill::killedDrillIsNamedOnTheNextRun()
{
    QProcess first;
    first.start(QStringLiteral(WARROOM_BINARY), {s("drill"), s("--checklist"), checklist,
                                                 s("--drill-speed"), s("20"), s("--db"), m_db});
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT(
        (out += QString::fromUtf8(first.readAllStandardOutput()),
         out.contains(s("execute/run run started")) || first.state() == QProcess::NotRunning),
        90'000);
    QVERIFY2(first.state() == QProcess::Running, qPrintable(out));
    first.kill(); // SIGKILL: no handler runs, nothing is closed
    QVERIFY(first.waitForFinished(10'000));
    const ProcessRun verify = runWarroom({s("verify"), s("--db"), m_db, s("--incident"), s("1")});
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
    QVERIFY(runWarroom({s("incidents"), s("--db"), m_db}).out.contains(s("1\tDRILL\topen")));

    const ProcessRun again = drill({s("--checklist"), checklist, s("--drill-speed"), s("100")});
    QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
    QVERIFY2(again.err.startsWith(s("warroom drill: incident 1 (\"Drill: Rollback war-room "
                                    "checklist\", declared ")),
             qPrintable(again.err));
    QVERIFY(again.err.contains(s("is a drill that stopped without ending")));
    QVERIFY(again.out.contains(s("drill started: incident 2 (DRILL)")));
    const ProcessRun list = runWarroom({s("incidents"), s("--db"), m_db});
    QVERIFY2(list.out.contains(s("2\tDRILL\tclosed")) && list.out.contains(s("1\tDRILL\topen")),
             qPrintable(list.out));
    // Once the killed one is closed (or while another process writes), nothing is said.
}

// Found with a time its file does not hold as a number: the line says the damage and shows what
// it still knows. A good declared time was left out beside a damaged last activity.
void TestInterruptedDrill::damagedDrillSaysWhatIsKnown_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("starts"); // of stderr
    QTest::addColumn<QString>("says");
    QTest::newRow("last activity a text")
        << s("DROP TRIGGER IF EXISTS events_append_only_update; UPDATE events SET utc_ms = "
             "'soon' WHERE seq = (SELECT MAX(seq) FROM events)")
        << s("warroom drill: incident 1 (\"Checkout 5xx after v1.3.0 deploy\", declared 20")
        << s("is a drill that stopped without ending, and its file is damaged: an event of "
             "incident 1 holds its utc_ms as \u201csoon\u201d");
    QTest::newRow("declared a text")
        << s("DROP TRIGGER IF EXISTS incidents_immutable_update; UPDATE incidents SET "
             "declared_utc_ms = 'today'")
        << s("warroom drill: incident 1 (\"Checkout 5xx after v1.3.0 deploy\") is a drill")
        << s("its file is damaged: incident 1 holds its declared_utc_ms as \u201ctoday\u201d");
}

void TestInterruptedDrill::damagedDrillSaysWhatIsKnown()
{
    QFETCH(QString, damage);
    QFETCH(QString, starts);
    QFETCH(QString, says);
    const ProcessRun demo = runProgram(QStringLiteral(WARROOM_DEMO), {m_db});
    QCOMPARE(demo.exitCode, 0); // an open drill: the demo incident
    QCOMPARE(rawSql(m_db, damage), QString());
    const ProcessRun r = drill({s("--checklist"), checklist, s("--drill-speed"), s("100")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.err.startsWith(starts), qPrintable(r.err));
    QVERIFY2(r.err.contains(says), qPrintable(r.err));
    QVERIFY2(!r.err.contains(s("1970")), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestInterruptedDrill)
#include "tst_interrupteddrill.moc"
