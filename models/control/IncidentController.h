#pragma once

#include "session/IncidentSession.h"

#include <QObject>

#include <memory>

namespace warroom {

class AutomationRunner;
class HttpEngine;
class TimelineStore;

// The machinery of the one open incident: its session, the runner that drives its automated
// items, the HTTP engine they send through, and the drill speed. The screen asks it to open or
// declare an incident and follows sessionChanged; it owns no widgets, so a test can drive it
// alone. Opening another incident replaces all of it at once.
class IncidentController : public QObject
{
    Q_OBJECT

public:
    IncidentController(TimelineStore &store, Clock clock, QObject *parent = nullptr);
    ~IncidentController() override;

    // False, with the reason in error, when it cannot be opened; the open incident then stays.
    // With none open, the chain may be checked after this returns (see the .cpp): a broken one
    // then closes the incident again and says why in openFailed.
    bool open(qint64 incidentId, QString *error);
    bool declare(const Checklist &checklist, const IncidentDeclaration &declaration,
                 QString *error);

    TimelineStore &store() const { return m_store; }
    IncidentSession *session() const { return m_session.get(); }
    AutomationRunner *runner() const { return m_runner.get(); }
    bool isDrill() const;
    // With nothing open, a timeline of at least this many events opens with its chain checked
    // behind it (IncidentSession::ChainCheck::InBackground); a shorter one is checked first, in
    // a few milliseconds. Tests set 0 to see the background path on small incidents.
    void setCheckBehindFrom(qsizetype events) { m_checkBehindFrom = events; }
    // Who signs at this screen in each incident it opens (--actor); empty: the commander.
    void setActorAtOpen(const QString &actor) { m_actorAtOpen = actor; }

    // DRILL incidents run their actions, checks and ramps this many times faster (1 to 100); LIVE
    // never.
    void setDrillSpeed(double factor);
    double drillSpeed() const { return m_drillSpeed; }

signals:
    // Another incident is open (or none). Emitted while the previous session still exists, so
    // whoever shows it can let go of it first.
    void sessionChanged();
    // A run could not go on; the message says what was not recorded.
    void runError(const QString &message);
    // An incident shown while its chain was checked turned out not to open, or another process
    // wrote an event that breaks its chain (IncidentSession::chainBroken). It is closed already;
    // `error` is open()'s own words.
    void openFailed(const QString &error);

private:
    void setSession(std::unique_ptr<IncidentSession> session);
    void applyTimeScale();

    TimelineStore &m_store;
    Clock m_clock;
    double m_drillSpeed = 1.0;
    qsizetype m_checkBehindFrom = 20'000;
    QString m_actorAtOpen;
    std::unique_ptr<HttpEngine> m_http;
    std::unique_ptr<IncidentSession> m_session;
    // Declared last, so destroyed first: it holds the session and the HTTP engine by reference.
    std::unique_ptr<AutomationRunner> m_runner;
};

} // namespace warroom
