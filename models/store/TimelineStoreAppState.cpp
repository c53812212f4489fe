// TimelineStore's app state on SQLite (schema 2): the incident the app had open, so that the
// next start opens it again.
#include "store/TimelineStore.h"

#include "store/StoreBackend.h"
#include "store/sqlite/SqliteDatabase.h"
#include "store/sqlite/SqliteStatement.h"

namespace warroom {

void TimelineStore::setCurrentIncident(std::optional<qint64> id)
{
    if (m_server) {
        m_server->setCurrentIncident(id);
        return;
    }
    if (!isOpen() || isReadOnly() || schemaVersion() < 2)
        return;
    if (!id) {
        m_db->exec(QStringLiteral("DELETE FROM app_state WHERE key = 'current_incident'"), nullptr);
        return;
    }
    SqliteStatement s(
        *m_db, QStringLiteral("INSERT INTO app_state (key, value) VALUES ('current_incident', ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    s.bind(1, QString::number(*id));
    s.exec();
}

std::optional<qint64> TimelineStore::currentIncident() const
{
    if (m_server)
        return m_server->currentIncident();
    if (!isOpen() || schemaVersion() < 2)
        return std::nullopt;
    SqliteStatement s(*m_db,
                      QStringLiteral("SELECT value FROM app_state WHERE key = 'current_incident'"));
    if (s.step() != SqliteStatement::Step::Row)
        return std::nullopt;
    bool ok = false;
    const qint64 id = s.columnText(0).toLongLong(&ok);
    return ok ? std::optional<qint64>(id) : std::nullopt;
}

} // namespace warroom
