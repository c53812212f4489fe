#pragma once

// The store's suites run table-driven over both backends (`backend` column): an SQLite file, and a
// database of its own on the real PostgreSQL the pg_server fixture started (PgTestServer.h). The
// suite that uses this requires that fixture and sets WARROOM_PG_STATE. Header-only.

#include "support/PgTestServer.h"
#include "support/TestTimeline.h"

#include <QTest>
#include <QUrl>

namespace warroom::test {

inline void addBackendColumn()
{
    QTest::addColumn<QString>("backend");
}

inline void addBackendRows(const char *tag = "")
{
    const QString suffix = *tag ? QStringLiteral(" ") + QString::fromUtf8(tag) : QString();
    QTest::newRow(qPrintable(QStringLiteral("sqlite") + suffix)) << QStringLiteral("sqlite");
    QTest::newRow(qPrintable(QStringLiteral("postgresql") + suffix))
        << QStringLiteral("postgresql");
}

inline bool isServerBackend(const QString &backend)
{
    return backend == QLatin1String("postgresql");
}

// A new, empty store's --db: `folder`/`name`.sqlite, or the URI of a new database on the server
// (empty, with why in `error`, when none could be made).
inline QString newStoreDb(const QString &backend, const QString &folder, const QString &name,
                          QString *error)
{
    if (!isServerBackend(backend))
        return folder + u'/' + name + QStringLiteral(".sqlite");
    const QString db = pgFreshDatabase(QStringLiteral("store"), error);
    return db.isEmpty() ? QString() : pgUriFor(pgServerUri(), db);
}

// SQL run on the store behind TimelineStore's back, with the database's own rights (as a tamperer
// or an older program would): SQLite's or the server's error message, or an empty string.
inline QString rawStoreSql(const QString &backend, const QString &db, const QString &sql)
{
    if (!isServerBackend(backend))
        return rawSql(db, sql);
    QString error;
    return pgExec(sql, &error, QUrl(db).path().mid(1)) ? QString() : error;
}

} // namespace warroom::test
