// The files around a database, inside one process: a database deleted, moved or replaced under
// an open incident (noticed by the poll or by the next command), a journal left by a killed
// writer, private folders, the writers' lock, and a
// second connection's session that is behind the store. The last two trials (a stale session, a
// damaged timeline) are the store's, not the file's, and run on both backends (StoreBackends.h);
// the others are about a file (its path, its journal, its folder's mode, its lock file) and have
// no counterpart on a server.
#include "StoreTrials.h"

#include "chain/ChainVerifier.h"
#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/StoreBackends.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace warroom;
using namespace warroom::test; // StoreTrials' helpers and s()

class TestStoreFiles : public QObject
{
    Q_OBJECT

private slots:
    void storageLossIsNoticed_data();
    void storageLossIsNoticed();
    void storageLossIsNoticedByACommand_data();
    void storageLossIsNoticedByACommand();
    void unfinishedJournalIsNotCopied();
    void foldersArePrivateWhateverTheUmask();
    void unusableWritersLockAssumesOthersAlive_data();
    void unusableWritersLockAssumesOthersAlive();
    void stuckWritersHolderRefusesTheOpen_data();
    void stuckWritersHolderRefusesTheOpen();
    void staleSessionPlansAgainstTheLatestState_data();
    void staleSessionPlansAgainstTheLatestState();
    void damagedTimelineIsRefused_data();
    void damagedTimelineIsRefused();
    void newDatabaseOpenedByFourAtOnce();
    void defaultPathFromTheEnvironment_data();
    void defaultPathFromTheEnvironment();

private:
    QTemporaryDir m_dir;
};

void TestStoreFiles::storageLossIsNoticed_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("deleted") << s("delete");
    QTest::newRow("moved") << s("move");
    QTest::newRow("replaced by a copy") << s("replace");
}

namespace {

// The three ways a database goes away under an open incident (storageLossIsNoticed_data).
bool loseFile(const QString &db, const QString &what)
{
    if (what == QLatin1String("delete"))
        return QFile::remove(db);
    if (what == QLatin1String("move"))
        return QFile::rename(db, db + QStringLiteral(".moved"));
    return QFile::copy(db, db + QStringLiteral(".copy")) && QFile::remove(db)
           && QFile::rename(db + QStringLiteral(".copy"), db);
}

// A fresh database at `db` holding a declared drill with one note, "before": what each storage-loss
// trial starts from. Null, and why, if any of it fails.
std::unique_ptr<IncidentSession> declaredWithANote(TimelineStore &store, const QString &db,
                                                   QString *error)
{
    if (!store.open(db, error))
        return nullptr;
    IncidentDeclaration d{s("Lost"), s("ic"), IncidentMode::Drill, {}, {}, {}, {}};
    auto session = IncidentSession::declare(store, test::loadChecklist(checklistPath("minimal.json")),
                                            d, systemClock(), error);
    if (session && !session->addNote(s("before")).ok()) {
        *error = QStringLiteral("the note before the loss was not recorded");
        return nullptr;
    }
    return session;
}

} // namespace

void TestStoreFiles::storageLossIsNoticed()
{
    QFETCH(QString, what);
    const QString db = m_dir.filePath(QStringLiteral("lost-%1.sqlite").arg(what));
    TimelineStore store;
    QString error;
    auto session = declaredWithANote(store, db, &error);
    QVERIFY2(session, qPrintable(error));
    QSignalSpy lost(session.get(), &IncidentSession::storageLost);

    QVERIFY(loseFile(db, what));
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

void TestStoreFiles::storageLossIsNoticedByACommand_data()
{
    storageLossIsNoticed_data();
}

// No poll in between: the command itself finds the file gone (the store checks it before its
// write transaction), records nothing, and the session says so once.
void TestStoreFiles::storageLossIsNoticedByACommand()
{
    QFETCH(QString, what);
    const QString db = m_dir.filePath(QStringLiteral("lost-by-command-%1.sqlite").arg(what));
    TimelineStore store;
    QString error;
    auto session = declaredWithANote(store, db, &error);
    QVERIFY2(session, qPrintable(error));
    QSignalSpy lost(session.get(), &IncidentSession::storageLost);
    QSignalSpy appended(session.get(), &IncidentSession::eventsAppended);
    QVERIFY(loseFile(db, what));
    const qsizetype before = session->events().size();
    const CommandResult r = session->addNote(s("after"));
    QCOMPARE(r.status, CommandResult::Status::StorageFailed);
    QVERIFY2(r.message.contains(s("deleted, moved or replaced")), qPrintable(r.message));
    QCOMPARE(session->events().size(), before);
    QCOMPARE(appended.size(), 0);
    QCOMPARE(lost.size(), 1);
    QVERIFY2(session->storageProblem().contains(db), qPrintable(session->storageProblem()));
    // Refused from then on without asking the file again, and said only once.
    QCOMPARE(session->addNote(s("again")).status, CommandResult::Status::StorageFailed);
    QCOMPARE(lost.size(), 1);
}

// A journal whose header is still zero (a writer killed before its commit began) is never rolled
// back, so nothing is copied for it: each such crash used to leave a full copy of the database.
void TestStoreFiles::unfinishedJournalIsNotCopied()
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

void TestStoreFiles::foldersArePrivateWhateverTheUmask()
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

// The DB-writers lock is how an open tells a crash (close the runs it left) from a live second
// window (leave them alone). When something else holds its name (a folder, a FIFO), the open went
// on without a lock and took itself for the only writer: a second window then closed the first
// one's in-flight runs as interrupted. And a link there had the target created and chmodded.
void TestStoreFiles::unusableWritersLockAssumesOthersAlive_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("folder") << s("folder");
    QTest::newRow("FIFO") << s("fifo");
    QTest::newRow("link to another file") << s("link");
}

void TestStoreFiles::unusableWritersLockAssumesOthersAlive()
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

void TestStoreFiles::stuckWritersHolderRefusesTheOpen_data()
{
    QTest::addColumn<bool>("hotJournal");
    QTest::addColumn<int>("releaseMs"); // when the holder lets go; -1: not within the wait
    QTest::newRow("another start copying a crashed journal, stopped") << true << -1;
    QTest::newRow("another start asking whether it is alone, stopped") << false << -1;
    QTest::newRow("a holder that lets go within the wait: opened") << false << 150;
}

// An open waited without end on a writers file another warroom held exclusively: a start stopped
// (SIGSTOP, a debugger, a hung disk) while it copied before recovery, or while it asked whether
// it was alone, froze every later open and the window with it. Past the wait it is refused,
// naming the file, the database and journal as they were; once the holder lets go it opens.
void TestStoreFiles::stuckWritersHolderRefusesTheOpen()
{
    QFETCH(bool, hotJournal);
    QFETCH(int, releaseMs);
    const QString db
        = m_dir.filePath(s("stuck-%1-%2.sqlite").arg(hotJournal).arg(releaseMs < 0 ? 0 : 1));
    makeDatabase(db, 3, 1);
    if (hotJournal)
        QVERIFY(plantHotJournal(db, db + s(".theirs")));
    const QByteArray before = fileHash(db);
    QFile holder(db + s("-writers")); // the other start, stopped while it holds the file
    QVERIFY(holder.open(QIODevice::ReadWrite));
    QCOMPARE(::flock(holder.handle(), LOCK_EX | LOCK_NB), 0);
    qputenv("WARROOM_WRITERS_WAIT_MS", releaseMs < 0 ? "300" : "5000");
    std::thread letsGo([&holder, releaseMs] {
        if (releaseMs >= 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(releaseMs));
            ::flock(holder.handle(), LOCK_UN);
        }
    });
    TimelineStore store;
    QString error;
    const bool opened = store.open(db, &error);
    letsGo.join();
    qunsetenv("WARROOM_WRITERS_WAIT_MS");
    if (releaseMs >= 0) {
        QVERIFY2(opened, qPrintable(error));
        QCOMPARE(store.incidents(&error).value_or(QList<IncidentSummary>()).size(), 3);
        return;
    }
    QVERIFY(!opened);
    QVERIFY2(error.startsWith(QFileInfo(db).canonicalFilePath()
                              + s("-writers has been held by another warroom for 0.3 s")),
             qPrintable(error));
    QCOMPARE(fileHash(db), before);
    QCOMPARE(QFileInfo::exists(db + s("-journal")), hotJournal);
    QVERIFY(QDir(m_dir.path())
                .entryList({QFileInfo(db).fileName() + s(".before-recovery-*")})
                .isEmpty());
    holder.close(); // the holder goes on, or is ended
    if (hotJournal) // someone else's journal: the open keeps copies, then SQLite rolls it back
        QFile::remove(db + s("-journal"));
    QVERIFY2(store.open(db, &error), qPrintable(error));
    QCOMPARE(store.incidents(&error).value_or(QList<IncidentSummary>()).size(), 3);
}

// The same rule without processes: a session whose engine is behind the store re-plans inside the
// write transaction, so confirming what another connection already confirmed is refused, and the
// other connection's event reaches this session's screen.
void TestStoreFiles::staleSessionPlansAgainstTheLatestState_data()
{
    addBackendColumn();
    addBackendRows();
}

void TestStoreFiles::staleSessionPlansAgainstTheLatestState()
{
    QFETCH(QString, backend);
    QString error;
    const QString db = newStoreDb(backend, m_dir.path(), s("stale"), &error);
    QVERIFY2(!db.isEmpty(), qPrintable(error));
    TimelineStore storeA;
    TimelineStore storeB;
    QVERIFY(storeA.open(db, &error));
    QVERIFY(storeB.open(db, &error));
    const Checklist checklist = test::loadChecklist(checklistPath("minimal.json"));
    IncidentDeclaration d{s("Stale"), s("ic"), IncidentMode::Drill, {}, {}, {}, {}};
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

// A timeline changed behind the store's back, past its append-only triggers (as a tamperer with
// the database's own rights would): a missing event is refused when read, a rewritten one breaks
// the chain. `sql` is the change; the triggers are set aside around it, each backend its way.
void TestStoreFiles::damagedTimelineIsRefused_data()
{
    addBackendColumn();
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("readable");
    const QString gap = s("DELETE FROM events WHERE seq = 3");
    const QString rewrite = s("UPDATE events SET payload_json = '{\"text\":\"rewritten\"}' "
                              "WHERE seq = 2");
    QTest::newRow("sqlite gap") << s("sqlite")
                                << s("DROP TRIGGER events_append_only_delete; ") + gap << false;
    QTest::newRow("sqlite rewrite") << s("sqlite")
                                    << s("DROP TRIGGER events_append_only_update; ") + rewrite
                                    << true;
    const QString off = s("ALTER TABLE events DISABLE TRIGGER USER; ");
    const QString on = s("; ALTER TABLE events ENABLE TRIGGER USER");
    QTest::newRow("postgresql gap") << s("postgresql") << off + gap + on << false;
    QTest::newRow("postgresql rewrite") << s("postgresql") << off + rewrite + on << true;
}

void TestStoreFiles::damagedTimelineIsRefused()
{
    QFETCH(QString, backend);
    QFETCH(QString, sql);
    QFETCH(bool, readable);
    QString error;
    const QString db = newStoreDb(backend, m_dir.path(), s("damaged"), &error);
    QVERIFY2(!db.isEmpty(), qPrintable(error));
    qint64 id = 0;
    {
        TimelineStore store;
        QVERIFY2(store.open(db, &error), qPrintable(error));
        const Checklist checklist = test::loadChecklist(checklistPath("minimal.json"));
        IncidentDeclaration d{s("Damaged"), s("ic"), IncidentMode::Drill, {}, {}, {}, {}};
        auto session = IncidentSession::declare(store, checklist, d, systemClock(), &error);
        QVERIFY2(session, qPrintable(error));
        for (int i = 0; i < 3; ++i)
            QVERIFY(session->addNote(QStringLiteral("note %1").arg(i)).ok());
        id = session->incident().id;
    }
    const QString refused = rawStoreSql(backend, db, sql);
    QVERIFY2(refused.isEmpty(), qPrintable(refused));

    TimelineStore store;
    QVERIFY2(store.open(db, &error), qPrintable(error));
    const auto events = store.events(id, 0, &error);
    QCOMPARE(events.has_value(), readable);
    if (!readable) {
        QVERIFY2(error.contains(s("damaged")) && error.contains(s("event 3 is missing")),
                 qPrintable(error));
        QVERIFY(!IncidentSession::open(store, id, systemClock(), &error));
        return;
    }
    const auto chain = store.chainEvents(id, &error);
    QVERIFY2(chain, qPrintable(error));
    const ChainReport report = ChainVerifier::verify(*store.incident(id), *chain);
    QVERIFY(!report.intact);
}

QTEST_MAIN(TestStoreFiles)
// Four windows or commands started at once on a database that does not exist yet: each one read
// "schema 0" before the first had migrated, and the later ones failed with "table incidents
// already exists" after waiting for the lock.
void TestStoreFiles::newDatabaseOpenedByFourAtOnce()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (int round = 0; round < 10; ++round) {
        const QString path = dir.filePath(QStringLiteral("new-%1.sqlite").arg(round));
        std::array<QString, 4> errors;
        std::array<bool, 4> opened{};
        std::latch start(4);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < 4; ++i) {
            threads.emplace_back([&, i] {
                warroom::TimelineStore store;
                start.arrive_and_wait();
                opened[i] = store.open(path, &errors[i]);
            });
        }
        for (std::thread &t : threads)
            t.join();
        for (std::size_t i = 0; i < 4; ++i)
            QVERIFY2(opened[i],
                     qPrintable(QStringLiteral("round %1: %2").arg(round).arg(errors[i])));
    }
}

// Where the timeline lives by default: a relative XDG_DATA_HOME is ignored, as the XDG spec says
// (the timeline was a different file in each folder warroom started from), and without HOME it
// is under the user's home from the password database.
void TestStoreFiles::defaultPathFromTheEnvironment_data()
{
    QTest::addColumn<QByteArray>("home");
    QTest::addColumn<QByteArray>("xdgDataHome");
    QTest::addColumn<QString>("folder");
    QTest::newRow("XDG_DATA_HOME absolute")
        << QByteArray("/home/ic") << QByteArray("/srv/data") << QStringLiteral("/srv/data");
    QTest::newRow("XDG_DATA_HOME relative")
        << QByteArray("/home/ic") << QByteArray("data") << QStringLiteral("/home/ic/.local/share");
    QTest::newRow("no XDG_DATA_HOME")
        << QByteArray("/home/ic") << QByteArray() << QStringLiteral("/home/ic/.local/share");
    // Without HOME (a cron job, a service) Qt's home is "/": the timeline went to /.local/share.
    const passwd *pw = getpwuid(getuid());
    if (!pw || !pw->pw_dir)
        QSKIP("this user has no entry in the password database");
    const QString own = QDir::cleanPath(QString::fromLocal8Bit(pw->pw_dir) + s("/.local/share"));
    QTest::newRow("no HOME") << QByteArray() << QByteArray() << own;
    QTest::newRow("no HOME, XDG_DATA_HOME relative") << QByteArray() << QByteArray("data") << own;
    QTest::newRow("no HOME, XDG_DATA_HOME absolute")
        << QByteArray() << QByteArray("/srv/data") << s("/srv/data");
}

void TestStoreFiles::defaultPathFromTheEnvironment()
{
    QFETCH(QByteArray, home);
    QFETCH(QByteArray, xdgDataHome);
    QFETCH(QString, folder);
    const QByteArray oldHome = qgetenv("HOME");
    const QByteArray oldXdg = qgetenv("XDG_DATA_HOME");
    const auto set = [](const char *name, const QByteArray &value) {
        if (value.isEmpty())
            qunsetenv(name);
        else
            qputenv(name, value);
    };
    set("HOME", home);
    set("XDG_DATA_HOME", xdgDataHome);
    const QString path = warroom::TimelineStore::defaultPath();
    set("HOME", oldHome);
    set("XDG_DATA_HOME", oldXdg);
    QCOMPARE(path, folder + u'/' + QCoreApplication::applicationName()
                       + QStringLiteral("/timeline.sqlite"));
}

#include "tst_storefiles.moc"
