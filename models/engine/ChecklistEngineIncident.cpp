// ChecklistEngine: events of the incident as a whole: its declaration, resumption, notes and close.

#include "engine/ChecklistEngine.h"

#include "engine/PlanDrafts.h"
#include "engine/StepsLeft.h"
#include "timeline/EventVocabulary.h"
#include "util/OneLine.h"

#include <QJsonArray>

namespace warroom {

using planning::draft;
using planning::refuse;

EventDraft ChecklistEngine::declarationDraft(const IncidentRecord &incident)
{
    QJsonObject vars;
    for (auto it = incident.variables.cbegin(); it != incident.variables.cend(); ++it)
        vars.insert(it.key(), it.value());
    const QJsonObject payload{
        {PayloadKey::Title, incident.title},
        {PayloadKey::Commander, incident.commander},
        {PayloadKey::Mode, incidentModeName(incident.mode)},
        {PayloadKey::Uuid, incident.uuid},
        {PayloadKey::Checklist,
         QJsonObject{{PayloadKey::Id, incident.checklistId},
                     {PayloadKey::Revision, incident.checklistRevision},
                     {PayloadKey::Sha256, QString::fromLatin1(incident.checklistSha256)}}},
        {PayloadKey::Variables, vars},
    };
    return draft(incident.commander, EventKind::IncidentDeclared, {}, {}, payload);
}

EnginePlan ChecklistEngine::planResume(const QString &actor) const
{
    EnginePlan plan;
    plan.drafts << draft(actor, EventKind::IncidentResumed);
    plan.drafts += planInterruptedRuns(actor).drafts;
    return plan;
}

EnginePlan ChecklistEngine::planNote(const QString &actor, const QString &text,
                                     bool isPrivate) const
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return refuse(QStringLiteral("The note is empty."));
    constexpr qsizetype maxNote = 10000;
    if (t.size() > maxNote)
        return refuse(
            QStringLiteral("The note is longer than %1 characters; split it.").arg(maxNote));
    if (m_closed)
        return refuse(QStringLiteral("The incident is closed."));
    // Lines and tabs are a note's own; an ESC from `warroom note "$(cat log)"` drove the terminal
    // of whoever printed the timeline, and went raw into the Markdown and HTML postmortems.
    if (const auto bad = OneLine::firstControl(t, u"\n\t"))
        return refuse(QStringLiteral("The note has a control character (%1) at character %2: "
                                     "write it as plain text.")
                          .arg(OneLine::codePoint(bad->code))
                          .arg(bad->at));
    QJsonObject payload; // inserted by its Latin-1 key: the initializer list made a QString of it
    payload.insert(PayloadKey::Text, t);
    if (isPrivate)
        payload.insert(PayloadKey::Private, true);
    EnginePlan plan;
    plan.drafts << draft(actor, EventKind::NoteAdded, {}, {}, payload);
    return plan;
}

EnginePlan ChecklistEngine::planClose(const QString &actor, const QString &reason) const
{
    if (m_closed)
        return refuse(QStringLiteral("The incident is already closed."));
    QStringList open;
    QStringList shown; // as the checklist shows them; the ids are seen nowhere else
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps.at(i).state != StepState::Done && m_steps.at(i).state != StepState::Skipped) {
            open << m_checklist.steps.at(i).id;
            shown << stepLabel(i);
        }
    }
    QJsonObject payload;
    if (!open.isEmpty()) {
        if (reason.trimmed().isEmpty()) {
            // Counted as the closing summary and the walls will count them, so that a step
            // whose request went unanswered is named before the close, not only after it.
            return refuse(QStringLiteral("%1 (%2). Give a reason to close anyway.")
                              .arg(StepsLeft::of(*this).text(), shown.join(QStringLiteral("; "))),
                          true);
        }
        payload.insert(PayloadKey::OpenSteps, QJsonArray::fromStringList(open));
        payload.insert(PayloadKey::Reason, reason.trimmed());
    }
    EnginePlan plan;
    plan.drafts << draft(actor, EventKind::IncidentClosed, {}, {}, payload);
    return plan;
}

} // namespace warroom
