// Replaying a drill's facilitation record: the same calls the facilitator and the runner made,
// in the order they were written, on a fresh board and log, so what comes back after a restart
// is what was on the screen before it.
#include "facilitation/FacilitationRecord.h"

#include "store/TimelineStore.h"
#include "timeline/ScreenClock.h"

#include <QJsonArray>

namespace warroom {

namespace {

void replayInject(FacilitationRecord &r, const FacilitationEntry &e)
{
    QString error;
    bool ok = true;
    if (e.kind == FacilitationKind::InjectFired) {
        r.board.markFired(e.subject, e.drillMs);
    } else if (e.kind == FacilitationKind::InjectFireNow) {
        ok = r.board.fireNow(e.subject, &error);
    } else if (e.kind == FacilitationKind::InjectSkipped) {
        ok = r.board.skip(e.subject, &error);
    } else if (e.kind == FacilitationKind::InjectDelayed) {
        ok = r.board.delay(e.subject, e.payload.value(QStringLiteral("span_ms")).toInteger(),
                           &error);
    } else if (e.kind == FacilitationKind::InjectUnscheduled) {
        ok = r.board.addUnscheduled(
            FacilitationRecord::injectFromJson(e.payload.value(QStringLiteral("inject")).toObject()),
            &error);
    } else if (e.kind == FacilitationKind::InjectAcknowledged) {
        ok = r.board.acknowledge(e.subject, e.author, e.drillMs, &error);
    } else {
        error = QStringLiteral("unknown kind %1").arg(e.kind);
        ok = false;
    }
    if (!ok)
        r.problems << QStringLiteral("entry %1 (%2 %3): %4").arg(e.seq).arg(e.kind, e.subject, error);
}

void replayLog(FacilitationRecord &r, const FacilitationEntry &e)
{
    QString error;
    bool ok = true;
    if (e.kind == FacilitationKind::Observation) {
        ok = r.log.observe({e.drillMs, e.subject, e.payload.value(QStringLiteral("text")).toString(),
                            e.author},
                           &error);
    } else {
        StepRating rating;
        rating.stepId = e.subject;
        rating.note = e.payload.value(QStringLiteral("note")).toString();
        rating.atDrillMs = e.drillMs;
        rating.author = e.author;
        ok = FacilitatorLog::parse(e.payload.value(QStringLiteral("rating")).toString(),
                                   &rating.rating)
             && r.log.rate(rating, &error);
        if (!ok && error.isEmpty())
            error = QStringLiteral("not a P/S/M/U rating");
    }
    if (!ok)
        r.problems << QStringLiteral("entry %1 (%2 %3): %4").arg(e.seq).arg(e.kind, e.subject, error);
}

} // namespace

FacilitationRecord FacilitationRecord::replay(const FacilitationEntries &entries)
{
    FacilitationRecord r;
    for (const FacilitationEntry &e : entries) {
        if (e.kind == FacilitationKind::DrillStarted) {
            r.started = true;
            r.scenario = scenarioFromJson(e.payload.value(QStringLiteral("scenario")).toObject());
            r.board = InjectBoard(r.scenario.injects);
        } else if (e.kind == FacilitationKind::DrillClock) {
            r.clock = clockFromJson(e.payload);
        } else if (e.kind == FacilitationKind::DrillFinished) {
            r.readFinished(e.payload, e.drillMs);
        } else if (e.kind == FacilitationKind::Observation || e.kind == FacilitationKind::Rating) {
            replayLog(r, e);
        } else {
            replayInject(r, e);
        }
    }
    return r;
}

void FacilitationRecord::readFinished(const QJsonObject &verdict, qint64 drillMs)
{
    outcome = verdict.value(QStringLiteral("outcome")).toString();
    stopReason = verdict.value(QStringLiteral("reason")).toString();
    passed.reset();
    if (const QJsonValue p = verdict.value(QStringLiteral("passed")); p.isBool())
        passed = p.toBool();
    failures.clear();
    for (const QJsonValue line : verdict.value(QStringLiteral("failures")).toArray())
        failures << line.toString();
    endDrillMs = drillMs;
}

void FacilitationRecord::settleEnd(const ScreenClock &screens)
{
    if (!outcome.isEmpty() || !screens.hasEnded())
        return;
    // Where the screens stopped; the runner's own `drill.finished` says the same T+.
    const qint64 at = screens.shownMs(screens.endedAt());
    const QJsonObject &verdict = screens.endVerdict();
    if (!screens.endedWithoutRunner()
        && !verdict.value(QStringLiteral("outcome")).toString().isEmpty()) {
        readFinished(verdict, at);
        return;
    }
    outcome = QString(screens.endedWithoutRunner() ? runnerGoneOutcome : unjudgedEndOutcome);
    endDrillMs = at;
}

TimelineEvents FacilitationRecord::eventsToEnd(const TimelineEvents &events) const
{
    // Cut at the end the timeline records, in real time, where the screens stopped: the drill
    // clock stands still in a pause, so a drill stopped while paused let through everything the
    // room did after it; and a runner that died wrote no `drill.finished`, but a screen that
    // found it gone wrote the end into the timeline.
    // Without an end there (the room closed the incident first, and nothing after a close
    // counts), the record's end on the drill clock.
    const ScreenClock screens = ScreenClock::fromEvents(events);
    if (!screens.hasEnded() && endDrillMs < 0)
        return events;
    TimelineEvents kept;
    for (const TimelineEvent &e : events) {
        if (screens.hasEnded() ? e.elapsedMs <= screens.endedAt()
                               : clock.drillMs(e.elapsedMs) <= endDrillMs)
            kept.append(e);
    }
    return kept;
}

std::optional<FacilitationRecord> FacilitationRecord::load(const TimelineStore &store,
                                                           qint64 incidentId, QString *error)
{
    const auto entries = store.facilitation(incidentId, error);
    if (!entries)
        return std::nullopt;
    return replay(*entries);
}

} // namespace warroom
