// The declare dialog's line about the chosen checklist's measured duration ("know your number"),
// kept apart from the dialog's form.
#include "ui/dialogs/DeclareIncidentDialog.h"

#include "history/HistoryCache.h"
#include "history/HistoryText.h"
#include "store/TimelineStore.h"

#include <QDateTime>
#include <QLabel>

namespace warroom {

// Every incident's report is folded on a worker thread (HistoryCache), never here: with a few
// hundred incidents that took seconds, and the dialog opened only after it. The cache keeps what
// it read, so the next dialog shows the line at once and only incidents that changed are read.
void DeclareIncidentDialog::showHistory()
{
    if (!m_store || !m_checklist || m_store->path().isEmpty()) {
        m_history->hide();
        return;
    }
    HistoryCache *cache = HistoryCache::shared(m_store->path());
    if (!m_histories) {
        m_histories.emplace(); // asked once per dialog; the answer comes back through updated()
        connect(cache, &HistoryCache::updated, m_history, [this, cache] {
            m_histories = cache->histories();
            showHistory();
        });
        cache->refresh();
        if (cache->isLoaded())
            m_histories = cache->histories();
    }
    if (!cache->isLoaded()) {
        m_history->setText(tr("This checklist: reading past incidents\u2026"));
        m_history->show();
        return;
    }
    m_history->setText(
        HistoryText::declareLine(*m_histories, *m_checklist, QDateTime::currentMSecsSinceEpoch()));
    m_history->show();
}

} // namespace warroom
