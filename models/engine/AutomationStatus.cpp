#include "engine/AutomationStatus.h"

#include "timeline/EventVocabulary.h"
#include "timeline/TimelineEvent.h"

#include <algorithm>

namespace warroom {

QString AutomationStatus::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Idle:
        return QStringLiteral("not run");
    case Phase::Running:
        return QStringLiteral("running");
    case Phase::Succeeded:
        return RunOutcome::Succeeded;
    case Phase::Failed:
        return RunOutcome::Failed;
    case Phase::Unknown:
        return QStringLiteral("outcome unknown");
    }
    return {};
}

void AutomationStatus::apply(const TimelineEvent &e)
{
    // A check sampled while its value holds writes the same payload again and again, and a read
    // shares such texts: applied right after the sample it repeats, such a sample changes only
    // the counts and times (everything below would set the rest to what it already is). Most of
    // a long check's events are these, and reading their payloads was most of a fold.
    if (!m_lastSampleText.isEmpty() && e.payloadText.isSharedWith(m_lastSampleText)
        && e.kind == EventKind::CheckSampled) {
        repeatSample(e.elapsedMs);
        return;
    }
    const QJsonObject &p = e.payload;
    const QString eventRun = p.value(PayloadKey::Run).toString();
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
        request = p.value(PayloadKey::Request).toObject();
        requestPhase = p.value(PayloadKey::Phase).toString();
        requestOpen = true;
        ++requests;
    } else if (kind == EventKind::ActionResponded) {
        applyResponse(e);
    } else if (kind == EventKind::CheckSampled) {
        applySample(e);
    } else if (kind == EventKind::RampStage) {
        if (p.value(PayloadKey::State).toString() == RampStageState::Held)
            ++stagesHeld;
    } else if (endsRun(kind)) {
        phase = endsRunInSuccess(kind, p) ? Phase::Succeeded : Phase::Failed;
        reason = p.value(PayloadKey::Reason).toString();
        halted = p.value(PayloadKey::Outcome).toString() == RunOutcome::Halted;
    } else if (kind == EventKind::ActionUnknown) {
        phase = Phase::Unknown;
        requestOpen = false;
        reason = p.value(PayloadKey::Reason).toString();
    }
    m_lastSampleText = kind == EventKind::CheckSampled ? e.payloadText : QByteArray();
}

void AutomationStatus::applyResponse(const TimelineEvent &e)
{
    const QJsonObject &p = e.payload;
    requestOpen = false;
    lastResultElapsedMs = e.elapsedMs;
    const QString error = p.value(PayloadKey::Error).toString();
    const int status = p.value(PayloadKey::Status).toInt();
    const auto ms = static_cast<qint64>(p.value(PayloadKey::DurationMs).toDouble());
    lastResult = error.isEmpty() ? QStringLiteral("HTTP %1 in %2 ms").arg(status).arg(ms) : error;
    lastCurlCode = error.isEmpty() ? 0 : p.value(PayloadKey::CurlCode).toInt();
    if (p.contains(PayloadKey::ValueText))
        polledValue = p.value(PayloadKey::ValueText).toString();
    if (p.contains(PayloadKey::Progress))
        progress = p.value(PayloadKey::Progress).toDouble();
    if (p.contains(PayloadKey::Weight) && error.isEmpty() && p.value(PayloadKey::Accepted).toBool())
        weight = p.value(PayloadKey::Weight).toDouble();
}

void AutomationStatus::repeatSample(qint64 elapsedMs)
{
    sampleElapsedMs = elapsedMs;
    passingInARow = samplePassed ? passingInARow + 1 : 0;
    ++samples;
    if (sampleLabel.isEmpty())
        return;
    for (Reading &r : readings) {
        if (r.label == sampleLabel)
            r.elapsedMs = elapsedMs;
    }
}

void AutomationStatus::applySample(const TimelineEvent &e)
{
    const QJsonObject &p = e.payload;
    hasSample = true;
    sampleLabel = p.value(PayloadKey::Label).toString();
    valueText = p.value(PayloadKey::ValueText).toString();
    threshold = p.value(PayloadKey::Threshold).toString();
    samplePassed = p.value(PayloadKey::Passed).toBool();
    sampleError = p.value(PayloadKey::Error).toString();
    lastCurlCode = sampleError.isEmpty() ? 0 : p.value(PayloadKey::CurlCode).toInt();
    sampleElapsedMs = e.elapsedMs;
    passingInARow = samplePassed ? passingInARow + 1 : 0;
    ++samples;
    if (!sampleLabel.isEmpty()) {
        const Reading reading{sampleLabel, valueText.isEmpty() ? sampleError : valueText,
                              threshold,   samplePassed,
                              e.elapsedMs, p.value(PayloadKey::Weight).toDouble(-1)};
        const auto it = std::find_if(readings.begin(), readings.end(),
                                     [&](const Reading &r) { return r.label == sampleLabel; });
        if (it == readings.end())
            readings.append(reading);
        else
            *it = reading;
    }
}

} // namespace warroom
