#include "ui/wall/AnnouncementWallFeed.h"

#include "ui/facilitation/FacilitationSession.h"
#include "ui/wall/WallWindow.h"

#include "util/TimeFormat.h"

#include <QApplication>

#include <utility>

namespace warroom {

AnnouncementWallFeed::AnnouncementWallFeed(FacilitationSession &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    connect(&session, &FacilitationSession::changed, this, &AnnouncementWallFeed::sync);
    m_look.setInterval(1000);
    connect(&m_look, &QTimer::timeout, this, &AnnouncementWallFeed::sync);
    m_look.start();
}

QStringList AnnouncementWallFeed::lines() const
{
    QStringList out;
    if (const QString ended = m_session.endedLine(); !ended.isEmpty())
        out << ended;
    if (m_session.isPaused())
        out << tr("DRILL PAUSED by the facilitator at %1: the drill clock stands still.")
                   .arg(formatElapsed(m_session.drillNow()));
    for (const PendingAnnouncement &a : m_session.pendingAnnouncements())
        out << tr("INJECT %1 \u00B7 to %2: %3 \u2014 acknowledge on the console (Ctrl+K)")
                   .arg(formatElapsed(a.firedAtMs), a.toRole, a.text);
    return out;
}

void AnnouncementWallFeed::sync()
{
    const QStringList now = lines();
    for (QWidget *w : QApplication::topLevelWidgets()) {
        auto *wall = qobject_cast<WallWindow *>(w);
        if (wall && !m_walls.contains(wall)) {
            m_walls.append(wall);
            m_ids.append(QList<int>());
        }
    }
    for (qsizetype i = m_walls.size() - 1; i >= 0; --i) {
        if (!m_walls.at(i)) {
            m_walls.removeAt(i);
            m_ids.removeAt(i);
            continue;
        }
        syncWall(*m_walls.at(i), now);
    }
}

void AnnouncementWallFeed::syncWall(WallWindow &wall, const QStringList &lines)
{
    const qsizetype index = m_walls.indexOf(&wall);
    QList<int> &ids = m_ids[index];
    // Unchanged: leave the wall alone (a refresh re-lays its labels).
    QStringList shown;
    for (const WallAnnouncement &a : wall.announcements().list()) {
        if (ids.contains(a.id))
            shown << a.text;
    }
    if (shown == lines)
        return;
    for (int id : std::as_const(ids))
        wall.announcements().remove(id);
    ids.clear();
    // The wall shows the newest added first: added from the last, so the pause stays on top
    // and the oldest inject, the one Ctrl+K acknowledges, comes next.
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        ids << wall.announcements().add(*it, it->startsWith(QLatin1String("DRILL PAUSED"))
                                                 ? WallTone::Deferred
                                                 : WallTone::Active);
    wall.refresh();
}

} // namespace warroom
