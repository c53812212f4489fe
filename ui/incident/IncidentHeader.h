#pragma once

#include <QFrame>
#include <QPointer>

class QLabel;
class QLineEdit;
class QTimer;

namespace warroom {

class IncidentSession;

// The band across the top of the war-room screen: what incident, LIVE or DRILL, who commands,
// who is acting at this screen, and the T+ clock big enough to read from the back of the room.
class IncidentHeader : public QFrame
{
    Q_OBJECT

public:
    explicit IncidentHeader(QWidget *parent = nullptr);

    void setSession(IncidentSession *session);
    QString clockText() const;

signals:
    void actorEdited(const QString &actor);

private:
    void refresh();
    void tick();

    QPointer<IncidentSession> m_session;
    QLabel *m_title;
    QLabel *m_badge;
    QLabel *m_commander;
    QLineEdit *m_actor;
    QLabel *m_clock;
    QTimer *m_timer;
};

} // namespace warroom
