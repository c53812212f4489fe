#pragma once

#include "wall/WallAnnouncements.h"
#include "wall/WallState.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QScreen;

namespace warroom {

class IncidentController;
class IncidentSession;
class WallView;

// The wall screen: a frameless, full-screen, read-only window on a screen of its own. It shows
// what its source computes, again on every event and each second for the clock: the console's
// open incident (follow()), or on a wall-only machine an incident read from the database
// (WallStandalone). Everything on it is sized from its height (WallStyle).
class WallWindow : public QWidget
{
    Q_OBJECT

public:
    using Source = std::function<WallState(const WallAnnouncements &)>;

    explicit WallWindow(QWidget *parent = nullptr);

    // Shows the controller's open incident, and the next one it opens.
    void follow(IncidentController &controller);
    void setSource(Source source);

    // Full screen on `screen`; without one, on the primary screen.
    void showOn(QScreen *screen);
    // What the room should be told besides the checklist (injects, handovers); refresh() shows it.
    WallAnnouncements &announcements() { return m_announcements; }
    const WallState &state() const { return m_state; }
    WallView *view() const { return m_view; }
    // A wall opened from the console goes with Escape; a wall-only machine's stays up.
    void setClosesOnEscape(bool closes) { m_closesOnEscape = closes; }

public slots:
    void refresh();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void followSession();

    QPointer<IncidentController> m_controller;
    QPointer<IncidentSession> m_session;
    Source m_source;
    WallView *m_view;
    WallAnnouncements m_announcements;
    WallState m_state;
    QTimer m_tick;
    int m_styledHeight = 0;
    bool m_closesOnEscape = true;
};

} // namespace warroom
