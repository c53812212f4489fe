// AutomationRunner: checks. A check samples a measured value (a probe's JSON or a Prometheus
// query) until enough samples pass in a row, or fails when its deadline passes.

#include "automation/AutomationRunner.h"

#include "automation/ActiveRun.h"
#include "automation/ConditionEvaluation.h"
#include "http/HttpEngine.h"
#include "timeline/EventVocabulary.h"
#include "util/JsonText.h"

namespace warroom {

CommandResult AutomationRunner::startCheck(ActiveRun &run, QJsonObject payload,
                                           const QString &reason)
{
    const CheckSpec &check = run.def.check;
    payload.insert(PayloadKey::Threshold,
                   expandVariables(check.thresholdText(), m_session.textVariables()));
    payload.insert(PayloadKey::Source, check.source == CheckSpec::Source::Prometheus
                                           ? CheckSource::Prometheus
                                           : CheckSource::Probe);
    payload.insert(PayloadKey::DeadlineSeconds, check.deadlineSeconds);
    const CommandResult started = recordStart(run, payload, reason);
    if (!started.ok())
        return started;
    run.deadline = QDeadlineTimer(scaled(check.deadlineSeconds));
    sampleCheck(run.id);
    return {};
}

void AutomationRunner::measure(ActiveRun &run, const CheckSpec &check,
                               std::function<void(bool, const QJsonObject &)> done)
{
    const QMap<QString, QString> vars = m_session.textVariables();
    const RequestTemplate t = RequestBuilder::checkRequest(check, vars);
    QJsonObject sample{{PayloadKey::Threshold, expandVariables(check.thresholdText(), vars)}};
    if (!check.label.isEmpty())
        sample.insert(PayloadKey::Label, check.label);
    const BuiltRequest built = build(t, vars);
    if (!built.ok()) {
        sample.insert(PayloadKey::Error, built.error);
        sample.insert(PayloadKey::Passed, false);
        done(false, sample);
        return;
    }
    sample.insert(PayloadKey::Url, built.record.value(PayloadKey::Url));
    if (check.source == CheckSpec::Source::Prometheus)
        sample.insert(PayloadKey::Query, expandVariables(check.query, vars));
    send(run, built, [this, check, sample, done](const HttpResult &r) mutable {
        sample.insert(PayloadKey::Status, r.status);
        sample.insert(PayloadKey::DurationMs, r.durationMs);
        QString error;
        QJsonValue measured(QJsonValue::Undefined);
        if (!r.error.isEmpty()) {
            error = r.error;
            sample.insert(PayloadKey::CurlCode, r.curlCode);
        } else if (r.status < 200 || r.status >= 300) {
            error = QStringLiteral("HTTP %1: %2")
                        .arg(r.status)
                        .arg(QString::fromUtf8(r.body.left(200)).simplified());
        } else if (check.source == CheckSpec::Source::Prometheus) {
            prometheusSample(r.body, &measured, &error);
        } else {
            const QJsonValue doc = parseJsonValue(r.body);
            if (doc.isUndefined())
                error = QStringLiteral("the answer is not JSON");
            else
                measured = jsonAtPointer(doc, check.condition.pointer);
        }
        bool passed = false;
        if (error.isEmpty()) {
            const Evaluation e
                = evaluateCondition(check.condition, measured, m_session.textVariables());
            passed = e.passed;
            sample.insert(PayloadKey::ValueText, e.valueText);
            if (!e.value.isUndefined())
                sample.insert(PayloadKey::Value, e.value);
            error = e.error;
        }
        if (!error.isEmpty())
            sample.insert(PayloadKey::Error, error);
        sample.insert(PayloadKey::Passed, passed);
        done(passed, sample);
    });
}

void AutomationRunner::sampleCheck(const QString &runId)
{
    ActiveRun *run = find(runId);
    if (!run)
        return;
    measure(*run, run->def.check, [this, runId](bool, const QJsonObject &sample) {
        ActiveRun *r = find(runId);
        if (!r || !record(*r, EventKind::CheckSampled, sample))
            return;
        const CheckSpec &c = r->def.check;
        // How many passed in a row is the timeline's to say, folded into the item's
        // AutomationStatus.
        const int passingInARow
            = m_session.engine().itemStatus(r->stepId, r->itemId)->automation.passingInARow;
        if (passingInARow >= c.consecutive) {
            finishRun(*r, EventKind::CheckFinished,
                      {{PayloadKey::Outcome, RunOutcome::Passed},
                       {PayloadKey::ValueText, sample.value(PayloadKey::ValueText)}});
            return;
        }
        if (r->deadline.hasExpired()) {
            const QString last = sample.contains(PayloadKey::Error)
                                     ? sample.value(PayloadKey::Error).toString()
                                     : QStringLiteral("last value %1, threshold %2")
                                           .arg(sample.value(PayloadKey::ValueText).toString(),
                                                sample.value(PayloadKey::Threshold).toString());
            finishRun(*r, EventKind::CheckFinished,
                      {{PayloadKey::Outcome, RunOutcome::Failed},
                       {PayloadKey::Reason, QStringLiteral("did not pass within %1 s (%2)")
                                                .arg(c.deadlineSeconds)
                                                .arg(last)}});
            return;
        }
        after(*r, scaled(c.everySeconds), [this, runId] { sampleCheck(runId); });
    });
}

} // namespace warroom
