#include "StoreTrials.h"

#include "session/IncidentSession.h"
#include "store/TimelineStore.h"
#include "support/TestStrings.h"
#include "support/TestTimeline.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <sqlite3.h>

namespace warroom::test {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

bool plantHotJournal(const QString &db, const QString &other)
{
    sqlite3 *raw = nullptr;
    if (sqlite3_open(other.toUtf8().constData(), &raw) != SQLITE_OK)
        return false;
    const int rc = sqlite3_exec(raw,
                                "CREATE TABLE t(x); INSERT INTO t VALUES (zeroblob(100000));"
                                "PRAGMA cache_size=1; BEGIN; DELETE FROM t;"
                                "INSERT INTO t VALUES (zeroblob(300000));",
                                nullptr, nullptr, nullptr);
    const QString journal = other + QStringLiteral("-journal");
    const bool planted = rc == SQLITE_OK && QFileInfo(journal).size() > 0
                         && QFile::copy(journal, db + QStringLiteral("-journal"));
    sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    return planted;
}

QString checklistPath(const char *name)
{
    return QStringLiteral(WARROOM_TEST_DATA "/checklists/good/") + QString::fromUtf8(name);
}

void makeDatabase(const QString &path, int incidents, int notesEach)
{
    TimelineStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    const Checklist checklist = loadChecklist(checklistPath("minimal.json"));
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

} // namespace warroom::test
