#include "ui/timeline/ReplayTime.h"

namespace warroom {

void ReplayTime::setAt(std::optional<qint64> elapsedMs)
{
    if (elapsedMs == m_at)
        return;
    m_at = elapsedMs;
    emit changed(m_at);
}

} // namespace warroom
