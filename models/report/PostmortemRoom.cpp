#include "report/PostmortemRoom.h"

#include "engine/ChecklistEngine.h"
#include "timeline/EventVocabulary.h"

#include <QHash>

namespace warroom {

namespace {

QString itemTextOf(const ChecklistEngine &engine, int step, const QString &itemId)
{
    const ChecklistStep &def = engine.checklist().steps.at(step);
    const int i = def.itemIndex(itemId);
    return i < 0 ? itemId : expandVariables(def.items.at(i).text, engine.textVariables());
}

QString briefingText(const QJsonObject &b)
{
    const QList<QPair<QLatin1StringView, QString>> parts{
        {PayloadKey::Situation, QStringLiteral("Situation")},
        {PayloadKey::Objectives, QStringLiteral("Objectives")},
        {PayloadKey::NextActions, QStringLiteral("Next actions")},
        {PayloadKey::Concerns, QStringLiteral("Concerns")}};
    QStringList out;
    for (const auto &[key, label] : parts) {
        const QString text = b.value(key).toString().trimmed();
        if (!text.isEmpty())
            out << label + QStringLiteral(": ") + QString(text).replace(u'\n', QStringLiteral("; "));
    }
    return out.join(u'\n');
}

// Each holding of a role, from role.assigned: a new holder (or a new fallback) ends the one
// before, an assignment to nobody ends it without another.
void addHolding(QList<PostmortemRoom::RoleRow> &rows, const TimelineEvent &e)
{
    if (!rows.isEmpty() && rows.last().toMs < 0)
        rows.last().toMs = e.elapsedMs;
    const QString person = e.payload.value(PayloadKey::Person).toString();
    if (!person.isEmpty())
        rows << PostmortemRoom::RoleRow{
            QString(), person, e.payload.value(PayloadKey::Fallback).toString(), e.elapsedMs, -1};
}

} // namespace

PostmortemRoom PostmortemRoom::collect(const ChecklistEngine &engine, const TimelineEvents &events)
{
    PostmortemRoom room;
    const Checklist &checklist = engine.checklist();
    for (const CommandPeriod &p : engine.crew().commandPeriods())
        room.commandPeriods << CommandRow{p.commander, p.fromElapsedMs, p.toElapsedMs,
                                          briefingText(p.briefing)};
    QHash<QString, QList<RoleRow>> held; // role id -> its holdings, in time
    QHash<QString, int> rounds;          // step/item -> round
    for (const TimelineEvent &e : events) {
        if (e.kind == EventKind::RoleAssigned)
            addHolding(held[e.payload.value(PayloadKey::Role).toString()], e);
        // Only polls need their step's place and key: finding and building them for each of
        // 100,000 check samples was 39 of the 41 million instructions collecting the room took.
        if (e.kind != EventKind::PollStarted && e.kind != EventKind::PollAnswered)
            continue;
        const int step = checklist.stepIndex(e.stepId);
        if (step < 0)
            continue;
        const QString key = e.stepId + u'/' + e.itemId;
        if (e.kind == EventKind::PollStarted)
            rounds[key] = e.payload.value(PayloadKey::Round).toInt();
        if (e.kind == EventKind::PollAnswered) {
            if (rounds.value(key) == 0) // answered before any round was recorded: round 1
                rounds[key] = 1;
            PollRow row{step + 1,
                        itemTextOf(engine, step, e.itemId),
                        rounds.value(key),
                        checklist.roleTitle(e.payload.value(PayloadKey::Role).toString()),
                        e.actor,
                        e.payload.value(PayloadKey::Answer).toString() == PollAnswer::Go,
                        e.payload.value(PayloadKey::Reason).toString(),
                        e.elapsedMs,
                        e.seq,
                        key,
                        {}};
            for (const PollRow &earlier : std::as_const(room.polls)) {
                if (earlier.itemKey == key && earlier.round == row.round
                    && earlier.person == row.person && earlier.role != row.role)
                    row.alsoAnsweredAs << earlier.role;
            }
            room.polls << row;
        }
    }
    for (int s = 0; s < engine.stepCount(); ++s) {
        for (int i = 0; i < engine.step(s).items.size(); ++i) {
            const ItemStatus &item = engine.step(s).items.at(i);
            if (!item.deferral.isActive())
                continue;
            const int t = checklist.stepIndex(item.deferral.target);
            room.deferrals << DeferralRow{
                s + 1,
                expandVariables(checklist.steps.at(s).items.at(i).text, engine.textVariables()),
                t < 0 ? QStringLiteral("follow-ups")
                      : QStringLiteral("step %1 (%2)")
                            .arg(t + 1)
                            .arg(expandName(checklist.steps.at(t).title, engine.textVariables())),
                item.deferral.reason,
                item.deferral.actor,
                item.deferral.elapsedMs,
                item.state == ItemState::Open};
        }
    }
    // In the checklist's order, each role's holders in time: "Roles held" showed only who held
    // each role at the end, as if they had held it throughout. The commander's role is held by
    // whoever was in command (commandPeriods).
    for (const ChecklistRole &r : checklist.roles) {
        QList<RoleRow> rows;
        if (r.id == commanderRoleId) {
            for (const CommandRow &c : std::as_const(room.commandPeriods))
                rows << RoleRow{QString(), c.commander, QString(), c.fromMs, c.toMs};
        } else {
            rows = held.value(r.id);
        }
        if (rows.isEmpty())
            rows << RoleRow{};
        for (RoleRow &row : rows) {
            row.role = r.title;
            room.roles << row;
        }
    }
    return room;
}

} // namespace warroom
