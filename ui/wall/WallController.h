#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QMainWindow;
class QScreen;

namespace warroom {

class IncidentController;
class WallWindow;

// View ▸ Wall screen (F11): opens the wall on another screen than the console's when there is
// one, and takes it down again. The console keeps working on its own screen; the wall follows
// the same controller, so it shows whatever incident the console has open.
class WallController : public QObject
{
    Q_OBJECT

public:
    // Adds the action to the window's View menu (made before Help when there is none).
    WallController(IncidentController &controller, QMainWindow &window);
    ~WallController() override;

    QAction *action() const { return m_action; }
    WallWindow *wall() const;
    void setShown(bool shown);

    // The screen for the wall: the first one the console is not on, else the console's own.
    static QScreen *screenBeside(const QWidget &console);

private:
    void installInMenu(QMainWindow &window);

    IncidentController &m_controller;
    QMainWindow &m_window;
    QAction *m_action;
    QPointer<WallWindow> m_wall;
};

} // namespace warroom
