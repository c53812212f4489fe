// The declare dialog's line about the chosen checklist's measured duration ("know your number"),
// kept apart from the dialog's form.
#include "ui/dialogs/DeclareIncidentDialog.h"

#include "history/HistoryLoader.h"
#include "history/HistoryText.h"
#include "store/TimelineStore.h"

#include <QDateTime>
#include <QLabel>

namespace warroom {

void DeclareIncidentDialog::showHistory()
{
    if (!m_store || !m_checklist) {
        m_history->hide();
        return;
    }
    if (!m_histories) {
        QString error;
        const auto loaded = HistoryData::load(*m_store, &error);
        m_histories = loaded ? ChecklistHistory::build(loaded->incidents, loaded->checklists)
                           : QList<ChecklistHistory>{};
    }
    m_history->setText(HistoryText::declareLine(*m_histories, m_checklist->id,
                                                m_checklist->revision,
                                                QDateTime::currentMSecsSinceEpoch()));
    m_history->show();
}

} // namespace warroom
