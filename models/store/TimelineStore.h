#pragma once

#include "store/FacilitationEntry.h"
#include "timeline/Incident.h"
#include "timeline/TimelineEvent.h"

#include <QFile>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace warroom {

class SqliteDatabase;
class SqliteTransaction;
class StoreBackend;
struct ChainHead;

// The local, crash-safe record of incidents: SQLite with a rollback journal (journal_mode=DELETE,
// synchronous=EXTRA), so an event that append() returned is on disk, in the database file itself,
// before anyone is shown it. The events table is append-only, enforced by triggers in the
// database itself, not only by this class.
//
// Why not WAL: a WAL database depends on a POSIX lock that this process holds for as long as it
// is open, and any open()+close() of the file anywhere in the process (a file dialog sniffing the
// folder) silently drops it; the next process then takes itself for the last user, checkpoints
// and deletes the -wal the app is still writing. With a rollback journal no lock is held between
// transactions, so there is nothing to lose, and every committed event lives in the main file.
class TimelineStore
{
public:
    TimelineStore();
    ~TimelineStore();
    TimelineStore(const TimelineStore &) = delete;
    TimelineStore &operator=(const TimelineStore &) = delete;

    static int latestSchemaVersion();
    // Whether --db names a PostgreSQL server (a libpq URI, postgresql://...) rather than a file.
    // Everything below works on either; a server is shared by every screen of an incident.
    static bool isServer(const QString &db);
    // "the timeline of incident N in WHERE is damaged: PROBLEM": how every read refuses a gap, a
    // damaged or a forged row (EventRowRules). isDamagedMessage tells such a refusal from a read
    // that failed (the file or the server out of reach): a row forged into a followed incident
    // read as "TIMELINE STORAGE LOST" on every screen.
    static QString damagedMessage(qint64 incidentId, const QString &where, const QString &problem);
    static bool isDamagedMessage(const QString &error);
    // Where the database lives when --db names no other: the platform's app-data location.
    static QString defaultPath();
    // Creates the folder and any missing parents with owner-only permissions, whatever the umask.
    [[nodiscard]] static bool createPrivateFolder(const QString &folder, QString *error);

    // Opens for writing: creates the file (owner-only permissions) if it is missing and its folder
    // exists, then migrates the schema step by step up to targetVersion (tests pass an older one
    // to build old databases). Refuses anything but a regular file, and a damaged database.
    [[nodiscard]] bool open(const QString &path, QString *error,
                            int targetVersion = latestSchemaVersion());
    // Opens an existing database for reading only: no migration, no checkpoint, no rollback of a
    // journal, nothing written; works on a read-only medium and on a full disk.
    [[nodiscard]] bool openReadOnly(const QString &path, QString *error);
    // The same, for a command that reads a whole incident before it writes anything (export):
    // the integrity check openReadOnly makes first (quick_check, a cut-off tail) runs meanwhile on
    // a connection of its own, on another thread, beside the caller's reading. Nothing read may
    // be used before integrityVerdict() has said true.
    [[nodiscard]] bool openReadOnlyCheckingBeside(const QString &path, QString *error);
    // Waits for that check: true when it passed (or was made at the open), else false with
    // openReadOnly's message for the file in `error`.
    [[nodiscard]] bool integrityVerdict(QString *error);
    void close();
    bool isOpen() const;
    bool isReadOnly() const;
    QString path() const;
    int schemaVersion() const;

    // Why the open file can no longer be trusted as the timeline on disk (it was deleted, moved
    // or replaced while open), or nothing. Appends are refused while this says something.
    std::optional<QString> storageProblem() const;
    // Changes when another connection (another process) commits; cheap enough to poll.
    qint64 dataVersion() const;
    // A descriptor that becomes readable when another screen commits (a server's notification
    // socket), so dataVersion() can be asked at once instead of at the next poll; -1 for a file.
    int changeSocket() const;
    // A shared timeline's link, kept without blocking (TimelineStoreLink.cpp; a file has none and
    // these do nothing). serviceLink() is called often by whoever follows the store (a session's
    // TimelineWatch): it reads notifications, sends a heartbeat, finds a link that dropped
    // silently, and reconnects on a worker thread with backoff. Once set, reconnection happens
    // there alone and no call ever waits for the server to answer a connect.
    bool isShared() const;
    void serviceLink();
    void setReconnectInBackground(bool on);
    // Changes whenever the connection, and so changeSocket(), is replaced.
    qint64 linkGeneration() const;
    // This store among the screens sharing the server (its heartbeat's name), empty for a file.
    QString instanceId() const;
    // Whether `instance`'s heartbeat has not been heard for lapseMs while our own link was up.
    bool peerLapsed(const QString &instance, qint64 lapseMs) const;
    // The shared server's clock minus this machine's, in ms, as last measured (at the open and
    // at each of this store's writes, ServerClockOffset); none for a file. RoomClock keeps a
    // room's time by it.
    std::optional<qint64> serverClockOffsetMs() const;
    // How long ago `instance`'s heartbeat was last heard; -1 when it never was by this process
    // (or our own link is down), and for a file.
    qint64 peerHeardAgoMs(const QString &instance) const;
    // Whether the last failed append went as far as a COMMIT the server never answered: it may
    // have been recorded, so nobody may say "not recorded" (it is read back on reconnect). A file
    // always knows.
    bool lastCommitOutcomeUnknown() const;
    // Whether another process has this database open for writing right now. Every writable open
    // holds a shared flock() on the file PATH-writers until it closes or dies (flock, unlike the
    // POSIX locks SQLite uses, is not dropped when some other descriptor of the file is closed).
    // A run left open in the timeline is only known to be interrupted when nobody else is alive.
    bool otherWritersAlive() const;

    // Writes the incident and its declaration event in one transaction.
    [[nodiscard]] std::optional<qint64>
    createIncident(const IncidentRecord &incident, const EventDraft &declaration, QString *error);

    // What one planned append found and wrote.
    struct AppendResult
    {
        TimelineEvents newer;   // events after knownSeq that others had committed meanwhile
        TimelineEvents written; // what this append wrote (empty when the planner wrote nothing)
    };
    // Decides what to write from the store's latest state, inside one write transaction: reads
    // the incident's events after knownSeq, hands them to `plan`, and appends the drafts it
    // returns (none: nothing is written). Another process can therefore never have done, between
    // the plan and the commit, what this one is about to do. Times never run backwards: utcMs is
    // raised to the last event's time if it is earlier.
    using Planner = std::function<QList<EventDraft>(const TimelineEvents &newer)>;
    [[nodiscard]] std::optional<AppendResult> appendPlanned(qint64 incidentId, qint64 knownSeq,
                                                            qint64 utcMs, const Planner &plan,
                                                            QString *error);
    // `warroom import` (TimelineStoreImport.cpp): writes an incident and its events verbatim
    // (seq, times, actor, kind, payload, hashes), all or none, and commits only if the chain read
    // back verifies. Keeps incident.id when it is free, else takes the next (on a server always
    // the next: its ids are shared by every screen); refuses a uuid that is already here, naming
    // the incident that has it. The imported id, or nothing and why.
    [[nodiscard]] std::optional<qint64> importIncident(const IncidentRecord &incident,
                                                       const TimelineEvents &events,
                                                       QString *error);
    // Appends drafts as consecutive events, all or none, with the given time.
    [[nodiscard]] std::optional<TimelineEvents>
    append(qint64 incidentId, const QList<EventDraft> &drafts, qint64 utcMs, QString *error);

    // Reads fail as a whole, with the file and what is wrong: a damaged page never reads as a
    // shorter timeline. "No such incident" is an error too, so `error` always says why.
    [[nodiscard]] std::optional<IncidentRecord> incident(qint64 id, QString *error = nullptr) const;
    [[nodiscard]] std::optional<QList<IncidentSummary>> incidents(QString *error = nullptr) const;
    // `beforeParse`, if given, is handed the events as read before their payloads are parsed,
    // to start work on them that runs on beside the parse and what follows (an export checks
    // the chain so: IncidentSnapshot::Payloads::ParsedAndChecked). That work keeps a copy of the
    // list, and may read every member of the events but `payload`, which the parse writes.
    using BeforeParse = std::function<void(const TimelineEvents &read)>;
    // `rowsRead`, if given, hears of the events earlier still, as the rows come: every so many,
    // read(events, complete), the list's first `complete` events at `events`. They stay there,
    // and change only in `payload`, until the read returns them; moving() comes first if they
    // are to move (more rows than counted at the start) or be freed (the read fails), and after
    // it nothing may read them there. A short read (under 4,096 rows) tells it nothing.
    struct RowsRead
    {
        std::function<void(const TimelineEvent *events, qsizetype complete)> read;
        std::function<void()> moving;
    };
    [[nodiscard]] std::optional<TimelineEvents> events(qint64 incidentId, qint64 afterSeq = 0,
                                                       QString *error = nullptr,
                                                       const BeforeParse &beforeParse = {},
                                                       const RowsRead &rowsRead = {}) const;
    // The events with their payload text but without parsing it: what verifying the chain needs,
    // at half the cost.
    [[nodiscard]] std::optional<TimelineEvents> chainEvents(qint64 incidentId,
                                                            QString *error = nullptr) const;

    // A drill's facilitation record (schema 4, TimelineStoreFacilitation.cpp): outside the
    // chained timeline, append-only, drills only. appendFacilitation numbers the entry after the
    // incident's last one (its seq and incidentId say which) and returns the seq; the read gives
    // every entry in order, and none for a database from before schema 4 opened read-only.
    [[nodiscard]] std::optional<qint64> appendFacilitation(const FacilitationEntry &entry,
                                                           QString *error);
    [[nodiscard]] std::optional<FacilitationEntries> facilitation(qint64 incidentId,
                                                                  QString *error = nullptr) const;

    // The incident the app had open, so a restart (or a crash) comes back to it.
    void setCurrentIncident(std::optional<qint64> id);
    std::optional<qint64> currentIncident() const;

private:
    enum class Check { First, Beside };
    bool openAs(const QString &path, bool readOnly, int targetVersion, QString *error,
                Check check = Check::First);
    void startCheckBeside(const QString &path);
    bool checkedTheFileRead(const TimelineStore &checker) const;
    bool isOurs(const QString &path, QString *error);
    bool isLatestSchema(const QString &path, QString *error);
    bool setUpForWriting(const QString &path, const QString &real, int targetVersion,
                         QString *error);
    bool takeWritersLock(const QString &real, QString *error);
    bool checkIntegrity(QString *error);
    std::optional<QString> cutOffTail(QString *error);
    bool explainUnreadable(bool read, const QString &problems, const QString &readError,
                           QString *error) const;
    bool migrate(int targetVersion, QString *error);
    // The write transaction every append starts with, or null (and why) if none can start.
    // FileCheck::BySqlite leaves the moved-file check to SQLite's own, made when the transaction's
    // first write opens the journal (the caller then names the problem if a write fails).
    enum class FileCheck { Before, BySqlite };
    std::unique_ptr<SqliteTransaction> beginWrite(QString *error,
                                                  FileCheck check = FileCheck::Before);
    struct AppendCache;
    AppendCache &appendCache();
    std::optional<ChainHead> chainHead(qint64 incidentId, qint64 version, QString *error);

    // The shared timeline on a server when --db named one; every public call goes to it then.
    // Otherwise the SQLite file below, which this class keeps itself.
    std::unique_ptr<StoreBackend> m_server;
    std::unique_ptr<SqliteDatabase> m_db;
    std::unique_ptr<AppendCache> m_appendCache; // statements and chain head kept between appends
    std::unique_ptr<QFile> m_writersLock;
    struct BesideCheck; // the integrity check running on another thread (Check::Beside)
    std::unique_ptr<BesideCheck> m_besideCheck;
    mutable bool m_writersUnknown
        = false; // the -writers lock could not be taken: assume others are alive
};

} // namespace warroom
