#include "ui/main/ScreenStatus.h"

#include "control/IncidentController.h"
#include "session/RoomClock.h"
#include "util/BidiControls.h"

#include <QStatusBar>

namespace warroom {

ScreenStatus::ScreenStatus(IncidentController &controller, QWidget *parent)
    : QLabel(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("screenStatus"));
    setTextFormat(Qt::PlainText);
    connect(&m_controller, &IncidentController::sessionChanged, this, &ScreenStatus::follow);
}

void ScreenStatus::follow()
{
    disconnect(m_actorChanged);
    disconnect(m_events);
    if (IncidentSession *session = m_controller.session()) {
        const auto refresh = [this] {
            setText(line());
            setToolTip(text()); // whole, where the bar cuts it
        };
        m_actorChanged = connect(session, &IncidentSession::actorChanged, this, refresh);
        // A close (here or on another screen) or a handover changes what the line says.
        m_events = connect(session, &IncidentSession::eventsAppended, this, refresh);
    }
    setText(line());
    setToolTip(text());
    // A new incident's line is what the bar says first (the database's path, shown at the start
    // for ten seconds, hid it).
    if (auto *bar = qobject_cast<QStatusBar *>(parentWidget()); bar && !text().isEmpty())
        bar->clearMessage();
}

QString ScreenStatus::line() const
{
    const IncidentSession *session = m_controller.session();
    if (!session || session->engine().isClosed())
        return {};
    QStringList parts;
    // First: a clock hours wrong is what this line has to say most, and a long line is cut at
    // its end.
    if (const QString skew = RoomClock::skewText(m_controller.store()); !skew.isEmpty())
        parts << skew;
    if (m_controller.isDrill() && m_controller.drillSpeed() > 1.0)
        parts << tr("Drill at \u00D7%1 speed: polls, samples, holds and deadlines run %1 times "
                    "faster.")
                     .arg(m_controller.drillSpeed());
    const QString commander = session->engine().crew().commander().isEmpty()
                                  ? session->incident().commander
                                  : session->engine().crew().commander();
    const QString actor = BidiControls::shown(session->actor());
    parts << (session->actor() == commander
                  ? tr("This screen signs as %1, the commander in command: if you are someone "
                       "else, press Ctrl+J and type your name.")
                        .arg(actor)
                  : tr("This screen signs as %1.").arg(actor));
    return parts.join(u' ');
}

} // namespace warroom
