#pragma once

#include "wall/WallState.h"

#include <QList>

namespace warroom {

// What the room must be told, beside what the checklist says: injects of a facilitated drill,
// a handover of command, a lost database. Whoever has something to say adds it and clears it
// when it no longer holds; the wall shows them newest first.
class WallAnnouncements
{
public:
    // Returns its id, for remove().
    int add(const QString &text, WallTone tone = WallTone::Deferred);
    bool remove(int id);
    void clear();
    const QList<WallAnnouncement> &list() const { return m_list; }
    bool isEmpty() const { return m_list.isEmpty(); }

private:
    QList<WallAnnouncement> m_list;
    int m_nextId = 1;
};

} // namespace warroom
