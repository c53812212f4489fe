#pragma once

#include <QLabel>
#include <QString>

namespace warroom {

class IncidentController;

// The status bar's standing line for the open incident: a drill's speed, and who signs at this
// screen. A second screen of the room, or one reopened after a crash, signs as the commander in
// command (unless started with --actor) and signed every note and confirmation so until someone
// thought of Ctrl+J: the line says who signs and how to change it, and follows a change. A label
// in the bar, not one of its messages: a passing message (a refusal, "Live", a zoom) hides it
// for its time and it comes back, where a message replaced it for good. On a shared server it
// says first how far this machine's clock is from the server's, which the room keeps time by
// (RoomClock), when that is more than a few seconds.
class ScreenStatus : public QLabel
{
    Q_OBJECT

public:
    explicit ScreenStatus(IncidentController &controller, QWidget *parent = nullptr);

    // Empty with no incident open or a closed one (nothing more is signed there).
    QString line() const;

private:
    void follow();

    IncidentController &m_controller;
    QMetaObject::Connection m_actorChanged;
    QMetaObject::Connection m_events;
};

} // namespace warroom
