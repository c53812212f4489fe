#pragma once

#include "Incident.h"
#include "TimelineEvent.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace warroom {

class SqliteDatabase;
class SqliteTransaction;

// The local, crash-safe record of incidents: SQLite in WAL mode with synchronous=FULL, so an
// event that append() returned is on disk before anyone is shown it. The events table is
// append-only, enforced by triggers in the database itself, not only by this class.
class TimelineStore
{
public:
    TimelineStore();
    ~TimelineStore();
    TimelineStore(const TimelineStore &) = delete;
    TimelineStore &operator=(const TimelineStore &) = delete;

    static int latestSchemaVersion();
    // Where the database lives when --db names no other: the platform's app-data location.
    static QString defaultPath();

    // Creates the file (owner-only permissions) and its folder if needed, then migrates the schema
    // step by step up to targetVersion. Tests pass an older targetVersion to build old databases.
    bool open(const QString &path, QString *error, int targetVersion = latestSchemaVersion());
    void close();
    bool isOpen() const;
    QString path() const;
    int schemaVersion() const;

    // Writes the incident and its declaration event in one transaction.
    std::optional<qint64> createIncident(const IncidentRecord &incident,
                                         const EventDraft &declaration, QString *error);
    // Appends drafts as consecutive events, all or none, with the given time.
    std::optional<TimelineEvents> append(qint64 incidentId, const QList<EventDraft> &drafts,
                                         qint64 utcMs, QString *error);

    std::optional<IncidentRecord> incident(qint64 id) const;
    QList<IncidentSummary> incidents() const;
    TimelineEvents events(qint64 incidentId, qint64 afterSeq = 0) const;
    // The events with their payload text but without parsing it: what verifying the chain needs,
    // at half the cost.
    TimelineEvents chainEvents(qint64 incidentId) const;

    // The incident the app had open, so a restart (or a crash) comes back to it.
    void setCurrentIncident(std::optional<qint64> id);
    std::optional<qint64> currentIncident() const;

private:
    bool migrate(int targetVersion, QString *error);
    // The write transaction every append starts with, or null (and why) if none can start.
    std::unique_ptr<SqliteTransaction> beginWrite(QString *error);

    std::unique_ptr<SqliteDatabase> m_db;
};

} // namespace warroom
