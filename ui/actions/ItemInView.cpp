#include "ui/actions/ItemInView.h"

namespace warroom {

void ItemInView::shown(const QString &stepId, const QString &itemId, const QString &movedBy,
                       qint64 nowMs, qint64 grace)
{
    if (stepId == m_stepId && itemId == m_itemId)
        return;
    m_stepId = stepId;
    m_itemId = itemId;
    m_movedBy = itemId.isEmpty() ? QString() : movedBy;
    m_movedAtMs = m_movedBy.isEmpty() ? -1 : nowMs;
    m_graceMs = grace;
}

QString ItemInView::takeJustMoved(const QString &stepId, const QString &itemId, qint64 nowMs)
{
    // A step chosen by hand since (a click in the checklist) is not the item that moved.
    const bool moved = m_movedAtMs >= 0 && nowMs - m_movedAtMs < m_graceMs && stepId == m_stepId
                       && itemId == m_itemId;
    m_movedAtMs = -1;
    return moved ? m_movedBy : QString();
}

} // namespace warroom
