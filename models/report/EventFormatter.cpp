#include "report/EventFormatter.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"
#include "util/OneLine.h"
#include "util/TimeFormat.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace warroom {

namespace {

QString reasonOf(const TimelineEvent &e)
{
    return e.payload.value(PayloadKey::Reason).toString();
}

} // namespace

EventFormatter::EventFormatter(const Checklist &checklist, const QMap<QString, QString> &variables)
    : m_checklist(checklist)
    , m_variables(variables)
{}

QString EventFormatter::stepName(const QString &stepId) const
{
    const int i = m_checklist.stepIndex(stepId);
    if (i < 0)
        return QStringLiteral("step '%1'").arg(stepId);
    return QStringLiteral("Step %1 ").arg(i + 1)
           + quoted(expandName(m_checklist.steps.at(i).title, m_variables));
}

QString EventFormatter::itemText(const QString &stepId, const QString &itemId) const
{
    // A run's samples name one item a hundred thousand times in a long check: expanded and
    // quoted once.
    LastItem &last = m_lastItem;
    if (!last.text.isNull() && last.variables.isSharedWith(m_variables) && last.stepId == stepId
        && last.itemId == itemId)
        return last.text;
    const ChecklistStep *s = m_checklist.step(stepId);
    const int i = s ? s->itemIndex(itemId) : -1;
    QString text = i < 0 ? QStringLiteral("item '%1'").arg(itemId)
                         : quoted(expandVariables(s->items.at(i).text, m_variables));
    last = {stepId, itemId, m_variables, text};
    return text;
}

QString EventFormatter::quoted(const QString &text)
{
    QString inner;
    inner.reserve(text.size());
    bool open = false; // straight quotes carry no direction: they alternate
    for (const QChar c : text) {
        if (c == u'"') {
            open = !open;
            inner += open ? QChar(0x2018) : QChar(0x2019);
        } else if (c == QChar(0x201c)) {
            inner += QChar(0x2018);
        } else if (c == QChar(0x201d)) {
            inner += QChar(0x2019);
        } else {
            inner += c;
        }
    }
    return QChar(0x201c) + inner + QChar(0x201d);
}

bool EventFormatter::isOverride(const TimelineEvent &e)
{
    return e.payload.value(PayloadKey::Override).toBool() || e.kind == EventKind::StepSkipped
           || e.kind == EventKind::ItemSkipped
           || (e.kind == EventKind::IncidentClosed
               && e.payload.contains(PayloadKey::OpenSteps));
}

bool EventFormatter::isDrillFault(const TimelineEvent &e)
{
    return e.kind == EventKind::NoteAdded && e.payload.contains(PayloadKey::DrillFault);
}

QString EventFormatter::hiddenFaultText()
{
    return QStringLiteral("Drill facilitator: an inject the room is not told of; shown here when "
                          "the drill ends or the incident closes");
}

bool EventFormatter::faultsShown(IncidentMode mode, const ScreenClock &clock, bool closed)
{
    return mode != IncidentMode::Drill || clock.hasEnded() || closed;
}

QString EventFormatter::describe(const TimelineEvent &e) const
{
    QString whole = describeWhole(e);
    if (whole.size() <= longestShown)
        return whole; // shared, not copied: 100,000 sentences in an export
    return OneLine::shownStart(whole, longestShown, keptWhole);
}

QString EventFormatter::describeWhole(const TimelineEvent &e) const
{
    const QString k = e.kind;
    if (k == EventKind::IncidentDeclared || k == EventKind::IncidentResumed
        || k == EventKind::IncidentClosed)
        return describeIncident(e);
    if (k == EventKind::StepStarted || k == EventKind::StepCompleted || k == EventKind::StepSkipped
        || k == EventKind::StepFailed || k == EventKind::StepReopened)
        return describeStep(e);
    if (k == EventKind::ItemConfirmed)
        return describeConfirmation(e);
    if (k == EventKind::ItemSkipped)
        return QStringLiteral("SKIPPED ") + itemText(e.stepId, e.itemId)
               + QStringLiteral(". Reason: ") + reasonOf(e);
    if (k == EventKind::ItemReverted)
        return QStringLiteral("Undone: ") + itemText(e.stepId, e.itemId)
               + QStringLiteral(" is open again");
    if (k == EventKind::NoteAdded)
        return (e.payload.value(PayloadKey::Private).toBool()
                    ? QStringLiteral("Private note: ")
                    : QStringLiteral("Note: "))
               + e.payload.value(PayloadKey::Text).toString();
    if (isRunEventKind(k))
        return describeRun(e);
    if (isRoomEventKind(k))
        return describeRoom(e);
    return raw(e);
}

QString EventFormatter::describeIncident(const TimelineEvent &e) const
{
    if (e.kind == EventKind::IncidentDeclared) {
        const QJsonObject c = e.payload.value(PayloadKey::Checklist).toObject();
        return QStringLiteral("Incident declared (%1): %2; commander %3; checklist %4 rev %5")
            .arg(e.payload.value(PayloadKey::Mode).toString().toUpper(),
                 e.payload.value(PayloadKey::Title).toString(),
                 e.payload.value(PayloadKey::Commander).toString(),
                 c.value(PayloadKey::Id).toString(),
                 c.value(PayloadKey::Revision).toString());
    }
    if (e.kind == EventKind::IncidentResumed) {
        const std::optional<qint64> opened = reopenedAt(e);
        // "Incident reopened" read as a closed incident opened again: it is warroom that had
        // stopped (a reader of the trouble drill).
        if (!opened)
            return QStringLiteral("warroom opened again after a stop (the incident stayed open)");
        return QStringLiteral("warroom opened again at %1 after a stop (the incident stayed "
                              "open; recorded with the first command)")
            .arg(formatElapsed(m_timeText, *opened));
    }
    if (e.payload.contains(PayloadKey::OpenSteps)) {
        // Named as the checklist shows them: the ids stored are seen nowhere else.
        QStringList steps;
        for (const QJsonValue &id : e.payload.value(PayloadKey::OpenSteps).toArray())
            steps << stepName(id.toString());
        return QStringLiteral("Incident closed with unfinished steps (%1). Reason: %2")
            .arg(steps.join(QStringLiteral(", ")), reasonOf(e));
    }
    return QStringLiteral("Incident closed");
}

std::optional<qint64> EventFormatter::reopenedAt(const TimelineEvent &e)
{
    if (e.kind != EventKind::IncidentResumed)
        return std::nullopt;
    const qint64 opened = e.payload.value(PayloadKey::OpenedMs).toInteger(-1);
    if (opened < 0 || opened >= e.elapsedMs)
        return std::nullopt;
    return opened;
}

QString EventFormatter::describeStep(const TimelineEvent &e) const
{
    const QString k = e.kind;
    const QString reason = reasonOf(e);
    if (k == EventKind::StepStarted) {
        if (e.payload.value(PayloadKey::Override).toBool()) {
            // Named as the checklist shows them: "waiting for reenable" was the step's id.
            QStringList waited;
            for (const QJsonValue &id : e.payload.value(PayloadKey::UnmetDependencies).toArray())
                waited << stepName(id.toString());
            return QStringLiteral("%1 started OUT OF ORDER (waiting for %2). Reason: %3")
                .arg(stepName(e.stepId), waited.join(QStringLiteral(", ")), reason);
        }
        return stepName(e.stepId) + QStringLiteral(" started");
    }
    if (k == EventKind::StepCompleted)
        return stepName(e.stepId) + QStringLiteral(" done");
    if (k == EventKind::StepSkipped)
        return stepName(e.stepId) + QStringLiteral(" SKIPPED. Reason: ") + reason;
    if (k == EventKind::StepFailed)
        return stepName(e.stepId) + QStringLiteral(" FAILED: ") + reason;
    const QString cause = e.payload.value(PayloadKey::Cause).toString();
    if (e.payload.contains(PayloadKey::Reverts))
        return stepName(e.stepId) + QStringLiteral(" skip undone");
    if (cause == ReopenCause::Restart)
        return stepName(e.stepId) + QStringLiteral(" restarted after failure");
    return stepName(e.stepId) + QStringLiteral(" reopened (") + cause + u')';
}

QString EventFormatter::describeConfirmation(const TimelineEvent &e) const
{
    QString text = QStringLiteral("Confirmed ") + itemText(e.stepId, e.itemId);
    const QString value = e.payload.value(PayloadKey::Value).toString();
    if (!value.isEmpty()) {
        const ChecklistStep *s = m_checklist.step(e.stepId);
        const int i = s ? s->itemIndex(e.itemId) : -1;
        const ChoiceOption *o = i >= 0 ? s->items.at(i).option(value) : nullptr;
        text += QStringLiteral(": ") + (o ? expandVariables(o->label, m_variables) : value);
    }
    const bool byHand = e.payload.value(PayloadKey::ByHand).toBool();
    if (byHand)
        text += QStringLiteral(" BY HAND instead of by its run");
    if (e.payload.value(PayloadKey::OutOfOrder).toBool()
        || (e.payload.value(PayloadKey::Override).toBool() && !byHand))
        text += QStringLiteral(" (OUT OF ORDER)");
    if (e.payload.contains(PayloadKey::Run))
        text += QStringLiteral(" by its run");
    const QString reason = reasonOf(e);
    if (!reason.isEmpty())
        text += QStringLiteral(". Reason: ") + reason;
    return text;
}

namespace {

QString accelerated(const QJsonObject &p)
{
    const double scale = p.value(PayloadKey::TimeScale).toDouble(1.0);
    return scale == 1.0 || scale <= 0 ? QString()
                                      : QStringLiteral(" [DRILL AT \u00D7%1 SPEED]")
                                            .arg(QString::number(1.0 / scale, 'g', 3));
}

QString weightOf(const QJsonObject &p)
{
    return QString::number(p.value(PayloadKey::Weight).toDouble());
}

} // namespace

QString EventFormatter::describeRun(const TimelineEvent &e) const
{
    const QJsonObject &p = e.payload;
    const QString k = e.kind;
    const QString item = itemText(e.stepId, e.itemId);
    if (k == EventKind::CheckSampled) // most run events by far: nothing else is read for them
        return item + describeSample(p);
    const QString reason = reasonOf(e);
    const QString outcome = p.value(PayloadKey::Outcome).toString();
    const QString weight = weightOf(p);
    auto withReason = [&](QString text) {
        return reason.isEmpty() ? text : text + QStringLiteral(": ") + reason;
    };
    if (k == EventKind::ActionRequested)
        return item + describeRequest(p, reason);
    if (k == EventKind::ActionResponded)
        return item + describeResponse(p);
    if (k == EventKind::ActionFinished)
        return withReason(item + QStringLiteral(": action ")
                          + (outcome == RunOutcome::Succeeded ? outcome : outcome.toUpper()));
    if (k == EventKind::ActionUnknown)
        return withReason(item + QStringLiteral(": OUTCOME UNKNOWN"));
    if (k == EventKind::CheckStarted)
        return item
               + QStringLiteral(": check started (threshold %1)")
                     .arg(p.value(PayloadKey::Threshold).toString())
               + accelerated(p);
    if (k == EventKind::CheckFinished)
        return withReason(item + QStringLiteral(": check ")
                          + (outcome == RunOutcome::Passed ? outcome : outcome.toUpper()));
    if (k == EventKind::RampStarted) {
        QStringList weights;
        for (const auto &w : p.value(PayloadKey::Weights).toArray())
            weights << QString::number(w.toDouble()) + u'%';
        return item + QStringLiteral(": ramp started, ") + weights.join(QStringLiteral(" \u2192 "))
               + QStringLiteral(", holding %1 s at each")
                     .arg(p.value(PayloadKey::HoldSeconds).toInt())
               + accelerated(p);
    }
    if (k == EventKind::RampStage)
        return p.value(PayloadKey::State).toString() == RampStageState::Held
                   ? item + QStringLiteral(": weight %1% held, checks passing").arg(weight)
                   : item + QStringLiteral(": weight %1% set, holding").arg(weight);
    if (k == EventKind::RampFinished)
        return withReason(item
                          + (outcome == RunOutcome::Completed
                                 ? QStringLiteral(": ramp completed at %1%").arg(weight)
                                 : QStringLiteral(": ramp ") + outcome.toUpper()));
    return raw(e);
}

// What follows the item's name for action.requested.
QString EventFormatter::describeRequest(const QJsonObject &p, const QString &reason)
{
    const QString phase = p.value(PayloadKey::Phase).toString();
    const QString weight = weightOf(p);
    const QJsonObject r = p.value(PayloadKey::Request).toObject();
    const QString request = r.value(PayloadKey::Method).toString() + u' '
                            + r.value(PayloadKey::Url).toString();
    if (phase == RequestPhase::Poll)
        return QStringLiteral(": polling ") + request;
    if (phase == RequestPhase::Weight)
        return QStringLiteral(": setting weight %1%: ").arg(weight) + request;
    if (phase == RequestPhase::Rollback)
        return QStringLiteral(": ROLLING WEIGHT BACK to %1%: ").arg(weight) + request;
    QString text = (p.value(PayloadKey::Resend).toBool()
                        ? QStringLiteral(": RE-SENT with the same key ")
                        : QStringLiteral(": sent "))
                   + request;
    const QString second = p.value(PayloadKey::SecondPerson).toString();
    if (!second.isEmpty())
        text += QStringLiteral(" (second person: %1)").arg(second);
    if (p.value(PayloadKey::Override).toBool())
        text += QStringLiteral(" OUT OF ORDER. Reason: ") + reason;
    return text + accelerated(p);
}

// What follows the item's name for action.responded.
QString EventFormatter::describeResponse(const QJsonObject &p)
{
    const QString error = p.value(PayloadKey::Error).toString();
    QString text = QStringLiteral(": ");
    if (!error.isEmpty())
        text += QStringLiteral("no answer: %1 (curl %2)")
                    .arg(error)
                    .arg(p.value(PayloadKey::CurlCode).toInt());
    else
        text += QStringLiteral("HTTP %1 in %2 ms")
                    .arg(p.value(PayloadKey::Status).toInt())
                    .arg(static_cast<qint64>(p.value(PayloadKey::DurationMs).toDouble()));
    const int attempts = p.value(PayloadKey::Attempts).toInt();
    if (attempts > 1)
        text += QStringLiteral(" after %1 attempts").arg(attempts);
    if (p.contains(PayloadKey::ValueText))
        text += QStringLiteral(", value ") + p.value(PayloadKey::ValueText).toString();
    const QJsonObject extracted = p.value(PayloadKey::Extracted).toObject();
    for (auto it = extracted.begin(); it != extracted.end(); ++it)
        text += QStringLiteral(", %1 = %2").arg(it.key(), it.value().toString());
    if (error.isEmpty() && !p.value(PayloadKey::Accepted).toBool(true))
        text += QStringLiteral(" (NOT ACCEPTED)");
    return text;
}

// What follows the item's name for check.sampled.
QString EventFormatter::describeSample(const QJsonObject &p)
{
    QString text = QStringLiteral(": ");
    const QString label = p.value(PayloadKey::Label).toString();
    if (!label.isEmpty())
        text += label + QStringLiteral(" at %1%: ").arg(weightOf(p));
    const QString error = p.value(PayloadKey::Error).toString();
    if (!error.isEmpty() && !p.contains(PayloadKey::ValueText))
        return text + QStringLiteral("no value: ") + error;
    text += QStringLiteral("measured %1 (threshold %2) ")
                .arg(p.value(PayloadKey::ValueText).toString(),
                     p.value(PayloadKey::Threshold).toString());
    text += p.value(PayloadKey::Passed).toBool() ? QStringLiteral("passing")
                                                      : QStringLiteral("FAILING");
    if (!error.isEmpty())
        text += QStringLiteral(": ") + error;
    return text;
}

// An event this version has no sentence for: its kind and payload, so nothing is hidden.
QString EventFormatter::raw(const TimelineEvent &e)
{
    return e.kind + u' '
           + QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact));
}

} // namespace warroom
