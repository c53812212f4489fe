// ChecklistModel: the rows of deferred items where they come back. Deferral is not skipping: the
// item is listed again at its target step (the follow-ups: the last step), labelled with where it
// came from, and stays listed there once it is resolved.
#include "itemmodels/ChecklistModel.h"

#include "session/IncidentSession.h"

namespace warroom {

int ChecklistModel::ownItems(int step) const
{
    return static_cast<int>(m_session->checklist().steps.at(step).items.size());
}

QList<ChecklistModel::Returned> ChecklistModel::returnedAt(int step) const
{
    QList<Returned> out;
    const ChecklistEngine &e = engine();
    const QString id = e.checklist().steps.at(step).id;
    const bool last = step == e.stepCount() - 1;
    for (int s = 0; s < e.stepCount(); ++s) {
        for (int i = 0; i < e.step(s).items.size(); ++i) {
            const Deferral &d = e.step(s).items.at(i).deferral;
            if (d.isActive() && (d.target == id || (last && d.target == followUpsTarget)))
                out.append({s, i});
        }
    }
    return out;
}

void ChecklistModel::syncReturned()
{
    for (int step = 0; step < m_returned.size(); ++step) {
        const QList<Returned> now = returnedAt(step);
        if (now == m_returned.at(step))
            continue;
        const QModelIndex parent = index(step, 0);
        const int first = ownItems(step);
        if (!m_returned.at(step).isEmpty()) {
            beginRemoveRows(parent, first,
                            first + static_cast<int>(m_returned.at(step).size()) - 1);
            m_returned[step].clear();
            endRemoveRows();
        }
        if (!now.isEmpty()) {
            beginInsertRows(parent, first, first + static_cast<int>(now.size()) - 1);
            m_returned[step] = now;
            endInsertRows();
        }
    }
}

QVariant ChecklistModel::returnedData(const Returned &r, int column, int role) const
{
    const ChecklistItem &def = m_session->checklist().steps.at(r.step).items.at(r.item);
    const ItemStatus &st = engine().step(r.step).items.at(r.item);
    const Deferral &d = st.deferral;
    const QString text = expandVariables(def.text, m_session->textVariables());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TitleColumn:
            return QStringLiteral("\u21A9 FROM STEP %1: %2").arg(r.step + 1).arg(text);
        case StateColumn:
            return st.state == ItemState::Open
                       ? QStringLiteral("\u21A9 returned, open")
                       : QStringLiteral("\u21A9 %1").arg(itemStateName(st.state));
        case WhoColumn:
            return st.state == ItemState::Open ? d.actor : st.actor;
        case TimeColumn:
            return m_session->screenClock().shownText(st.state == ItemState::Open ? d.elapsedMs
                                                                                  : st.elapsedMs);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return QStringLiteral("Deferred from step %1 by %2 at %3: %4")
            .arg(r.step + 1)
            .arg(d.actor, m_session->screenClock().shownText(d.elapsedMs), d.reason);
    case StepIdRole:
        return m_session->checklist().steps.at(r.step).id;
    case ItemIdRole:
        return def.id;
    case StateRole:
        return QStringLiteral("returned");
    case IsCurrentRole: // the step's own current item is the one highlighted
    case IsOverrideRole:
        return false;
    case ItemKindRole:
        return itemKindName(def.kind);
    case GuidanceRole:
        return expandVariables(def.detail, m_session->textVariables());
    default:
        return {};
    }
}

} // namespace warroom
