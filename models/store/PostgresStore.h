#pragma once

#include "store/ServerClockOffset.h"
#include "store/StoreBackend.h"

#include <QElapsedTimer>
#include <QHash>

#include <memory>

namespace warroom {

class PgConnectAttempt;
class PgConnection;
class PgResult;

// Timelines on a PostgreSQL server, shared by every screen of an incident. The same schema,
// append-only triggers and chain as SqliteStore; appends to one incident are serialised by a
// transaction-scoped advisory lock on it (no UPDATE privilege needed, so a role that may only
// INSERT and SELECT can write), and each commit NOTIFYs `warroom_events` with "incident seq" so
// the other screens read what is new (dataVersion() counts those notifications).
class PostgresStore final : public StoreBackend
{
public:
    PostgresStore();
    ~PostgresStore() override;

    // Whether --db names a server rather than a file.
    static bool isServerUri(const QString &db);
    bool open(const QString &uri, bool readOnly, int targetVersion, QString *error);

    bool isReadOnly() const override { return m_readOnly; }
    QString path() const override { return m_display; }
    int schemaVersion() const override;
    std::optional<QString> storageProblem() const override;
    qint64 dataVersion() const override;
    bool otherWritersAlive() const override;
    int changeSocket() const override;
    // The link, kept without blocking (PostgresStoreLink.cpp): heartbeats, reconnecting on a
    // worker thread with backoff, and what other screens' heartbeats say.
    void serviceLink() override;
    void setReconnectInBackground(bool on) override { m_background = on; }
    qint64 linkGeneration() const override { return m_generation; }
    QString instanceId() const override { return m_instance; }
    bool peerLapsed(const QString &instance, qint64 lapseMs) const override;
    qint64 peerHeardAgoMs(const QString &instance) const override;
    bool lastCommitOutcomeUnknown() const override { return m_commitUnknown; }

    std::optional<qint64> createIncident(const IncidentRecord &incident,
                                         const EventDraft &declaration, QString *error) override;
    std::optional<TimelineStore::AppendResult> appendPlanned(qint64 incidentId, qint64 knownSeq,
                                                             qint64 utcMs,
                                                             const TimelineStore::Planner &plan,
                                                             QString *error) override;
    // PostgresStoreImport.cpp; the id is always the server's next one.
    std::optional<qint64> importIncident(const IncidentRecord &incident,
                                         const TimelineEvents &events, QString *error) override;

    std::optional<IncidentRecord> incident(qint64 id, QString *error) const override;
    std::optional<QList<IncidentSummary>> incidents(QString *error) const override;
    std::optional<TimelineEvents> events(qint64 incidentId, qint64 afterSeq,
                                         QString *error) const override;
    std::optional<TimelineEvents> chainEvents(qint64 incidentId, QString *error) const override;

    // PostgresStoreFacilitation.cpp
    std::optional<qint64> appendFacilitation(const FacilitationEntry &entry,
                                             QString *error) override;
    std::optional<FacilitationEntries> facilitation(qint64 incidentId,
                                                    QString *error) const override;

    std::optional<qint64> serverClockOffsetMs() const override { return m_serverClock.offsetMs(); }

    void setCurrentIncident(std::optional<qint64> id) override;
    std::optional<qint64> currentIncident() const override;

private:
    bool migrate(int targetVersion, QString *error);
    bool isLatestSchema(QString *error);
    // Checks the link before a command and tries once to reconnect (LISTEN first, then the
    // caller reads): false, with why, when the server cannot be reached.
    bool ensureConnected(QString *error) const;
    void noteLost() const;
    void drainNotifications() const;
    bool tablesWithoutVersion(QString *error) const;
    bool schemaUnread(int version, QString *error) const;
    void forgetPeersHeardLongAgo(qint64 now) const;
    void beat(qint64 now);
    void reconnectStep(qint64 now);
    void adopt(std::unique_ptr<PgConnection> connection, qint64 now);
    // Run on every new connection: the LISTENs, and a reader's application name (otherWritersAlive).
    QList<QByteArray> linkSql() const;
    bool beginWrite(QString *error);
    // Reads the server's clock into m_serverClock, and returns it (PostgresStoreData.cpp).
    PgResult readServerClock();
    bool finish(const PgResult &result, QString *error) const;
    std::optional<TimelineEvents> readEvents(qint64 incidentId, qint64 afterSeq, bool parse,
                                             QString *error) const;
    // COMMIT, and when it went unanswered, says that the outcome is not known (never guessed:
    // the events are read back once the server answers).
    bool commit(QString *error);
    std::optional<TimelineEvents> insertEvents(struct ChainHead &head,
                                               const QList<EventDraft> &drafts, qint64 utcMs,
                                               QString *error);

    // const reads may still have to reconnect or drain notifications: the link is state of the
    // session with the server, not of the timeline.
    std::unique_ptr<PgConnection> m_conn;
    QString m_display;
    bool m_readOnly = false;
    bool m_commitUnknown = false; // the last COMMIT went unanswered (see commit())
    mutable qint64 m_changes = 0;    // notifications from other sessions, plus reconnects
    mutable qint64 m_lostSinceMs = 0; // when the link was found broken, 0 while it is up
    mutable QString m_lostReason;
    mutable QString m_schemaUnread; // the server's error when schemaVersion() could not read it
    // The server's clock against this machine's: read at the open, beside the chain's head at
    // each append, and with each heartbeat's answer (RoomClock).
    ServerClockOffset m_serverClock;

    // The link (PostgresStoreLink.cpp). Times in m_steady's milliseconds.
    bool m_background = false; // reconnect only through serviceLink(), never blocking a caller
    QString m_instance;        // this store among the screens: its heartbeat's payload
    QElapsedTimer m_steady;
    mutable qint64 m_generation = 0; // a new one each time the connection (and its socket) is replaced
    qint64 m_upSince = 0;      // since when the link has been up
    qint64 m_beatSent = -1;    // the heartbeat awaiting its answer, or -1
    qint64 m_beatSentUtcMs = 0; // and this machine's clock when it went (m_serverClock)
    qint64 m_lastBeat = -1;
    qint64 m_nextAttempt = 0;
    qint64 m_backoff = 0;
    std::unique_ptr<PgConnectAttempt> m_attempt;
    mutable QHash<QString, qint64> m_peerSeen; // instance -> when its heartbeat was last heard
    mutable QHash<QString, qint64> m_peersAsked; // asked about by peerLapsed (kept) -> since
    mutable qint64 m_heartbeatsDropped = 0;      // when a new id was last not taken: the map full
    static constexpr qsizetype maxPeersHeard = 4096;
    static constexpr qint64 peerForgetMs = 60'000;
};

} // namespace warroom
