#include "EventFormatter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace warroom {

namespace {

QString reasonOf(const TimelineEvent &e)
{
    return e.payload.value(QLatin1String("reason")).toString();
}

QString joinArray(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray a = v.toArray();
    for (const auto &x : a)
        out << x.toString();
    return out.join(QStringLiteral(", "));
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
    return QStringLiteral("Step %1 \u201c%2\u201d")
        .arg(i + 1)
        .arg(expandVariables(m_checklist.steps.at(i).title, m_variables));
}

QString EventFormatter::itemText(const QString &stepId, const QString &itemId) const
{
    const ChecklistStep *s = m_checklist.step(stepId);
    const int i = s ? s->itemIndex(itemId) : -1;
    if (i < 0)
        return QStringLiteral("item '%1'").arg(itemId);
    return QStringLiteral("\u201c%1\u201d").arg(expandVariables(s->items.at(i).text, m_variables));
}

bool EventFormatter::isOverride(const TimelineEvent &e)
{
    return e.payload.value(QLatin1String("override")).toBool() || e.kind == EventKind::StepSkipped
           || e.kind == EventKind::ItemSkipped
           || (e.kind == EventKind::IncidentClosed
               && e.payload.contains(QLatin1String("open_steps")));
}

QString EventFormatter::describe(const TimelineEvent &e) const
{
    const QString reason = reasonOf(e);
    const QString k = e.kind;
    if (k == EventKind::IncidentDeclared) {
        const QJsonObject c = e.payload.value(QLatin1String("checklist")).toObject();
        return QStringLiteral("Incident declared (%1): %2; commander %3; checklist %4 rev %5")
            .arg(e.payload.value(QLatin1String("mode")).toString().toUpper(),
                 e.payload.value(QLatin1String("title")).toString(),
                 e.payload.value(QLatin1String("commander")).toString(),
                 c.value(QLatin1String("id")).toString(),
                 c.value(QLatin1String("revision")).toString());
    }
    if (k == EventKind::IncidentResumed)
        return QStringLiteral("Incident reopened in warroom");
    if (k == EventKind::IncidentClosed) {
        if (e.payload.contains(QLatin1String("open_steps")))
            return QStringLiteral("Incident closed with unfinished steps (%1). Reason: %2")
                .arg(joinArray(e.payload.value(QLatin1String("open_steps"))), reason);
        return QStringLiteral("Incident closed");
    }
    if (k == EventKind::StepStarted) {
        if (e.payload.value(QLatin1String("override")).toBool())
            return QStringLiteral("%1 started OUT OF ORDER (waiting for %2). Reason: %3")
                .arg(stepName(e.stepId),
                     joinArray(e.payload.value(QLatin1String("unmet_dependencies"))), reason);
        return stepName(e.stepId) + QStringLiteral(" started");
    }
    if (k == EventKind::StepCompleted)
        return stepName(e.stepId) + QStringLiteral(" done");
    if (k == EventKind::StepSkipped)
        return stepName(e.stepId) + QStringLiteral(" SKIPPED. Reason: ") + reason;
    if (k == EventKind::StepFailed)
        return stepName(e.stepId) + QStringLiteral(" FAILED: ") + reason;
    if (k == EventKind::StepReopened) {
        const QString cause = e.payload.value(QLatin1String("cause")).toString();
        if (e.payload.contains(QLatin1String("reverts")))
            return stepName(e.stepId) + QStringLiteral(" skip undone");
        if (cause == QLatin1String("restart"))
            return stepName(e.stepId) + QStringLiteral(" restarted after failure");
        return stepName(e.stepId) + QStringLiteral(" reopened (") + cause + u')';
    }
    if (k == EventKind::ItemConfirmed) {
        QString text = QStringLiteral("Confirmed ") + itemText(e.stepId, e.itemId);
        const QString value = e.payload.value(QLatin1String("value")).toString();
        if (!value.isEmpty()) {
            const ChecklistStep *s = m_checklist.step(e.stepId);
            const int i = s ? s->itemIndex(e.itemId) : -1;
            const ChoiceOption *o = i >= 0 ? s->items.at(i).option(value) : nullptr;
            text += QStringLiteral(": ") + (o ? expandVariables(o->label, m_variables) : value);
        }
        if (e.payload.value(QLatin1String("override")).toBool())
            text += QStringLiteral(" (OUT OF ORDER)");
        if (!reason.isEmpty())
            text += QStringLiteral(". Reason: ") + reason;
        return text;
    }
    if (k == EventKind::ItemSkipped)
        return QStringLiteral("SKIPPED ") + itemText(e.stepId, e.itemId)
               + QStringLiteral(". Reason: ") + reason;
    if (k == EventKind::ItemReverted)
        return QStringLiteral("Undone: ") + itemText(e.stepId, e.itemId)
               + QStringLiteral(" is open again");
    if (k == EventKind::NoteAdded)
        return (e.payload.value(QLatin1String("private")).toBool()
                    ? QStringLiteral("Private note: ")
                    : QStringLiteral("Note: "))
               + e.payload.value(QLatin1String("text")).toString();
    return k + u' ' + QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact));
}

} // namespace warroom
