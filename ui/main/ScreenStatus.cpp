#include "ui/main/ScreenStatus.h"

#include "control/IncidentController.h"
#include "util/BidiControls.h"

#include <QStatusBar>

namespace warroom {

ScreenStatus::ScreenStatus(IncidentController &controller, QStatusBar &bar, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_bar(bar)
{
    connect(&m_controller, &IncidentController::sessionChanged, this, &ScreenStatus::follow);
}

void ScreenStatus::follow()
{
    disconnect(m_actorChanged);
    disconnect(m_events);
    if (IncidentSession *session = m_controller.session()) {
        m_actorChanged
            = connect(session, &IncidentSession::actorChanged, this, [this] { show(true); });
        // A close (here or on another screen) or a handover changes what the line says.
        m_events
            = connect(session, &IncidentSession::eventsAppended, this, [this] { show(false); });
    }
    show(true);
}

void ScreenStatus::show(bool always)
{
    const QString line = text();
    if (line == m_shown && !always)
        return;
    // Another message the bar shows meanwhile (a refusal, an export written) is not cut short.
    const bool ours = !m_shown.isEmpty() && m_bar.currentMessage() == m_shown;
    if (line.isEmpty() && ours)
        m_bar.clearMessage(); // closed: nothing more is signed here
    else if (!line.isEmpty() && (always || ours))
        m_bar.showMessage(line);
    m_shown = line;
}

QString ScreenStatus::text() const
{
    const IncidentSession *session = m_controller.session();
    if (!session || session->engine().isClosed())
        return {};
    QStringList parts;
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
