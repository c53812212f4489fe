#pragma once

#include "store/TimelineStore.h"

namespace warroom {

// One way of keeping timelines: an SQLite file (SqliteStore) or a PostgreSQL server
// (PostgresStore). TimelineStore is the facade every caller uses; it holds one of these and
// forwards, so the rules (append-only, the chain, plan inside the write transaction, reads that
// fail as a whole) are each backend's to keep and the callers never know which one they have.
class StoreBackend
{
public:
    virtual ~StoreBackend() = default;

    virtual bool isReadOnly() const = 0;
    // What to show for the store: a file path, or the server's URI (never with a password).
    virtual QString path() const = 0;
    virtual int schemaVersion() const = 0;
    virtual std::optional<QString> storageProblem() const = 0;
    virtual qint64 dataVersion() const = 0;
    virtual bool otherWritersAlive() const = 0;
    // The descriptor that becomes readable when another writer commits, or -1 (poll instead).
    virtual int changeSocket() const { return -1; }
    // A shared timeline's link (see TimelineStore): a file has none, so these do nothing.
    virtual void serviceLink() {}
    virtual void setReconnectInBackground(bool) {}
    virtual qint64 linkGeneration() const { return 0; }
    virtual QString instanceId() const { return {}; }
    virtual bool peerLapsed(const QString &, qint64) const { return false; }
    virtual qint64 peerHeardAgoMs(const QString &) const { return -1; }
    virtual bool lastCommitOutcomeUnknown() const { return false; }
    virtual std::optional<qint64> serverClockOffsetMs() const { return std::nullopt; }

    virtual std::optional<qint64> createIncident(const IncidentRecord &incident,
                                                 const EventDraft &declaration, QString *error)
        = 0;
    virtual std::optional<TimelineStore::AppendResult>
    appendPlanned(qint64 incidentId, qint64 knownSeq, qint64 utcMs,
                  const TimelineStore::Planner &plan, QString *error)
        = 0;
    // TimelineStore::importIncident: verbatim, all or none, committed only if the chain verifies.
    virtual std::optional<qint64> importIncident(const IncidentRecord &incident,
                                                 const TimelineEvents &events, QString *error)
        = 0;

    virtual std::optional<IncidentRecord> incident(qint64 id, QString *error) const = 0;
    virtual std::optional<QList<IncidentSummary>> incidents(QString *error) const = 0;
    virtual std::optional<TimelineEvents> events(qint64 incidentId, qint64 afterSeq,
                                                 QString *error) const
        = 0;
    virtual std::optional<TimelineEvents> chainEvents(qint64 incidentId, QString *error) const = 0;

    virtual std::optional<qint64> appendFacilitation(const FacilitationEntry &entry,
                                                     QString *error)
        = 0;
    virtual std::optional<FacilitationEntries> facilitation(qint64 incidentId,
                                                            QString *error) const
        = 0;

    virtual void setCurrentIncident(std::optional<qint64> id) = 0;
    virtual std::optional<qint64> currentIncident() const = 0;
};

} // namespace warroom
