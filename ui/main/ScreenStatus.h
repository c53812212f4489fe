#pragma once

#include <QObject>
#include <QString>

class QStatusBar;

namespace warroom {

class IncidentController;

// The status bar's standing line for the open incident: a drill's speed, and who signs at this
// screen. A second screen of the room, or one reopened after a crash, signs as the commander in
// command (unless started with --actor) and signed every note and confirmation so until someone
// thought of Ctrl+J: the line says who signs and how to change it, and follows a change.
class ScreenStatus : public QObject
{
    Q_OBJECT

public:
    ScreenStatus(IncidentController &controller, QStatusBar &bar, QObject *parent = nullptr);

    // Empty with no incident open or a closed one (nothing more is signed there).
    QString text() const;

private:
    void follow();
    // Shows the line when it changed: `always` over whatever the bar shows, else only over the
    // line shown before.
    void show(bool always);

    IncidentController &m_controller;
    QStatusBar &m_bar;
    QMetaObject::Connection m_actorChanged;
    QMetaObject::Connection m_events;
    QString m_shown;
};

} // namespace warroom
