// The writing commands as a user runs them: without --format, the format the output file's
// suffix names, and what each says it wrote or found (an export span with no event).
#include "support/TestStrings.h"
#include "support/WarroomCli.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using Run = warroom::test::ProcessRun;
using warroom::test::runWarroom;
using warroom::test::s;

class TestCliWriters : public QObject
{
    Q_OBJECT

private slots:
    void writersTakeTheFormatFromTheFile_data();
    void writersTakeTheFormatFromTheFile();
    void emptySpanSaysWhy();

private:
    QTemporaryDir m_dir;
};

// Without --format, the file's suffix says what to write, and the command says what it wrote:
// `history --output h.md` printed to the terminal and wrote nothing, `plan -o p.html` wrote
// Markdown into it, silently (the debrief's: tst_scenariolibrary).
void TestCliWriters::writersTakeTheFormatFromTheFile_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("starts");
    QTest::newRow("history md") << s("history") << s("h.md") << QByteArray("# Know your number");
    QTest::newRow("history json") << s("history") << s("h.json") << QByteArray("{");
    QTest::newRow("history csv") << s("history") << s("h.csv") << QByteArray("checklist,revision");
    QTest::newRow("history, another suffix")
        << s("history") << s("h.txt") << QByteArray("Durations are");
    QTest::newRow("plan pdf") << s("plan") << s("p.pdf") << QByteArray("%PDF-");
    QTest::newRow("plan html") << s("plan") << s("p.html") << QByteArray("<!DOCTYPE html>");
    QTest::newRow("plan md") << s("plan") << s("p.md") << QByteArray("# ");
}

void TestCliWriters::writersTakeTheFormatFromTheFile()
{
    QFETCH(QString, command);
    QFETCH(QString, file);
    QFETCH(QByteArray, starts);
    const QString db = m_dir.filePath(s("writers.sqlite"));
    if (!QFile::exists(db)) {
        QProcess demo;
        demo.start(QStringLiteral(WARROOM_DEMO), {db});
        QVERIFY(demo.waitForFinished(30000));
        QCOMPARE(demo.exitCode(), 0);
    }
    const QString path = m_dir.filePath(file);
    QStringList args{command, s("--db"), db, s("--output"), path};
    if (command == s("plan"))
        args.insert(1, s(WARROOM_CHECKLISTS "/rollback-eight-step.json"));
    const Run r = runWarroom(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out, s("wrote ") + path + u'\n');
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray head = written.read(starts.size());
    QVERIFY2(head == starts, head.constData());
}

// A span that holds no event says why it may be so (a drill's screens show the drill clock, the
// span is real time) and where the events are; one that holds some says nothing more.
void TestCliWriters::emptySpanSaysWhy()
{
    const QString db = m_dir.filePath(s("span.sqlite"));
    QProcess demo;
    demo.start(QStringLiteral(WARROOM_DEMO), {db});
    QVERIFY(demo.waitForFinished(30000));
    QCOMPARE(demo.exitCode(), 0);
    const QStringList args{s("export"),     s("--db"), db,
                           s("--incident"), s("1"),    s("--format"),
                           s("md"),         s("-o"),   m_dir.filePath(s("span.md"))};
    Run r = runWarroom(args + QStringList{s("--from"), s("600"), s("--to"), s("700")});
    QCOMPARE(r.exitCode, 0); // the document is written, and says the span is empty
    QVERIFY2(r.out.contains(s("(md, 0 of 35 events;")), qPrintable(r.out));
    QVERIFY2(r.err.startsWith(s("warroom: the span exported no event (private notes are left out "
                                "without --include-private): --from and --to are real time since "
                                "the declaration, as the postmortem's T+ are, and its events run "
                                "from T+00:00:00 to T+")),
             qPrintable(r.err));
    r = runWarroom(args + QStringList{s("--from"), s("0"), s("--to"), s("700")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(s("(md, 35 of 35 events;")), qPrintable(r.out));
    QCOMPARE(r.err, QString());
}

QTEST_GUILESS_MAIN(TestCliWriters)
#include "tst_cliwriters.moc"
