#include "wall/WallRoom.h"

#include "engine/ChecklistEngine.h"
#include "timeline/EventVocabulary.h"
#include "timeline/ScreenClock.h"
#include "util/TimeFormat.h"

#include <algorithm>

namespace warroom {

namespace {

// The first open item of a step, in order, that has a poll; -1 when none.
int polledItem(const ChecklistEngine &engine, int step)
{
    const ChecklistStep &def = engine.checklist().steps.at(step);
    for (int i = 0; i < def.items.size(); ++i) {
        if (!def.items.at(i).poll.isEmpty()
            && engine.step(step).items.at(i).state == ItemState::Open)
            return i;
    }
    return -1;
}

// An item's text cut at a word to some 32 characters: the poll names the item, the current
// item above it is the one the wall prints whole.
QString shortItem(const ChecklistEngine &engine, int step, int item)
{
    const QString text = expandVariables(engine.checklist().steps.at(step).items.at(item).text,
                                         engine.textVariables());
    constexpr qsizetype most = 32;
    if (text.size() <= most)
        return text;
    const qsizetype cut = text.lastIndexOf(u' ', most);
    return text.left(cut > 0 ? cut : most) + QChar(0x2026);
}

// "GO/NO-GO (poll 2) before 'Rollback job of checkout-api…'" and the answers, in order.
QString describePoll(const ChecklistEngine &engine, int step, int item, const QString &where,
                     WallTone *tone)
{
    const Checklist &checklist = engine.checklist();
    const PollStatus &poll = engine.step(step).items.at(item).poll;
    QStringList parts;
    bool waiting = false;
    for (const QString &role : checklist.steps.at(step).items.at(item).poll) {
        const auto vote = std::find_if(poll.votes.cbegin(), poll.votes.cend(),
                                       [&](const PollVote &v) { return v.role == role; });
        if (vote == poll.votes.cend()) {
            parts << checklist.roleTitle(role) + QStringLiteral(" \u2014 waiting");
            waiting = true;
        } else {
            parts << checklist.roleTitle(role) + u' '
                         + (vote->go ? QStringLiteral("GO")
                                     : QStringLiteral("NO-GO (%1)").arg(vote->reason));
        }
    }
    if (tone)
        *tone = poll.noGo() ? WallTone::Failed : waiting ? WallTone::Active : WallTone::Done;
    return QStringLiteral("GO/NO-GO%1 before '%2'%3 \u00B7 ")
               .arg(poll.round > 1 ? QStringLiteral(" (poll %1)").arg(poll.round) : QString(),
                    shortItem(engine, step, item), where)
           + parts.join(QStringLiteral(" \u00B7 "));
}

} // namespace

void WallRoom::apply(const ChecklistEngine &engine, const TimelineEvents &events, qint64 nowMs,
                     const ScreenClock &clock, WallState &state)
{
    const CrewState &crew = engine.crew();
    // After a handover the timeline names the commander; before, the incident record does.
    if (crew.commandPeriods().size() > 1)
        state.commander = QStringLiteral("Commander: %1").arg(crew.commander());
    state.duty = dutyText(engine, clock, nowMs);
    state.roles = rolesText(engine);
    int pollStep = -1;
    int pollItem = -1;
    // Closed, no poll is under way: the last one's answers stood under "INCIDENT CLOSED".
    if (!engine.isClosed())
        state.poll = pollText(engine, &state.pollTone, &pollStep, &pollItem);
    state.pollOnCurrentItem = pollStep >= 0 && pollStep == engine.currentStep()
                              && pollItem == engine.currentItem(pollStep);
    for (int i = 0; i < state.steps.size() && i < engine.stepCount(); ++i) {
        if (engine.step(i).deferredItems > 0 && engine.step(i).state == StepState::Done) {
            state.steps[i].stateWord = QStringLiteral("DONE");
            QString &flag = state.steps[i].flagWord;
            flag = flag.isEmpty() ? QStringLiteral("EXCEPT DEFERRED")
                                  : flag + QStringLiteral(" \u00B7 EXCEPT DEFERRED");
            state.steps[i].tone = WallTone::Deferred;
        }
    }
    // The effective time of a handover, announced to the room (FEMA's transfer of command).
    for (qsizetype i = events.size() - 1; i >= 0; --i) {
        const TimelineEvent &e = events.at(i);
        if (e.kind != EventKind::CommandHandedOver)
            continue;
        if (nowMs - e.elapsedMs <= handoverAnnouncedMs)
            state.announcements.prepend(
                {0,
                 QStringLiteral("COMMAND HANDED OVER at %1: %2 has command (from %3)")
                     .arg(clock.shownText(e.elapsedMs), e.payload.value(PayloadKey::To).toString(),
                          e.payload.value(PayloadKey::From).toString()),
                 WallTone::Active});
        break;
    }
}

QString WallRoom::rolesText(const ChecklistEngine &engine)
{
    // Nothing until someone is named: a checklist's bare role list tells the room nothing.
    if (engine.crew().holders().isEmpty())
        return {};
    QStringList parts;
    for (const ChecklistRole &role : engine.checklist().roles) {
        if (role.id == commanderRoleId)
            continue;
        const QString who = engine.crew().personFor(role.id);
        parts << role.title + u' ' + (who.isEmpty() ? QStringLiteral("\u2014") : who);
    }
    return parts.join(QStringLiteral(" \u00B7 "));
}

QString WallRoom::pollText(const ChecklistEngine &engine, WallTone *tone, int *step, int *item)
{
    // The current step's poll, else a poll already under way in another step (parallel steps:
    // the room must see a NO-GO wherever it stands).
    int at = engine.currentStep();
    int polled = at >= 0 ? polledItem(engine, at) : -1;
    for (int s = 0; polled < 0 && s < engine.stepCount(); ++s) {
        const int i = polledItem(engine, s);
        if (i >= 0 && engine.step(s).items.at(i).poll.round > 0) {
            at = s;
            polled = i;
        }
    }
    if (step)
        *step = polled >= 0 ? at : -1;
    if (item)
        *item = polled;
    if (polled < 0)
        return {};
    return describePoll(engine, at, polled, QStringLiteral(" (step %1)").arg(at + 1), tone);
}

QString WallRoom::stepPollText(const ChecklistEngine &engine, int step, WallTone *tone)
{
    const int item = step >= 0 ? polledItem(engine, step) : -1;
    return item < 0 ? QString() : describePoll(engine, step, item, {}, tone);
}

QString WallRoom::ownerText(const ChecklistEngine &engine, int step)
{
    const QString role = engine.checklist().steps.at(step).role;
    if (role.isEmpty())
        return {};
    const QString who = engine.crew().personFor(role);
    const QString fallback = engine.crew().holders().value(role).fallback;
    return engine.checklist().roleTitle(role) + QStringLiteral(" \u2014 ")
           + (who.isEmpty() ? QStringLiteral("nobody yet") : who)
           + (fallback.isEmpty() ? QString() : QStringLiteral(" (fallback %1)").arg(fallback));
}

QString WallRoom::stepNotes(const ChecklistEngine &engine, int step, const ScreenClock &clock,
                            bool *deferred)
{
    const Checklist &checklist = engine.checklist();
    const auto &vars = engine.textVariables();
    QStringList lines;
    const StepStatus &st = engine.step(step);
    if (st.state == StepState::Done && st.deferredItems > 0)
        lines << QStringLiteral("COMPLETE EXCEPT DEFERRED ITEMS (%1)").arg(st.deferredItems);
    for (int i = 0; i < st.items.size(); ++i) {
        const ItemStatus &item = st.items.at(i);
        if (item.state == ItemState::Open && item.deferral.isActive())
            lines << QStringLiteral("DEFERRED to %1: '%2' \u2014 %3 (%4)")
                         .arg(item.deferral.target == followUpsTarget
                                  ? QStringLiteral("follow-ups")
                                  : QStringLiteral("step %1").arg(
                                        checklist.stepIndex(item.deferral.target) + 1),
                              expandVariables(checklist.steps.at(step).items.at(i).text, vars),
                              item.deferral.reason, item.deferral.actor);
    }
    QList<ChecklistEngine::ItemRef> back = engine.deferredItemsAt(checklist.steps.at(step).id);
    if (step == engine.stepCount() - 1)
        back += engine.deferredItemsAt(QString(followUpsTarget));
    for (const ChecklistEngine::ItemRef &r : back) {
        const Deferral &d = engine.step(r.step).items.at(r.item).deferral;
        lines << QStringLiteral("\u21A9 FROM STEP %1: '%2' \u2014 deferred by %3 at %4: %5")
                     .arg(r.step + 1)
                     .arg(expandVariables(checklist.steps.at(r.step).items.at(r.item).text, vars),
                          d.actor, clock.shownText(d.elapsedMs), d.reason);
    }
    if (deferred)
        *deferred = !lines.isEmpty();
    if (const QString poll = stepPollText(engine, step); !poll.isEmpty())
        lines << poll;
    return lines.join(u'\n');
}

QString WallRoom::dutyText(const ChecklistEngine &engine, const ScreenClock &clock, qint64 nowMs)
{
    const QList<CommandPeriod> &periods = engine.crew().commandPeriods();
    // Once closed nobody is on duty: the time would count on to the present ("8036:28 on duty").
    if (periods.isEmpty() || engine.isClosed())
        return {};
    // Both ends on the shown clock: the console took the drill clock's now less the period's real
    // start, and the wall real time, so one ×10 drill read "0:12 on duty" and "0:01 on duty".
    const qint64 on = std::max<qint64>(
        0, clock.shownMs(nowMs)
               - clock.shownMs(std::max<qint64>(0, periods.constLast().fromElapsedMs)));
    // In words: "0:03 on duty" read as three seconds to a new commander. No-break spaces inside
    // the time: the wall's commander line wraps, and "· 1 h" / "05 min on duty" split it.
    if (on < 60'000)
        return QStringLiteral("under 1\u00A0min on duty");
    if (on < 3'600'000)
        return QStringLiteral("%1\u00A0min on duty").arg(on / 60'000);
    return QStringLiteral("%1\u00A0h\u00A0%2\u00A0min on duty")
        .arg(on / 3'600'000)
        .arg((on / 60'000) % 60, 2, 10, QLatin1Char('0'));
}

} // namespace warroom
