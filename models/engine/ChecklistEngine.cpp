#include "engine/ChecklistEngine.h"

#include "engine/PlanDrafts.h"
#include "timeline/EventVocabulary.h"
#include "util/TimeFormat.h"

#include <QJsonArray>

#include <algorithm>

namespace warroom {

using planning::draft;
using planning::refuse;

ChecklistEngine::ChecklistEngine(Checklist checklist, QMap<QString, QString> incidentVariables)
    : m_checklist(std::move(checklist))
    , m_textVariables(std::move(incidentVariables))
{
    m_steps.resize(m_checklist.steps.size());
    for (int i = 0; i < m_steps.size(); ++i)
        m_steps[i].items.resize(m_checklist.steps.at(i).items.size());
    recompute();
}

void ChecklistEngine::applyAll(const TimelineEvents &events)
{
    for (const TimelineEvent &e : events)
        apply(e);
}

void ChecklistEngine::apply(const TimelineEvent &e)
{
    m_lastSeq = std::max(m_lastSeq, e.seq);
    const int si = m_checklist.stepIndex(e.stepId);
    const int ii = si >= 0 ? m_checklist.steps.at(si).itemIndex(e.itemId) : -1;
    if (e.kind == EventKind::IncidentClosed)
        m_closed = true;
    m_crew.apply(e);
    followCommander(e);
    if (si >= 0)
        applyStepEvent(e, si);
    if (ii >= 0)
        applyItemEvent(e, si, ii);
    // Kinds this build does not know (written by a newer one) are kept in the timeline and
    // shown, but change no state. What recompute() derives comes from the steps and items alone,
    // which only an event on a step changes: a note, a role or the close leave it as it was
    // (walking every step for each note was a twentieth of a commit).
    if (si >= 0)
        recompute();
}

void ChecklistEngine::applyStepEvent(const TimelineEvent &e, int si)
{
    const QString &kind = e.kind;
    StepStatus &s = m_steps[si];
    if (kind == EventKind::StepStarted) {
        s.startedElapsedMs = e.elapsedMs;
        s.startedBy = e.actor;
        s.startOverridden = e.payload.value(PayloadKey::Override).toBool();
        s.overrideReason = e.payload.value(PayloadKey::Reason).toString();
        s.overriddenDependencies.clear();
        const QJsonArray unmet = e.payload.value(PayloadKey::UnmetDependencies).toArray();
        for (const auto &v : unmet)
            s.overriddenDependencies << v.toString();
        ++s.attempts;
        s.state = StepState::Active;
    } else if (kind == EventKind::StepCompleted || kind == EventKind::StepSkipped
               || kind == EventKind::StepFailed) {
        s.endedElapsedMs = e.elapsedMs;
        s.endedBy = e.actor;
        s.reason = e.payload.value(PayloadKey::Reason).toString();
        s.state = kind == EventKind::StepCompleted ? StepState::Done
                  : kind == EventKind::StepSkipped ? StepState::Skipped
                                                   : StepState::Failed;
        if (kind == EventKind::StepSkipped)
            m_undo.append({e.seq, kind, si, -1});
    } else if (kind == EventKind::StepReopened) {
        s.endedElapsedMs = -1;
        s.endedBy.clear();
        s.reason.clear();
        s.state = StepState::Active; // no longer finished; recompute() says what it is now
        removeUndo(static_cast<qint64>(e.payload.value(PayloadKey::Reverts).toDouble()));
    }
}

void ChecklistEngine::applyItemEvent(const TimelineEvent &e, int si, int ii)
{
    const QString &kind = e.kind;
    ItemStatus &item = m_steps[si].items[ii];
    if (kind == EventKind::ItemConfirmed || kind == EventKind::ItemSkipped) {
        item.state = kind == EventKind::ItemConfirmed ? ItemState::Confirmed : ItemState::Skipped;
        item.actor = e.actor;
        item.elapsedMs = e.elapsedMs;
        item.seq = e.seq;
        item.value = e.payload.value(PayloadKey::Value).toString();
        item.reason = e.payload.value(PayloadKey::Reason).toString();
        item.overridden = e.payload.value(PayloadKey::Override).toBool();
        item.byHand = e.payload.value(PayloadKey::ByHand).toBool();
        m_undo.append({e.seq, kind, si, ii});
    } else if (kind == EventKind::ItemReverted) {
        const qint64 reverts = static_cast<qint64>(e.payload.value(PayloadKey::Reverts).toDouble());
        if (reverts == item.deferral.seq) { // undoing the deferral itself
            item.deferral = Deferral{};
        } else { // undo reopens the item, not its history (runs, polls, a deferral)
            ItemStatus kept;
            kept.automation = std::move(item.automation);
            kept.poll = std::move(item.poll);
            kept.deferral = std::move(item.deferral);
            item = std::move(kept);
        }
        removeUndo(reverts);
    } else if (isRunEventKind(kind)) {
        item.automation.apply(e);
        const QJsonObject extracted = e.payload.value(PayloadKey::Extracted).toObject();
        for (auto it = extracted.begin(); it != extracted.end(); ++it) {
            m_extracted.insert(it.key(), it.value().toString());
            m_textVariables.insert(it.key(), it.value().toString());
        }
    } else {
        applyRoomItemEvent(e, si, ii);
    }
}

void ChecklistEngine::removeUndo(qint64 seq)
{
    for (qsizetype i = m_undo.size() - 1; i >= 0; --i) {
        if (m_undo.at(i).seq == seq) {
            m_undo.removeAt(i);
            return;
        }
    }
}

void ChecklistEngine::recompute()
{
    // A finished step keeps the state its event gave it. The others follow from whether they
    // started and whether their dependencies are finished; a dependency's state never depends on
    // the step asking, so the order of the steps does not matter.
    for (int i = 0; i < m_steps.size(); ++i) {
        StepStatus &s = m_steps[i];
        s.deferredItems = 0;
        for (const ItemStatus &item : std::as_const(s.items))
            s.deferredItems += item.state == ItemState::Open && item.deferral.isActive() ? 1 : 0;
        if (s.isFinished())
            continue;
        if (s.isStarted())
            s.state = StepState::Active;
        else
            s.state = unmetDependencies(i).isEmpty() ? StepState::Ready : StepState::Pending;
    }
}

QStringList ChecklistEngine::unmetDependencies(int index) const
{
    QStringList unmet;
    for (const QString &dep : m_checklist.steps.at(index).dependsOn) {
        const int d = m_checklist.stepIndex(dep);
        const StepState state = d >= 0 ? m_steps.at(d).state : StepState::Done;
        if (state != StepState::Done && state != StepState::Skipped)
            unmet << dep;
    }
    return unmet;
}

int ChecklistEngine::stepCountIn(StepState state) const
{
    return static_cast<int>(
        std::count_if(m_steps.cbegin(), m_steps.cend(),
                      [state](const StepStatus &s) { return s.state == state; }));
}

const ItemStatus *ChecklistEngine::itemStatus(const QString &stepId, const QString &itemId) const
{
    const int si = m_checklist.stepIndex(stepId);
    const int ii = si >= 0 ? m_checklist.steps.at(si).itemIndex(itemId) : -1;
    return ii < 0 ? nullptr : &m_steps.at(si).items.at(ii);
}

int ChecklistEngine::currentStep() const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps[i].state == StepState::Active && currentItem(i) >= 0)
            return i;
    }
    // A failed step before a pending one: the steps waiting for it were shown next, on the console
    // and the wall, with their first item and its Send button, as if it had gone by. Restarting
    // it, or deciding what waits for it, is what the room has to do.
    for (StepState wanted :
         {StepState::Ready, StepState::Active, StepState::Failed, StepState::Pending}) {
        for (int i = 0; i < m_steps.size(); ++i) {
            if (m_steps[i].state == wanted)
                return i;
        }
    }
    return -1;
}

int ChecklistEngine::currentItem(int stepIndex) const
{
    if (stepIndex < 0 || stepIndex >= m_steps.size())
        return -1;
    const auto &items = m_steps.at(stepIndex).items;
    for (int i = 0; i < items.size(); ++i) {
        if (items.at(i).isPending())
            return i;
    }
    return -1;
}

qint64 ChecklistEngine::undoableSeq() const
{
    return m_undo.isEmpty() || m_closed ? 0 : m_undo.constLast().seq;
}

QString ChecklistEngine::stepLabel(int index) const
{
    return QStringLiteral("Step %1 (%2)")
        .arg(index + 1)
        .arg(expandName(m_checklist.steps.at(index).title, m_textVariables));
}

EnginePlan ChecklistEngine::planResolveItem(const QString &stepId, const QString &itemId,
                                            const QString &actor, const QString &reason,
                                            bool alwaysNeedsReason, int *stepIndex, int *itemIndex,
                                            bool *outOfOrder) const
{
    if (m_closed)
        return refuse(QStringLiteral("The incident is closed; nothing more can be confirmed."));
    if (actor.trimmed().isEmpty())
        return refuse(QStringLiteral("Say who is acting: every confirmation is signed by a name."));
    const int si = m_checklist.stepIndex(stepId);
    if (si < 0)
        return refuse(QStringLiteral("There is no step '%1' in this checklist.").arg(stepId));
    const int ii = m_checklist.steps.at(si).itemIndex(itemId);
    if (ii < 0)
        return refuse(QStringLiteral("%1 has no item '%2'.").arg(stepLabel(si), itemId));
    const StepStatus &s = m_steps.at(si);
    const ItemStatus &item = s.items.at(ii);
    // A deferred item stays open after its step completed "except deferred items".
    if (s.isFinished() && !(item.deferral.isActive() && item.state == ItemState::Open))
        return refuse(finishedStepRefusal(si));
    if (item.state != ItemState::Open)
        return refuse(
            QStringLiteral("'%1' was already %2 by %3 at %4.")
                .arg(expandVariables(m_checklist.steps.at(si).items.at(ii).text, m_textVariables),
                     itemStateName(item.state), item.actor,
                     formatElapsed(m_timeText, item.elapsedMs)));

    const QStringList unmet = s.state == StepState::Pending ? unmetDependencies(si) : QStringList();
    const int first = currentItem(si);
    const bool skipsAhead = first != ii && !item.deferral.isActive();
    QStringList why;
    if (!unmet.isEmpty())
        why << stepLabel(si) + QStringLiteral(" waits for: ") + unmet.join(QStringLiteral(", "));
    if (skipsAhead)
        why << QStringLiteral("'%1' comes first in this step")
                   .arg(expandVariables(m_checklist.steps.at(si).items.at(first).text,
                                        m_textVariables));
    if ((alwaysNeedsReason || !why.isEmpty()) && reason.trimmed().isEmpty()) {
        const QString head
            = why.isEmpty() ? QString() : why.join(QStringLiteral("; ")) + QStringLiteral(". ");
        // A skip names its item: the reason's dialog said only "Give a reason to go ahead".
        const QString ask
            = alwaysNeedsReason
                  ? QStringLiteral("Say why '%1' is skipped; the reason stays in the timeline.")
                        .arg(expandVariables(m_checklist.steps.at(si).items.at(ii).text,
                                             m_textVariables))
                  : QStringLiteral("Give a reason to go ahead; it stays in the timeline.");
        return refuse(head + ask, true);
    }

    EnginePlan plan;
    if (!s.isStarted()) {
        QJsonObject payload;
        if (!unmet.isEmpty()) {
            payload.insert(PayloadKey::Override, true);
            payload.insert(PayloadKey::Reason, reason.trimmed());
            payload.insert(PayloadKey::UnmetDependencies, QJsonArray::fromStringList(unmet));
        }
        plan.drafts << draft(actor, EventKind::StepStarted, stepId, {}, payload);
    }
    *stepIndex = si;
    *itemIndex = ii;
    *outOfOrder = skipsAhead;
    return plan;
}

QString ChecklistEngine::finishedStepRefusal(int index) const
{
    switch (m_steps.at(index).state) {
    case StepState::Done:
        return stepLabel(index) + QStringLiteral(" is already done; undo to change it.");
    case StepState::Skipped:
        return stepLabel(index) + QStringLiteral(" was skipped; undo the skip first.");
    default:
        return stepLabel(index) + QStringLiteral(" has failed; restart it first.");
    }
}

bool ChecklistEngine::isLastOpenItem(int stepIndex, int itemIndex) const
{
    const auto &items = m_steps.at(stepIndex).items;
    for (int i = 0; i < items.size(); ++i) {
        if (i != itemIndex && items.at(i).isPending())
            return false;
    }
    // A deferred item resolved after its step completed completes nothing again.
    return !m_steps.at(stepIndex).isFinished();
}

EnginePlan ChecklistEngine::planConfirmItem(const QString &stepId, const QString &itemId,
                                            const QString &actor, const QString &value,
                                            const QString &reason) const
{
    int si = -1, ii = -1;
    bool outOfOrder = false;
    EnginePlan plan = planResolveItem(stepId, itemId, actor, reason, false, &si, &ii, &outOfOrder);
    if (!plan.ok())
        return plan;
    if (const QString why = pollRefusal(si, ii); !why.isEmpty())
        return refuse(why);
    const ChecklistItem &def = m_checklist.steps.at(si).items.at(ii);
    QJsonObject payload;
    if (def.isAutomated()) {
        // Confirming by hand what a request or a measurement should prove is an override.
        const AutomationStatus &run = m_steps.at(si).items.at(ii).automation;
        if (reason.trimmed().isEmpty()) {
            QString last;
            if (run.phase != AutomationStatus::Phase::Idle)
                last = QStringLiteral(" (last run: %1%2)")
                           .arg(AutomationStatus::phaseName(run.phase),
                                run.reason.isEmpty() ? QString()
                                                     : QStringLiteral(": ") + run.reason);
            return refuse(
                QStringLiteral("'%1' is done by its %2%3. Give a reason to confirm it by "
                               "hand; it stays in the timeline.")
                    .arg(expandVariables(def.text, m_textVariables), itemKindName(def.kind), last),
                true);
        }
        payload.insert(PayloadKey::Override, true);
        payload.insert(PayloadKey::ByHand, true);
    }
    if (def.kind == ItemKind::Choice) {
        if (!def.option(value)) {
            QStringList values;
            for (const ChoiceOption &o : def.options)
                values << o.value;
            return refuse(QStringLiteral("'%1' needs a choice: one of %2.")
                              .arg(expandVariables(def.text, m_textVariables),
                                   values.join(QStringLiteral(", "))));
        }
        payload.insert(PayloadKey::Value, value);
    }
    if (!reason.trimmed().isEmpty())
        payload.insert(PayloadKey::Reason, reason.trimmed());
    if (outOfOrder) {
        payload.insert(PayloadKey::Override, true);
        if (def.isAutomated())
            payload.insert(PayloadKey::OutOfOrder, true);
    }
    plan.drafts << draft(actor, EventKind::ItemConfirmed, stepId, itemId, payload);

    if (isLastOpenItem(si, ii))
        plan.drafts << draft(actor, EventKind::StepCompleted, stepId);
    return plan;
}

EnginePlan ChecklistEngine::planUndo(const QString &actor) const
{
    if (m_closed)
        return refuse(QStringLiteral("The incident is closed; its timeline can no longer change."));
    if (m_undo.isEmpty())
        return refuse(QStringLiteral("Nothing to undo."));
    const UndoEntry &u = m_undo.constLast();
    const QString stepId = m_checklist.steps.at(u.step).id;
    EnginePlan plan;
    QJsonObject payload{{PayloadKey::Reverts, u.seq}};
    if (u.kind == EventKind::StepSkipped) {
        plan.drafts << draft(actor, EventKind::StepReopened, stepId, {}, payload);
        return plan;
    }
    plan.drafts << draft(actor, EventKind::ItemReverted, stepId,
                         m_checklist.steps.at(u.step).items.at(u.item).id, payload);
    // A deferred item confirmed after its step completed did not complete it: its undo leaves
    // the step done (undoing the deferral itself reopens it).
    const Deferral &deferral = m_steps.at(u.step).items.at(u.item).deferral;
    if (m_steps.at(u.step).state == StepState::Done
        && !(deferral.isActive() && deferral.seq != u.seq))
        plan.drafts << draft(actor, EventKind::StepReopened, stepId, {},
                             QJsonObject{{PayloadKey::Cause, ReopenCause::Undo}});
    return plan;
}

int ChecklistEngine::stepForCommand(const QString &stepId, EnginePlan *refusal) const
{
    if (m_closed) {
        *refusal = refuse(QStringLiteral("The incident is closed."));
        return -1;
    }
    const int si = m_checklist.stepIndex(stepId);
    if (si < 0)
        *refusal = refuse(QStringLiteral("There is no step '%1' in this checklist.").arg(stepId));
    return si;
}

EnginePlan ChecklistEngine::planStartStep(const QString &stepId, const QString &actor,
                                          const QString &reason) const
{
    EnginePlan refusal;
    const int si = stepForCommand(stepId, &refusal);
    if (si < 0)
        return refusal;
    const StepStatus &s = m_steps.at(si);
    if (s.state == StepState::Active)
        return refuse(stepLabel(si) + QStringLiteral(" is already running."));
    if (s.isFinished())
        return refuse(stepLabel(si) + QStringLiteral(" is already ") + stepStateName(s.state)
                      + u'.');
    QJsonObject payload;
    if (s.state == StepState::Pending) {
        const QStringList unmet = unmetDependencies(si);
        if (reason.trimmed().isEmpty())
            return refuse(stepLabel(si) + QStringLiteral(" waits for: ")
                              + unmet.join(QStringLiteral(", "))
                              + QStringLiteral(". Give a reason to start it anyway."),
                          true);
        payload.insert(PayloadKey::Override, true);
        payload.insert(PayloadKey::Reason, reason.trimmed());
        payload.insert(PayloadKey::UnmetDependencies, QJsonArray::fromStringList(unmet));
    }
    EnginePlan plan;
    plan.drafts << draft(actor, EventKind::StepStarted, stepId, {}, payload);
    return plan;
}

EnginePlan ChecklistEngine::planSkipStep(const QString &stepId, const QString &actor,
                                         const QString &reason) const
{
    EnginePlan refusal;
    const int si = stepForCommand(stepId, &refusal);
    if (si < 0)
        return refusal;
    if (m_steps.at(si).isFinished())
        return refuse(stepLabel(si) + QStringLiteral(" is already ")
                      + stepStateName(m_steps.at(si).state) + u'.');
    if (reason.trimmed().isEmpty())
        return refuse(QStringLiteral("Skipping ") + stepLabel(si)
                          + QStringLiteral(" needs a reason; it stays visible in the timeline."),
                      true);
    EnginePlan plan;
    plan.drafts << draft(actor, EventKind::StepSkipped, stepId, {},
                         QJsonObject{{PayloadKey::Reason, reason.trimmed()}});
    return plan;
}

EnginePlan ChecklistEngine::planFailStep(const QString &stepId, const QString &actor,
                                         const QString &reason) const
{
    EnginePlan refusal;
    const int si = stepForCommand(stepId, &refusal);
    if (si < 0)
        return refusal;
    if (m_steps.at(si).state != StepState::Active)
        return refuse(stepLabel(si) + QStringLiteral(" is not running, so it cannot fail."));
    if (reason.trimmed().isEmpty())
        return refuse(QStringLiteral("Say what failed in ") + stepLabel(si) + u'.', true);
    EnginePlan plan;
    plan.drafts << draft(actor, EventKind::StepFailed, stepId, {},
                         QJsonObject{{PayloadKey::Reason, reason.trimmed()}});
    return plan;
}

EnginePlan ChecklistEngine::planRestartStep(const QString &stepId, const QString &actor) const
{
    EnginePlan refusal;
    const int si = stepForCommand(stepId, &refusal);
    if (si < 0)
        return refusal;
    if (m_steps.at(si).state != StepState::Failed)
        return refuse(stepLabel(si) + QStringLiteral(" has not failed."));
    EnginePlan plan;
    plan.drafts << draft(actor, EventKind::StepReopened, stepId, {},
                         QJsonObject{{PayloadKey::Cause, ReopenCause::Restart}});
    return plan;
}

} // namespace warroom
