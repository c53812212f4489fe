#include "itemmodels/TimelineModel.h"
#include "timeline/EventVocabulary.h"

#include "engine/AutomationStatus.h"

#include "report/EventFormatter.h"
#include "session/IncidentSession.h"
#include "util/TimeFormat.h"

#include <QFont>

namespace warroom {

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TimelineModel::setSession(IncidentSession *session)
{
    beginResetModel();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_rows.clear();
    m_variables.clear();
    endResetModel();
    if (m_session) {
        connect(m_session, &IncidentSession::eventsAppended, this, &TimelineModel::append);
        append(m_session->events());
    }
}

void TimelineModel::append(const TimelineEvents &events)
{
    if (events.isEmpty() || !m_session)
        return;
    // Sentences are made once per event, not on every paint.
    rewordIfVariablesChanged();
    const EventFormatter formatter(m_session->checklist(), m_variables);
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(events.size()) - 1);
    for (const TimelineEvent &e : events)
        m_rows.append({e, formatter.describe(e), m_session->checklist().stepIndex(e.stepId) + 1});
    endInsertRows();
}

void TimelineModel::rewordIfVariablesChanged()
{
    const QMap<QString, QString> variables = m_session->textVariables();
    if (variables == m_variables)
        return;
    m_variables = variables;
    if (m_rows.isEmpty())
        return;
    const EventFormatter formatter(m_session->checklist(), m_variables);
    for (Row &row : m_rows)
        row.text = formatter.describe(row.event);
    emit dataChanged(index(0, EventColumn), index(static_cast<int>(m_rows.size()) - 1, EventColumn),
                     {Qt::DisplayRole, Qt::ToolTipRole});
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn:
        return tr("#");
    case UtcColumn:
        return tr("UTC");
    case ElapsedColumn:
        return tr("T+");
    case ActorColumn:
        return tr("Who");
    case StepColumn:
        return tr("Step");
    case EventColumn:
        return tr("Event");
    default:
        return {};
    }
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const TimelineEvent &e = row.event;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeqColumn:
            return e.seq;
        case UtcColumn:
            return formatUtc(e.utcMs);
        case ElapsedColumn:
            return formatElapsed(e.elapsedMs);
        case ActorColumn:
            return e.actor;
        case StepColumn:
            return row.stepNumber > 0 ? QString::number(row.stepNumber) : QString();
        case EventColumn:
            return row.text;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        // Who may be elided in a narrow column; the full name is always one hover away.
        if (index.column() == ActorColumn)
            return e.actor;
        return index.column() == EventColumn ? row.text : QVariant();
    case Qt::FontRole:
        if (EventFormatter::isOverride(e)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case KindRole:
        return e.kind;
    case IsRoutineRole: {
        if (e.kind == EventKind::CheckSampled)
            return e.payload.value(PayloadKey::Passed).toBool()
                   || e.payload.value(PayloadKey::Label).toString().isEmpty();
        const bool poll
            = e.payload.value(PayloadKey::Phase).toString() == RequestPhase::Poll;
        return poll
               && (e.kind == EventKind::ActionRequested
                   || (e.kind == EventKind::ActionResponded
                       && !e.payload.contains(PayloadKey::Error)));
    }
    case StepIdRole:
        return e.stepId;
    case SeqRole:
        return e.seq;
    case IsOverrideRole:
        return EventFormatter::isOverride(e);
    case UtcMsRole:
        return e.utcMs;
    case ElapsedMsRole:
        return e.elapsedMs;
    default:
        return {};
    }
}

} // namespace warroom
