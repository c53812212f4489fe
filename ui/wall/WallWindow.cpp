#include "ui/wall/WallWindow.h"

#include "ui/wall/WallStyle.h"
#include "ui/wall/WallView.h"

#include "control/IncidentController.h"
#include "wall/WallStateBuilder.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QScreen>
#include <QVBoxLayout>

namespace warroom {

WallWindow::WallWindow(QWidget *parent)
    : QWidget(parent, Qt::Window | Qt::FramelessWindowHint)
    , m_view(new WallView(this))
{
    setObjectName(QStringLiteral("wallWindow"));
    setWindowTitle(tr("Wall \u2014 Rollback War Room"));
    setAttribute(Qt::WA_StyledBackground);
    // Read-only: nothing on it takes focus or input, so a stray click cannot act on the incident.
    setFocusPolicy(Qt::NoFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    // The clock's second; started while the wall is on screen (showEvent).
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &WallWindow::refresh);
    refresh();
}

void WallWindow::follow(IncidentController &controller)
{
    m_controller = &controller;
    connect(&controller, &IncidentController::sessionChanged, this, &WallWindow::followSession);
    m_source = [this](const WallAnnouncements &announcements) {
        return m_session ? WallStateBuilder::fromSession(*m_session, announcements) : WallState{};
    };
    followSession();
}

void WallWindow::setSource(Source source)
{
    m_source = std::move(source);
    refresh();
}

void WallWindow::showOn(QScreen *screen)
{
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    setScreen(screen);
    setGeometry(screen->geometry());
    showFullScreen();
}

void WallWindow::followSession()
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = m_controller ? m_controller->session() : nullptr;
    if (m_session) {
        connect(m_session, &IncidentSession::eventsAppended, this, &WallWindow::refresh);
        connect(m_session, &IncidentSession::storageLost, this, &WallWindow::refresh);
        connect(m_session, &IncidentSession::storageRestored, this, &WallWindow::refresh);
    }
    refresh();
}

void WallWindow::refresh()
{
    m_state = m_source ? m_source(m_announcements) : WallState{};
    m_view->setState(m_state);
}

void WallWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Restyled only when the height changes: a new style sheet re-polishes every label.
    if (height() == m_styledHeight)
        return;
    m_styledHeight = height();
    setStyleSheet(WallStyle::styleSheet(height()));
    m_view->setScreenHeight(height());
}

void WallWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_tick.start();
}

void WallWindow::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_tick.stop();
}

void WallWindow::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_closesOnEscape) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace warroom
