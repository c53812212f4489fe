// IncidentSession: its chain, checked in the background (ChainCheck::InBackground, see
// IncidentSession::open), and the events it takes in after the open.
#include "session/IncidentSession.h"

#include "session/ChainCheckTask.h"
#include "session/IncidentSnapshot.h"
#include "store/TimelineStore.h"

#include <QScopedValueRollback>

namespace warroom {

QString IncidentSession::brokenChainMessage(const TimelineStore &store, qint64 incidentId,
                                            const QString &summary)
{
    // A broken link (ChainReport's "chain BROKEN …") is exported with the damage said; a row no
    // reader takes (EventRowRules, a gap) stops every export too, which the advice promised.
    const bool exportable = summary.startsWith(QLatin1String("chain "));
    const QString advice
        = exportable
              ? QStringLiteral("`warroom export --incident %1` still writes what can be read")
              : QStringLiteral("no export can be written while that row is there; `warroom "
                               "verify --incident %1` names it");
    return QStringLiteral("The timeline of incident %1 in %2 is damaged (%3). warroom will not "
                          "add to it. Keep a copy of the database; %4.")
        .arg(incidentId)
        .arg(store.path(), summary, advice.arg(incidentId));
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
        if (m_chainState == ChainState::Broken)
            return; // a damaged row met by its write (takeInDamage), already said
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

bool IncidentSession::takeInDamage(const QString &error)
{
    // A row no build writes, or a gap, in what another process wrote: as a broken link is
    // (takeInNewer), neither shown nor written after. It read as the storage lost, which it is
    // not, in a read of the newer rows and in the one inside a command's write.
    if (!TimelineStore::isDamagedMessage(error))
        return false;
    m_chainState = ChainState::Broken;
    m_chainProblem = brokenChainMessage(m_store, m_incident.id,
                                        error.section(QStringLiteral(" is damaged: "), 1));
    emit chainBroken(m_chainProblem);
    return true;
}

bool IncidentSession::readNewer()
{
    if (m_chainState == ChainState::Broken)
        return true; // nothing more is taken in, or shown, after a broken link
    QString error;
    const qint64 lastSeq = m_events.isEmpty() ? 0 : m_events.constLast().seq;
    const auto newer = m_store.events(m_incident.id, lastSeq, &error);
    if (!newer && takeInDamage(error))
        return true;
    if (!newer) {
        // The file became unreadable under us: as serious as losing it. A server out of reach
        // says so in its own words, and comes back.
        const auto problem = m_store.isShared() ? m_store.storageProblem() : std::nullopt;
        m_storageProblem = problem.value_or(error);
        m_problemIsLink = problem.has_value();
        emit storageLost(m_storageProblem);
        return false;
    }
    if (newer->isEmpty())
        return true;
    if (!takeInNewer(*newer)) {
        emit chainBroken(m_chainProblem);
        return true;
    }
    // Someone else is writing to it: the gap is over, and their events show when it ended.
    m_resumePending = false;
    const QScopedValueRollback others(m_othersInAppend, newer->size());
    emit eventsAppended(*newer);
    return true;
}

} // namespace warroom
