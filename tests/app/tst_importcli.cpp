// `warroom import` as a user runs it: the demo drill exported, imported into another database and
// verified there; the same export again refused; what cannot be read as a file (a FIFO, a folder,
// a missing file, a file over the size limit) refused with the file named, in bounded time, and
// nothing written. The forged exports themselves: tests/core/transfer/tst_import.
#include "support/TestStrings.h"
#include "support/WarroomCli.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

#include <sys/stat.h>

using namespace warroom;
using warroom::test::runWarroom;
using warroom::test::s;

class TestImportCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void importsAndVerifies();
    void unreadableFiles_data();
    void unreadableFiles();
    void eightAtOnceIntoANewDatabase();

private:
    QTemporaryDir m_dir;
    QString m_export;
};

void TestImportCli::initTestCase()
{
    const QString db = m_dir.filePath(s("source.db"));
    QProcess demo;
    demo.start(s(WARROOM_DEMO), {db});
    QVERIFY(demo.waitForFinished(30000));
    m_export = m_dir.filePath(s("drill.json"));
    const auto exported
        = runWarroom({s("export"), s("--db"), db, s("--incident"), s("1"), s("--format"), s("json"),
                      s("--include-private"), s("--output"), m_export});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
}

void TestImportCli::importsAndVerifies()
{
    const QString db = m_dir.filePath(s("replay.db"));
    const auto imported = runWarroom({s("import"), m_export, s("--db"), db});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    QVERIFY2(imported.out.contains(s("as incident 1")), qPrintable(imported.out));
    QVERIFY2(imported.out.contains(s("chain intact")), qPrintable(imported.out));
    const auto verified = runWarroom(
        {s("verify"), s("--db"), db, s("--incident"), s("1"), s("--against"), m_export});
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
    QVERIFY(verified.out.contains(s("chain intact")));

    const auto again = runWarroom({s("import"), m_export, s("--db"), db});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(m_export + s(": error: $.incident.uuid: incident ")),
             qPrintable(again.err));
    QVERIFY(again.err.contains(s("is already in")));
    QVERIFY(again.err.contains(s("nothing was imported")));
    const auto list = runWarroom({s("incidents"), s("--db"), db});
    QCOMPARE(list.out.count(u'\n'), 1); // still one incident

    const auto usage = runWarroom({s("import"), s("--db"), db});
    QCOMPARE(usage.exitCode, 2);
    QVERIFY(usage.err.contains(s("usage: warroom import EXPORT.json")));
}

void TestImportCli::unreadableFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("words");
    QTest::newRow("missing") << s("missing") << s("");
    QTest::newRow("folder") << s("folder") << s("");
    QTest::newRow("fifo") << s("fifo") << s("");
    QTest::newRow("over the size limit") << s("huge") << s("");
}

void TestImportCli::unreadableFiles()
{
    QFETCH(QString, kind);
    const QString path = m_dir.filePath(kind);
    if (kind == QLatin1String("folder"))
        QVERIFY(QDir(m_dir.path()).mkpath(kind));
    if (kind == QLatin1String("fifo"))
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    if (kind == QLatin1String("huge")) {
        // Sparse: 256 MiB and one byte (IncidentExport::maxFileBytes) take no room on disk.
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(256LL * 1024 * 1024 + 1));
    }
    const QString db = m_dir.filePath(kind + s(".db"));
    QElapsedTimer timer;
    timer.start();
    const auto r = runWarroom({s("import"), path, s("--db"), db});
    QVERIFY2(timer.elapsed() < 30000, "import did not give up in time");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith(path + s(": error: ")), qPrintable(r.err));
    QVERIFY(r.err.contains(s("nothing was imported")));
    QVERIFY2(!QFile::exists(db), "a database was made for an import that read nothing");
}

QTEST_GUILESS_MAIN(TestImportCli)
// Eight imports of one export started together into a database that does not exist yet: one
// imports it, seven say it is already there, and none takes another's journal, in the middle of
// its migration, for a crash's (each had kept a copy "before recovery" of the database).
void TestImportCli::eightAtOnceIntoANewDatabase()
{
    for (int round = 0; round < 4; ++round) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString db = dir.filePath(s("new.db"));
        std::vector<std::unique_ptr<QProcess>> imports;
        for (int i = 0; i < 8; ++i) {
            imports.push_back(std::make_unique<QProcess>());
            imports.back()->start(s(WARROOM_BINARY), {s("import"), m_export, s("--db"), db});
        }
        int imported = 0;
        for (const auto &p : imports) {
            QVERIFY(p->waitForFinished(60000));
            const QString err = QString::fromUtf8(p->readAllStandardError());
            QVERIFY2(p->exitCode() == 0 || err.contains(s("is already in")), qPrintable(err));
            imported += p->exitCode() == 0 ? 1 : 0;
        }
        QCOMPARE(imported, 1);
        QCOMPARE(QDir(dir.path()).entryList({s("*before-recovery*")}), QStringList());
        QCOMPARE(runWarroom({s("incidents"), s("--db"), db}).out.count(u'\n'), 1);
    }
}

#include "tst_importcli.moc"
