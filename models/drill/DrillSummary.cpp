#include "drill/DrillSummary.h"

#include "engine/StepStatus.h"

#include "util/TimeFormat.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace warroom {

namespace {

QJsonValue drillTime(qint64 ms)
{
    return ms < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(formatElapsed(ms));
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// A step the drill never reached did not pass: CI reading `passed` must not count it green. A
// step that failed as the scenario expects passes the drill, and says it failed.
QString stepResult(const DrillStepResult &s)
{
    // Left open with a run's outcome unknown (DrillRunner::runBroke): never "failed", which a
    // reader takes for "it did not happen" when the revert may well have happened.
    if (s.outcomeUnknown)
        return s.failure.isEmpty() ? QStringLiteral("outcome unknown as expected")
                                   : QStringLiteral("outcome unknown");
    if (!s.failure.isEmpty())
        return QStringLiteral("failed");
    if (!s.notReached.isEmpty())
        return QStringLiteral("not reached");
    if (s.state == stepStateName(StepState::Failed))
        return QStringLiteral("failed as expected");
    return QStringLiteral("passed");
}

QJsonArray steps(const DrillResult &r)
{
    QJsonArray out;
    for (const DrillStepResult &s : r.steps) {
        const QString result = stepResult(s);
        out.append(
            QJsonObject{{QStringLiteral("number"), s.number},
                        {QStringLiteral("id"), s.id},
                        {QStringLiteral("title"), s.title},
                        {QStringLiteral("state"), s.state},
                        {QStringLiteral("passed"), s.failure.isEmpty() && s.notReached.isEmpty()},
                        {QStringLiteral("result"), result},
                        {QStringLiteral("started"), drillTime(s.startedDrillMs)},
                        {QStringLiteral("ended"), drillTime(s.endedDrillMs)},
                        {QStringLiteral("wall_seconds"), double(s.wallMs) / 1000.0},
                        {QStringLiteral("failure"), orNull(s.failure)},
                        {QStringLiteral("not_reached"), orNull(s.notReached)},
                        {QStringLiteral("note"), orNull(s.note)}});
    }
    return out;
}

QJsonArray expectations(const DrillResult &r)
{
    QJsonArray out;
    for (const DrillExpectationResult &e : r.expectations) {
        out.append(QJsonObject{{QStringLiteral("id"), e.id},
                               {QStringLiteral("description"), e.description},
                               {QStringLiteral("passed"), e.passed},
                               {QStringLiteral("measured"), e.measured},
                               {QStringLiteral("threshold"), e.threshold},
                               {QStringLiteral("message"), orNull(e.message)}});
    }
    return out;
}

} // namespace

QByteArray DrillSummary::render(const DrillResult &r, qint64 startedUtcMs)
{
    const QJsonObject root{
        {QStringLiteral("summary"), version},
        {QStringLiteral("passed"), r.passed()},
        {QStringLiteral("exit_status"), r.passed() ? 0 : 1},
        {QStringLiteral("outcome"), r.outcome},
        {QStringLiteral("stop_reason"), orNull(r.stopReason)},
        {QStringLiteral("started_utc"),
         QDateTime::fromMSecsSinceEpoch(startedUtcMs, Qt::UTC).toString(Qt::ISODate)},
        {QStringLiteral("scenario"), QJsonObject{{QStringLiteral("id"), r.scenarioId},
                                                 {QStringLiteral("file"), orNull(r.scenarioFile)}}},
        {QStringLiteral("checklist"),
         QJsonObject{{QStringLiteral("id"), r.checklistId},
                     {QStringLiteral("title"), r.checklistTitle},
                     {QStringLiteral("revision"), r.checklistRevision}}},
        {QStringLiteral("incident"), QJsonObject{{QStringLiteral("id"), r.incidentId},
                                                 {QStringLiteral("uuid"), r.incidentUuid},
                                                 {QStringLiteral("database"), r.databasePath}}},
        {QStringLiteral("backend"), r.backend},
        {QStringLiteral("drill_speed"), r.speed},
        {QStringLiteral("wall_seconds"), double(r.wallMs) / 1000.0},
        {QStringLiteral("drill_clock"), formatElapsed(r.drillMs)},
        {QStringLiteral("failures"), r.failures()},
        {QStringLiteral("steps"), steps(r)},
        {QStringLiteral("expectations"), expectations(r)},
        {QStringLiteral("injects"), QJsonArray::fromStringList(r.injects)},
        {QStringLiteral("problems"), QJsonArray::fromStringList(r.problems)},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace warroom
