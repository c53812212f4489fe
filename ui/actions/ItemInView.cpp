#include "ui/actions/ItemInView.h"

namespace warroom {

void ItemInView::shown(const QString &stepId, const QString &itemId, bool byOthers, qint64 nowMs)
{
    if (stepId == m_stepId && itemId == m_itemId)
        return;
    m_stepId = stepId;
    m_itemId = itemId;
    m_movedAtMs = byOthers && !itemId.isEmpty() ? nowMs : -1;
}

bool ItemInView::takeJustMoved(qint64 nowMs)
{
    const bool moved = m_movedAtMs >= 0 && nowMs - m_movedAtMs < graceMs;
    m_movedAtMs = -1;
    return moved;
}

} // namespace warroom
