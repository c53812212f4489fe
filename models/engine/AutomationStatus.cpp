#include "engine/AutomationStatus.h"

#include "timeline/TimelineEvent.h"

#include <algorithm>

namespace warroom {

bool isRunEventKind(const QString &kind)
{
    return kind.startsWith(QLatin1String("action.")) || kind.startsWith(QLatin1String("check."))
           || kind.startsWith(QLatin1String("ramp."));
}

bool startsRun(const QString &kind, const QJsonObject &payload)
{
    return kind == EventKind::CheckStarted || kind == EventKind::RampStarted
           || (kind == EventKind::ActionRequested
               && payload.value(QLatin1String("phase")).toString() == QLatin1String("send"));
}

bool endsRun(const QString &kind)
{
    return kind == EventKind::ActionFinished || kind == EventKind::CheckFinished
           || kind == EventKind::RampFinished;
}

bool endsRunInSuccess(const QString &kind, const QJsonObject &payload)
{
    const QString outcome = payload.value(QLatin1String("outcome")).toString();
    return (kind == EventKind::ActionFinished && outcome == QLatin1String("succeeded"))
           || (kind == EventKind::CheckFinished && outcome == QLatin1String("passed"))
           || (kind == EventKind::RampFinished && outcome == QLatin1String("completed"));
}

QString AutomationStatus::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Idle:
        return QStringLiteral("not run");
    case Phase::Running:
        return QStringLiteral("running");
    case Phase::Succeeded:
        return QStringLiteral("succeeded");
    case Phase::Failed:
        return QStringLiteral("failed");
    case Phase::Unknown:
        return QStringLiteral("outcome unknown");
    }
    return {};
}

void AutomationStatus::apply(const TimelineEvent &e)
{
    const QJsonObject &p = e.payload;
    const QString eventRun = p.value(QLatin1String("run")).toString();
    const QString kind = e.kind;
    if (startsRun(kind, p)) {
        if (eventRun != runId) {
            const int count = runCount + 1;
            *this = AutomationStatus{};
            runId = eventRun;
            runCount = count;
        }
        phase = Phase::Running;
        reason.clear();
    }
    if (kind == EventKind::ActionRequested) {
        request = p.value(QLatin1String("request")).toObject();
        requestPhase = p.value(QLatin1String("phase")).toString();
        requestOpen = true;
        ++requests;
    } else if (kind == EventKind::ActionResponded) {
        requestOpen = false;
        lastResultElapsedMs = e.elapsedMs;
        const QString error = p.value(QLatin1String("error")).toString();
        const int status = p.value(QLatin1String("status")).toInt();
        const auto ms = static_cast<qint64>(p.value(QLatin1String("duration_ms")).toDouble());
        lastResult
            = error.isEmpty() ? QStringLiteral("HTTP %1 in %2 ms").arg(status).arg(ms) : error;
        if (p.contains(QLatin1String("value_text")))
            polledValue = p.value(QLatin1String("value_text")).toString();
        if (p.contains(QLatin1String("weight")) && error.isEmpty()
            && p.value(QLatin1String("accepted")).toBool())
            weight = p.value(QLatin1String("weight")).toDouble();
    } else if (kind == EventKind::CheckSampled) {
        hasSample = true;
        sampleLabel = p.value(QLatin1String("label")).toString();
        valueText = p.value(QLatin1String("value_text")).toString();
        threshold = p.value(QLatin1String("threshold")).toString();
        samplePassed = p.value(QLatin1String("passed")).toBool();
        sampleError = p.value(QLatin1String("error")).toString();
        sampleElapsedMs = e.elapsedMs;
        passingInARow = samplePassed ? passingInARow + 1 : 0;
        ++samples;
        if (!sampleLabel.isEmpty()) {
            const Reading reading{sampleLabel, valueText.isEmpty() ? sampleError : valueText,
                                  threshold, samplePassed, e.elapsedMs};
            const auto it = std::find_if(readings.begin(), readings.end(),
                                         [&](const Reading &r) { return r.label == sampleLabel; });
            if (it == readings.end())
                readings.append(reading);
            else
                *it = reading;
        }
    } else if (kind == EventKind::RampStage) {
        if (p.value(QLatin1String("state")).toString() == QLatin1String("held"))
            ++stagesHeld;
    } else if (endsRun(kind)) {
        phase = endsRunInSuccess(kind, p) ? Phase::Succeeded : Phase::Failed;
        reason = p.value(QLatin1String("reason")).toString();
        halted = p.value(QLatin1String("outcome")).toString() == QLatin1String("halted");
    } else if (kind == EventKind::ActionUnknown) {
        phase = Phase::Unknown;
        requestOpen = false;
        reason = p.value(QLatin1String("reason")).toString();
    }
}

} // namespace warroom
