// The server store: connecting, the schema's migrations, and the state of the link.
#include "store/PostgresStore.h"

#include "store/PostgresSchema.h"
#include "store/TimelineStore.h"
#include "store/postgres/PgConnectAttempt.h"
#include "store/postgres/PgConnection.h"

#include <QDateTime>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace warroom {

namespace {

// One advisory-lock class for warroom, so its locks never meet another application's.
constexpr const char *lockClass = "2003985261"; // 'warm' as a 32-bit integer

bool mentionsPassword(const QString &uri)
{
    const QUrl url(uri);
    if (url.isValid() && !url.password().isEmpty())
        return true;
    if (url.isValid() && QUrlQuery(url).hasQueryItem(QStringLiteral("password")))
        return true;
    return uri.contains(QLatin1String("password="), Qt::CaseInsensitive);
}

} // namespace

PostgresStore::PostgresStore()
    : m_conn(std::make_unique<PgConnection>())
    , m_instance(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_steady.start();
}

PostgresStore::~PostgresStore() = default;

bool PostgresStore::isServerUri(const QString &db)
{
    return TimelineStore::isServer(db);
}

bool PostgresStore::open(const QString &uri, bool readOnly, int targetVersion, QString *error)
{
    // A password written into --db would end up in shell histories, process lists and window
    // titles: it belongs in PGPASSWORD or ~/.pgpass, which libpq reads itself.
    if (mentionsPassword(uri)) {
        if (error)
            *error = QStringLiteral("the --db address contains a password; warroom never takes "
                                    "one there (it would show in process lists and histories). "
                                    "Put it in ~/.pgpass or the PGPASSWORD variable instead");
        return false;
    }
    m_display = uri;
    m_readOnly = readOnly;
    QString why;
    if (!m_conn->open(uri, &why)) {
        if (error)
            *error = QStringLiteral("cannot reach the shared timeline %1: %2").arg(uri, why);
        return false;
    }
    // LISTEN before anything is read, so nothing committed after the first read goes unseen.
    for (const QByteArray &listen : linkSql()) {
        if (!finish(m_conn->exec(listen.constData()), error))
            return false;
    }
    m_upSince = m_steady.elapsed();
    // Creating the schema on a busy server may be slow by nature (DDL, fsync at each step's
    // commit): it gets longer than a screen's command before the server counts as gone.
    m_conn->setAnswerLimitMs(15000);
    const bool ready = readOnly ? isLatestSchema(error) : migrate(targetVersion, error);
    m_conn->setAnswerLimitMs(PgConnection::answerLimitMs());
    // Before anything is stamped: a screen keeps the room's time by the server's clock
    // (RoomClock) from its first event on.
    if (ready)
        readServerClock();
    return ready;
}

bool PostgresStore::finish(const PgResult &result, QString *error) const
{
    if (result.ok())
        return true;
    if (!m_conn->isHealthy())
        noteLost();
    if (error)
        *error = QStringLiteral("shared timeline %1: %2")
                     .arg(m_display, result.error().isEmpty() ? m_conn->lastError()
                                                              : result.error());
    return false;
}

// -1 when the server does not say (no SELECT on schema_version, a broken link): taken for 0,
// a role without the right was told the timeline "holds no timeline".
int PostgresStore::schemaVersion() const
{
    // Two statements: one that names the table is refused by the server when it does not exist,
    // whatever a CASE around it says (that refusal was the new server's "0").
    PgResult exists = m_conn->exec("SELECT to_regclass('schema_version') IS NOT NULL");
    if (exists.ok() && exists.rows() == 1 && exists.text(0, 0) != QLatin1String("t")) {
        m_schemaUnread.clear();
        return 0;
    }
    PgResult r = exists.ok() ? m_conn->exec("SELECT COALESCE(MAX(version), 0) FROM schema_version")
                             : std::move(exists);
    if (r.ok() && r.rows() == 1) {
        m_schemaUnread.clear();
        return static_cast<int>(r.int64(0, 0));
    }
    m_schemaUnread = r.error().isEmpty() ? m_conn->lastError() : r.error();
    return -1;
}

bool PostgresStore::schemaUnread(int version, QString *error) const
{
    if (version >= 0)
        return false;
    if (error)
        *error = QStringLiteral("cannot read the schema version of the shared timeline %1: %2")
                     .arg(m_display, PgConnection::firstLine(m_schemaUnread));
    return true;
}

bool PostgresStore::isLatestSchema(QString *error)
{
    const int version = schemaVersion();
    const int latest = TimelineStore::latestSchemaVersion();
    if (version == latest)
        return true;
    if (schemaUnread(version, error))
        return false;
    if (version == 0 && tablesWithoutVersion(error))
        return false;
    // A new server holds nothing yet: "schema 0; open it once" read as a damaged or old one.
    if (error && version == 0) {
        *error = QStringLiteral("the shared timeline %1 holds no timeline: nothing has been "
                                "recorded in it (the app's first open, warroom copy or "
                                "warroom import creates it)")
                     .arg(m_display);
        return false;
    }
    if (error)
        *error = version > latest
                     ? QStringLiteral("the shared timeline %1 was written by a newer warroom "
                                      "(schema %2; this build knows schemas up to %3); update "
                                      "warroom")
                           .arg(m_display)
                           .arg(version)
                           .arg(latest)
                     : QStringLiteral("the shared timeline %1 has schema %2; open it once in "
                                      "the app to bring it up to %3")
                           .arg(m_display)
                           .arg(version)
                           .arg(latest);
    return false;
}

// warroom's tables without the version that says which schema they are (schema_version dropped
// or emptied by hand): "holds no timeline" invited someone to create one over 35 events, and a
// migration from nothing failed on "relation incidents already exists".
bool PostgresStore::tablesWithoutVersion(QString *error) const
{
    PgResult r
        = m_conn->exec("SELECT to_regclass('events') IS NOT NULL OR to_regclass('incidents') "
                       "IS NOT NULL");
    if (!r.ok() || r.rows() != 1 || r.text(0, 0) != QLatin1String("t"))
        return false;
    // Each migration step commits its tables with its version row: tables seen now, with no
    // version read a moment ago, are another screen's first open of a new server, just done.
    if (schemaVersion() != 0)
        return false;
    if (error)
        *error = QStringLiteral("the shared timeline %1 has warroom's tables but no schema "
                                "version (its schema_version table is missing or empty): it was "
                                "changed by hand; warroom will not read or write it until its "
                                "owner restores schema_version")
                     .arg(m_display);
    return true;
}

// Each step in its own transaction, under an advisory lock, so two screens starting at once on
// a new database do not both create the tables.
bool PostgresStore::migrate(int targetVersion, QString *error)
{
    // Nothing to do is done without DDL: the README's least-privilege role (INSERT and SELECT
    // only, no CREATE) opens an existing schema for writing.
    const int found = schemaVersion();
    if (schemaUnread(found, error))
        return false;
    if (found > TimelineStore::latestSchemaVersion())
        return isLatestSchema(error);
    if (found == 0 && tablesWithoutVersion(error))
        return false;
    if (found >= targetVersion)
        return true;
    const QByteArray lock = QByteArray("SELECT pg_advisory_xact_lock(") + lockClass + ", 0)";
    for (const PostgresMigration &m : postgresMigrations()) {
        if (m.version > targetVersion)
            break;
        // Another screen creating the schema holds the lock for as long as that takes.
        if (!finish(m_conn->exec("BEGIN; SET LOCAL lock_timeout = 15000"), error))
            return false;
        const bool stepped = [&] {
            if (!finish(m_conn->exec(lock.constData()), error)
                || !finish(m_conn->exec("CREATE TABLE IF NOT EXISTS schema_version (version "
                                        "INTEGER PRIMARY KEY, applied_utc_ms BIGINT NOT NULL)"),
                           error))
                return false;
            const int current = schemaVersion();
            if (schemaUnread(current, error))
                return false;
            if (current > TimelineStore::latestSchemaVersion())
                return isLatestSchema(error);
            if (m.version <= current)
                return true;
            QString stepError;
            if (!finish(m_conn->exec(m.sql), &stepError)
                || !finish(m_conn->exec("INSERT INTO schema_version VALUES ($1, $2)",
                                        {QByteArray::number(m.version),
                                         QByteArray::number(QDateTime::currentMSecsSinceEpoch())}),
                           &stepError)) {
                if (error)
                    *error = QStringLiteral("migration to schema %1 failed: %2")
                                 .arg(m.version)
                                 .arg(stepError);
                return false;
            }
            return true;
        }();
        if (!stepped) {
            m_conn->exec("ROLLBACK");
            return false;
        }
        if (!finish(m_conn->exec("COMMIT"), error))
            return false;
    }
    return true;
}

int PostgresStore::changeSocket() const
{
    return m_conn->socket();
}

bool PostgresStore::otherWritersAlive() const
{
    // Another warroom session on this database means the incident never stopped.
    PgResult r = m_conn->exec("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                              "current_database() AND application_name = 'warroom' AND pid <> "
                              "pg_backend_pid()");
    return !r.ok() || r.int64(0, 0) > 0;
}

} // namespace warroom
