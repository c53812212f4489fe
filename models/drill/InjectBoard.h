#pragma once

#include "drill/Scenario.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace warroom {

// One inject as the facilitator sees it: when it is due, whether it has fired, and when and by
// whom the room acknowledged it. Times are drill time (ms on the drill clock).
struct InjectState
{
    enum class State { Upcoming, Fired, Skipped };
    DrillInject inject;
    State state = State::Upcoming;
    bool unscheduled = false; // added by the facilitator during the drill
    bool fireNow = false;     // the facilitator asked for it now, whatever its moment
    qint64 delayMs = 0;       // the facilitator's delays, added to its moment
    qint64 firedAtMs = -1;
    qint64 acknowledgedAtMs = -1;
    QString acknowledgedBy;

    qint64 timeToAcknowledgeMs() const
    {
        return acknowledgedAtMs < 0 ? -1 : acknowledgedAtMs - firedAtMs;
    }
    static QString stateName(State state);
};

// The scenario's injects and the facilitator's hand on them: fire now, skip, delay, an
// unscheduled inject, and the room's acknowledgement. The DrillRunner asks it what is due on
// each tick; a facilitator's screen shows it. Everything is on the drill clock, so a pause
// moves nothing here: the clock stands still and so does every countdown.
class InjectBoard
{
public:
    // The drill time of an event-relative moment's event plus its "after", or -1 while the event
    // has not happened (the DrillRunner knows the events).
    using Resolver = std::function<qint64(const DrillMoment &)>;

    explicit InjectBoard(const QList<DrillInject> &injects = {});

    // Told of every change that took (fired, fire now, skipped, delayed, unscheduled,
    // acknowledged), after it took, so the facilitation record can keep it (FacilitationRecorder).
    struct Change
    {
        enum class Kind { Fired, FireNow, Skipped, Delayed, Unscheduled, Acknowledged };
        Kind kind = Kind::Fired;
        const InjectState *inject = nullptr; // as it is now
        qint64 spanMs = 0;                   // Delayed: by how much
    };
    using Listener = std::function<void(const Change &)>;
    void setListener(Listener listener) { m_listener = std::move(listener); }

    const QList<InjectState> &injects() const { return m_injects; }
    const InjectState *find(const QString &id) const;

    // When it is due, its delays included; -1 while its event has not happened. Fired or
    // skipped: when it was due (fired) or -1 (skipped).
    qint64 dueAt(const InjectState &s, const Resolver &resolve) const;
    // The upcoming injects due at `nowMs`, in the scenario's order (asked-for ones first).
    QStringList due(qint64 nowMs, const Resolver &resolve) const;
    // The upcoming inject due soonest (with a known time), or empty; its countdown in drill ms.
    QString next(const Resolver &resolve) const;
    qint64 countdownMs(const QString &id, qint64 nowMs, const Resolver &resolve) const;

    void markFired(const QString &id, qint64 nowMs);
    // The facilitator's hand. False with the reason in words when it does not apply.
    bool fireNow(const QString &id, QString *error);
    bool skip(const QString &id, QString *error);
    bool delay(const QString &id, qint64 spanMs, QString *error);
    bool addUnscheduled(const DrillInject &inject, QString *error);
    // The room saw it (a key on the console); only once, only after it fired.
    bool acknowledge(const QString &id, const QString &who, qint64 nowMs, QString *error);

private:
    InjectState *upcoming(const QString &id, QString *error);
    void tell(Change::Kind kind, const QString &id, qint64 spanMs = 0) const;

    QList<InjectState> m_injects;
    Listener m_listener;
};

} // namespace warroom
