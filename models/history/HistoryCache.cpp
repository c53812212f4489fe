#include "history/HistoryCache.h"

#include "history/HistoryLoader.h"
#include "store/TimelineStore.h"

#include <QCoreApplication>
#include <QThread>

namespace warroom {

struct HistoryCache::Read
{
    QHash<qint64, Entry> entries; // in: as kept; out: as read
    QHash<QString, Checklist> checklists;
    QList<ChecklistHistory> histories;
    int reads = 0;
    bool ok = false;
    QString error;
};

HistoryCache::HistoryCache(QString databasePath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
{}

HistoryCache::~HistoryCache()
{
    if (m_thread) {
        m_stop = true;
        m_thread->wait();
        delete m_thread;
    }
}

HistoryCache *HistoryCache::shared(const QString &databasePath)
{
    QObject *app = QCoreApplication::instance();
    const QString name = QStringLiteral("warroom-history:") + databasePath;
    if (auto *cache = app->findChild<HistoryCache *>(name, Qt::FindDirectChildrenOnly))
        return cache;
    auto *cache = new HistoryCache(databasePath, app);
    cache->setObjectName(name);
    return cache;
}

const ChecklistHistory *HistoryCache::find(const Checklist &checklist) const
{
    return ChecklistHistory::find(m_histories, checklist);
}

void HistoryCache::refresh()
{
    if (m_thread) {
        m_again = true; // something may have been committed after the running pass listed it
        return;
    }
    start();
}

void HistoryCache::start()
{
    m_again = false;
    m_read = std::make_shared<Read>();
    m_read->entries = m_entries;
    m_read->checklists = m_checklists;
    // The worker owns nothing of this object: it works on its own copy (m_read) and its own
    // connection, and finish() takes the result on this object's thread.
    m_thread = QThread::create(
        [path = m_path, read = m_read, stop = &m_stop] { readIncidents(path, *stop, *read); });
    connect(m_thread, &QThread::finished, this, &HistoryCache::finish);
    m_thread->start(QThread::LowPriority);
}

void HistoryCache::finish()
{
    m_thread->deleteLater();
    m_thread = nullptr;
    if (m_read->ok) {
        m_entries = std::move(m_read->entries);
        m_checklists = std::move(m_read->checklists);
        m_histories = std::move(m_read->histories);
    }
    m_error = m_read->error;
    m_loaded = true; // a failed read must not leave "reading…" on screen for ever
    m_reads += m_read->reads;
    m_read.reset();
    emit updated();
    if (m_again)
        start();
}

// One pass: the incident list, then each incident that is new or has grown since it was read.
void HistoryCache::readIncidents(const QString &path, const std::atomic_bool &stop, Read &read)
{
    TimelineStore store;
    QString &error = read.error;
    if (!store.openReadOnly(path, &error))
        return;
    const auto summaries = store.incidents(&error);
    if (!summaries)
        return;
    QHash<qint64, Entry> kept;
    QList<IncidentFacts> facts;
    for (const IncidentSummary &summary : *summaries) {
        if (stop)
            return;
        const auto it = read.entries.constFind(summary.id);
        if (it != read.entries.cend() && it->eventCount == summary.eventCount) {
            kept.insert(summary.id, *it);
            if (!it->leftOut)
                facts << it->facts;
            continue;
        }
        auto incident = HistoryData::readIncident(store, summary.id, nullptr);
        ++read.reads;
        if (!incident) {
            // Left out, as HistoryData::load does; `warroom history` names it.
            Entry entry;
            entry.eventCount = summary.eventCount;
            entry.leftOut = true;
            kept.insert(summary.id, std::move(entry));
            continue;
        }
        Entry entry{summary.eventCount, std::move(incident->facts), incident->checklistKey};
        if (!read.checklists.contains(entry.checklistKey))
            read.checklists.insert(entry.checklistKey, std::move(incident->checklist));
        facts << entry.facts;
        kept.insert(summary.id, std::move(entry));
    }
    read.entries = std::move(kept);
    read.histories = ChecklistHistory::build(facts, read.checklists);
    read.ok = true;
}

} // namespace warroom
