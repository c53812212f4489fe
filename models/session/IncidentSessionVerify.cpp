// IncidentSession: the chain check of ChainCheck::InBackground (see IncidentSession::open).
#include "session/IncidentSession.h"

#include "session/ChainCheckTask.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"

namespace warroom {

QString IncidentSession::brokenChainMessage(const TimelineStore &store, qint64 incidentId,
                                            const QString &summary)
{
    return QStringLiteral("The timeline of incident %1 in %2 is damaged (%3). warroom will not "
                          "add to it. Keep a copy of the database; `warroom export --incident "
                          "%1` still writes what can be read.")
        .arg(incidentId)
        .arg(store.path(), summary);
}

void IncidentSession::verifyInBackground()
{
    m_chainState = ChainState::Verifying;
    // The worker gets the events as read: what others append meanwhile is checked against our
    // last hash as it is taken in (takeInNewer).
    m_chainCheck = new ChainCheckTask(m_incident, m_events, this);
    connect(m_chainCheck, &ChainCheckTask::finished, this, &IncidentSession::onChainChecked);
}

void IncidentSession::onChainChecked(bool intact, const QString &summary)
{
    m_chainCheck->deleteLater(); // its worker is done (this was its last word); joined there
    m_chainCheck = nullptr;
    if (m_chainState == ChainState::Broken) // by an event taken in meanwhile, already said
        return;
    if (!intact) {
        m_chainState = ChainState::Broken;
        m_chainProblem = brokenChainMessage(m_store, m_incident.id, summary);
        emit chainBroken(m_chainProblem);
        return;
    }
    m_chainState = ChainState::Verified;
    QString error;
    if (!finishOpen(&error)) {
        m_chainState = ChainState::Broken;
        m_chainProblem = error;
        emit chainBroken(error);
        return;
    }
    emit chainVerified();
}

bool IncidentSession::takeInNewer(const TimelineEvents &newer)
{
    if (m_chainState == ChainState::Broken)
        return false;
    const QString problem = IncidentSnapshot::followProblem(m_incident, m_events, newer);
    if (!problem.isEmpty()) {
        // Neither shown nor written after: a forged note on every screen, and this window's
        // next event chained to it, was what a writer to the file or the server could do.
        m_chainState = ChainState::Broken;
        m_chainProblem = brokenChainMessage(m_store, m_incident.id, problem);
        return false;
    }
    applyNewer(newer);
    return true;
}

} // namespace warroom
