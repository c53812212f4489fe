#include "ui/main/ScreenSigner.h"

#include "session/IncidentSession.h"
#include "util/BidiControls.h"

namespace warroom {

QString ScreenSigner::take(IncidentSession *session, const QString &actor)
{
    if (!session || session->engine().isClosed())
        return {};
    QString why;
    if (!actor.isEmpty() && session->setActor(actor, &why))
        return tr("This screen signs as %1 (--actor).").arg(BidiControls::shown(session->actor()));
    return (why.isEmpty() ? QString() : why + u' ')
           + tr("This screen signs as %1, the commander in command: if you are someone else, "
                "press Ctrl+J and type your name.")
                 .arg(BidiControls::shown(session->actor()));
}

} // namespace warroom
