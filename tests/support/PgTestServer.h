#pragma once

// The real PostgreSQL server the CTest fixture `pg_server` starts (scripts/pg-server, state file in
// WARROOM_PG_STATE), for the suites that run the store on a server. Suites run in parallel on one
// server, so each takes databases of its own (freshDatabase) rather than the shared `warroom` one.
// Header-only.

#include "store/postgres/PgConnection.h"

#include <QFile>
#include <QString>
#include <QUrl>
#include <QUuid>

namespace warroom::test {

// The fixture's state file: its folder, port and URI, one a line.
inline QStringList pgServerState()
{
    QFile state(QString::fromLocal8Bit(qgetenv("WARROOM_PG_STATE")));
    if (!state.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(state.readAll()).split(u'\n');
}

// The URI of the fixture's server (its `warroom` database, superuser `warroom`), or empty.
inline QString pgServerUri()
{
    const QStringList lines = pgServerState();
    return lines.size() >= 3 ? lines.at(2) : QString();
}

// `uri` with its database (and user, if given) replaced.
inline QString pgUriFor(const QString &uri, const QString &database, const QString &user = {})
{
    QUrl url(uri);
    url.setPath(u'/' + database);
    if (!user.isEmpty())
        url.setUserName(user);
    return url.toString();
}

// Runs one statement as the fixture's superuser on `database` (default: the shared one); false and
// the server's words in `error` when it fails.
inline bool pgExec(const QString &sql, QString *error, const QString &database = {})
{
    const QString base = pgServerUri();
    PgConnection conn;
    if (!conn.open(database.isEmpty() ? base : pgUriFor(base, database), error))
        return false;
    conn.setAnswerLimitMs(120000); // CREATE DATABASE on a loaded machine: slow, not gone
    const PgResult r = conn.exec(sql.toUtf8().constData());
    if (!r.ok() && error)
        *error = r.error();
    return r.ok();
}

// A new empty database on the fixture's server: its name, or empty (and why) when none was made.
inline QString pgFreshDatabase(const QString &prefix, QString *error)
{
    const QString name
        = prefix + u'_' + QUuid::createUuid().toString(QUuid::Id128).left(12);
    return pgExec(QStringLiteral("CREATE DATABASE %1").arg(name), error) ? name : QString();
}

} // namespace warroom::test
