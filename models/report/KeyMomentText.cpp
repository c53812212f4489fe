#include "report/KeyMomentText.h"

#include "engine/ChecklistEngine.h"
#include "report/EventFormatter.h"
#include "report/KeyMoments.h"
#include "report/ReportText.h"
#include "timeline/EventVocabulary.h"
#include "util/OneLine.h"
#include "util/TimeFormat.h"

#include <QMap>
#include <QSet>

#include <algorithm>

namespace warroom {

KeyMomentText::KeyMomentText(const EventFormatter &formatter, const ChecklistEngine &engine,
                             const PostmortemRoom &room, const TimelineEvents *events)
    : m_formatter(formatter)
    , m_engine(engine)
    , m_room(room)
    , m_events(events)
{}

const TimelineEvent *KeyMomentText::eventAt(qint64 seq) const
{
    if (!m_events)
        return nullptr;
    const auto it = std::lower_bound(m_events->cbegin(), m_events->cend(), seq,
                                     [](const TimelineEvent &e, qint64 s) { return e.seq < s; });
    return it != m_events->cend() && it->seq == seq ? &*it : nullptr;
}

QString KeyMomentText::describe(const TimelineEvent &e, const TimelineEvent *before) const
{
    if (e.kind == EventKind::IncidentResumed && before)
        return gap(e, *before);
    if (e.kind == EventKind::PollAnswered)
        return pollAnswer(e);
    if (e.kind == EventKind::CommandHandedOver)
        return handover(e);
    if (e.kind == EventKind::ItemDeferred)
        return deferral(e);
    // A run's trouble says what became of its item: the failed rollback job and the latency
    // check that missed were listed, their later success nowhere in the section (a reader of the
    // trouble drill took the rollback for failed).
    switch (keyMomentOf(e, IncidentMode::Live)) {
    case KeyMoment::RunFailed:
    case KeyMoment::RunStopped:
    case KeyMoment::CheckMissed:
    case KeyMoment::RampHalted:
    case KeyMoment::RunCutShort:
    case KeyMoment::OutcomeUnknown:
    case KeyMoment::Resent: {
        const QString then = runOutcome(e);
        if (then.isEmpty())
            return m_formatter.describe(e);
        // Cut so that what became of the run still fits after it: a document cuts a text once,
        // at EventFormatter::longestShown, and cut there again it lost "Then a later run …"
        // and the first cut's count.
        QString text = m_formatter.describeWhole(e);
        if (text.size() + 2 + then.size() > EventFormatter::longestShown)
            text = OneLine::shownStart(
                text, std::max<qsizetype>(200, EventFormatter::longestShown - 2 - then.size()),
                EventFormatter::keptWhole);
        return text + (text.endsWith(u'.') ? QStringLiteral(" ") : QStringLiteral(". ")) + then;
    }
    default:
        return m_formatter.describe(e);
    }
}

// What became of the item after this run's trouble, from the whole timeline.
QString KeyMomentText::runOutcome(const TimelineEvent &e) const
{
    const ChecklistStep *step = m_engine.checklist().step(e.stepId);
    const int si = m_engine.checklist().stepIndex(e.stepId);
    const int ii = step ? step->itemIndex(e.itemId) : -1;
    if (ii < 0)
        return {};
    const ItemStatus &item = m_engine.step(si).items.at(ii);
    if (item.state == ItemState::Confirmed && item.seq > e.seq) {
        // As the confirmation itself says: by hand, or by which run (the item's last status
        // said a later run succeeded for a hand confirmation after an undo).
        const TimelineEvent *confirmed = eventAt(item.seq);
        if (!confirmed || confirmed->payload.value(PayloadKey::ByHand).toBool()
            || !confirmed->payload.contains(PayloadKey::Run))
            return QStringLiteral("Then confirmed %1by %2 at %3.")
                .arg(confirmed && confirmed->payload.value(PayloadKey::ByHand).toBool()
                         ? QStringLiteral("by hand ")
                         : QString(),
                     item.actor, formatElapsed(item.elapsedMs));
        const ItemKind kind = step->items.at(ii).kind;
        const QString went = kind == ItemKind::Check  ? QStringLiteral("passed")
                             : kind == ItemKind::Ramp ? QStringLiteral("reached full weight")
                                                      : QStringLiteral("succeeded");
        return (confirmed->payload.value(PayloadKey::Run) == e.payload.value(PayloadKey::Run)
                    ? QStringLiteral("Then this run %1: the item was done at %2.")
                    : QStringLiteral("Then a later run %1: the item was done at %2."))
            .arg(went, formatElapsed(item.elapsedMs));
    }
    if (item.state == ItemState::Skipped && item.seq > e.seq)
        return QStringLiteral("Then the item was skipped by %1 at %2.")
            .arg(item.actor, formatElapsed(item.elapsedMs));
    if (item.state != ItemState::Open)
        return {};
    // Its step skipped or failed as a whole: the item is not waiting for anyone.
    const StepStatus &st = m_engine.step(si);
    if (st.state == StepState::Skipped || st.state == StepState::Failed)
        return QStringLiteral("Its step was %1 at %2.")
            .arg(st.state == StepState::Skipped ? QStringLiteral("skipped")
                                                : QStringLiteral("marked failed"),
                 formatElapsed(st.endedElapsedMs));
    if (item.deferral.isActive())
        return QStringLiteral("The item was deferred at %1.")
            .arg(formatElapsed(item.deferral.elapsedMs));
    return m_engine.isClosed() ? QStringLiteral("The item was still not done when the incident "
                                                "closed.")
                               : QStringLiteral("The item is still open at this export.");
}

QString KeyMomentText::gap(const TimelineEvent &e, const TimelineEvent &before) const
{
    // Looking writes nothing, so the resumption is recorded with the first command after the
    // reopen; the time of the reopen itself rides along (opened_ms), believed by the timeline
    // row's rule (EventFormatter::reopenedAt).
    const std::optional<qint64> opened = EventFormatter::reopenedAt(e);
    const QString silence = QStringLiteral("nothing was recorded for %1, from %2 (the last event "
                                           "before) until ")
                                .arg(ReportText::duration(e.elapsedMs - before.elapsedMs),
                                     formatElapsed(before.elapsedMs));
    if (opened && *opened >= before.elapsedMs)
        return silence
               + QStringLiteral("%1; warroom was opened again at %2 (%3 after that last event), "
                                "%4 before its first command")
                     .arg(formatElapsed(e.elapsedMs), formatElapsed(*opened),
                          ReportText::duration(*opened - before.elapsedMs),
                          ReportText::duration(e.elapsedMs - *opened));
    // Opened before that last event: another writer (a `warroom note`) wrote it meanwhile.
    if (opened)
        return silence
               + QStringLiteral("%1, the first command of a warroom opened again at %2")
                     .arg(formatElapsed(e.elapsedMs), formatElapsed(*opened));
    return silence
           + QStringLiteral("warroom was opened again at %1").arg(formatElapsed(e.elapsedMs));
}

const PostmortemRoom::PollRow *KeyMomentText::pollRow(const TimelineEvent &e) const
{
    for (const auto &p : m_room.polls)
        if (p.seq == e.seq)
            return &p;
    return nullptr;
}

// A poll's answer that is a key moment: a NO-GO, or one person's second voice in a round.
QString KeyMomentText::pollAnswer(const TimelineEvent &e) const
{
    const PostmortemRoom::PollRow *row = pollRow(e);
    if (!row)
        return m_formatter.describe(e);
    QString second;
    if (row->alsoAnsweredAs.size() == 1) {
        // Every role this person answered for in the round, from the whole timeline.
        QStringList roles;
        for (const auto &p : m_room.polls)
            if (p.itemKey == row->itemKey && p.round == row->round && p.person == row->person)
                roles << p.role;
        second
            = QStringLiteral("%1 answered for %2 of the poll's roles in go/no-go poll round %3 "
                             "before %4 (%5): one person gave those voices.")
                  .arg(row->person)
                  .arg(roles.size())
                  .arg(row->round)
                  .arg(m_formatter.itemText(e.stepId, e.itemId), roles.join(QStringLiteral(", ")));
    }
    if (row->go)
        return second;
    return second.isEmpty() ? noGo(e, *row) : second + u' ' + noGo(e, *row);
}

// Who said NO-GO in which round and why, and when a later round of the same poll was all GO:
// until then the item could not run.
QString KeyMomentText::noGo(const TimelineEvent &e, const PostmortemRoom::PollRow &r) const
{
    const PostmortemRoom::PollRow *row = &r;
    QString text = QStringLiteral("%1 (%2) answered NO-GO in go/no-go poll round %3 before %4. "
                                  "Reason: %5. ")
                       .arg(row->person, row->role)
                       .arg(row->round)
                       .arg(m_formatter.itemText(e.stepId, e.itemId), row->reason);
    // The first later round in which every polled role answered GO, and when the last did.
    const ChecklistStep *step = m_engine.checklist().step(e.stepId);
    const int ii = step ? step->itemIndex(e.itemId) : -1;
    const qsizetype roles = ii < 0 ? 0 : step->items.at(ii).poll.size();
    QMap<int, QPair<qsizetype, qint64>> goes; // round -> GO answers, the last one's time
    QSet<int> refused;
    for (const auto &p : m_room.polls) {
        if (p.itemKey != row->itemKey || p.round <= row->round)
            continue;
        if (!p.go)
            refused.insert(p.round);
        goes[p.round] = {goes.value(p.round).first + p.go, p.atMs};
    }
    for (auto it = goes.cbegin(); it != goes.cend(); ++it) {
        if (!refused.contains(it.key()) && it.value().first >= roles)
            return text
                   + QStringLiteral("The item waited: round %1 was all GO at %2.")
                         .arg(it.key())
                         .arg(formatElapsed(it.value().second));
    }
    return text + QStringLiteral("No later round of this poll was all GO.");
}

QString KeyMomentText::handover(const TimelineEvent &e) const
{
    const QString from = e.payload.value(PayloadKey::From).toString();
    const QString to = e.payload.value(PayloadKey::To).toString();
    QString text = QStringLiteral("Command handed over from %1 to %2, effective %3 when %2 "
                                  "accepted with their own name")
                       .arg(from, to, formatElapsed(e.elapsedMs));
    for (const auto &c : m_room.commandPeriods) {
        if (c.fromMs == e.elapsedMs && c.commander == to && !c.briefing.isEmpty())
            return text + QStringLiteral(". Briefing: ")
                   + QString(c.briefing).replace(u'\n', QStringLiteral(" · "));
    }
    return text;
}

QString KeyMomentText::deferral(const TimelineEvent &e) const
{
    const QString target = e.payload.value(PayloadKey::Target).toString();
    const QString where = m_engine.checklist().stepIndex(target) >= 0
                              ? QStringLiteral("it comes back at ") + m_formatter.stepName(target)
                              : QStringLiteral("it goes to the follow-ups");
    return QStringLiteral("DEFERRED %1 of %2: %3. Reason: %4. %5")
        .arg(m_formatter.itemText(e.stepId, e.itemId), m_formatter.stepName(e.stepId), where,
             e.payload.value(PayloadKey::Reason).toString(), deferralOutcome(e));
}

// What became of the deferred item, from the whole timeline: resolved (by whom, when), deferred
// again, or still open when the incident closed (an action item).
QString KeyMomentText::deferralOutcome(const TimelineEvent &e) const
{
    const int si = m_engine.checklist().stepIndex(e.stepId);
    const int ii = si < 0 ? -1 : m_engine.checklist().steps.at(si).itemIndex(e.itemId);
    if (ii < 0)
        return {};
    const ItemStatus &item = m_engine.step(si).items.at(ii);
    if (item.state == ItemState::Confirmed)
        return QStringLiteral("Then confirmed by %1 at %2.")
            .arg(item.actor, formatElapsed(item.elapsedMs));
    if (item.state == ItemState::Skipped)
        return QStringLiteral("Then skipped by %1 at %2: %3.")
            .arg(item.actor, formatElapsed(item.elapsedMs), item.reason);
    if (item.deferral.isActive() && item.deferral.seq != e.seq)
        return QStringLiteral("Deferred again at %1.").arg(formatElapsed(item.deferral.elapsedMs));
    if (!item.deferral.isActive())
        return QStringLiteral("The deferral was undone; the item is open.");
    return m_engine.isClosed()
               ? QStringLiteral("STILL OPEN when the incident closed: an action item.")
               : QStringLiteral("Still open when this export was made.");
}

} // namespace warroom
