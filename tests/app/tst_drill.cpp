#include "support/WarroomCli.h"
#include "support/TestStrings.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace warroom::test;

namespace {

const QString checklist = QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json");
const QString scenarios = QStringLiteral(WARROOM_TEST_DATA "/scenarios");

// The JUnit file as read by xmllint against Jenkins' XSD and by Python's xml.etree
// (read_junit.py): one line per suite and case, or INVALID.
QString readJUnit(const QString &path)
{
    const ProcessRun r = runProgram(QStringLiteral("/usr/bin/python3"),
                                    {QStringLiteral(WARROOM_APP_TESTS "/read_junit.py"), path,
                                     QStringLiteral(WARROOM_TEST_DATA "/junit/junit-10.xsd")});
    return r.exitCode == 0 ? r.out
                           : QStringLiteral("INVALID (%1) %2%3").arg(r.exitCode).arg(r.out, r.err);
}

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

// `warroom drill` as CI runs it: no display, the bundled backend on a free loopback port, ×100.
class TestDrill : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void healthyChecklistDrill();
    void jobFailsNamesStepFour();
    void backendStallLeavesTheStepOpen();
    void expectationMissed();
    void shippedScenarioHaltsTheRamp();
    void badInput_data();
    void badInput();
    void hostileScenarioFile_data();
    void hostileScenarioFile();
    void validateAcceptsScenarios();
    void stepTitleWithControlsIsRefused();
    void unsentRequestSaysWhy();
    void unwritableReportIsSaidFirst();

private:
    ProcessRun drill(const QStringList &args);
    QStringList stepResults() const;
    QString postmortem() const;
    QTemporaryDir m_dir;
    QString m_db;
    QString m_junit;
    QString m_json;
};

void TestDrill::init()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("drill-%1.db").arg(s(QTest::currentTestFunction())));
    m_junit = m_dir.filePath(QStringLiteral("%1.xml").arg(s(QTest::currentTestFunction())));
    m_json = m_dir.filePath(QStringLiteral("%1.json").arg(s(QTest::currentTestFunction())));
}

// The drill's postmortem in Markdown, as `warroom export` writes it (or why it was not written).
QString TestDrill::postmortem() const
{
    const QString md = m_dir.filePath(s(QTest::currentTestFunction()) + s(".md"));
    const ProcessRun r = runWarroom({s("export"), s("--db"), m_db, s("--incident"), s("1"),
                                     s("--format"), s("md"), s("-o"), md});
    return r.exitCode == 0 ? QString::fromUtf8(readBytes(md)) : s("export failed: ") + r.err;
}

// Each step of the JSON summary as its `result`, and " NO" after it when `passed` is false.
QStringList TestDrill::stepResults() const
{
    QFile summary(m_json);
    if (!summary.open(QIODevice::ReadOnly))
        return {s("no summary")};
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(summary.readAll())[s("steps")].toArray())
        out << v[s("result")].toString() + (v[s("passed")].toBool() ? s("") : s(" NO"));
    return out;
}

ProcessRun TestDrill::drill(const QStringList &args)
{
    QStringList all{s("drill")};
    all << args << s("--db") << m_db << s("--junit") << m_junit << s("--json") << m_json;
    // No display at all: the command must not need one.
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    return runProgram(QStringLiteral(WARROOM_BINARY), all, 110'000);
}

void TestDrill::healthyChecklistDrill()
{
    const ProcessRun r = drill({s("--checklist"), checklist, s("--drill-speed"), s("100"),
                                s("--var"), s("service=orders-api")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(s("step 4 execute started")));
    QVERIFY(
        r.out.contains(s("execute/run run started by drill bot (second person: drill partner)")));
    QVERIFY(r.out.contains(s("drill completed")));
    const QString junit = readJUnit(m_junit);
    QVERIFY2(junit.startsWith(s("suite drill rollback-eight-step: Rollback war-room checklist "
                                "tests=8 failures=0 errors=0 skipped=0 incident=1 database=")
                              + m_db),
             qPrintable(junit));
    QCOMPARE(junit.count(s(" passed\n")), 8);
    QVERIFY(junit.contains(
        s("case step 4 execute: Execute automation scripts; monitor telemetry time=")));
    // Recorded as a DRILL that verifies, with the variable given on the command line.
    const ProcessRun list = runWarroom({s("incidents"), s("--db"), m_db});
    QVERIFY2(list.out.contains(s("1\tDRILL\tclosed")), qPrintable(list.out));
    const ProcessRun verify = runWarroom({s("verify"), s("--db"), m_db, s("--incident"), s("1")});
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
    const QByteArray json = readBytes(m_json);
    QVERIFY(json.contains("\"passed\": true"));
    const ProcessRun schema
        = runProgram(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(WARROOM_APP_TESTS "/check_summary.py"), m_json,
                      QStringLiteral(WARROOM_CHECKLISTS "/drill-summary.schema.json")});
    QVERIFY2(schema.exitCode == 0, qPrintable(schema.out + schema.err));
    QVERIFY(json.contains("\"outcome\": \"completed\""));
    // Each step's start and end on stdout at the summary's times, the start before any line of
    // its items and the end after them ("scope/impact confirmed" came a tick before "step 1
    // scope started", a second later than the summary's start).
    const QStringList lines = r.out.split(u'\n');
    for (const QJsonValue &v : QJsonDocument::fromJson(json)[s("steps")].toArray()) {
        const QJsonObject step = v.toObject();
        const QString id = step[s("id")].toString();
        const QString head = s("step %1 %2 ").arg(step[s("number")].toInt()).arg(id);
        // indexOf matches whole lines.
        const qsizetype started = lines.indexOf(QRegularExpression(
            QRegularExpression::escape(step[s("started")].toString() + s("  ") + head)
            + s("started \\(.*")));
        const qsizetype done = lines.indexOf(QRegularExpression(
            QRegularExpression::escape(step[s("ended")].toString() + s("  ") + head)
            + s("done after .*")));
        QVERIFY2(started >= 0 && done > started, qPrintable(id + u'\n' + r.out));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            // A go/no-go poll comes before the action that starts its step.
            if (lines.at(i).mid(12).startsWith(id + u'/') && !lines.at(i).contains(s(" poll: ")))
                QVERIFY2(i > started && i < done, qPrintable(lines.at(i) + u'\n' + r.out));
        }
    }
}

void TestDrill::jobFailsNamesStepFour()
{
    const ProcessRun r
        = drill({scenarios + s("/good/job-fails.json"), s("--drill-speed"), s("100")});
    QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
    QVERIFY(
        r.out.contains(s("inject job-breaks: fault {\"job_fails\":true} to the drill backend")));
    const QString junit = readJUnit(m_junit);
    QVERIFY2(junit.contains(s("tests=8 failures=1 errors=0 skipped=4")), qPrintable(junit));
    QVERIFY2(junit.contains(
                 s("case step 4 execute: Execute automation scripts; monitor telemetry time=")),
             qPrintable(junit));
    QVERIFY2(junit.contains(s("failed: step 4 execute (Execute automation scripts; monitor "
                              "telemetry), item run \"Rollback job of payments-api to v1.2.0 "
                              "started and finished\": failed: the job's state is failed (wanted "
                              "succeeded)")),
             qPrintable(junit));
    QVERIFY(junit.contains(s("skipped: not finished: the drill stopped (step 4 execute failed)")));
    // The JSON summary agrees: step 4 failed, steps 5 to 8 were never reached, none of them passed.
    QCOMPARE(stepResults(), QStringList({s("passed"), s("passed"), s("passed"), s("failed NO"),
                                         s("not reached NO"), s("not reached NO"),
                                         s("not reached NO"), s("not reached NO")}));
}

// A request never answered, not expected: the drill fails, the step left open, not failed.
void TestDrill::backendStallLeavesTheStepOpen()
{
    const ProcessRun r
        = drill({scenarios + s("/good/backend-stalls.json"), s("--drill-speed"), s("100")});
    QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
    const QString junit = readJUnit(m_junit);
    QVERIFY2(junit.contains(s("tests=8 failures=1 errors=0 skipped=4")), qPrintable(junit));
    QVERIFY2(junit.contains(s("failed: step 4 execute (Execute automation scripts; monitor "
                              "telemetry), item run \"Rollback job of payments-api to v1.2.0 "
                              "started and finished\": outcome unknown: POST ")),
             qPrintable(junit));
    // Not a failed step, on any of the three outputs CI reads.
    QVERIFY(readBytes(m_junit).contains("<failure type=\"OutcomeUnknown\""));
    QVERIFY2(r.out.contains(s("\nOUTCOME UNKNOWN step 4 execute"))
                 && !r.out.contains(s("FAILED step")),
             qPrintable(r.out));
    QVERIFY(junit.contains(s("skipped: not finished: the drill stopped (step 4 execute: "
                             "execute/run outcome unknown)")));
    QCOMPARE(stepResults(),
             QStringList({s("passed"), s("passed"), s("passed"), s("outcome unknown NO"),
                          s("not reached NO"), s("not reached NO"), s("not reached NO"),
                          s("not reached NO")}));
    QCOMPARE(QJsonDocument::fromJson(readBytes(m_json))[s("steps")][3][s("state")].toString(),
             s("active"));
    const QString text = postmortem();
    QVERIFY2(text.contains(s("| **Outcome unknown** |")) && !text.contains(s("**Step failed**")),
             qPrintable(text.left(4000)));
}

void TestDrill::expectationMissed()
{
    const ProcessRun r
        = drill({scenarios + s("/good/expectation-missed.json"), s("--drill-speed"), s("100")});
    QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
    const QString junit = readJUnit(m_junit);
    QVERIFY2(junit.contains(s("tests=9 failures=1")), qPrintable(junit));
    QVERIFY2(junit.contains(s("case expect scope-in-a-minute: step scope done by T+00:00:20 "
                              "time=0.000 failed: step 1 scope (Confirm incident scope and "
                              "declare rollback class) done at T+")),
             qPrintable(junit));
    QVERIFY(junit.contains(s("expected done by T+00:00:20\n")));
    QVERIFY(r.out.contains(s("MISSED expectation scope-in-a-minute")));
}

void TestDrill::shippedScenarioHaltsTheRamp()
{
    // At the scenario's own ×50.
    const ProcessRun r = drill(
        {QStringLiteral(WARROOM_CHECKLISTS "/scenarios/flapping-error-rate.json"), s("--quiet")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(!r.out.contains(s("scope/impact confirmed"))); // --quiet
    const QString junit = readJUnit(m_junit);
    QVERIFY2(junit.contains(s("tests=11 failures=0 errors=0 skipped=2")), qPrintable(junit));
    QVERIFY(junit.contains(s("case expect ramp-halts: reenable/ramp halted within 00:01:00 of "
                             "inject error-rate-flaps time=0.000 passed")));
    QVERIFY(junit.contains(s("case expect stops-at-ramp: the drill stopped time=0.000 passed")));
    QVERIFY(junit.contains(s("case step 6 reenable: Re-enable traffic gradually; watch dashboards "
                             "for anomalies time=")));
    // Its measurement said once: "…: 0.15, threshold < 0.01; measured Error rate under 1% 0.15,
    // threshold < 0.01" read as two.
    const QJsonObject step6
        = QJsonDocument::fromJson(readBytes(m_json))[s("steps")].toArray().at(5).toObject();
    const QString note = step6.value(s("note")).toString();
    QVERIFY2(note.contains(s(": halted: Error rate under 1% failed at weight ")), qPrintable(note));
    QVERIFY2(note.count(s("threshold < 0.01")) == 1 && !note.contains(s("; measured ")),
             qPrintable(note));
    // The halt signed by the player who started the ramp, not by the facilitator whose inject
    // note came before its samples ("drill facilitator … Ramp halted" read as a person's act).
    const QString text = postmortem();
    QVERIFY2(text.contains(s("| drill bot | **Ramp halted** |"))
                 && !text.contains(s("| drill facilitator | **Ramp halted** |")),
             qPrintable(text.left(4000)));
    // Its cause, the drill's fault, is a key moment before it (the halt read as a regression).
    const qsizetype fault = text.indexOf(s("| drill facilitator | **Fault injected by the drill** "
                                           "| Note: Drill inject error-rate-flaps: fault "));
    QVERIFY2(fault > 0 && fault < text.indexOf(s("| **Ramp halted** |"))
                 && text.contains(s("Each fault the drill sent to its backend is listed where")),
             qPrintable(text.left(4000)));
    // The postmortem is in real time; the screens, stdout and this summary are on the ×50 drill
    // clock. The document says so, and gives the drill clock beside each key moment: the step's
    // failure at the summary's own time for its end (the same action was T+00:02:41 on the
    // screens and T+00:00:03 in the document, and nothing said why).
    const QString ended = step6.value(s("ended")).toString();
    QVERIFY2(ended.startsWith(s("T+")), qPrintable(ended));
    QVERIFY2(
        text.contains(QRegularExpression(s(
            "\\| Times \\| T\\+ in this document is real time since the declaration. The room's "
            "screens showed the \u00D750 drill clock, which read T\\+\\d\\d:\\d\\d:\\d\\d when its "
            "runner ended the drill \\(real T\\+\\d\\d:\\d\\d:\\d\\d\\)\\. \\|\n"))),
        qPrintable(text.left(2000)));
    QVERIFY2(text.contains(QRegularExpression(s("\\| T\\+\\d\\d:\\d\\d:\\d\\d \\(drill %1\\) \\| "
                                                "drill bot \\| \\*\\*Step failed\\*\\* \\|")
                                                  .arg(QRegularExpression::escape(ended)))),
             qPrintable(text.left(4000)));
    // Step 6 failed, as the scenario wants: it passes the drill and says it failed.
    QCOMPARE(stepResults(),
             QStringList({s("passed"), s("passed"), s("passed"), s("passed"), s("passed"),
                          s("failed as expected"), s("not reached NO"), s("not reached NO")}));
}

void TestDrill::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad scenario")
        << QStringList{scenarios + s("/bad/targets.json")}
        << s("targets.json: error: $.players.acts[0].value: 'rollback-everything' is not an "
             "option of scope/class (deploy, schema, data, full-restore)\n");
    QTest::newRow("syntax") << QStringList{scenarios + s("/bad/syntax.json")}
                            << s("syntax.json:5:55: error: syntax error while parsing object");
    QTest::newRow("var without =")
        << QStringList{s("--checklist"), checklist, s("--var"), s("service")}
        << s("warroom drill: --var takes NAME=VALUE, not 'service'\n");
    QTest::newRow("unknown var")
        << QStringList{s("--checklist"), checklist, s("--var"), s("servce=x")}
        << s("--var: error: checklist rollback-eight-step declares no variable 'servce'");
    // Bad input too, not a drill that broke: refused before anything is declared.
    QTest::newRow("var on two lines")
        << QStringList{s("--checklist"), checklist, s("--var"), s("service=pay\nments")}
        << s("warroom drill: cannot declare the drill: The value for 'service' (Service being "
             "rolled back) has a control character (U+000A) at character 4");
    QTest::newRow("var too long") << QStringList{s("--checklist"), checklist, s("--var"),
                                                 s("channel=") + QString(1001, u'c')}
                                  << s("is 1001 characters long: it may have 1000 at most.\n");
    QTest::newRow("neither") << QStringList{} << s("usage: warroom drill SCENARIO.json");
    // The other kind of file: one line saying which, not a diagnostic for each key.
    const QString shipped = s(WARROOM_CHECKLISTS "/scenarios/flapping-error-rate.json");
    QTest::newRow("a scenario as --checklist")
        << QStringList{s("--checklist"), shipped}
        << s("warroom drill: %1 is a scenario, not a checklist: run 'warroom drill %1'\n")
               .arg(shipped);
    QTest::newRow("a checklist as the scenario")
        << QStringList{checklist}
        << s("warroom drill: %1 is a checklist, not a scenario: run 'warroom drill --checklist "
             "%1'\n")
               .arg(checklist);
    QTest::newRow("speed") << QStringList{s("--checklist"), checklist, s("--drill-speed"), s("500")}
                           << s("--drill-speed needs a factor from 1 to 100, not '500'\n");
}

void TestDrill::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const ProcessRun r = drill(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(m_junit));
    QVERIFY(!QFile::exists(m_db)); // said before a database is made
}

void TestDrill::hostileScenarioFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message"); // after the file's path
    QTest::newRow("FIFO") << s("fifo")
                          << s(": error: cannot read the file: not a regular file (a device, a "
                               "pipe or a socket)\n");
    QTest::newRow("directory") << s("dir") << s(": error: cannot read the file: it is a folder\n");
    QTest::newRow("binary") << s("binary")
                            << s(":1:1: error: syntax error while parsing value");
    QTest::newRow("100k levels") << s("deep")
                                 << s(":1:65: error: nested deeper than 64 levels");
    QTest::newRow("200 MB") << s("huge")
                            << s(": error: the file is larger than 1 MiB, the limit for this "
                                 "input\n");
    QTest::newRow("empty") << s("empty") << s(":1:1: error: the file is empty\n");
    // A CR/LF in a name that signs events would forge lines of the drill's log.
    QTest::newRow("control characters in names")
        << s("names")
        << s(": error: $.title: control character U+000D at character 6: write it on one line of "
             "plain text\n");
}

// Each answered at once with the file and the place, exit 2: no hang on a FIFO nobody writes,
// no 200 MB read, no stack overflow at 100,000 levels.
void TestDrill::hostileScenarioFile()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(kind + s(".json"));
    if (kind == s("fifo")) {
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    } else if (kind == s("dir")) {
        QVERIFY(QDir().mkdir(path));
    } else {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        if (kind == s("binary"))
            f.write(QByteArray("\x00\xff\xfe\x01PK\x03\x04", 9).repeated(300));
        else if (kind == s("deep"))
            f.write(QByteArray(100'000, '[') + QByteArray(100'000, ']'));
        else if (kind == s("huge"))
            QVERIFY(f.resize(qint64(200) << 20)); // sparse: 200 MB on paper, little on disk
        else if (kind == s("names"))
            f.write(readBytes(scenarios + s("/bad/control-characters.json")));
    }
    const ProcessRun r = drill({path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith(path + message), qPrintable(r.err));
    QVERIFY(!QFile::exists(m_junit));
}

void TestDrill::validateAcceptsScenarios()
{
    const QString shipped
        = QStringLiteral(WARROOM_CHECKLISTS "/scenarios/flapping-error-rate.json");
    const ProcessRun ok = runWarroom({s("validate"), shipped, checklist});
    QCOMPARE(ok.exitCode, 0);
    QCOMPARE(ok.out, shipped
                         + s(": ok (scenario flapping-error-rate of rollback-eight-step, 2 "
                             "injects, 3 acts, 3 expectations)\n")
                         + checklist
                         + s(": ok (rollback-eight-step revision 2026-11-22.1, 8 steps)\n"));
    const ProcessRun bad = runWarroom({s("validate"), scenarios + s("/bad/structure.json")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.contains(s("structure.json: error: $.drill_speed: must be from 1 to 100\n")));
}

// A step named with a CR, LF or ESC in it would forge the drill's log ("FAILED" on a line of its
// own, a terminal's colour): the checklist is refused with the place, as bad input, before
// anything is declared or logged.
void TestDrill::stepTitleWithControlsIsRefused()
{
    QByteArray text = readBytes(checklist);
    const QByteArray title = "\"title\": \"Confirm incident scope and declare rollback class\"";
    QVERIFY2(text.contains(title), "the shipped checklist's first step was renamed");
    text.replace(title, "\"title\": \"Scope\\r\\nFAILED forged\\u001b[31m\"");
    const QString path = m_dir.filePath(s("control.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(text) == text.size());
    f.close();
    const ProcessRun r = drill({s("--checklist"), path, s("--drill-speed"), s("100")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(s("control.json: error: $.steps[0].title: control character U+000D "
                              "at character 6: a step's title is one line of plain text")),
             qPrintable(r.err));
    QVERIFY(!r.out.contains(s("FAILED forged")) && !r.err.contains(s("FAILED forged")));
    QVERIFY(!QFile::exists(m_db));
}

// A backend of the checklist's own and no WARROOM_SIM_TOKEN: the request is refused before it is
// sent. The drill failed with the step's state as its reason ("FAILED step 2 notify (...):
// ready"), and the cause was only among its problems.
void TestDrill::unsentRequestSaysWhy()
{
    const QByteArray token = qgetenv("WARROOM_SIM_TOKEN");
    qunsetenv("WARROOM_SIM_TOKEN");
    const ProcessRun r = drill({s("--checklist"), checklist, s("--drill-speed"), s("100"),
                                s("--var"), s("backend=http://127.0.0.1:1")});
    if (!token.isEmpty())
        qputenv("WARROOM_SIM_TOKEN", token);
    QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
    const QString all = r.out + r.err;
    QVERIFY2(all.contains(s("drill stopped (the players' script could not run notify/channel: "
                            "Not sent: the environment variable WARROOM_SIM_TOKEN is not set")),
             qPrintable(all));
    QVERIFY2(!all.contains(s("): ready")), qPrintable(all));
}

// A report that could not be written was said only after the whole drill had run.
void TestDrill::unwritableReportIsSaidFirst()
{
    QVERIFY(QDir().mkpath(m_junit)); // a folder where the JUnit report should go
    const ProcessRun r = drill({s("--checklist"), checklist});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(s("warroom drill: --junit ") + m_junit), qPrintable(r.err));
    QVERIFY(!QFile::exists(m_db)); // said before a database is made, or a drill run
    QVERIFY(!QFile::exists(m_json));
}

QTEST_GUILESS_MAIN(TestDrill)
#include "tst_drill.moc"
