#include "ui/main/VerifyingNotice.h"

#include "control/IncidentController.h"
#include "session/IncidentSession.h"

#include <QStyle>

namespace warroom {

VerifyingNotice::VerifyingNotice(const IncidentController &controller, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("verifyingNotice")); // blue while verifying, from the style sheet
    connect(&controller, &IncidentController::sessionChanged, this,
            [this, &controller] { follow(controller.session()); });
    follow(controller.session());
}

QString VerifyingNotice::message(qsizetype events)
{
    return tr("Verifying the timeline (%L1 events)\u2026 commands are taken once it is checked.")
        .arg(events);
}

void VerifyingNotice::follow(IncidentSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        // A broken chain leaves the session verifying for good, but the incident is closed
        // again and a message box says why: nothing more to say here either way.
        connect(session, &IncidentSession::chainVerified, this, [this] { say(false); });
        connect(session, &IncidentSession::chainBroken, this, [this] { say(false); });
    }
    say(session && session->isVerifying());
}

void VerifyingNotice::say(bool verifying)
{
    const bool wasVerifying = !text().isEmpty();
    setProperty("state", verifying ? QStringLiteral("verifying") : QString());
    style()->unpolish(this);
    style()->polish(this);
    setText(verifying && m_session ? message(m_session->events().size()) : QString());
    if (verifying != wasVerifying)
        emit changed();
}

} // namespace warroom
