#include "history/IncidentFacts.h"

#include "report/PostmortemReport.h"
#include "timeline/DrillDeclaration.h"
#include "timeline/EventVocabulary.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace warroom {

namespace {

// The keys a declaration carries when the declare dialog was told when the impact began and when
// it was detected.
constexpr QLatin1StringView impactStartedKey{"impact_started_at"};
constexpr QLatin1StringView detectedKey{"detected_at"};

// The declare dialog writes these times as formatUtc does ("2026-11-30 01:20:00Z").
std::optional<qint64> utcOf(const QString &text)
{
    if (!text.endsWith(u'Z'))
        return std::nullopt;
    QDateTime at = QDateTime::fromString(text.chopped(1), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!at.isValid())
        return std::nullopt;
    at.setTimeZone(QTimeZone::utc());
    return at.toMSecsSinceEpoch();
}

// The rollback class is the answer to the checklist's choice item with id "class" (the shipped
// checklist's "Rollback class"); the report lists decisions by their question, the item's text.
QString chosenClass(const PostmortemReport &r)
{
    for (const ChecklistStep &step : r.checklist.steps) {
        for (const ChecklistItem &item : step.items) {
            if (item.kind != ItemKind::Choice || item.id != QLatin1String("class"))
                continue;
            for (const auto &d : r.decisions) {
                if (d.question == item.text)
                    return d.answer;
            }
        }
    }
    return {};
}

} // namespace

double IncidentFacts::speedOf(const TimelineEvents &events)
{
    double speed = 1.0;
    for (const TimelineEvent &e : events) {
        if (e.kind == EventKind::IncidentDeclared)
            speed = std::max(speed, e.payload.value(DrillDeclaration::speedKey).toDouble(1.0));
        const double scale = e.payload.value(PayloadKey::TimeScale).toDouble(1.0);
        if (scale > 0 && scale < 1.0)
            speed = std::max(speed, 1.0 / scale);
    }
    return speed;
}

bool IncidentFacts::scriptedOf(const TimelineEvents &events)
{
    for (const TimelineEvent &e : events) {
        if (e.kind == EventKind::IncidentDeclared)
            return e.payload.value(DrillDeclaration::playersKey).toString()
                   == DrillDeclaration::scriptedPlayers;
    }
    return false;
}

std::optional<qint64> IncidentFacts::timeToDetectOf(const TimelineEvents &events)
{
    for (const TimelineEvent &e : events) {
        if (e.kind != EventKind::IncidentDeclared)
            continue;
        const auto impact = utcOf(e.payload.value(impactStartedKey).toString());
        const auto detected = utcOf(e.payload.value(detectedKey).toString());
        if (impact && detected && *detected >= *impact)
            return *detected - *impact;
        return std::nullopt;
    }
    return std::nullopt;
}

IncidentFacts IncidentFacts::fromReport(const PostmortemReport &r)
{
    IncidentFacts f;
    f.id = r.incident.id;
    f.title = r.incident.title;
    f.commander = r.incident.commander;
    f.mode = r.incident.mode;
    f.declaredUtcMs = r.incident.declaredUtcMs;
    f.checklistId = r.incident.checklistId;
    f.checklistRevision = r.incident.checklistRevision;
    f.checklistSha256 = r.incident.checklistSha256;
    f.closed = r.closed;
    f.speed = speedOf(r.events);
    f.scripted = f.isDrill() && scriptedOf(r.events);
    f.timeToDetectMs = timeToDetectOf(r.events);
    for (const PostmortemReport::StepRow &s : r.steps) {
        if (s.state == QLatin1String("done") && s.startedMs >= 0 && s.endedMs >= s.startedMs)
            f.stepMs.insert(s.id, s.endedMs - s.startedMs);
    }
    if (r.rollbackStartMs && r.rollbackCompleteMs)
        f.triggerToHealthyMs = *r.rollbackCompleteMs - *r.rollbackStartMs;
    f.rollbackClass = chosenClass(r);
    for (const PostmortemReport::RunRow &run : r.runs) {
        if (run.kind == QLatin1String("action"))
            continue;
        if (run.byHand)
            ++f.checksByHand;
        else if (run.outcome == QLatin1String("confirmed by its run"))
            ++f.checksByRun;
    }
    for (const ChecklistMilestone &m : r.checklist.milestones) {
        if (m.id != QLatin1String("rollback-start"))
            continue;
        for (const PostmortemReport::StepRow &s : r.steps) {
            if (s.id == m.stepId)
                f.executors = s.confirmedBy;
        }
    }
    return f;
}

} // namespace warroom
