#include "ui/wall/WallController.h"

#include "ui/wall/WallWindow.h"

#include "control/IncidentController.h"

#include <QAction>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>

namespace warroom {

WallController::WallController(IncidentController &controller, QMainWindow &window)
    : QObject(&window)
    , m_controller(controller)
    , m_window(window)
    , m_action(new QAction(tr("&Wall screen"), this))
{
    m_action->setObjectName(QStringLiteral("wallScreenAction"));
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::Key_F11));
    m_action->setShortcutContext(Qt::WindowShortcut);
    m_action->setToolTip(tr("A full-screen, read-only view of the incident for the room, on "
                            "another screen when there is one"));
    connect(m_action, &QAction::toggled, this, &WallController::setShown);
    installInMenu(window);
    // The console's controller goes before its window's children: the wall must not outlive it.
    connect(&controller, &QObject::destroyed, this, [this] { delete m_wall; });
}

WallController::~WallController()
{
    delete m_wall;
}

WallWindow *WallController::wall() const
{
    return m_wall;
}

void WallController::installInMenu(QMainWindow &window)
{
    // The window's own View menu when it has one (zoom and friends live there), else a new one
    // before Help.
    QMenuBar *bar = window.menuBar();
    QMenu *view = nullptr;
    QAction *before = nullptr;
    for (QAction *a : bar->actions()) {
        const QString title = a->text().remove(u'&');
        if (a->menu() && title == QLatin1String("View"))
            view = a->menu();
        if (a->menu() && title == QLatin1String("Help"))
            before = a;
    }
    if (!view) {
        view = new QMenu(tr("&View"), bar);
        view->setObjectName(QStringLiteral("viewMenu"));
        bar->insertMenu(before, view);
    }
    view->addAction(m_action);
}

QScreen *WallController::screenBeside(const QWidget &console)
{
    QScreen *own = console.screen();
    for (QScreen *screen : QGuiApplication::screens())
        if (screen != own)
            return screen;
    return own ? own : QGuiApplication::primaryScreen();
}

void WallController::setShown(bool shown)
{
    if (m_action->isChecked() != shown) {
        m_action->setChecked(shown); // comes back here through toggled
        return;
    }
    if (!shown) {
        if (m_wall)
            m_wall->hide();
        return;
    }
    if (!m_wall) {
        // A top-level of its own, not a child of the console: it lives on another screen.
        m_wall = new WallWindow;
        m_wall->follow(m_controller);
        m_wall->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_wall, &QObject::destroyed, this, [this] { m_action->setChecked(false); });
    }
    m_wall->showOn(screenBeside(m_window));
}

} // namespace warroom
