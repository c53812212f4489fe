#pragma once

#include <QFrame>
#include <QPointer>

#include <optional>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;
class QPushButton;
class QTimer;

namespace warroom {

class ElidedLabel;
class IncidentSession;

// The band across the top of the war-room screen: what incident, LIVE or DRILL, who commands,
// who is acting at this screen, and the T+ clock big enough to read from the back of the room.
class IncidentHeader : public QFrame
{
    Q_OBJECT

public:
    explicit IncidentHeader(QWidget *parent = nullptr);

    void setSession(IncidentSession *session);
    // In replay the live clock gives way to a banner that says which moment is on screen, so the
    // replayed T+ can never be read as the live one.
    void setReplayTime(std::optional<qint64> elapsedMs);
    QString clockText() const;
    // "Commander: … · 0:41 on duty" (the declaration's time is in its tooltip), and the roles
    // line: who holds which role, in full (the screen shows what fits on one line and the rest in
    // the line's tooltip).
    QString commanderText() const;
    QString rolesText() const;
    // The "acting as" field: focused with the people on the incident offered (Ctrl+J).
    void chooseActor();
    QString replayBannerText() const;

signals:
    void actorEdited(const QString &actor);
    void backToLiveRequested();

private:
    void refresh();
    void tick();
    void refreshPeople();
    void setUpPeople();
    // "Commander: <name>": the start of commanderText(), the part the screen may cut.
    QString commanderNamed() const;
    qint64 realElapsedMs() const;
    qint64 liveElapsedMs() const;

    QPointer<IncidentSession> m_session;
    // A drill's title can be long (up to 300 characters): elided, it widened the window past a
    // 1400-pixel screen and pushed the clock off it.
    ElidedLabel *m_title;
    QLabel *m_badge;
    ElidedLabel *m_commander;
    ElidedLabel *m_roles;
    QLineEdit *m_actor;
    QStringListModel *m_people;
    QCompleter *m_completer;
    // Where the keys were before Ctrl+J: Return in the field gives them back (the field kept
    // them, and took the next Ctrl+Z as its own text undo: a confirmation was not undone,
    // silently).
    QPointer<QWidget> m_focusBefore;
    QLabel *m_clock;
    QLabel *m_clockScale; // "×50 drill clock · real 00:00:12" under a drill clock
    QWidget *m_replayBox;
    QLabel *m_replayBanner;
    QPushButton *m_backToLive;
    QTimer *m_timer;
    std::optional<qint64> m_replayAt;
};

} // namespace warroom
