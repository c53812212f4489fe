#include "control/IncidentController.h"

#include "automation/AutomationRunner.h"
#include "http/HttpEngine.h"
#include "timeline/DrillDeclaration.h"

#include <QPointer>

#include <algorithm>

namespace warroom {

IncidentController::IncidentController(TimelineStore &store, Clock clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(std::move(clock))
    , m_http(std::make_unique<HttpEngine>())
{}

IncidentController::~IncidentController()
{
    m_runner.reset();
}

bool IncidentController::open(qint64 incidentId, QString *error)
{
    // With nothing open (the app starting, the welcome page) a long incident shows at once and
    // its chain is checked behind it, commands held until it passes: a 100,000-event timeline is
    // on screen without waiting for 100,000 hashes. Replacing an open incident checks first, so a
    // broken chain leaves the open one as it was.
    const auto check = m_session ? IncidentSession::ChainCheck::BeforeOpen
                                 : IncidentSession::ChainCheck::InBackground;
    auto session = IncidentSession::open(m_store, incidentId, m_clock, error, check,
                                         m_checkBehindFrom, m_actorAtOpen);
    if (!session)
        return false;
    setSession(std::move(session));
    return true;
}

bool IncidentController::declare(const Checklist &checklist, const IncidentDeclaration &declaration,
                                 QString *error)
{
    // A drill says in its own declaration how fast it ran, so its durations are never read as
    // real ones (history, the postmortem) even when no automated run shows the time scale.
    IncidentDeclaration d = declaration;
    if (d.mode == IncidentMode::Drill && !d.extraPayload.contains(DrillDeclaration::speedKey))
        d.extraPayload.insert(DrillDeclaration::speedKey, m_drillSpeed);
    auto session = IncidentSession::declare(m_store, checklist, d, m_clock, error);
    if (!session)
        return false;
    setSession(std::move(session));
    return true;
}

bool IncidentController::isDrill() const
{
    return m_session && m_session->incident().mode == IncidentMode::Drill;
}

void IncidentController::setDrillSpeed(double factor)
{
    m_drillSpeed = std::clamp(factor, 1.0, 100.0);
    applyTimeScale();
}

void IncidentController::applyTimeScale()
{
    if (m_runner && isDrill())
        m_runner->setTimeScale(1.0 / m_drillSpeed);
}

void IncidentController::setSession(std::unique_ptr<IncidentSession> session)
{
    // The runner of the old incident stops first: its answers belong to that incident.
    m_runner.reset();
    if (session) {
        // A chain found broken (behind an open, or in what another screen wrote) closes the
        // incident, said as a failed open would have said it. Queued: the session is not
        // destroyed inside its own signal.
        connect(
            session.get(), &IncidentSession::chainBroken, this,
            [this, s = QPointer<IncidentSession>(session.get())](const QString &message) {
                if (!s || s != m_session.get())
                    return;
                setSession(nullptr);
                emit openFailed(message);
            },
            Qt::QueuedConnection);
        m_runner = std::make_unique<AutomationRunner>(*session, *m_http);
        connect(m_runner.get(), &AutomationRunner::runError, this,
                [this](const QString &, const QString &, const QString &message) {
                    emit runError(message);
                });
    }
    // The old session lives until everyone showing it has moved to the new one.
    std::unique_ptr<IncidentSession> previous = std::exchange(m_session, std::move(session));
    applyTimeScale();
    emit sessionChanged();
}

} // namespace warroom
