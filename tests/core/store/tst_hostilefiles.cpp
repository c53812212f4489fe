// What lies at or beside the --db path, damaged or foreign: a torn page, a cut-short file, another
// database's -wal or journal, links, FIFOs and folders where files belong, a mistyped path. Every
// reader fails naming the file, nothing "repairs" the evidence, and read commands never write.
#include "StoreTrials.h"

#include "store/TimelineStore.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"
#include "support/WarroomCli.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>

using namespace warroom;
using namespace warroom::test; // StoreTrials' helpers, runWarroom and s()

using Run = test::ProcessRun;

class TestHostileFiles : public QObject
{
    Q_OBJECT

private slots:
    void damagedPageFailsEveryReader();
    void truncatedFileFailsEveryReader_data();
    void truncatedFileFailsEveryReader();
    void foreignWalIsNeverApplied();
    void hostileNeighboursAreRefused_data();
    void hostileNeighboursAreRefused();
    void foreignJournalIsNeverReadAndKeptBeforeRecovery();
    void recoveryWaitsForAnotherStartCopying();
    void readCommandsNeverWrite_data();
    void readCommandsNeverWrite();
    void mistypedDbPathIsAnError();
    void permissionsAreOnlyTakenAway_data();
    void permissionsAreOnlyTakenAway();
    void outputThatIsNotAFileIsRefused_data();
    void outputThatIsNotAFileIsRefused();
    void exportThatDoesNotFitKeepsTheOldFile_data();
    void exportThatDoesNotFitKeepsTheOldFile();

private:
    QTemporaryDir m_dir;
};

// A page overwritten in the middle of a long timeline: once, `verify` said "chain intact: 41
// events" for an incident of 441. Every reader must now fail, naming the file.
void TestHostileFiles::damagedPageFailsEveryReader()
{
    const QString db = m_dir.filePath(s("damaged.sqlite"));
    makeDatabase(db, 1, 440);
    const qint64 size = QFileInfo(db).size();
    QVERIFY(size > 40 * 4096);
    {
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite));
        // A whole page in the middle, page-aligned, as a torn write or a bad sector leaves it.
        QVERIFY(f.seek((size / 4096 / 2) * 4096));
        QByteArray junk(4096, '\0');
        for (qsizetype i = 0; i < junk.size(); ++i)
            junk[i] = static_cast<char>(QRandomGenerator::global()->bounded(256));
        QCOMPARE(f.write(junk), 4096);
    }
    const QByteArray damaged = fileHash(db);

    TimelineStore store;
    QString error;
    QVERIFY(!store.openReadOnly(db, &error));
    QVERIFY2(error.contains(db) && error.contains(s("cannot be read")), qPrintable(error));
    QVERIFY(!store.open(db, &error));
    for (const QStringList &args :
         {QStringList{s("incidents"), s("--db"), db},
          QStringList{s("verify"), s("--db"), db, s("--incident"), s("1")},
          QStringList{s("export"), s("--db"), db, s("--incident"), s("1"), s("--format"), s("json"),
                      s("--output"), m_dir.filePath(s("damaged.json"))}}) {
        const Run r = runWarroom(args);
        QVERIFY2(r.exitCode == 1, qPrintable(args.join(QLatin1Char(' ')) + s(": ") + r.out));
        // The check's own words, also from export, whose check runs beside its reading.
        QVERIFY2(r.err.endsWith(s("warroom: %1\n").arg(error)), qPrintable(r.err));
        QVERIFY2(!r.out.contains(s("intact")), qPrintable(r.out));
    }
    QVERIFY(!QFile::exists(m_dir.filePath(s("damaged.json"))));
    QCOMPARE(fileHash(db), damaged); // nothing tried to "repair" the evidence
}

// A file cut short: at a page boundary quick_check notices the missing pages; anywhere else SQLite
// reads the rest of the last page as zeros, and `incidents` and `export` succeeded with the last
// events' bytes changed. Both must fail the command, naming the file.
void TestHostileFiles::truncatedFileFailsEveryReader_data()
{
    QTest::addColumn<qint64>("cut"); // bytes taken off the end
    QTest::newRow("1 byte") << qint64(1);
    QTest::newRow("100 bytes") << qint64(100);
    QTest::newRow("half a page") << qint64(2048);
    QTest::newRow("one page") << qint64(4096);
    QTest::newRow("a page and a byte") << qint64(4097);
}

void TestHostileFiles::truncatedFileFailsEveryReader()
{
    QFETCH(qint64, cut);
    const QString db = m_dir.filePath(QStringLiteral("truncated-%1.sqlite").arg(cut));
    makeDatabase(db, 1, 60);
    QVERIFY(QFile::resize(db, QFileInfo(db).size() - cut));
    const QByteArray damaged = fileHash(db);
    TimelineStore store;
    QString error;
    QVERIFY(!store.openReadOnly(db, &error));
    QVERIFY2(error.contains(db), qPrintable(error));
    for (const QStringList &args :
         {QStringList{s("incidents"), s("--db"), db},
          QStringList{s("export"), s("--db"), db, s("--incident"), s("1"), s("--format"), s("json"),
                      s("--output"), m_dir.filePath(s("truncated.json"))},
          QStringList{s("export"), s("--db"), db, s("--incident"), s("1"), s("--format"), s("pdf"),
                      s("--output"), m_dir.filePath(s("truncated.pdf"))}}) {
        const Run r = runWarroom(args);
        QVERIFY2(r.exitCode == 1, qPrintable(args.join(QLatin1Char(' ')) + s(": ") + r.out));
        // The check's own words, also from export, whose check runs beside its reading.
        QVERIFY2(r.err.endsWith(s("warroom: %1\n").arg(error)), qPrintable(r.err));
    }
    QVERIFY(!QFile::exists(m_dir.filePath(s("truncated.json"))));
    QVERIFY(!QFile::exists(m_dir.filePath(s("truncated.pdf"))));
    QVERIFY(!store.open(db, &error));
    QVERIFY2(error.contains(s("cannot be read")), qPrintable(error));
    QCOMPARE(fileHash(db), damaged);
}

// Once, a -wal left by another database next to ours shrank 50 incidents to 1: SQLite reads a
// -wal beside any database, whatever its header says.
void TestHostileFiles::foreignWalIsNeverApplied()
{
    const QString db = m_dir.filePath(s("ours-wal.sqlite"));
    makeDatabase(db, 50, 1);
    const QString other = m_dir.filePath(s("theirs-wal.sqlite"));
    makeForeignWal(other);
    QVERIFY(QFileInfo(other + s("-wal")).size() > 0);
    QVERIFY(QFile::copy(other + s("-wal"), db + s("-wal")));
    const QByteArray before = fileHash(db);

    // A reader refuses to look through it, and names it...
    const Run listed = runWarroom({s("incidents"), s("--db"), db});
    QCOMPARE(listed.exitCode, 1);
    QVERIFY2(listed.err.contains(db + s("-wal")), qPrintable(listed.err));
    QCOMPARE(fileHash(db), before);

    // ...the app moves it aside, keeping it, and reads its own 50 incidents...
    {
        TimelineStore store;
        QString error;
        QVERIFY2(store.open(db, &error), qPrintable(error));
        QCOMPARE(store.incidents(&error)->size(), 50);
    }
    QCOMPARE(QDir(m_dir.path()).entryList({s("ours-wal.sqlite-wal.foreign-*")}).size(), 1);
    // ...after which the readers read them too.
    const Run again = runWarroom({s("incidents"), s("--db"), db});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(again.out.count(QLatin1Char('\n')), 50);
}

// What lies beside (or behind) the --db path: SQLite resolves a symbolic link and keeps its -wal
// and journal beside the file it names, so a link once let a foreign -wal through the guard above
// and a writer checkpointed it over the timeline. A FIFO for a journal hung every command; another
// application's SQLite file was migrated into a timeline. Each is refused, nothing is changed, and
// the timeline (when there is one) is still all there.
void TestHostileFiles::hostileNeighboursAreRefused_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("readerSays"); // in `warroom incidents`'s error ("" = it succeeds)
    QTest::addColumn<QString>("writerSays"); // in TimelineStore::open's error ("" = it opens)
    QTest::newRow("foreign -wal behind a link") << s("link-wal") << s("-wal lies beside") << s("");
    QTest::newRow("journal is a FIFO") << s("journal-fifo") << s("not a regular file")
                                       << s("not a regular file");
    QTest::newRow("journal is a folder") << s("journal-folder") << s("not a regular file")
                                         << s("not a regular file");
    QTest::newRow("-wal is a FIFO") << s("wal-fifo") << s("not a regular file")
                                    << s("not a regular file");
    QTest::newRow("another application's database") << s("foreign") << s("some other application")
                                                     << s("some other application");
}

void TestHostileFiles::hostileNeighboursAreRefused()
{
    QFETCH(QString, setup);
    QFETCH(QString, readerSays);
    QFETCH(QString, writerSays);
    const QString folder = m_dir.filePath(s("neighbours-") + setup);
    QVERIFY(QDir().mkpath(folder));
    const QString real = folder + s("/real.sqlite");
    QString db = real;
    if (setup == s("foreign")) {
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open(real.toUtf8().constData(), &raw), SQLITE_OK);
        QCOMPARE(sqlite3_exec(raw, "PRAGMA journal_mode=WAL; CREATE TABLE bookmarks(url);", nullptr,
                              nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(raw);
    } else {
        makeDatabase(real, 3, 1);
    }
    if (setup == s("link-wal")) {
        db = folder + s("/link.sqlite");
        QVERIFY(QFile::link(real, db));
        const QString other = folder + s("/theirs.sqlite");
        makeForeignWal(other);
        QVERIFY(QFile::copy(other + s("-wal"), real + s("-wal")));
    } else if (setup == s("journal-fifo") || setup == s("wal-fifo")) {
        const QString fifo = real + (setup == s("wal-fifo") ? s("-wal") : s("-journal"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    } else if (setup == s("journal-folder")) {
        QVERIFY(QDir().mkdir(real + s("-journal")));
    }
    const QByteArray before = fileHash(real);

    const Run listed = runWarroom({s("incidents"), s("--db"), db});
    QVERIFY2(listed.exitCode == 1 && listed.err.contains(readerSays),
             qPrintable(QString::number(listed.exitCode) + s(": ") + listed.err));
    QCOMPARE(fileHash(real), before);

    TimelineStore store;
    QString error;
    const bool opened = store.open(db, &error);
    if (writerSays.isEmpty()) {
        QVERIFY2(opened, qPrintable(error));
        QCOMPARE(store.incidents(&error).value_or(QList<IncidentSummary>()).size(), 3);
    } else {
        QVERIFY(!opened);
        QVERIFY2(error.contains(writerSays), qPrintable(error));
        QCOMPARE(fileHash(real), before);
    }
}

// A -journal next to ours is hot: a reader must not read through it, and the writable open that
// rolls it back keeps both files first, because it may be another database's journal.
void TestHostileFiles::foreignJournalIsNeverReadAndKeptBeforeRecovery()
{
    const QString db = m_dir.filePath(s("ours-journal.sqlite"));
    makeDatabase(db, 50, 1);
    QVERIFY(plantHotJournal(db, m_dir.filePath(s("theirs-journal.sqlite"))));
    const QByteArray before = fileHash(db);

    const Run listed = runWarroom({s("incidents"), s("--db"), db});
    QCOMPARE(listed.exitCode, 1);
    QVERIFY2(listed.err.contains(db + s("-journal")), qPrintable(listed.err));
    QCOMPARE(fileHash(db), before);

    TimelineStore store;
    QString error;
    (void)store.open(db, &error); // may succeed or call the result damaged; either way...
    const QStringList kept = QDir(m_dir.path())
                                 .entryList({s("ours-journal.sqlite.before-recovery-*")},
                                            QDir::Files, QDir::Name);
    QCOMPARE(kept.size(), 2); // ...the database as it was, and the journal, are both kept
    QCOMPARE(fileHash(m_dir.filePath(kept.first())), before);
}

// Starts racing each other after a crash: while one copies the database and its journal aside
// (holding the writers file exclusively), another waits before its SQLite open rolls the journal
// back under that copy. It rolled back at once, and the copy was torn or lacked its journal.
void TestHostileFiles::recoveryWaitsForAnotherStartCopying()
{
    const QString db = m_dir.filePath(s("waits-journal.sqlite"));
    makeDatabase(db, 50, 1);
    QVERIFY(plantHotJournal(db, m_dir.filePath(s("waits-theirs.sqlite"))));
    const QByteArray before = fileHash(db);
    QFile copying(db + s("-writers")); // the other start, copying
    QVERIFY(copying.open(QIODevice::ReadWrite));
    QCOMPARE(::flock(copying.handle(), LOCK_EX | LOCK_NB), 0);
    std::atomic<bool> opened{false};
    std::thread start([&] {
        TimelineStore store;
        QString error;
        (void)store.open(db, &error);
        opened = true;
    });
    QTest::qSleep(500);
    const bool waited = !opened;
    const bool untouched = QFileInfo::exists(db + s("-journal")) && fileHash(db) == before;
    copying.close(); // its copies made
    start.join();
    QVERIFY(waited);
    QVERIFY(untouched);
    // Only the one that held the file copies: none here, where the test held it.
    QVERIFY(QDir(m_dir.path()).entryList({s("waits-journal.sqlite.before-recovery-*")}).isEmpty());
}

void TestHostileFiles::readCommandsNeverWrite_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("incidents") << QStringList{s("incidents")};
    QTest::newRow("verify") << QStringList{s("verify"), s("--incident"), s("1")};
    QTest::newRow("export") << QStringList{s("export"), s("--incident"), s("1"), s("--format"),
                                           s("md"), s("--output"), s("OUT")};
}

void TestHostileFiles::readCommandsNeverWrite()
{
    QFETCH(QStringList, args);
    const QString folder = m_dir.filePath(QStringLiteral("ro-") + args.first());
    QVERIFY(QDir().mkpath(folder));
    const QString db = folder + s("/t.sqlite");
    makeDatabase(db, 1, 3);
    const QByteArray before = fileHash(db);
    const QDateTime modified = QFileInfo(db).lastModified();
    const QStringList files = QDir(folder).entryList(QDir::Files);
    args.replaceInStrings(s("OUT"), m_dir.filePath(QStringLiteral("ro-%1.md").arg(args.first())));
    const Run r = runWarroom(args + QStringList{s("--db"), db});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(fileHash(db), before);
    QCOMPARE(QFileInfo(db).lastModified(), modified);
    // No journal, -wal or -shm appeared beside it: a read-only medium would not have room for one.
    QCOMPARE(QDir(folder).entryList(QDir::Files), files);
}

void TestHostileFiles::mistypedDbPathIsAnError()
{
    const QString missingFolder = m_dir.filePath(s("no/such/folder"));
    const QString db = missingFolder + s("/t.sqlite");
    for (const QStringList &args :
         {QStringList{s("incidents"), s("--db"), db},
          QStringList{s("verify"), s("--db"), db, s("--incident"), s("1")},
          QStringList{s("incidents"), s("--db"), m_dir.filePath(s("typo.sqlite"))}}) {
        const Run r = runWarroom(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(s("there is no database")), qPrintable(r.err));
    }
    QVERIFY(!QFileInfo::exists(m_dir.filePath(s("no"))));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(s("typo.sqlite"))));
    // The app makes a new file where asked, but not a new tree of folders.
    TimelineStore store;
    QString error;
    QVERIFY(!store.open(db, &error));
    QVERIFY2(error.contains(s("does not exist")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(s("no"))));
}

void TestHostileFiles::permissionsAreOnlyTakenAway_data()
{
    QTest::addColumn<bool>("ours");
    QTest::addColumn<int>("before");
    QTest::addColumn<int>("after");
    QTest::newRow("a timeline readable by all") << true << 0644 << 0600;
    QTest::newRow("a read-only timeline stays read-only") << true << 0444 << 0400;
    QTest::newRow("another application's database") << false << 0664 << 0664;
}

// Opening for writing kept a timeline private by setting 0600: a read-only file (0444) became
// writable, and another application's database (0664) was changed before it was refused as not
// ours. Group and others lose their permissions on a timeline only; nothing is ever added.
void TestHostileFiles::permissionsAreOnlyTakenAway()
{
    QFETCH(bool, ours);
    QFETCH(int, before);
    QFETCH(int, after);
    const QString db = m_dir.filePath(
        s("modes-%1.sqlite").arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'-'));
    if (ours)
        makeDatabase(db, 1, 1);
    else
        QCOMPARE(test::rawSql(db, s("CREATE TABLE t(a); INSERT INTO t VALUES (1)")), QString());
    QCOMPARE(::chmod(QFile::encodeName(db).constData(), mode_t(before)), 0);
    TimelineStore store;
    QString error;
    QCOMPARE(store.open(db, &error), ours);
    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(db).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), after);
}

// --output naming a FIFO (or a folder): every writer refuses it with the path, leaves it as it
// was, and never waits for a reader. QSaveFile had renamed a file over it, and as root
// `--output /dev/null` had replaced the device itself.
void TestHostileFiles::outputThatIsNotAFileIsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("folder");
    const QStringList exportArgs{s("export"), s("--incident"), s("1"), s("--format")};
    QTest::newRow("export json to a FIFO") << (exportArgs + QStringList{s("json")}) << false;
    QTest::newRow("export md to a FIFO") << (exportArgs + QStringList{s("md")}) << false;
    QTest::newRow("export pdf to a FIFO") << (exportArgs + QStringList{s("pdf")}) << false;
    QTest::newRow("export csv to a folder") << (exportArgs + QStringList{s("csv")}) << true;
    QTest::newRow("plan pdf to a FIFO")
        << QStringList{s("plan"), QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json"),
                       s("--format"), s("pdf")}
        << false;
    QTest::newRow("plan md to a FIFO")
        << QStringList{s("plan"), QStringLiteral(WARROOM_CHECKLISTS "/rollback-eight-step.json")}
        << false;
}

void TestHostileFiles::outputThatIsNotAFileIsRefused()
{
    QFETCH(QStringList, args);
    QFETCH(bool, folder);
    const QString db = m_dir.filePath(s("output.sqlite"));
    if (!QFile::exists(db))
        makeDatabase(db, 1, 20);
    const QString out = m_dir.filePath(s("out-") + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
    if (folder)
        QVERIFY(QDir().mkpath(out));
    else
        QCOMPARE(::mkfifo(QFile::encodeName(out).constData(), 0600), 0);
    const Run r = runWarroom(args + QStringList{s("--db"), db, s("--output"), out});
    QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
    QVERIFY2(r.err.contains(out) && r.err.contains(folder ? s("a folder") : s("a FIFO")),
             qPrintable(r.err));
    struct stat st {};
    QCOMPARE(::lstat(QFile::encodeName(out).constData(), &st), 0);
    QVERIFY(folder ? S_ISDIR(st.st_mode) : S_ISFIFO(st.st_mode));
}

// A disk that fills while the export is written (here a file size limit, `ulimit -f`, its signal
// ignored as a full disk has none): the command fails, naming the file, and a previous export at
// that path is left whole. The PDF was written in place by Qt's writer and said "wrote" over a
// cut-off file; CDEvents took a short write for a whole one.
void TestHostileFiles::exportThatDoesNotFitKeepsTheOldFile_data()
{
    QTest::addColumn<QString>("format");
    for (const char *format : {"pdf", "cdevents", "json", "md"})
        QTest::newRow(format) << QString::fromLatin1(format);
}

void TestHostileFiles::exportThatDoesNotFitKeepsTheOldFile()
{
    QFETCH(QString, format);
    const QString db = m_dir.filePath(s("full.sqlite"));
    if (!QFile::exists(db))
        makeDatabase(db, 1, 400);
    const QString out = m_dir.filePath(s("full-export.") + format);
    const QByteArray old("the previous export, which must stay whole");
    {
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(old), old.size());
    }
    // One block of 512 bytes: every export is larger.
    const QString command = s("trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"");
    const Run r = runProgram(s("bash"), {s("-c"), command, QStringLiteral(WARROOM_BINARY),
                                         s("export"), s("--db"), db, s("--incident"), s("1"),
                                         s("--format"), format, s("--output"), out});
    QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
    QVERIFY2(r.err.contains(s("cannot write")) && r.err.contains(out), qPrintable(r.err));
    // The reason the system gave (EFBIG), not "Unknown error": Qt sets none on a short write.
    QVERIFY2(r.err.contains(s("File too large")), qPrintable(r.err));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), old);
    // Nothing else was left beside it (QSaveFile's temporary file is gone).
    QCOMPARE(QDir(m_dir.path()).entryList({s("full-export.") + format + u'*'}, QDir::Files),
             QStringList{s("full-export.") + format});
}

QTEST_MAIN(TestHostileFiles)
#include "tst_hostilefiles.moc"
