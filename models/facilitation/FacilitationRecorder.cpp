#include "facilitation/FacilitationRecorder.h"

#include "drill/DrillRunner.h"
#include "facilitation/FacilitationRecord.h"
#include "facilitation/FacilitatorText.h"
#include "session/RoomClock.h"
#include "store/TimelineStore.h"

#include <algorithm>

namespace warroom {

FacilitationRecorder::FacilitationRecorder(TimelineStore &store, DrillRunner &runner,
                                           const Scenario &scenario, QString facilitator,
                                           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_runner(runner)
    , m_scenario(scenario)
    , m_facilitator(facilitator.isEmpty() ? QStringLiteral("drill facilitator")
                                          : std::move(facilitator))
{
    connect(&runner, &DrillRunner::clockChanged, this, &FacilitationRecorder::onClockChanged);
    connect(&runner, &DrillRunner::finished, this, [this] {
        if (!m_started)
            return;
        const DrillResult &r = m_runner.result();
        (void)write(FacilitationKind::DrillFinished, QString(), r.drillMs, m_facilitator,
                    r.verdictJson(), nullptr);
    });
    runner.injects().setListener([this](const InjectBoard::Change &c) { onBoardChanged(c); });
}

bool FacilitationRecorder::write(const QString &kind, const QString &subject, qint64 drillMs,
                                 const QString &author, const QJsonObject &payload,
                                 QString *error)
{
    FacilitationEntry e;
    e.incidentId = m_runner.result().incidentId;
    // On the room's clock (RoomClock), as a screen stamps the incident's events: on a server,
    // the server's.
    e.utcMs = RoomClock::of(m_store)();
    e.drillMs = std::max<qint64>(0, drillMs);
    e.author = author.isEmpty() ? m_facilitator : author;
    e.kind = kind;
    e.subject = subject;
    e.payload = payload;
    QString why;
    if (m_store.appendFacilitation(e, &why))
        return true;
    if (error)
        *error = why;
    else
        emit problem(QStringLiteral("the facilitation record was not written (%1): %2")
                         .arg(kind, why));
    return false;
}

void FacilitationRecorder::onClockChanged()
{
    const DrillClock &clock = m_runner.clock();
    if (!m_started) {
        m_started = true;
        (void)write(FacilitationKind::DrillStarted, QString(), 0, m_facilitator,
                    {{QStringLiteral("scenario"),
                      FacilitationRecord::scenarioJson(m_scenario)},
                     {QStringLiteral("speed"), clock.speed()}},
                    nullptr);
    }
    (void)write(FacilitationKind::DrillClock, QString(), m_runner.drillNow(), m_facilitator,
                FacilitationRecord::clockJson(clock), nullptr);
}

void FacilitationRecorder::onBoardChanged(const InjectBoard::Change &c)
{
    if (!c.inject || !m_started)
        return;
    const InjectState &s = *c.inject;
    using Kind = InjectBoard::Change::Kind;
    switch (c.kind) {
    case Kind::Fired:
        (void)write(FacilitationKind::InjectFired, s.inject.id, s.firedAtMs, {}, {}, nullptr);
        break;
    case Kind::FireNow:
        (void)write(FacilitationKind::InjectFireNow, s.inject.id, m_runner.drillNow(), {}, {},
                    nullptr);
        break;
    case Kind::Skipped:
        (void)write(FacilitationKind::InjectSkipped, s.inject.id, m_runner.drillNow(), {}, {},
                    nullptr);
        break;
    case Kind::Delayed:
        (void)write(FacilitationKind::InjectDelayed, s.inject.id, m_runner.drillNow(), {},
                    {{QStringLiteral("span_ms"), c.spanMs}}, nullptr);
        break;
    case Kind::Unscheduled:
        (void)write(FacilitationKind::InjectUnscheduled, s.inject.id, m_runner.drillNow(), {},
                    {{QStringLiteral("inject"), FacilitationRecord::injectJson(s.inject)}},
                    nullptr);
        break;
    case Kind::Acknowledged:
        (void)write(FacilitationKind::InjectAcknowledged, s.inject.id, s.acknowledgedAtMs,
                    s.acknowledgedBy, {}, nullptr);
        break;
    }
}

bool FacilitationRecorder::observe(const QString &stepId, const QString &text, QString *error)
{
    // Written as it will be shown: one line, no control characters, within the limit.
    const std::optional<QString> clean = FacilitatorText::clean(text, error);
    if (!clean)
        return false;
    const Observation o{m_runner.drillNow(), stepId, *clean, m_facilitator};
    FacilitatorLog check = m_log; // refuse a blank note before anything is written
    if (!check.observe(o, error))
        return false;
    if (!m_started) {
        *error = QStringLiteral("the drill has not started");
        return false;
    }
    if (!write(FacilitationKind::Observation, stepId, o.atDrillMs, o.author,
               {{QStringLiteral("text"), o.text}}, error))
        return false;
    return m_log.observe(o, error);
}

bool FacilitationRecorder::rate(const QString &stepId, PerformanceRating rating,
                                const QString &note, QString *error)
{
    const std::optional<QString> clean = FacilitatorText::clean(note, error);
    if (!clean)
        return false;
    const StepRating r{stepId, rating, *clean, m_runner.drillNow(), m_facilitator};
    FacilitatorLog check = m_log;
    if (!check.rate(r, error))
        return false;
    if (!m_started) {
        *error = QStringLiteral("the drill has not started");
        return false;
    }
    // A step of the checklist, or a capability the scenario names (their ids never meet).
    const bool capability = m_scenario.capability(stepId) != nullptr;
    if (!capability && !m_runner.checklist().step(stepId)) {
        *error = QStringLiteral("'%1' is neither a step of the checklist nor a capability of "
                                "the scenario")
                     .arg(stepId);
        return false;
    }
    if (!write(FacilitationKind::Rating, stepId, r.atDrillMs, r.author,
               {{QStringLiteral("rating"), FacilitatorLog::letter(rating)},
                {QStringLiteral("note"), r.note},
                {QStringLiteral("of"), capability ? QStringLiteral("capability")
                                                  : QStringLiteral("step")}},
               error))
        return false;
    return m_log.rate(r, error);
}

} // namespace warroom
