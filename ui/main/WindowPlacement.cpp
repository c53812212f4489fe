#include "ui/main/WindowPlacement.h"

#include <QCursor>
#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>

#include <algorithm>

namespace warroom::WindowPlacement {

namespace {
const QString geometryKey = QStringLiteral("console/geometry");
const QString stateKey = QStringLiteral("console/state");
} // namespace

QRect fitted(const QRect &wanted, const QRect &available)
{
    QRect r(wanted.topLeft(), wanted.size().boundedTo(available.size()));
    r.moveLeft(std::clamp(r.left(), available.left(), available.right() - r.width() + 1));
    r.moveTop(std::clamp(r.top(), available.top(), available.bottom() - r.height() + 1));
    return r;
}

void restore(QMainWindow *window)
{
    const QSettings settings;
    if (window->restoreGeometry(settings.value(geometryKey).toByteArray())) {
        window->restoreState(settings.value(stateKey).toByteArray());
        // Saved on a bigger monitor, or the monitor has gone: it still fits the one it is on.
        if (!(window->windowState() & (Qt::WindowMaximized | Qt::WindowFullScreen)))
            window->setGeometry(fitted(window->geometry(), window->screen()->availableGeometry()));
        return;
    }
    // First start: the screen the person is looking at (where the pointer is), all of it.
    QScreen *screen = QGuiApplication::screenAt(QCursor::pos());
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    const QRect available = screen->availableGeometry();
    // Also the size without a window manager to maximise it (a kiosk, Xvfb).
    window->setGeometry(available);
    window->setWindowState(window->windowState() | Qt::WindowMaximized);
}

void save(const QMainWindow *window)
{
    QSettings settings;
    settings.setValue(geometryKey, window->saveGeometry());
    settings.setValue(stateKey, window->saveState());
}

} // namespace warroom::WindowPlacement
