// ChecklistEngine: go/no-go polls before a committing step or an irreversible action (NASA's
// poll of each position, in a fixed order).

#include "engine/ChecklistEngine.h"

#include "engine/PlanDrafts.h"
#include "timeline/EventVocabulary.h"

#include <QJsonArray>

namespace warroom {

using planning::draft;
using planning::refuse;

QString ChecklistEngine::pollNextRole(int si, int ii) const
{
    const ChecklistItem &def = m_checklist.steps.at(si).items.at(ii);
    const PollStatus &poll = m_steps.at(si).items.at(ii).poll;
    if (poll.noGo())
        return {};
    for (const QString &role : def.poll) {
        if (!poll.hasVoted(role))
            return role;
    }
    return {};
}

QString ChecklistEngine::pollRefusal(int si, int ii) const
{
    const ChecklistItem &def = m_checklist.steps.at(si).items.at(ii);
    if (def.poll.isEmpty())
        return {};
    const PollStatus &poll = m_steps.at(si).items.at(ii).poll;
    const QString text = expandVariables(def.text, m_textVariables);
    if (const PollVote *no = poll.noGo())
        return QStringLiteral("NO-GO from %1 (%2): %3. '%4' waits until a new poll is all GO.")
            .arg(m_checklist.roleTitle(no->role), no->person, no->reason, text);
    const QString next = pollNextRole(si, ii);
    if (next.isEmpty())
        return {};
    QStringList waiting;
    for (const QString &role : def.poll) {
        if (!poll.hasVoted(role))
            waiting << m_checklist.roleTitle(role);
    }
    return QStringLiteral("'%1' waits for its go/no-go poll: %2 still to answer GO.")
        .arg(text, waiting.join(QStringLiteral(", ")));
}

QString ChecklistEngine::pollRefusal(const QString &stepId, const QString &itemId) const
{
    const int si = m_checklist.stepIndex(stepId);
    const int ii = si >= 0 ? m_checklist.steps.at(si).itemIndex(itemId) : -1;
    return ii < 0 ? QString() : pollRefusal(si, ii);
}

EnginePlan ChecklistEngine::planStartPoll(const QString &stepId, const QString &itemId,
                                          const QString &actor) const
{
    if (m_closed)
        return refuse(QStringLiteral("The incident is closed."));
    const int si = m_checklist.stepIndex(stepId);
    const int ii = si >= 0 ? m_checklist.steps.at(si).itemIndex(itemId) : -1;
    if (ii < 0)
        return refuse(QStringLiteral("There is no item '%1/%2' in this checklist.")
                          .arg(stepId, itemId));
    const ChecklistItem &def = m_checklist.steps.at(si).items.at(ii);
    if (def.poll.isEmpty())
        return refuse(QStringLiteral("'%1' has no go/no-go poll.")
                          .arg(expandVariables(def.text, m_textVariables)));
    if (m_steps.at(si).items.at(ii).state != ItemState::Open)
        return refuse(QStringLiteral("'%1' is already resolved; there is nothing to poll for.")
                          .arg(expandVariables(def.text, m_textVariables)));
    const int round = m_steps.at(si).items.at(ii).poll.round + 1;
    EnginePlan plan;
    plan.drafts << draft(actor, EventKind::PollStarted, stepId, itemId,
                         QJsonObject{{PayloadKey::Round, round},
                                     {PayloadKey::Roles, QJsonArray::fromStringList(def.poll)}});
    return plan;
}

EnginePlan ChecklistEngine::planAnswerPoll(const QString &stepId, const QString &itemId,
                                           const QString &roleId, bool go, const QString &actor,
                                           const QString &reason) const
{
    EnginePlan plan = planStartPoll(stepId, itemId, actor);
    if (!plan.ok())
        return plan;
    const int si = m_checklist.stepIndex(stepId);
    const int ii = m_checklist.steps.at(si).itemIndex(itemId);
    const ChecklistItem &def = m_checklist.steps.at(si).items.at(ii);
    const PollStatus &poll = m_steps.at(si).items.at(ii).poll;
    const QString title = m_checklist.roleTitle(roleId);
    if (!def.poll.contains(roleId))
        return refuse(QStringLiteral("%1 is not polled for '%2'.")
                          .arg(title, expandVariables(def.text, m_textVariables)));
    const QString holder = m_crew.personFor(roleId);
    if (holder.isEmpty())
        return refuse(QStringLiteral("No one holds %1 yet: assign the role first (Incident ▸ "
                                     "Roles and people).")
                          .arg(title));
    if (!m_crew.mayActFor(roleId, actor))
        return refuse(QStringLiteral("Only %1, who holds %2, can answer for it (you are acting "
                                     "as %3).")
                          .arg(holder, title, actor.isEmpty() ? QStringLiteral("no one") : actor));
    // The first answer opens round 1 (the plan from planStartPoll); a later round is opened by a
    // re-poll, once a NO-GO's concern is resolved.
    if (poll.round > 0) {
        plan.drafts.clear();
        if (const PollVote *no = poll.noGo())
            return refuse(QStringLiteral("%1 said NO-GO (%2): start a new poll once the concern "
                                         "is resolved.")
                              .arg(m_checklist.roleTitle(no->role), no->reason));
        if (poll.hasVoted(roleId))
            return refuse(QStringLiteral("%1 has already answered in this poll.").arg(title));
        const QString next = pollNextRole(si, ii);
        if (next != roleId)
            return refuse(QStringLiteral("The poll goes in order: %1 answers before %2.")
                              .arg(m_checklist.roleTitle(next), title));
    } else if (def.poll.constFirst() != roleId) {
        return refuse(QStringLiteral("The poll goes in order: %1 answers first.")
                          .arg(m_checklist.roleTitle(def.poll.constFirst())));
    }
    if (!go && reason.trimmed().isEmpty())
        return refuse(QStringLiteral("Say why %1 is NO-GO; the concern stays in the timeline.")
                          .arg(title),
                      true);
    QJsonObject payload{{PayloadKey::Role, roleId},
                        {PayloadKey::Answer, go ? PollAnswer::Go : PollAnswer::NoGo}};
    if (!reason.trimmed().isEmpty())
        payload.insert(PayloadKey::Reason, reason.trimmed());
    plan.drafts << draft(actor, EventKind::PollAnswered, stepId, itemId, payload);
    return plan;
}

} // namespace warroom
