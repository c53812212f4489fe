#include "wall/WallAnnouncements.h"

namespace warroom {

int WallAnnouncements::add(const QString &text, WallTone tone)
{
    const int id = m_nextId++;
    m_list.prepend({id, text, tone});
    return id;
}

bool WallAnnouncements::remove(int id)
{
    return m_list.removeIf([id](const WallAnnouncement &a) { return a.id == id; }) > 0;
}

void WallAnnouncements::clear()
{
    m_list.clear();
}

} // namespace warroom
