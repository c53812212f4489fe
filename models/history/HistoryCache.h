#pragma once

#include "history/ChecklistHistory.h"

#include <QHash>
#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace warroom {

// Know your number without stalling the screen: every incident's facts read on a worker thread,
// through a read-only connection of its own to the database, and kept between reads. An incident
// whose event count has not changed since the last read is not read again, so a refresh after one
// more drill costs one incident, not all of them. One cache per database path in a process
// (shared()), used by the declare dialog and the Gantt chart's measured plan.
class HistoryCache : public QObject
{
    Q_OBJECT

public:
    explicit HistoryCache(QString databasePath, QObject *parent = nullptr);
    ~HistoryCache() override; // stops the worker between two incidents and waits for it

    // The cache of `databasePath`, made on first use and kept by the application object.
    static HistoryCache *shared(const QString &databasePath);

    // Starts a read in the background unless one is running (then one more follows it);
    // updated() is emitted on this object's thread when it is done.
    void refresh();
    bool isLoaded() const { return m_loaded; }
    bool isReading() const { return m_thread != nullptr; }
    int readCount() const { return m_reads; } // incidents read by the worker, for tests
    const QList<ChecklistHistory> &histories() const { return m_histories; }
    // The checklists the incidents ran, as kept at declaration, keyed by ChecklistHistory::key.
    const QHash<QString, Checklist> &checklists() const { return m_checklists; }
    const ChecklistHistory *find(const Checklist &checklist) const;
    QString databasePath() const { return m_path; }
    // Why the last read failed (the database could not be opened or listed), or empty. The
    // histories read before stay; a failed first read counts as loaded, with nothing measured.
    QString lastError() const { return m_error; }

signals:
    void updated();

private:
    struct Entry
    {
        qint64 eventCount = -1;
        IncidentFacts facts;
        QString checklistKey;
        // Left out of history (its chain broken): kept so that it is not read again on every
        // refresh until it grows.
        bool leftOut = false;
    };
    struct Read; // what one worker pass reads and builds
    void start();
    void finish();
    static void readIncidents(const QString &path, const std::atomic_bool &stop, Read &read);

    QString m_path;
    QString m_error;
    QHash<qint64, Entry> m_entries; // by incident id; only the worker touches it while it runs
    QHash<QString, Checklist> m_checklists;
    QList<ChecklistHistory> m_histories;
    std::shared_ptr<Read> m_read;
    QThread *m_thread = nullptr;
    std::atomic_bool m_stop = false;
    bool m_again = false;
    bool m_loaded = false;
    int m_reads = 0;
};

} // namespace warroom
