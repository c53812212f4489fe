// Options a command does not read are refused, naming the option, the command and the commands
// that read it, before anything is done: `export --drill-speed 5` wrote a postmortem as if no
// speed had been given, `incidents --incident 2` listed every incident, `--wall --checklist F`
// showed the wall. And every option a command reads is still taken.
#include "support/TestStrings.h"
#include "support/WarroomCli.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using Run = warroom::test::ProcessRun;
using warroom::test::runWarroom;
using warroom::test::s;

class TestCliOptions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void optionNotReadIsRefused_data();
    void optionNotReadIsRefused();
    void optionsReadAreTaken_data();
    void optionsReadAreTaken();
    void missingOptionsAreNamed_data();
    void missingOptionsAreNamed();
    void incidentsNamesItsColumnsAtATerminal();

private:
    // %DB the demo drill, %NEW a path nothing has written, %OUT an output, %JSON its JSON export.
    QStringList filled(const QStringList &args) const;
    QString eventCount() const;

    QTemporaryDir m_dir;
};

void TestCliOptions::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const Run verified = warroom::test::exportDemoAndVerify(m_dir.filePath(s("demo.sqlite")),
                                                            m_dir.filePath(s("demo.json")));
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
}

QStringList TestCliOptions::filled(const QStringList &args) const
{
    QStringList out;
    for (QString a : args) {
        a.replace(s("%DB"), m_dir.filePath(s("demo.sqlite")));
        a.replace(s("%NEW"), m_dir.filePath(s("new.sqlite")));
        a.replace(s("%OUT"), m_dir.filePath(s("out.md")));
        a.replace(s("%JSON"), m_dir.filePath(s("demo.json")));
        out << a;
    }
    return out;
}

// "chain intact: 35 events, …": what `verify` says of the demo drill.
QString TestCliOptions::eventCount() const
{
    return runWarroom(filled({s("verify"), s("--db"), s("%DB"), s("--incident"), s("1")})).out;
}

void TestCliOptions::optionNotReadIsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("said");
    const QString tail = s("; nothing was done. Try 'warroom --help'.\n");
    QTest::newRow("export --drill-speed")
        << QStringList{s("export"), s("--db"), s("%DB"),  s("--incident"),    s("1"), s("--format"),
                       s("md"),     s("-o"),   s("%OUT"), s("--drill-speed"), s("5")}
        << s("warroom export takes no --drill-speed (drill and the window read it)") + tail;
    QTest::newRow("incidents --incident")
        << QStringList{s("incidents"), s("--db"), s("%DB"), s("--incident"), s("2")}
        << s("warroom incidents takes no --incident (most other commands read it)") + tail;
    QTest::newRow("a debrief through export, --all-events")
        << QStringList{s("export"),     s("--db"),         s("%DB"), s("--format"),
                       s("debrief-md"), s("--all-events"), s("-o"),  s("%OUT")}
        << s("warroom export --format debrief-md takes no --all-events (a postmortem's export "
             "reads it)")
               + tail;
    QTest::newRow("verify -o, named by its long name")
        << QStringList{s("verify"), s("--db"), s("%DB"), s("--incident"),
                       s("1"),      s("-o"),   s("%OUT")}
        << s("warroom verify takes no --output (export, history, plan and debrief read it)") + tail;
    QTest::newRow("verify an export alone, --db")
        << QStringList{s("verify"), s("%JSON"), s("--db"), s("%DB")}
        << s("warroom verify EXPORT.json checks the export on its own: it reads --db only with "
             "--incident ID, to compare the two; nothing was done.\n");
    QTest::newRow("verify an export, and another with --against")
        << QStringList{s("verify"), s("%JSON"), s("--incident"), s("1"),
                       s("--db"),   s("%DB"),   s("--against"),  s("%JSON")}
        << s("warroom verify takes one export, as its argument or with --against, not both; "
             "nothing was done.\n");
    QTest::newRow("note --format")
        << QStringList{s("note"), s("--db"),     s("%DB"), s("--incident"),
                       s("1"),    s("--format"), s("md"),  s("a note")}
        << s("warroom note takes no --format (export, history, plan and debrief read it)") + tail;
    QTest::newRow("copy --db") << QStringList{s("copy"), s("--db"), s("%DB"), s("--from"),
                                              s("%DB"),  s("--to"), s("%NEW")}
                               << s("warroom copy takes no --db (most other commands read it)")
                                      + tail;
    QTest::newRow("validate --db")
        << QStringList{s("validate"), s("--db"), s("%NEW"),
                       s(WARROOM_CHECKLISTS "/rollback-eight-step.json")}
        << s("warroom validate takes no --db (most other commands read it)") + tail;
    QTest::newRow("drill --scenario")
        << QStringList{s("drill"), s("--db"), s("%NEW"), s("--scenario"), s("s.json")}
        << s("warroom drill takes its scenario as its argument: warroom drill s.json (--scenario "
             "is sim's and the facilitator window's); nothing was done.\n");
    // The window and the wall: refused before any window opens (no display needed).
    QTest::newRow("the window, --format")
        << QStringList{s("--db"), s("%NEW"), s("--format"), s("pdf")}
        << s("the window (warroom with no command) takes no --format (export, history, plan and "
             "debrief read it)")
               + tail;
    QTest::newRow("the window, --scenario without --facilitator")
        << QStringList{s("--db"), s("%NEW"), s("--scenario"), s("s.json")}
        << s("the window (warroom with no command) takes no --scenario (sim and the window with "
             "--facilitator read it)")
               + tail;
    // Who signs at the window's screen: refused as Acting as refuses it, before any window.
    QTest::newRow("the window, --actor with an override")
        << QStringList{s("--db"), s("%NEW"), s("--actor"), s("Sam\u202eX")}
        << s("warroom: --actor: the name has an invisible or control character (U+202E) at "
             "character 4; type it plainly. The window was not opened\n");
    QTest::newRow("the window, --actor of a zero-width space")
        << QStringList{s("--db"), s("%NEW"), s("--actor"), s("\u200b")}
        << s("warroom: --actor: the name shows nothing; type it plainly. The window was not "
             "opened\n");
    QTest::newRow("the wall, --actor")
        << QStringList{s("--wall"), s("--db"), s("%DB"), s("--actor"), s("Sam")}
        << s("the wall (warroom --wall) takes no --actor (note and the window read it)") + tail;
    QTest::newRow("the wall, --checklist")
        << QStringList{s("--wall"), s("--db"), s("%DB"), s("--checklist"), s("c.json")}
        << s("the wall (warroom --wall) takes no --checklist (drill, history and the window read "
             "it)")
               + tail;
}

void TestCliOptions::optionNotReadIsRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, said);
    const QString before = eventCount();
    const Run r = runWarroom(filled(args));
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, said);
    QCOMPARE(r.out, QString());
    // Nothing was done: no output, no database made, the demo's events as they were.
    QVERIFY(!QFile::exists(m_dir.filePath(s("out.md"))));
    QVERIFY(!QFile::exists(m_dir.filePath(s("new.sqlite"))));
    QCOMPARE(eventCount(), before);
}

// Each command with every option it reads (those that run for long, sim, drill and the window,
// are run by their own suites with theirs): none is refused as not read.
void TestCliOptions::optionsReadAreTaken_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("export") << QStringList{s("export"),      s("--db"),
                                           s("%DB"),         s("--incident"),
                                           s("1"),           s("--format"),
                                           s("md"),          s("--output"),
                                           s("%OUT"),        s("--from"),
                                           s("0"),           s("--to"),
                                           s("99"),          s("--include-private"),
                                           s("--all-events")}
                            << 0;
    QTest::newRow("verify") << QStringList{s("verify"), s("--db"),      s("%DB"),  s("--incident"),
                                           s("1"),      s("--against"), s("%JSON")}
                            << 0;
    QTest::newRow("verify an export alone") << QStringList{s("verify"), s("%JSON")} << 0;
    QTest::newRow("verify an export against the database")
        << QStringList{s("verify"), s("%JSON"), s("--db"), s("%DB"), s("--incident"), s("1")} << 0;
    QTest::newRow("incidents") << QStringList{s("incidents"), s("--db"), s("%DB")} << 0;
    QTest::newRow("history") << QStringList{s("history"),
                                            s("--db"),
                                            s("%DB"),
                                            s("--checklist"),
                                            s("rollback-eight-step"),
                                            s("--format"),
                                            s("md"),
                                            s("-o"),
                                            s("%OUT")}
                             << 0;
    QTest::newRow("plan")
        << QStringList{s("plan"),     s(WARROOM_CHECKLISTS "/rollback-eight-step.json"),
                       s("--db"),     s("%DB"),
                       s("--format"), s("md"),
                       s("-o"),       s("%OUT")}
        << 0;
    // The demo drill is not a facilitated one: refused for that, not for an option.
    QTest::newRow("debrief") << QStringList{s("debrief"),    s("--db"), s("%DB"),
                                            s("--incident"), s("1"),    s("--format"),
                                            s("md"),         s("-o"),   s("%OUT")}
                             << 1;
    QTest::newRow("import") << QStringList{s("import"), s("%JSON"), s("--db"), s("%NEW")} << 0;
    QTest::newRow("copy") << QStringList{s("copy"), s("--from"),     s("%DB"), s("--to"),
                                         s("%NEW"), s("--incident"), s("1")}
                          << 0;
    QTest::newRow("note, --as") << QStringList{s("note"),       s("--db"),  s("%NEW"),
                                               s("--incident"), s("1"),     s("--as"),
                                               s("Sam Okafor"), s("a note")}
                                << 1; // there is no such incident in a new database
}

void TestCliOptions::optionsReadAreTaken()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFile::remove(m_dir.filePath(s("out.md")));
    QFile::remove(m_dir.filePath(s("new.sqlite")));
    const Run r = runWarroom(filled(args));
    QVERIFY2(!r.err.contains(s("takes no")), qPrintable(r.err));
    QVERIFY2(r.exitCode == exitCode, qPrintable(r.err + r.out));
}

// `export` without an option it needs said its usage alone; a user who had given two of the three
// options looked for the one that was wrong.
void TestCliOptions::missingOptionsAreNamed_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    QTest::newRow("no --incident")
        << QStringList{s("export"), s("--db"),     s("%DB"), s("--format"),
                       s("md"),     s("--output"), s("%OUT")}
        << s("warroom export needs --incident ID (warroom incidents lists them)\n");
    QTest::newRow("no --format, no --output")
        << QStringList{s("export"), s("--db"), s("%DB"), s("--incident"), s("1")}
        << s("warroom export needs --format, --output FILE\n");
    QTest::newRow("nothing") << QStringList{s("export")}
                             << s("warroom export needs --incident ID (warroom incidents lists "
                                  "them), --format, --output FILE\n");
}

void TestCliOptions::missingOptionsAreNamed()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const Run r = runWarroom(filled(args));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith(named), qPrintable(r.err));
    QVERIFY2(r.err.contains(s("\nusage: warroom export --incident ID --format md|html|")),
             qPrintable(r.err));
    QVERIFY(!QFile::exists(m_dir.filePath(s("out.md"))));
}

// Read at a terminal, `incidents` names its columns (a person took DRILL for a state and the date
// for local time); piped, as a script reads it, it is one row per incident and nothing else.
void TestCliOptions::incidentsNamesItsColumnsAtATerminal()
{
    const QStringList args = filled({s("incidents"), s("--db"), s("%DB")});
    const Run piped = runWarroom(args);
    QCOMPARE(piped.exitCode, 0);
    QVERIFY2(piped.out.startsWith(s("1\tDRILL\topen\t")) && piped.out.count(u'\n') == 1,
             qPrintable(piped.out));
    // script(1) (util-linux, in every Debian) gives the command a terminal of its own.
    QStringList quoted;
    for (const QString &a : args)
        quoted << s("'") + a + s("'");
    const Run atTerminal = warroom::test::runProgram(
        s("/usr/bin/script"),
        {s("-qec"), s(WARROOM_BINARY " ") + quoted.join(u' '), s("/dev/null")});
    QCOMPARE(atTerminal.exitCode, 0);
    const QStringList lines = atTerminal.out.split(s("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), s("ID\tMODE\tSTATE\tDECLARED (UTC)\tIN COMMAND\tTITLE"));
    QVERIFY2(lines.at(1).startsWith(s("1\tDRILL\topen\t")), qPrintable(lines.at(1)));
}

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"
