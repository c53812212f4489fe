// The promise everything else rests on: a committed event is never lost or misread, whatever the
// app's own process, another process or a damaged file does. Real processes where the hazard is
// between processes (POSIX locks are per process), real files, real SIGKILL.
#include "chain/ChainVerifier.h"
#include "FaultServer.h"
#include "session/IncidentSession.h"
#include "TestProcess.h"
#include "TestTimeline.h"
#include "store/TimelineStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace warroom;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

// One helper process (tests/timeline_writer_helper.cpp), driven a line at a time.
class Writer
{
public:
    explicit Writer(const QStringList &args, const QProcessEnvironment &env = {})
    {
        if (!env.isEmpty())
            m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(WARROOM_WRITER_HELPER), args);
    }
    ~Writer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // The next line that starts with one of `prefixes`, spinning the event loop meanwhile so a
    // server living in the test process keeps answering. Other lines are kept in seen().
    QString next(const QStringList &prefixes, int timeoutMs = 15000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            while (m_process.canReadLine()) {
                const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
                m_seen << line;
                for (const QString &p : prefixes) {
                    if (line.startsWith(p))
                        return line;
                }
            }
            if (m_process.state() == QProcess::NotRunning)
                return QStringLiteral("exited: ") + QString::fromUtf8(m_process.readAllStandardError());
            QTest::qWait(5);
        }
        return QStringLiteral("timeout");
    }
    QString ask(const QString &command)
    {
        m_process.write(command.toUtf8() + '\n');
        return next({s("ok"), s("refused"), s("poked"), s("lost"), s("unknown")});
    }
    void killHard()
    {
        ::kill(static_cast<pid_t>(m_process.processId()), SIGKILL);
        m_process.waitForFinished(5000);
    }
    qint64 pid() const { return m_process.processId(); }
    const QStringList &seen() const { return m_seen; }
    void write(const QByteArray &bytes) { m_process.write(bytes); }
    void closeInput() { m_process.closeWriteChannel(); }
    bool waitForExit()
    {
        QDeadlineTimer deadline(10000);
        while (m_process.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(10);
        return m_process.state() == QProcess::NotRunning && m_process.exitCode() == 0;
    }

private:
    QProcess m_process;
    QStringList m_seen;
};

qint64 seqOf(const QString &okLine)
{
    return okLine.section(QLatin1Char(' '), 1, 1).toLongLong();
}

using Run = test::ProcessRun;

Run runWarroom(const QStringList &args)
{
    return test::runProgram(QStringLiteral(WARROOM_BINARY), args);
}

QString checklistPath(const char *name)
{
    return QStringLiteral(WARROOM_TEST_DATA "/checklists/good/") + QString::fromUtf8(name);
}

// A database of `count` DRILL incidents with a few notes each, closed and fsynced.
void makeDatabase(const QString &path, int incidents, int notesEach)
{
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    const Checklist checklist = test::loadChecklist(checklistPath("minimal.json"));
    for (int i = 0; i < incidents; ++i) {
        IncidentDeclaration d;
        d.title = QStringLiteral("Incident %1").arg(i);
        d.commander = s("ic");
        d.mode = IncidentMode::Drill;
        auto session = IncidentSession::declare(store, checklist, d, systemClock(), &error);
        QVERIFY2(session, qPrintable(error));
        for (int n = 0; n < notesEach; ++n)
            QVERIFY(session->addNote(QStringLiteral("note %1 of %2 ").arg(n).arg(i)
                                     + QString(200, QLatin1Char('x')))
                        .ok());
    }
}

// A raw SQLite database in WAL mode whose last transaction lives only in its -wal file.
void makeForeignWal(const QString &path)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    int off = 0;
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &off);
    QCOMPARE(sqlite3_exec(db,
                          "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
                          "CREATE TABLE t(x); INSERT INTO t VALUES (zeroblob(200000));",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    sqlite3_close(db);
}

} // namespace

class TestDurability : public QObject
{
    Q_OBJECT

private slots:
    void fileAccessInTheAppLosesNothing();
    void storageLossIsNoticed_data();
    void storageLossIsNoticed();
    void damagedPageFailsEveryReader();
    void truncatedFileFailsEveryReader_data();
    void truncatedFileFailsEveryReader();
    void foreignWalIsNeverApplied();
    void hostileNeighboursAreRefused_data();
    void hostileNeighboursAreRefused();
    void foreignJournalIsNeverReadAndKeptBeforeRecovery();
    void unfinishedJournalIsNotCopied();
    void readCommandsNeverWrite_data();
    void readCommandsNeverWrite();
    void mistypedDbPathIsAnError();
    void foldersArePrivateWhateverTheUmask();
    void secondProcessNeverRepeatsASideEffect();
    void secondProcessSeesEventsWithinASecond();
    void secondWindowLeavesLiveRunsAlone();
    void unusableWritersLockAssumesOthersAlive_data();
    void unusableWritersLockAssumesOthersAlive();
    void staleSessionPlansAgainstTheLatestState();
    void killedAtRandomLosesNothing();

private:
    QTemporaryDir m_dir;
};

// Issue 9 §1, exactly: the app writes; something in its own process opens and closes the database
// file (a file dialog does); another warroom process reads the database; the app writes more and
// is killed. Under WAL the reader took itself for the last user, checkpointed and deleted the -wal
// the app was still writing, and everything after it was gone.
void TestDurability::fileAccessInTheAppLosesNothing()
{
    const QString db = m_dir.filePath(s("poked.sqlite"));
    Writer app({db, checklistPath("minimal.json")});
    const QString declared = app.next({s("incident"), s("error")});
    QVERIFY2(declared.startsWith(s("incident")), qPrintable(declared));
    const qint64 id = declared.section(QLatin1Char(' '), 1, 1).toLongLong();
    QStringList shown;
    qint64 lastShown = 0;
    for (int i = 0; i < 5; ++i) {
        const QString r = app.ask(QStringLiteral("note before %1").arg(i));
        QVERIFY2(r.startsWith(s("ok")), qPrintable(r));
        lastShown = seqOf(r);
    }
    QCOMPARE(app.ask(s("poke")), s("poked"));
    const Run listed = runWarroom({s("incidents"), s("--db"), db});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    QVERIFY(listed.out.contains(s("Durability trial")));
    // And a second window that opens the incident, writes, and closes: under WAL, the last
    // connection to close (as it believes) checkpoints and deletes the -wal.
    {
        Writer second({db, checklistPath("minimal.json"), QString::number(id)});
        QVERIFY(second.next({s("incident")}).startsWith(s("incident")));
        const QString r = second.ask(s("note from a second window"));
        QVERIFY2(r.startsWith(s("ok")), qPrintable(r));
        second.closeInput();
        QVERIFY(second.waitForExit());
    }
    QVERIFY(app.ask(s("refresh")).startsWith(s("ok")));
    for (int i = 0; i < 5; ++i) {
        const QString r = app.ask(QStringLiteral("note after %1").arg(i));
        QVERIFY2(r.startsWith(s("ok")), qPrintable(r));
        lastShown = seqOf(r);
    }
    // Nothing the app writes to may have been unlinked under it.
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(app.pid()));
    for (const QFileInfo &fd : fds.entryInfoList(QDir::System | QDir::NoDotAndDotDot)) {
        const QString target = fd.symLinkTarget();
        QVERIFY2(!(target.startsWith(db) && target.endsWith(s("(deleted)"))), qPrintable(target));
    }
    app.killHard();

    TimelineStore store;
    QString error;
    QVERIFY2(store.open(db, &error), qPrintable(error));
    const auto events = store.events(id, 0, &error);
    QVERIFY2(events, qPrintable(error));
    QCOMPARE(events->size(), lastShown);
    QCOMPARE(events->constLast().payload.value(s("text")).toString(), s("after 4"));
    QVERIFY(ChainVerifier::verify(*store.incident(id), *events).intact);
}

void TestDurability::storageLossIsNoticed_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("deleted") << s("delete");
    QTest::newRow("moved") << s("move");
    QTest::newRow("replaced by a copy") << s("replace");
}

void TestDurability::storageLossIsNoticed()
{
    QFETCH(QString, what);
    const QString db = m_dir.filePath(QStringLiteral("lost-%1.sqlite").arg(what));
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(db, &error), qPrintable(error));
    IncidentDeclaration d{s("Lost"), s("ic"), IncidentMode::Drill, {}, {}};
    auto session = IncidentSession::declare(store, test::loadChecklist(checklistPath("minimal.json")),
                                            d, systemClock(), &error);
    QVERIFY2(session, qPrintable(error));
    QVERIFY(session->addNote(s("before")).ok());
    QSignalSpy lost(session.get(), &IncidentSession::storageLost);

    if (what == QLatin1String("delete")) {
        QVERIFY(QFile::remove(db));
    } else if (what == QLatin1String("move")) {
        QVERIFY(QFile::rename(db, db + s(".moved")));
    } else {
        QVERIFY(QFile::copy(db, db + s(".copy")));
        QVERIFY(QFile::remove(db));
        QVERIFY(QFile::rename(db + s(".copy"), db));
    }
    // Noticed by the poll, before anyone tries a command...
    session->refresh();
    QCOMPARE(lost.size(), 1);
    QVERIFY2(session->storageProblem().contains(db), qPrintable(session->storageProblem()));
    // ...and every command is refused, so nothing is shown that is not on disk.
    const qsizetype before = session->events().size();
    const CommandResult r = session->addNote(s("after"));
    QCOMPARE(r.status, CommandResult::Status::StorageFailed);
    QCOMPARE(session->events().size(), before);
    QVERIFY(!store.append(session->incident().id, {EventDraft{s("ic"), s("note.added"), {}, {}, {}}},
                          0, &error));
    QVERIFY2(error.contains(s("deleted, moved or replaced")), qPrintable(error));
}

// A page overwritten in the middle of a long timeline: once, `verify` said "chain intact: 41
// events" for an incident of 441. Every reader must now fail, naming the file.
void TestDurability::damagedPageFailsEveryReader()
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
        QVERIFY2(r.err.contains(db), qPrintable(r.err));
        QVERIFY2(!r.out.contains(s("intact")), qPrintable(r.out));
    }
    QVERIFY(!QFile::exists(m_dir.filePath(s("damaged.json"))));
    QCOMPARE(fileHash(db), damaged); // nothing tried to "repair" the evidence
}

// A file cut short: at a page boundary quick_check notices the missing pages; anywhere else SQLite
// reads the rest of the last page as zeros, and `incidents` and `export` succeeded with the last
// events' bytes changed. Both must fail the command, naming the file.
void TestDurability::truncatedFileFailsEveryReader_data()
{
    QTest::addColumn<qint64>("cut"); // bytes taken off the end
    QTest::newRow("1 byte") << qint64(1);
    QTest::newRow("100 bytes") << qint64(100);
    QTest::newRow("half a page") << qint64(2048);
    QTest::newRow("one page") << qint64(4096);
    QTest::newRow("a page and a byte") << qint64(4097);
}

void TestDurability::truncatedFileFailsEveryReader()
{
    QFETCH(qint64, cut);
    const QString db = m_dir.filePath(QStringLiteral("truncated-%1.sqlite").arg(cut));
    makeDatabase(db, 1, 60);
    QVERIFY(QFile::resize(db, QFileInfo(db).size() - cut));
    const QByteArray damaged = fileHash(db);
    for (const QStringList &args :
         {QStringList{s("incidents"), s("--db"), db},
          QStringList{s("export"), s("--db"), db, s("--incident"), s("1"), s("--format"), s("json"),
                      s("--output"), m_dir.filePath(s("truncated.json"))}}) {
        const Run r = runWarroom(args);
        QVERIFY2(r.exitCode == 1, qPrintable(args.join(QLatin1Char(' ')) + s(": ") + r.out));
        QVERIFY2(r.err.contains(db), qPrintable(r.err));
    }
    TimelineStore store;
    QString error;
    QVERIFY(!store.open(db, &error));
    QVERIFY2(error.contains(s("cannot be read")), qPrintable(error));
    QCOMPARE(fileHash(db), damaged);
}

// Once, a -wal left by another database next to ours shrank 50 incidents to 1: SQLite reads a
// -wal beside any database, whatever its header says.
void TestDurability::foreignWalIsNeverApplied()
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
void TestDurability::hostileNeighboursAreRefused_data()
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

void TestDurability::hostileNeighboursAreRefused()
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
void TestDurability::foreignJournalIsNeverReadAndKeptBeforeRecovery()
{
    const QString db = m_dir.filePath(s("ours-journal.sqlite"));
    makeDatabase(db, 50, 1);
    // A journal caught mid-transaction in another database: hot, since nobody holds its lock.
    const QString other = m_dir.filePath(s("theirs-journal.sqlite"));
    {
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open(other.toUtf8().constData(), &raw), SQLITE_OK);
        QCOMPARE(sqlite3_exec(raw,
                              "CREATE TABLE t(x); INSERT INTO t VALUES (zeroblob(100000));"
                              "PRAGMA cache_size=1; BEGIN; DELETE FROM t;"
                              "INSERT INTO t VALUES (zeroblob(300000));",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        QVERIFY(QFileInfo(other + s("-journal")).size() > 0);
        QVERIFY(QFile::copy(other + s("-journal"), db + s("-journal")));
        sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(raw);
    }
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

// A journal whose header is still zero (a writer killed before its commit began) is never rolled
// back, so nothing is copied for it: each such crash used to leave a full copy of the database.
void TestDurability::unfinishedJournalIsNotCopied()
{
    const QString db = m_dir.filePath(s("zero-journal.sqlite"));
    makeDatabase(db, 2, 1);
    {
        QFile j(db + s("-journal"));
        QVERIFY(j.open(QIODevice::WriteOnly));
        j.write(QByteArray(4096, '\0'));
    }
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(db, &error), qPrintable(error));
    QCOMPARE(store.incidents(&error).value_or(QList<IncidentSummary>()).size(), 2);
    QCOMPARE(QDir(m_dir.path()).entryList({s("zero-journal.sqlite.before-recovery-*")}).size(), 0);
}

void TestDurability::readCommandsNeverWrite_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("incidents") << QStringList{s("incidents")};
    QTest::newRow("verify") << QStringList{s("verify"), s("--incident"), s("1")};
    QTest::newRow("export") << QStringList{s("export"), s("--incident"), s("1"), s("--format"),
                                           s("md"), s("--output"), s("OUT")};
}

void TestDurability::readCommandsNeverWrite()
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

void TestDurability::mistypedDbPathIsAnError()
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

void TestDurability::foldersArePrivateWhateverTheUmask()
{
    const mode_t old = ::umask(0);
    const QString deep = m_dir.filePath(s("umask/a/b/c"));
    QString error;
    const bool made = TimelineStore::createPrivateFolder(deep, &error);
    ::umask(old);
    QVERIFY2(made, qPrintable(error));
    for (const QString &level : {s("umask"), s("umask/a"), s("umask/a/b"), s("umask/a/b/c")}) {
        struct stat st = {};
        QCOMPARE(::stat(m_dir.filePath(level).toUtf8().constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0700u);
    }
}

// Once, two windows on one database each ran the same webhook step, 3.5 s apart, with different
// idempotency keys: the side effect happened twice. The second must see the first's run inside
// its own write transaction and refuse, before anything is sent.
void TestDurability::secondProcessNeverRepeatsASideEffect()
{
    test::FaultServer server;
    const QString db = m_dir.filePath(s("race.sqlite"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(s("WARROOM_VAR_BASE"), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    env.insert(s("WARROOM_TEST_SECRET"), s("s3cret"));
    Writer first({db, checklistPath("one-action.json")}, env);
    const QString declared = first.next({s("incident"), s("error")});
    QVERIFY2(declared.startsWith(s("incident")), qPrintable(declared));
    const QString id = declared.section(QLatin1Char(' '), 1, 1);
    // The second window opened the incident before the first ran anything: its state is stale.
    Writer second({db, checklistPath("one-action.json"), id}, env);
    QVERIFY(second.next({s("incident"), s("error")}).startsWith(s("incident")));

    QVERIFY(first.ask(s("run send post")).startsWith(s("ok")));
    QTRY_COMPARE_WITH_TIMEOUT(server.count("/ok"), 1, 10000);
    QVERIFY(first.next({s("event")}).contains(s("action.")));

    const QString again = second.ask(s("run send post"));
    QVERIFY2(again.startsWith(s("refused")), qPrintable(again));
    QTest::qWait(300);
    QCOMPARE(server.count("/ok"), 1);
}

void TestDurability::secondProcessSeesEventsWithinASecond()
{
    const QString db = m_dir.filePath(s("follow.sqlite"));
    Writer commander({db, checklistPath("minimal.json")});
    const QString declared = commander.next({s("incident"), s("error")});
    const QString id = declared.section(QLatin1Char(' '), 1, 1);
    Writer wall({db, checklistPath("minimal.json"), id, s("--follow"), s("200")});
    QVERIFY(wall.next({s("incident")}).startsWith(s("incident")));
    const QString r = commander.ask(s("note from the commander"));
    QVERIFY(r.startsWith(s("ok")));
    const QString seen = wall.next({s("event ") + QString::number(seqOf(r))}, 1000);
    QVERIFY2(seen.endsWith(s("note.added")), qPrintable(seen));
}

// A window that opens an incident another live process is working on must not declare that
// process's runs interrupted (their answers would then be refused); once the other process is
// gone, the next open does.
void TestDurability::secondWindowLeavesLiveRunsAlone()
{
    test::FaultServer server;
    const QString db = m_dir.filePath(s("live-runs.sqlite"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(s("WARROOM_VAR_BASE"), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    env.insert(s("WARROOM_VAR_PATH"), s("/stall"));
    env.insert(s("WARROOM_TEST_SECRET"), s("s3cret"));
    Writer first({db, checklistPath("one-action.json")}, env);
    const QString declared = first.next({s("incident"), s("error")});
    const qint64 id = declared.section(QLatin1Char(' '), 1, 1).toLongLong();
    QVERIFY(first.ask(s("run send post")).startsWith(s("ok")));
    QTRY_COMPARE_WITH_TIMEOUT(server.count("/stall"), 1, 10000);

    auto kindsAfterOpen = [&] {
        TimelineStore store;
        QString error;
        [&] { QVERIFY2(store.open(db, &error), qPrintable(error)); }();
        const qsizetype before = store.events(id, 0, &error).value().size();
        auto session = IncidentSession::open(store, id, systemClock(), &error);
        QStringList kinds;
        if (!session)
            return QStringList{s("error: ") + error};
        for (qsizetype i = before; i < session->events().size(); ++i)
            kinds << session->events().at(i).kind;
        return kinds;
    };
    QCOMPARE(kindsAfterOpen(), QStringList());
    first.killHard();
    const QStringList afterDeath = kindsAfterOpen();
    QVERIFY2(afterDeath.contains(s("incident.resumed")) && afterDeath.contains(s("action.unknown")),
             qPrintable(afterDeath.join(QLatin1Char(','))));
}

// The DB-writers lock is how an open tells a crash (close the runs it left) from a live second
// window (leave them alone). When something else holds its name (a folder, a FIFO), the open went
// on without a lock and took itself for the only writer: a second window then closed the first
// one's in-flight runs as interrupted. And a link there had the target created and chmodded.
void TestDurability::unusableWritersLockAssumesOthersAlive_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("folder") << s("folder");
    QTest::newRow("FIFO") << s("fifo");
    QTest::newRow("link to another file") << s("link");
}

void TestDurability::unusableWritersLockAssumesOthersAlive()
{
    QFETCH(QString, what);
    const QString db = m_dir.filePath(s("writers-") + what + s(".sqlite"));
    makeDatabase(db, 1, 0);
    const QString lock = db + s("-writers");
    QVERIFY(QFile::remove(lock));
    const QString victim = m_dir.filePath(s("victim-") + what);
    if (what == s("folder")) {
        QVERIFY(QDir().mkdir(lock));
    } else if (what == s("fifo")) {
        QCOMPARE(::mkfifo(QFile::encodeName(lock).constData(), 0600), 0);
    } else {
        QFile v(victim);
        QVERIFY(v.open(QIODevice::WriteOnly));
        v.write("not yours");
        v.close();
        QVERIFY(QFile::setPermissions(victim, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                  | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QVERIFY(QFile::link(victim, lock));
    }
    TimelineStore first;
    TimelineStore second;
    QString error;
    QVERIFY2(first.open(db, &error), qPrintable(error));
    QVERIFY2(second.open(db, &error), qPrintable(error));
    QVERIFY(second.otherWritersAlive());
    QVERIFY(first.otherWritersAlive());
    if (what == s("link")) {
        QCOMPARE(QFileInfo(victim).permissions() & QFileDevice::ReadOther, QFileDevice::ReadOther);
        QFile v(victim);
        QVERIFY(v.open(QIODevice::ReadOnly));
        QCOMPARE(v.readAll(), QByteArray("not yours"));
    }
}

// The same rule without processes: a session whose engine is behind the store re-plans inside the
// write transaction, so confirming what another connection already confirmed is refused, and the
// other connection's event reaches this session's screen.
void TestDurability::staleSessionPlansAgainstTheLatestState()
{
    const QString db = m_dir.filePath(s("stale.sqlite"));
    TimelineStore storeA;
    TimelineStore storeB;
    QString error;
    QVERIFY(storeA.open(db, &error));
    QVERIFY(storeB.open(db, &error));
    const Checklist checklist = test::loadChecklist(checklistPath("minimal.json"));
    IncidentDeclaration d{s("Stale"), s("ic"), IncidentMode::Drill, {}, {}};
    auto a = IncidentSession::declare(storeA, checklist, d, systemClock(), &error);
    QVERIFY2(a, qPrintable(error));
    auto b = IncidentSession::open(storeB, a->incident().id, systemClock(), &error);
    QVERIFY2(b, qPrintable(error));
    const QString step = checklist.steps.first().id;
    const QString item = checklist.steps.first().items.first().id;
    QVERIFY(a->confirmItem(step, item).ok());
    QSignalSpy appended(b.get(), &IncidentSession::eventsAppended);
    const CommandResult again = b->confirmItem(step, item);
    QVERIFY2(!again.ok(), qPrintable(again.message));
    QCOMPARE(b->events().size(), a->events().size());
    QCOMPARE(appended.size(), 1);
    const TimelineEvents stored = storeA.events(a->incident().id, 0, &error).value();
    QCOMPARE(stored.size(), a->events().size());
}

// Random SIGKILLs during a stream of commits and side effects. Every trial: what the process said
// was committed is there, the chain verifies, and no request reached the server without its run on
// record, none twice. WARROOM_KILL_TRIALS sets the count (CI runs a few; hundreds by hand).
void TestDurability::killedAtRandomLosesNothing()
{
    const int trials = qEnvironmentVariableIsSet("WARROOM_KILL_TRIALS")
                           ? qEnvironmentVariableIntValue("WARROOM_KILL_TRIALS")
                           : 6;
    test::FaultServer server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(s("WARROOM_VAR_BASE"), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    env.insert(s("WARROOM_TEST_SECRET"), s("s3cret"));
    const quint32 seed = qEnvironmentVariableIsSet("WARROOM_KILL_SEED")
                             ? qEnvironmentVariable("WARROOM_KILL_SEED").toUInt()
                             : QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    qsizetype seenBefore = 0;
    qInfo("kill trials: %d, seed %u (WARROOM_KILL_SEED repeats them)", trials, seed);
    for (int trial = 0; trial < trials; ++trial) {
        const QString db = m_dir.filePath(QStringLiteral("trial-%1.sqlite").arg(trial));
        Writer app({db, checklistPath("one-action.json")}, env);
        const QString declared = app.next({s("incident"), s("error")});
        QVERIFY2(declared.startsWith(s("incident")), qPrintable(declared));
        const qint64 id = declared.section(QLatin1Char(' '), 1, 1).toLongLong();
        const int notes = 20 + static_cast<int>(random.bounded(200));
        app.write(QByteArrayLiteral("run send post\n"));
        app.write(QStringLiteral("notes %1\n").arg(notes).toUtf8());
        QTest::qWait(static_cast<int>(random.bounded(400)));
        app.killHard();
        // Bytes the dead process had already handed to the kernel still reach the server: let it
        // read them now, so they count for this trial and not the next.
        QTest::qWait(300);
        qint64 acknowledged = 0;
        for (const QString &line : app.seen()) {
            if (line.startsWith(s("ok ")))
                acknowledged = std::max(acknowledged, seqOf(line));
        }
        // Lines still in the pipe when it died were written after their commit, too.
        while (true) {
            const QString line = app.next({s("ok ")}, 50);
            if (!line.startsWith(s("ok ")))
                break;
            acknowledged = std::max(acknowledged, seqOf(line));
        }

        TimelineStore store;
        QString error;
        QVERIFY2(store.open(db, &error), qPrintable(error));
        const auto events = store.events(id, 0, &error);
        QVERIFY2(events, qPrintable(error));
        QVERIFY2(events->size() >= acknowledged,
                 qPrintable(QStringLiteral("trial %1: %2 acknowledged, %3 stored")
                                .arg(trial)
                                .arg(acknowledged)
                                .arg(events->size())));
        const ChainReport chain = ChainVerifier::verify(*store.incident(id), *events);
        QVERIFY2(chain.intact, qPrintable(chain.summary()));
        QSet<QString> recordedKeys;
        for (const TimelineEvent &e : *events) {
            if (e.kind == QLatin1String("action.requested"))
                recordedKeys.insert(e.payload.value(s("key")).toString());
        }
        // Every request this trial's process sent carries its run's key, which was on disk
        // before the request left, and no key was sent twice.
        QSet<QString> sentKeys;
        for (qsizetype i = seenBefore; i < server.seen().size(); ++i) {
            const QString key = QString::fromUtf8(server.seen().at(i).headers.value("idempotency-key"));
            QVERIFY2(!key.isEmpty(), "a request without its idempotency key");
            QVERIFY2(recordedKeys.contains(key),
                     qPrintable(QStringLiteral("trial %1: %2 was sent but its run is not on record")
                                    .arg(trial)
                                    .arg(key)));
            QVERIFY2(!sentKeys.contains(key), qPrintable(key));
            sentKeys.insert(key);
        }
        seenBefore = server.seen().size();
    }
}

QTEST_MAIN(TestDurability)
#include "tst_durability.moc"
