// ChecklistEngine: the people in the room: roles, command handovers, go/no-go polls, and
// items deferred or skipped.

#include "engine/ChecklistEngine.h"

#include "engine/PlanDrafts.h"
#include "timeline/EventVocabulary.h"
#include "util/PersonName.h"

#include <QJsonArray>

#include <algorithm>

namespace warroom {

using planning::draft;
using planning::refuse;

void ChecklistEngine::applyRoomItemEvent(const TimelineEvent &e, int si, int ii)
{
    ItemStatus &item = m_steps[si].items[ii];
    if (e.kind == EventKind::PollStarted) {
        item.poll = PollStatus{e.payload.value(PayloadKey::Round).toInt(item.poll.round + 1), {}};
    } else if (e.kind == EventKind::PollAnswered) {
        const QString answer = e.payload.value(PayloadKey::Answer).toString();
        item.poll.votes << PollVote{e.payload.value(PayloadKey::Role).toString(), e.actor,
                                    answer == PollAnswer::Go,
                                    e.payload.value(PayloadKey::Reason).toString(), e.elapsedMs};
    } else if (e.kind == EventKind::ItemDeferred) {
        item.deferral = Deferral{e.payload.value(PayloadKey::Target).toString(),
                                 e.payload.value(PayloadKey::Reason).toString(), e.actor,
                                 e.elapsedMs, e.seq};
        m_undo.append({e.seq, e.kind, si, ii});
    }
}

void ChecklistEngine::signWithRoles(EnginePlan &plan) const
{
    for (EventDraft &d : plan.drafts) {
        QStringList roles = m_crew.rolesOf(d.actor);
        // Only roles this checklist declares: an incident on a checklist without roles keeps
        // the events it always had.
        roles.removeIf([this](const QString &r) {
            return std::none_of(m_checklist.roles.cbegin(), m_checklist.roles.cend(),
                                [&r](const ChecklistRole &c) { return c.id == r; });
        });
        if (roles.isEmpty())
            continue;
        if (roles != m_signedRoles || !m_signedRolesJson.isArray()) {
            QJsonArray array; // one by one: fromStringList goes through QVariant, 4 times slower
            for (const QString &r : std::as_const(roles))
                array.append(r);
            m_signedRoles = roles;
            m_signedRolesJson = array;
        }
        d.payload.insert(PayloadKey::ActorRoles, m_signedRolesJson);
    }
}

EnginePlan ChecklistEngine::planAssignRole(const QString &roleId, const QString &person,
                                           const QString &fallback, const QString &actor) const
{
    if (m_closed)
        return refuse(QStringLiteral("The incident is closed."));
    if (actor.trimmed().isEmpty())
        return refuse(QStringLiteral("Say who is acting: every change is signed by a name."));
    if (std::none_of(m_checklist.roles.cbegin(), m_checklist.roles.cend(),
                     [&](const ChecklistRole &r) { return r.id == roleId; }))
        return refuse(QStringLiteral("This checklist has no role '%1'.").arg(roleId));
    if (roleId == commanderRoleId)
        return refuse(QStringLiteral("The commander changes by a handover: Incident ▸ Hand over "
                                     "command."));
    const QString p = person.trimmed();
    const QString f = fallback.trimmed();
    if (p.isEmpty() && !f.isEmpty())
        return refuse(QStringLiteral("Name who holds %1 before naming a fallback.")
                          .arg(m_checklist.roleTitle(roleId)));
    const RoleHolder now = m_crew.holders().value(roleId);
    // Only a name being given now: one an older build recorded stays until it is changed.
    for (const auto &[name, before] : {std::pair{p, now.person}, std::pair{f, now.fallback}}) {
        if (name == before)
            continue;
        if (const QString bad = PersonName::refusal(
                QStringLiteral("The name given for %1").arg(m_checklist.roleTitle(roleId)), name);
            !bad.isEmpty())
            return refuse(bad);
    }
    if (!p.isEmpty() && PersonName::same(p, f))
        return refuse(QStringLiteral("The fallback for %1 must be someone else than %2.")
                          .arg(m_checklist.roleTitle(roleId), p));
    if (now.person == p && now.fallback == f)
        return refuse(p.isEmpty() ? QStringLiteral("No one holds %1.").arg(m_checklist.roleTitle(roleId))
                                  : QStringLiteral("%1 already holds %2.")
                                        .arg(p, m_checklist.roleTitle(roleId)));
    QJsonObject payload{{PayloadKey::Role, roleId}, {PayloadKey::Person, p}};
    if (!f.isEmpty())
        payload.insert(PayloadKey::Fallback, f);
    EnginePlan plan;
    plan.drafts << draft(actor, EventKind::RoleAssigned, {}, {}, payload);
    return plan;
}

EnginePlan ChecklistEngine::planHandOver(const QString &newCommander, const QString &acceptedBy,
                                         const QJsonObject &briefing) const
{
    if (m_closed)
        return refuse(QStringLiteral("The incident is closed."));
    const QString to = newCommander.trimmed();
    const QString from = m_crew.commander();
    if (to.isEmpty())
        return refuse(QStringLiteral("Name the new commander."));
    // The commander's own name in another case or with an invisible character in it would
    // hand command to the same person under a name that reads as theirs (PersonName).
    if (PersonName::same(to, from))
        return refuse(QStringLiteral("%1 is already in command.").arg(to));
    if (const QString bad = PersonName::refusal(QStringLiteral("The new commander's name"), to);
        !bad.isEmpty())
        return refuse(bad);
    if (acceptedBy.trimmed() != to)
        return refuse(QStringLiteral("The handover takes effect when %1 accepts it with their "
                                     "own name.")
                          .arg(to));
    QJsonObject brief;
    for (auto it = briefing.begin(); it != briefing.end(); ++it) {
        if (!it.value().toString().trimmed().isEmpty())
            brief.insert(it.key(), it.value().toString().trimmed());
    }
    EnginePlan plan;
    plan.drafts << draft(to, EventKind::CommandHandedOver, {}, {},
                         QJsonObject{{PayloadKey::From, from},
                                     {PayloadKey::To, to},
                                     {PayloadKey::Briefing, brief}});
    return plan;
}

QString ChecklistEngine::deferralTargetRefusal(int si, const QString &target) const
{
    if (target == followUpsTarget)
        return {};
    const int t = m_checklist.stepIndex(target);
    if (t < 0)
        return QStringLiteral("There is no step '%1' to defer to; choose a later step or the "
                              "follow-ups.")
            .arg(target);
    if (t <= si)
        return QStringLiteral("%1 does not come after %2; a deferred item comes back at a later "
                              "step or in the follow-ups.")
            .arg(stepLabel(t), stepLabel(si));
    return {};
}

EnginePlan ChecklistEngine::planDeferItem(const QString &stepId, const QString &itemId,
                                          const QString &target, const QString &actor,
                                          const QString &reason) const
{
    const int step = m_checklist.stepIndex(stepId);
    const int item = step >= 0 ? m_checklist.steps.at(step).itemIndex(itemId) : -1;
    if (item >= 0 && m_steps.at(step).items.at(item).deferral.isActive())
        return refuse(QStringLiteral("'%1' is already deferred to %2.")
                          .arg(expandVariables(m_checklist.steps.at(step).items.at(item).text,
                                               m_textVariables),
                               m_steps.at(step).items.at(item).deferral.target));
    if (reason.trimmed().isEmpty() && item >= 0 && !m_closed)
        return refuse(QStringLiteral("Say why '%1' is deferred; the reason stays with it.")
                          .arg(expandVariables(m_checklist.steps.at(step).items.at(item).text,
                                               m_textVariables)),
                      true);
    int si = -1, ii = -1;
    bool outOfOrder = false;
    EnginePlan plan = planResolveItem(stepId, itemId, actor, reason, true, &si, &ii, &outOfOrder);
    if (!plan.ok())
        return plan;
    if (const QString why = deferralTargetRefusal(si, target); !why.isEmpty())
        return refuse(why);
    plan.drafts << draft(actor, EventKind::ItemDeferred, stepId, itemId,
                         QJsonObject{{PayloadKey::Target, target},
                                     {PayloadKey::Reason, reason.trimmed()}});
    if (isLastOpenItem(si, ii))
        plan.drafts << draft(actor, EventKind::StepCompleted, stepId);
    return plan;
}

QList<ChecklistEngine::ItemRef> ChecklistEngine::openDeferredItems() const
{
    QList<ItemRef> refs;
    for (int s = 0; s < m_steps.size(); ++s) {
        for (int i = 0; i < m_steps.at(s).items.size(); ++i) {
            const ItemStatus &item = m_steps.at(s).items.at(i);
            if (item.state == ItemState::Open && item.deferral.isActive())
                refs << ItemRef{s, i};
        }
    }
    return refs;
}

QList<ChecklistEngine::ItemRef> ChecklistEngine::deferredItemsAt(const QString &target) const
{
    QList<ItemRef> refs = openDeferredItems();
    refs.removeIf([&](const ItemRef &r) {
        return m_steps.at(r.step).items.at(r.item).deferral.target != target;
    });
    return refs;
}

void ChecklistEngine::followCommander(const TimelineEvent &e)
{
    // {{incident.commander}} is whoever holds command now: after a handover the channel's post
    // said "Commander: Ana One" under a header that said Ben Two. A value an action extracted
    // under that name stays laid over it.
    if ((e.kind == EventKind::CommandHandedOver || e.kind == EventKind::IncidentDeclared)
        && !m_extracted.contains(commanderVariable) && !m_crew.commander().isEmpty())
        m_textVariables.insert(QString(commanderVariable), m_crew.commander());
}

EnginePlan ChecklistEngine::planSkipItem(const QString &stepId, const QString &itemId,
                                         const QString &actor, const QString &reason) const
{
    int si = -1, ii = -1;
    bool outOfOrder = false;
    EnginePlan plan = planResolveItem(stepId, itemId, actor, reason, true, &si, &ii, &outOfOrder);
    if (!plan.ok())
        return plan;
    QJsonObject payload{{PayloadKey::Reason, reason.trimmed()}};
    if (outOfOrder)
        payload.insert(PayloadKey::Override, true);
    plan.drafts << draft(actor, EventKind::ItemSkipped, stepId, itemId, payload);
    if (isLastOpenItem(si, ii))
        plan.drafts << draft(actor, EventKind::StepCompleted, stepId);
    return plan;
}

} // namespace warroom
