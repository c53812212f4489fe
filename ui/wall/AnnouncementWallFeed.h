#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace warroom {

class FacilitationSession;
class WallWindow;

// A facilitated drill's announcements on the wall: each inject message the room has not
// acknowledged (text, addressed role, T+), and the facilitator's pause. It writes them into the
// WallAnnouncements of every wall window open in this process, in the slot the wall keeps for
// announcements, and takes them down once acknowledged. A wall opened later is found on the
// next second's look, so the wall needs no knowledge of drills.
class AnnouncementWallFeed : public QObject
{
    Q_OBJECT

public:
    explicit AnnouncementWallFeed(FacilitationSession &session, QObject *parent = nullptr);

    // The lines the wall shows now, newest last (for tests and the console alike).
    QStringList lines() const;

public slots:
    void sync();

private:
    void syncWall(WallWindow &wall, const QStringList &lines);

    FacilitationSession &m_session;
    QList<QPointer<WallWindow>> m_walls; // the walls written to, with the ids added to each
    QList<QList<int>> m_ids;
    QTimer m_look;
};

} // namespace warroom
