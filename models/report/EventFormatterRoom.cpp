// EventFormatter: the sentences of the people in the room.

#include "report/EventFormatter.h"

#include "timeline/EventVocabulary.h"

#include <QJsonArray>

namespace warroom {

QString EventFormatter::describeRoom(const TimelineEvent &e) const
{
    const QJsonObject &p = e.payload;
    const QString k = e.kind;
    const QString role = m_checklist.roleTitle(p.value(PayloadKey::Role).toString());
    if (k == EventKind::RoleAssigned) {
        const QString person = p.value(PayloadKey::Person).toString();
        if (person.isEmpty())
            return role + QStringLiteral(" unassigned");
        const QString fallback = p.value(PayloadKey::Fallback).toString();
        return QStringLiteral("%1 holds %2").arg(person, role)
               + (fallback.isEmpty() ? QString() : QStringLiteral(" (fallback %1)").arg(fallback));
    }
    if (k == EventKind::CommandHandedOver) {
        const QJsonObject b = p.value(PayloadKey::Briefing).toObject();
        QString text = QStringLiteral("COMMAND HANDED OVER from %1 to %2, who accepted")
                           .arg(p.value(PayloadKey::From).toString(),
                                p.value(PayloadKey::To).toString());
        const QString situation = b.value(PayloadKey::Situation).toString();
        if (!situation.isEmpty())
            text += QStringLiteral(". Situation: ") + situation.section(u'\n', 0, 0);
        return text;
    }
    const QString item = itemText(e.stepId, e.itemId);
    if (k == EventKind::PollStarted) {
        QStringList roles;
        for (const QJsonValue &r : p.value(PayloadKey::Roles).toArray())
            roles << m_checklist.roleTitle(r.toString());
        return QStringLiteral("Go/no-go poll %1 before %2: %3")
            .arg(p.value(PayloadKey::Round).toInt())
            .arg(item, roles.join(QStringLiteral(", ")));
    }
    if (k == EventKind::PollAnswered) {
        if (p.value(PayloadKey::Answer).toString() == PollAnswer::Go)
            return QStringLiteral("%1 GO for %2").arg(role, item);
        return QStringLiteral("%1 NO-GO for %2: %3")
            .arg(role, item, p.value(PayloadKey::Reason).toString());
    }
    const QString target = p.value(PayloadKey::Target).toString();
    const ChecklistStep *step = m_checklist.step(target);
    return QStringLiteral("DEFERRED %1 to %2. Reason: %3")
        .arg(item,
             step ? stepName(target) : QStringLiteral("the follow-ups"),
             p.value(PayloadKey::Reason).toString());
}

} // namespace warroom
