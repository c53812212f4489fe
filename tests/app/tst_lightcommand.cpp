// `warroom` runs exports, verify and the list of incidents of a database file without the room's
// libraries, and becomes `warroom-room` for everything else (app/main.cpp). Each case reads the
// programs as built: the libraries each is linked with (readelf), and what they do when run.
#include "support/TestStrings.h"
#include "support/WarroomCli.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using Run = warroom::test::ProcessRun;
using warroom::test::runProgram;
using warroom::test::runWarroom;
using warroom::test::s;

namespace {

QString roomBinary()
{
    return QFileInfo(s(WARROOM_BINARY)).absolutePath() + s("/warroom-room");
}

// The libraries a program names itself (its ELF NEEDED entries).
QStringList needed(const QString &program)
{
    QProcess readelf;
    readelf.start(s("readelf"), {s("--dynamic"), s("--wide"), program});
    if (!readelf.waitForFinished(30000))
        return {};
    static const QRegularExpression entry(s("\\(NEEDED\\)\\s+Shared library: \\[([^\\]]+)\\]"));
    QStringList names;
    for (auto it = entry.globalMatch(QString::fromUtf8(readelf.readAllStandardOutput()));
         it.hasNext();)
        names << it.next().captured(1);
    return names;
}

} // namespace

class TestLightCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void linkedLibraries_data();
    void linkedLibraries();
    void theRoomRunsTheOtherCommands_data();
    void theRoomRunsTheOtherCommands();
    void withoutTheRoom();

private:
    QTemporaryDir m_dir;
};

void TestLightCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(roomBinary()).isExecutable(), qPrintable(roomBinary()));
    const Run verified = warroom::test::exportDemoAndVerify(m_dir.filePath(s("demo.sqlite")),
                                                            m_dir.filePath(s("demo.json")));
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
}

// `warroom` leaves out every library of the window, the network and PostgreSQL; `warroom-room`
// has them (so the reading can tell).
void TestLightCommand::linkedLibraries_data()
{
    QTest::addColumn<bool>("room");
    QTest::addColumn<QString>("library");
    QTest::addColumn<bool>("linked");
    for (const char *library : {"libQt6Widgets", "libQt6Charts", "libQt6Network",
                                "libQt6HttpServer", "libcurl", "libpq"}) {
        QTest::addRow("warroom without %s", library) << false << s(library) << false;
        QTest::addRow("warroom-room with %s", library) << true << s(library) << true;
    }
    for (const char *library : {"libsqlite3", "libcrypto", "libQt6Gui", "libQt6Svg"})
        QTest::addRow("warroom with %s", library) << false << s(library) << true;
}

void TestLightCommand::linkedLibraries()
{
    QFETCH(bool, room);
    QFETCH(QString, library);
    QFETCH(bool, linked);
    const QStringList names = needed(room ? roomBinary() : s(WARROOM_BINARY));
    QVERIFY2(names.size() > 3, qPrintable(names.join(u' ')));
    const bool found = std::any_of(names.cbegin(), names.cend(),
                                   [&](const QString &n) { return n.startsWith(library + u'.'); });
    QVERIFY2(found == linked, qPrintable(names.join(u' ')));
}

// Commands `warroom` does not run itself come out of warroom-room as they did before there were two
// programs: the same output, in the same process (its exit status reaches the caller).
void TestLightCommand::theRoomRunsTheOtherCommands_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    QTest::newRow("validate") << QStringList{s("validate"),
                                             s(WARROOM_CHECKLISTS "/rollback-eight-step.json")}
                              << 0 << s(": ok (rollback-eight-step revision");
    QTest::newRow("validate, a file that is not there")
        << QStringList{s("validate"), s("/nonexistent/checklist.json")} << 1
        << s("/nonexistent/checklist.json");
    // A server's incident is read with libpq: warroom-room reads it (here, finds nothing there).
    QTest::newRow("export from a server")
        << QStringList{s("export"),
                       s("--db"),
                       s("postgresql://127.0.0.1:1/none?connect_timeout=2"),
                       s("--incident"),
                       s("1"),
                       s("--format"),
                       s("md"),
                       s("--output"),
                       s("%OUT")}
        << 1 << s("127.0.0.1");
    QTest::newRow("incidents on a server")
        << QStringList{s("incidents"), s("--db"),
                       s("postgresql://127.0.0.1:1/none?connect_timeout=2")}
        << 1 << s("127.0.0.1");
}

void TestLightCommand::theRoomRunsTheOtherCommands()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    args.replaceInStrings(s("%OUT"), m_dir.filePath(s("server.md")));
    const Run light = runWarroom(args);
    const Run room = runProgram(roomBinary(), args);
    QCOMPARE(light.exitCode, exitCode);
    const QString said = light.out + light.err;
    QVERIFY2(said.contains(says), qPrintable(said));
    QVERIFY2(!light.err.contains(s("reads no PostgreSQL")), qPrintable(light.err));
    QCOMPARE(light.exitCode, room.exitCode);
    QCOMPARE(light.out, room.out);
    QCOMPARE(light.err, room.err);
}

// Copied away from warroom-room, `warroom` still exports, verifies and lists a database file's
// incidents, and says that it cannot start warroom-room for anything else, doing nothing.
void TestLightCommand::withoutTheRoom()
{
    const QString alone = m_dir.filePath(s("alone/warroom"));
    QVERIFY(QDir().mkpath(QFileInfo(alone).absolutePath()));
    QVERIFY(QFile::copy(s(WARROOM_BINARY), alone));
    const QString db = m_dir.filePath(s("demo.sqlite"));
    const QString out = m_dir.filePath(s("alone/demo.md"));
    const Run exported = runProgram(alone, {s("export"), s("--db"), db, s("--incident"), s("1"),
                                            s("--format"), s("md"), s("--output"), out});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    QVERIFY(QFileInfo(out).size() > 1000);
    QCOMPARE(runProgram(alone, {s("verify"), s("--db"), db, s("--incident"), s("1")}).exitCode, 0);
    const Run listed = runProgram(alone, {s("incidents"), s("--db"), db});
    QCOMPARE(listed.exitCode, 0);
    QVERIFY2(listed.out.startsWith(s("1\t")), qPrintable(listed.out));
    const Run validate
        = runProgram(alone, {s("validate"), s(WARROOM_CHECKLISTS "/rollback-eight-step.json")});
    QCOMPARE(validate.exitCode, 2);
    QCOMPARE(validate.out, QString());
    QVERIFY2(validate.err.startsWith(s("warroom: cannot start ") + m_dir.filePath(s("alone"))
                                     + s("/warroom-room (No such file or directory)")),
             qPrintable(validate.err));
}

QTEST_GUILESS_MAIN(TestLightCommand)
#include "tst_lightcommand.moc"
